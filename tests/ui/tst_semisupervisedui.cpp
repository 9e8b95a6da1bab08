#include "classanalogyrow.h"
#include "classifierpanel.h"
#include "drawcanvas.h"
#include "drawpanel.h"
#include "elboplotpanel.h"
#include "interpolationpanel.h"
#include "latentsliderpanel.h"
#include "mainwindow.h"
#include "mainwindowfixture.h"
#include "plotinclude.h"
#include "session.h"
#include "syntheticdata.h"
#include "tinyconfig.h"
#include "trainingpanel.h"
#include "transfer/vaefinetune.h"

#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QMessageBox>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using SyntheticData::Pattern;

namespace {

EpochStats epoch(int index, double accuracy)
{
    EpochStats stats;
    stats.epoch = index;
    stats.test.negElbo = 300.0 - index;
    stats.test.recon = 280.0 - index;
    stats.test.kl = 150.0; // the nats axis then spans 150-300, away from any percentage
    stats.test.accuracy = accuracy;
    return stats;
}

QStringList legendNames(const ElboPlotPanel &panel)
{
    QStringList names;
    for (int i = 0; i < panel.plot()->legend->itemCount(); ++i)
        if (auto *item = qobject_cast<QCPPlottableLegendItem *>(panel.plot()->legend->item(i)))
            names << item->plottable()->name();
    return names;
}

/// The text of the message box the main window shows last (its errors are asynchronous boxes).
QString shownError(const QWidget &window)
{
    const auto boxes = window.findChildren<QMessageBox *>();
    return boxes.isEmpty() ? QString() : boxes.last()->text();
}

/// Whether a label of the draw panel holds `words`.
bool drawPanelSays(const MainWindow &window, const QString &words)
{
    const auto labels = window.drawPanel()->findChildren<QLabel *>();
    return std::any_of(labels.cbegin(), labels.cend(), [&](const QLabel *l) { return l->text().contains(words); });
}

} // namespace

/// The semi-supervised model in the GUI: the check before a run, the accuracy curve and a whole run (the Labels per
/// class control: tst_labelsettings; the class chooser and the analogies row on their own: tst_classanalogy).
class TestSemiSupervisedUi final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { useTestSettings(QStringLiteral("tst_semisupervisedui")); }

    // --- Session: the check before a run ---

    void tooManyLabelsPerClassAreRefusedBeforeTraining_data()
    {
        QTest::addColumn<int>("perClass");
        QTest::addColumn<bool>("labelled");
        QTest::addColumn<QString>("expected"); // empty: no problem
        QTest::newRow("16 of 16 per class") << 16 << true << QString();
        QTest::newRow("17 of 16 per class") << 17 << true << QStringLiteral("fewer than the 17 labels");
        QTest::newRow("no labels") << 2 << false << QStringLiteral("needs labels");
    }

    void tooManyLabelsPerClassAreRefusedBeforeTraining()
    {
        QFETCH(int, perClass);
        QFETCH(bool, labelled);
        QFETCH(QString, expected);
        Session session;
        DataSplit data = tinySplit();
        if (!labelled)
            data.train.labels.clear();
        session.setData(data, QStringLiteral("blobs"));
        TrainConfig config = tinyConfig(Pattern::Blobs, 1);
        config.model.classes = 4;
        config.labelsPerClass = perClass;
        const QString problem = session.labelProblem(config);
        if (expected.isEmpty()) {
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            return;
        }
        QVERIFY2(problem.contains(expected), qPrintable(problem));
        QSignalSpy errors(&session, &Session::errorOccurred);
        QVERIFY(!session.start(config, false));
        QCOMPARE(errors.count(), 1);
        QVERIFY(errors.first().first().toString().contains(expected));
        QVERIFY(!session.isRunning());
    }

    void theMainWindowSaysSoInsteadOfTraining()
    {
        MainWindow window(false);
        window.show();
        window.session()->setData(tinySplit(), QStringLiteral("blobs")); // 16 training images per class
        TrainingPanel *panel = window.trainingPanel();
        panel->setConfig(tinyConfig(Pattern::Blobs, 1));
        chooseLabels(*panel, QStringLiteral("k"), 40);
        QCOMPARE(panel->config().model.classes, 4); // from the loaded data
        window.startTraining();
        QVERIFY(!window.session()->isRunning());
        QVERIFY2(shownError(window).contains(QStringLiteral("fewer than the 40 labels")),
                 qPrintable(shownError(window)));
        // The panel had said so beside the choice.
        auto *hint = panel->findChild<QLabel *>(QStringLiteral("labelsHint"));
        QVERIFY2(hint->text().contains(QStringLiteral("only 16 images")), qPrintable(hint->text()));
        chooseLabels(*panel, QStringLiteral("k"), 16);
        QVERIFY2(hint->text().contains(QStringLiteral("64 labelled")), qPrintable(hint->text()));
    }

    // --- ELBO plot ---

    void accuracyCurveAppearsOnlyWithAccuracyValues()
    {
        ElboPlotPanel panel;
        panel.addEpoch(epoch(0, qQNaN())); // the plain VAE
        panel.addEpoch(epoch(1, qQNaN()));
        QCOMPARE(panel.testPointCount(), 2);
        QCOMPARE(panel.accuracyPointCount(), 0);
        QVERIFY(!panel.plot()->yAxis2->visible());
        const int plainLegend = int(legendNames(panel).size());
        QVERIFY(!legendNames(panel).join(QLatin1Char(' ')).contains(QStringLiteral("Accuracy")));

        panel.clear();
        panel.addEpoch(epoch(0, 0.5));
        panel.addEpoch(epoch(1, 0.75));
        QCOMPARE(panel.accuracyPointCount(), 2);
        QVERIFY(panel.plot()->yAxis2->visible());
        QCOMPARE(legendNames(panel).size(), plainLegend + 1);
        QVERIFY(legendNames(panel).contains(QStringLiteral("Accuracy (test, %)")));
        QCOMPARE(panel.plot()->legend->rowCount(), 2); // a fourth column, not a third row taking the plot's height
        // In %, on its own axis: the nats axis keeps the losses' range.
        QVERIFY(panel.plot()->yAxis2->range().contains(75.0));
        QVERIFY(panel.plot()->yAxis2->range().upper <= 100.0);
        QVERIFY(!panel.plot()->yAxis->range().contains(75.0));

        panel.clear();
        QCOMPARE(panel.accuracyPointCount(), 0);
        QVERIFY(!panel.plot()->yAxis2->visible());
        QCOMPARE(legendNames(panel).size(), plainLegend);
    }

    void aCheckpointHistoryBringsItsAccuracy()
    {
        ElboPlotPanel panel;
        panel.setHistory({epoch(0, 0.6), epoch(1, 0.7), epoch(2, 0.8)});
        QCOMPARE(panel.accuracyPointCount(), 3);
        QVERIFY(panel.plot()->yAxis2->visible());
        panel.setHistory({epoch(0, qQNaN())});
        QCOMPARE(panel.accuracyPointCount(), 0);
        QVERIFY(!panel.plot()->yAxis2->visible());
    }

    void anOpenedModelsConfusionCellsShowTheirImages()
    {
        // A checkpoint keeps no predictions: the opened model's classifier gives them again, and they are shown where
        // they give its saved matrix.
        MainWindow trained(false);
        trained.show();
        // Named as the digits, where the label graph is off by default: with its vote in the figure, q(y|x) alone
        // would not give the matrix.
        trained.session()->setData(tinySplit(), QStringLiteral("mnist"));
        TrainConfig config = semiConfig(2, 2);
        config.dataset = QStringLiteral("mnist");
        trained.trainingPanel()->setConfig(config);
        QSignalSpy finished(trained.session(), &Session::finished);
        trained.startTraining();
        QVERIFY2(finished.wait(120000), qPrintable(shownError(trained)));
        QVERIFY(trained.session()->checkpoint().has_value());
        Checkpoint saved = *trained.session()->checkpoint();
        QVERIFY(!saved.history.last().test.confusion.isEmpty());
        saved.history.last().test.predictions.clear(); // as CheckpointIo reads it back

        QVERIFY(!std::isfinite(saved.history.last().test.graphAccuracy));
        MainWindow window(false);
        window.show();
        window.session()->setData(tinySplit(), QStringLiteral("mnist"));
        QVERIFY(window.session()->openCheckpoint(saved));
        ClassifierPanel *panel = window.classifierPanel();
        QTRY_VERIFY2(panel->caption().endsWith(QLatin1String("Click a cell for its images.")),
                     qPrintable(panel->caption()));
        const ConfusionMatrix &matrix = saved.history.last().test.confusion;
        const int largest =
            int(std::max_element(matrix.counts.cbegin(), matrix.counts.cend()) - matrix.counts.cbegin());
        panel->showCell(largest / matrix.classes, largest % matrix.classes);
        QCOMPARE(panel->shownExampleCount(), qMin(matrix.counts[largest], ClassifierPanel::kMaxExamples));
        QVERIFY(panel->shownExampleCount() > 0);
        // The manifold decodes under the sliders' class.
        QTRY_VERIFY(window.sliderPanel()->showsClasses());
        window.sliderPanel()->setCurrentClass(2);
        QCOMPARE(window.interpolationPanel()->manifoldClass(), 2);

        // With the label graph's vote in its figure, q(y|x) alone would show other images: none.
        saved.history.last().test.graphAccuracy = 0.5;
        QVERIFY(window.session()->openCheckpoint(saved));
        QVERIFY(!panel->caption().contains(QLatin1String("Click a cell")));
    }

    void anAdaptedModelKeepsItsSourcesClasses()
    {
        // The transfer wizard's plain strategy on a semi-supervised source, explored: its classifier is the source's,
        // so the class chooser names the source's classes and nothing is scored against the data's labels.
        MainWindow window(false);
        window.show();
        window.session()->setData(tinySplit(), QStringLiteral("blobs"));
        Checkpoint adapted;
        adapted.config = semiConfig(2, 1);
        adapted.config.sourceClassNames = {QStringLiteral("T-shirt/top"), QStringLiteral("Trouser"),
                                           QStringLiteral("Pullover"), QStringLiteral("Dress")};
        adapted.config.sourceDataset = QStringLiteral("fashion-mnist");
        adapted.weights = VaeFinetune::initialWeights(adapted.config.model, 3);
        EpochStats evaluated = epoch(0, qQNaN()); // evaluated without labels: no accuracy, no matrix
        adapted.history = {evaluated};
        QVERIFY(window.session()->openCheckpoint(adapted));
        QTRY_VERIFY(window.sliderPanel()->showsClasses());
        QCOMPARE(window.sliderPanel()->classChooser()->itemText(1), QStringLiteral("Trouser"));
        QCOMPARE(window.session()->classNames(4).last(), QStringLiteral("Dress"));
        // Whose classes they are, beside the chooser and in the reading of a drawing.
        const auto *classLabel = window.sliderPanel()->findChild<QLabel *>(QStringLiteral("classLabel"));
        QVERIFY(classLabel);
        QCOMPARE(classLabel->text(), QStringLiteral("Class (fashion-mnist)"));
        sketch(window.drawPanel()->canvas());
        QTRY_VERIFY(drawPanelSays(window, QStringLiteral("which knows fashion-mnist's classes, reads it as ")));
        QVERIFY(!window.classifierPanel()->isShowingMatrix());
        QVERIFY2(window.classifierPanel()->caption().contains(QStringLiteral("its source's (T-shirt/top, Trouser")),
                 qPrintable(window.classifierPanel()->caption()));
        QCOMPARE(window.elboPlot()->accuracyPointCount(), 0);
        adapted.history.clear(); // as `transfer --out` writes it: no history, the same words
        QVERIFY(window.session()->openCheckpoint(adapted));
        QVERIFY2(window.classifierPanel()->caption().contains(QStringLiteral("its source's (T-shirt/top, Trouser")),
                 qPrintable(window.classifierPanel()->caption()));

        // A run on the data trains its classifier on the data's labels: the data's classes again.
        window.trainingPanel()->setConfig(semiConfig(2, 1));
        QSignalSpy finished(window.session(), &Session::finished);
        window.startTraining();
        QVERIFY2(finished.wait(120000), qPrintable(shownError(window)));
        QCOMPARE(window.session()->classNames(4), QStringList({"0", "1", "2", "3"}));
        QTRY_COMPARE(window.sliderPanel()->classChooser()->itemText(1), QStringLiteral("1"));
        QTRY_VERIFY(window.classifierPanel()->isShowingMatrix());
        QCOMPARE(classLabel->text(), QStringLiteral("Class"));
        QTRY_VERIFY(drawPanelSays(window, QStringLiteral("The classifier reads it as ")));

        // A model of some of the data's classes (a few-shot base) says which it knows: a drawn 7 had read "2 (100 %)"
        // from a model of 0-4.
        Checkpoint subset;
        subset.config = semiConfig(2, 1);
        subset.config.classes = {0, 1};
        subset.config.model.classes = 2;
        subset.weights = VaeFinetune::initialWeights(subset.config.model, 3);
        subset.history = {evaluated};
        QVERIFY(window.session()->openCheckpoint(subset));
        QTRY_VERIFY(drawPanelSays(window, QStringLiteral("The classifier, which knows only 0, 1, reads it as ")));
    }

    void aModelsClassesKeepTheirNamesWhileOtherDataIsOpen()
    {
        // A Fashion-MNIST model opened while the blobs are loaded: its chooser names clothes, not the blobs' 0-3.
        MainWindow window(false);
        window.show();
        window.session()->setData(tinySplit(), QStringLiteral("blobs"));
        Checkpoint clothes;
        clothes.config = semiConfig(2, 1);
        clothes.config.dataset = QStringLiteral("fashion-mnist");
        clothes.weights = VaeFinetune::initialWeights(clothes.config.model, 3);
        QVERIFY(window.session()->openCheckpoint(clothes));
        // Its own data follows it (loaded in the background, or failing where it is not installed); then the user
        // chooses the blobs again.
        QTRY_VERIFY_WITH_TIMEOUT(!window.session()->isLoading(), 60000);
        window.session()->setData(tinySplit(), QStringLiteral("blobs"));
        QCOMPARE(window.session()->classNames(4), QStringList({"T-shirt/top", "Trouser", "Pullover", "Dress"}));
        QTRY_COMPARE(window.sliderPanel()->classChooser()->itemText(1), QStringLiteral("Trouser"));

        // A model of the blobs, then other data with names of its own loaded: the model's classes are still 0-3.
        Checkpoint blobs = clothes;
        blobs.config.dataset = QStringLiteral("blobs");
        EpochStats measured = epoch(0, 0.5);
        measured.test.confusion = ConfusionMatrix(4);
        for (int k = 0; k < 4; ++k)
            measured.test.confusion.add(k, k / 2);
        blobs.history = {measured};
        QVERIFY(window.session()->openCheckpoint(blobs));
        QVERIFY2(window.classifierPanel()->caption().startsWith(QLatin1String("Epoch 1: 25.0 % of 4 test images ")),
                 qPrintable(window.classifierPanel()->caption()));
        QTRY_COMPARE(window.sliderPanel()->classChooser()->itemText(1), QStringLiteral("1"));
        DataSplit letters = tinySplit();
        letters.train.classNames = letters.test.classNames = QStringList({"a", "b", "c", "d"});
        window.session()->setData(letters, QStringLiteral("letters"));
        QCOMPARE(window.session()->classNames(4), QStringList({"0", "1", "2", "3"}));
        QTRY_COMPARE(window.sliderPanel()->classChooser()->itemText(1), QStringLiteral("1"));
        // Its figures are the blobs': not read as the letters' (a digits model's 95.7 % read as Fashion-MNIST's).
        QVERIFY2(window.classifierPanel()->caption().startsWith(
                     QLatin1String("Epoch 1: 25.0 % of 4 test images of blobs (the data the model trained on)")),
                 qPrintable(window.classifierPanel()->caption()));
        // Training on them makes a model of them: their names.
        TrainConfig onLetters = semiConfig(2, 1);
        onLetters.dataset = QStringLiteral("letters");
        window.trainingPanel()->setConfig(onLetters);
        QSignalSpy finished(window.session(), &Session::finished);
        window.startTraining();
        QVERIFY2(finished.wait(120000), qPrintable(shownError(window)));
        QCOMPARE(finished.first().first().value<RunOutcome>(), RunOutcome::Completed);
        QCOMPARE(window.session()->classNames(4), QStringList({"a", "b", "c", "d"}));
    }

    void csvCarriesTheAccuracyOnlyWhenThereIsOne()
    {
        QTemporaryDir dir;
        ElboPlotPanel panel;
        panel.addEpoch(epoch(0, qQNaN()));
        const QString plainPath = dir.filePath(QStringLiteral("plain.csv"));
        QVERIFY(panel.exportCsv(plainPath));
        QFile plain(plainPath);
        QVERIFY(plain.open(QIODevice::ReadOnly));
        QCOMPARE(plain.readLine().trimmed(), QByteArray("kind,epoch,neg_elbo,recon,kl"));

        panel.clear();
        panel.addEpoch(epoch(0, 0.75));
        const QString path = dir.filePath(QStringLiteral("semi.csv"));
        QVERIFY(panel.exportCsv(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readLine().trimmed(), QByteArray("kind,epoch,neg_elbo,recon,kl,accuracy_percent"));
        QCOMPARE(file.readLine().trimmed(), QByteArray("test,1,300,280,150,75"));
    }

    // --- The whole window ---

    void aSemiSupervisedRunShowsAccuracyAndTheClassRow()
    {
        MainWindow window(false);
        const QSize laptop(1366, 728); // 1366×768 minus a panel, as tst_mainwindow's laptop test
        window.resize(laptop);
        window.show();
        window.session()->setData(tinySplit(), QStringLiteral("blobs"));
        TrainingPanel *panel = window.trainingPanel();
        panel->setConfig(tinyConfig(Pattern::Blobs, 2, /*hidden=*/16, /*latent=*/16));
        chooseLabels(*panel, QStringLiteral("k"), 2);
        QSignalSpy finished(window.session(), &Session::finished);
        window.startTraining();
        QVERIFY2(finished.wait(120000), qPrintable(shownError(window)));
        QCOMPARE(finished.first().first().value<RunOutcome>(), RunOutcome::Completed);
        QCOMPARE(window.session()->model().classCount(), 4);
        QCOMPARE(window.elboPlot()->accuracyPointCount(), 2);
        QVERIFY(window.elboPlot()->plot()->yAxis2->visible());
        QTRY_VERIFY(window.sliderPanel()->showsClasses());
        QTRY_COMPARE(window.sliderPanel()->analogyRow()->images().size(), 4);
        QCOMPARE(window.session()->classNames(4), QStringList({"0", "1", "2", "3"}));
        QCOMPARE(window.sliderPanel()->classChooser()->itemText(3), QStringLiteral("3"));
        // Beside the class chooser and its row, the sliders keep room for eight rows (the window's default latent
        // size) at 1366 × 728: an even split with the drawing showed four.
        auto *rows = window.sliderPanel()->findChild<QScrollArea *>();
        QVERIFY(rows && rows->widget()->layout()->count() > 8);
        const int rowHeight = rows->widget()->layout()->itemAt(0)->geometry().height();
        QVERIFY2(rowHeight > 0 && rows->viewport()->height() >= 8 * rowHeight,
                 qPrintable(QStringLiteral("%1 px for rows of %2").arg(rows->viewport()->height()).arg(rowHeight)));
        // A drawing is read by the classifier too: its two likeliest classes, by name (each figure kept with its % sign).
        window.sliderPanel()->setCurrentClass(3);
        QCoreApplication::processEvents();
        const QSize canvasBefore = window.drawPanel()->canvas()->size();
        sketch(window.drawPanel()->canvas());
        bool read = false;
        for (const QLabel *label : window.drawPanel()->findChildren<QLabel *>())
            read = read
                || QRegularExpression(
                       QStringLiteral("reads it as [0-3] \\(\\d+\u00a0%\\), then [0-3] \\(\\d+\u00a0%\\)"))
                       .match(label->text())
                       .hasMatch();
        QVERIFY(read);
        QCoreApplication::processEvents();
        QCOMPARE(window.drawPanel()->canvas()->size(), canvasBefore); // the reading had its room: no canvas jump
        // …and the sliders decode it under that class.
        QVERIFY(window.drawPanel()->likeliestClass() >= 0);
        QCOMPARE(window.sliderPanel()->currentClass(), window.drawPanel()->likeliestClass());
        // The labels row with its hint, the accuracy axis and the class row still fit the laptop screen (the same
        // run as tst_mainwindow's laptop test, latent 16: a smaller latent space can add a warning to the latent
        // health panel below the training panel, which is that test's business).
        QCoreApplication::processEvents();
        QString docks; // which panel asks for the height, when this fails
        for (QDockWidget *dock : window.findChildren<QDockWidget *>())
            docks += QStringLiteral(" %1=%2").arg(dock->objectName()).arg(dock->minimumSizeHint().height());
        QVERIFY2(window.minimumSizeHint().height() <= laptop.height(),
                 qPrintable(QString::number(window.minimumSizeHint().height()) + docks));
        QVERIFY2(window.minimumSizeHint().width() <= laptop.width(),
                 qPrintable(QString::number(window.minimumSizeHint().width())));

        // Opened in another window, its checkpoint brings back the choice, the curve and the class row, and
        // Continue applies (the model, classes included, is the one chosen).
        QVERIFY(window.session()->checkpoint().has_value());
        const Checkpoint checkpoint = *window.session()->checkpoint();
        QCOMPARE(checkpoint.config.model.classes, 4);
        MainWindow reopened(false);
        reopened.show();
        reopened.session()->setData(tinySplit(), QStringLiteral("blobs"));
        // A drawing made before any model is read once the checkpoint's model arrives.
        sketch(reopened.drawPanel()->canvas());
        QVERIFY(reopened.drawPanel()->lastEncoding().isEmpty());
        QVERIFY(reopened.session()->openCheckpoint(checkpoint));
        QTRY_VERIFY(reopened.drawPanel()->likeliestClass() >= 0);
        QCOMPARE(reopened.drawPanel()->lastEncoding().size(), checkpoint.config.model.latent);
        QCOMPARE(reopened.sliderPanel()->latent(), reopened.drawPanel()->lastEncoding());
        QCOMPARE(reopened.sliderPanel()->currentClass(), reopened.drawPanel()->likeliestClass());
        QCOMPARE(reopened.trainingPanel()->config().model.classes, 4);
        QCOMPARE(reopened.trainingPanel()->config().labelsPerClass, 2);
        QVERIFY(reopened.trainingPanel()->continueFromCheckpoint());
        QCOMPARE(reopened.elboPlot()->accuracyPointCount(), 2);
        QTRY_VERIFY(reopened.sliderPanel()->showsClasses());
        QTRY_COMPARE(reopened.sliderPanel()->analogyRow()->images().size(), 4);
    }
};

QTEST_MAIN(TestSemiSupervisedUi)
#include "tst_semisupervisedui.moc"
