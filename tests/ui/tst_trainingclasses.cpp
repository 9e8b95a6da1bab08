// The Training panel's Classes: training on some labels only, the few-shot base it makes with every label, its
// recipe, and a chosen label the data lacks refused before the run.
#include "classifierpanel.h"
#include "elboplotpanel.h"
#include "latentmappanel.h"
#include "mainwindow.h"
#include "mainwindowfixture.h"
#include "session.h"
#include "syntheticdata.h"
#include "tinyconfig.h"
#include "trainingpanel.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using SyntheticData::Pattern;

namespace {

QLineEdit *classesField(TrainingPanel &panel)
{
    return panel.findChild<QLineEdit *>(QStringLiteral("classes"));
}

QLabel *labelsHint(TrainingPanel &panel)
{
    return panel.findChild<QLabel *>(QStringLiteral("labelsHint"));
}

/// Labels per class ▸ Off (0), K per class (1) or All (2).
void chooseLabelMode(TrainingPanel &panel, int index)
{
    panel.findChild<QComboBox *>(QStringLiteral("labelMode"))->setCurrentIndex(index);
}

/// 100 Bars images, ten per class; class 3 has only four.
Dataset tenClasses()
{
    Dataset data = SyntheticData::generate(Pattern::Bars, 100, 1);
    int dropped = 0;
    for (int i = 0; i < data.labels.size() && dropped < 6; ++i)
        if (data.labels[i] == 3) {
            data.labels[i] = 2;
            ++dropped;
        }
    return data;
}

/// `window` on a laptop screen (1366×768 minus a panel) with 100 Bars training and 40 test images and the tiny run's
/// settings; returns its training panel.
TrainingPanel *showOnALaptop(MainWindow &window)
{
    window.resize(1366, 728);
    window.show();
    window.session()->setData(SyntheticData::split(Pattern::Bars, 100, 40, 1), QStringLiteral("bars"));
    TrainingPanel *panel = window.trainingPanel();
    panel->setConfig(tinyConfig(Pattern::Bars, 1));
    return panel;
}

} // namespace

class TestTrainingClasses final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { useTestSettings(QStringLiteral("tst_trainingclasses")); }

    void classesChooseTheLabelsAndTheModelsClasses()
    {
        TrainingPanel panel;
        panel.setTrainingData(tenClasses());
        QLineEdit *classes = classesField(panel);
        QVERIFY(classes);
        QVERIFY(panel.config().classes.isEmpty()); // empty: every class
        chooseLabelMode(panel, 1);
        QCOMPARE(panel.config().model.classes, 10);

        QTest::keyClicks(classes, QStringLiteral("4, 0,2,2"));
        QCOMPARE(panel.config().classes, (QVector<int>{0, 2, 4})); // sorted, each once
        QCOMPARE(panel.config().model.classes, 3);
        QVERIFY2(labelsHint(panel)->text().contains(QLatin1String("30 labelled")),
                 qPrintable(labelsHint(panel)->text()));
        // Too many labels counts only the chosen classes: class 3's four images matter once it is chosen.
        panel.findChild<QSpinBox *>(QStringLiteral("labelsPerClass"))->setValue(5);
        QVERIFY(!labelsHint(panel)->text().contains(QLatin1String("Too many")));
        classes->setText(QStringLiteral("3,4"));
        QVERIFY2(labelsHint(panel)->text().contains(QLatin1String("only 4 images")),
                 qPrintable(labelsHint(panel)->text()));

        // Letters are not typed in; a single class cannot train the semi-supervised model.
        classes->clear();
        QTest::keyClicks(classes, QStringLiteral("7x"));
        QCOMPARE(classes->text(), QStringLiteral("7"));
        QVERIFY(!panel.labelsAvailable());
        QCOMPARE(panel.config().model.classes, 0);
        QVERIFY2(labelsHint(panel)->text().contains(QLatin1String("single class")),
                 qPrintable(labelsHint(panel)->text()));
        // A label the data lacks is not one of the model's classes (Start names it).
        classes->setText(QStringLiteral("1,2,99"));
        QCOMPARE(panel.config().classes, (QVector<int>{1, 2, 99}));
        QCOMPARE(panel.config().model.classes, 2);
    }

    void theDatasetNoteSaysWhatTheChosenClassesKeep()
    {
        // A new user chose classes 0-4 and read 8004 training images above while half of them trained.
        TrainingPanel panel;
        panel.setTrainingData(tenClasses());
        panel.setDatasetInfo(QStringLiteral("100 training / 40 test images, 10 classes"));
        auto *info = panel.findChild<QLabel *>(QStringLiteral("datasetInfo"));
        QVERIFY(info);
        QCOMPARE(info->text(), QStringLiteral("100 training / 40 test images, 10 classes"));
        classesField(panel)->setText(QStringLiteral("3,4"));
        // In place of the data's counts (a line more outgrew a 768-pixel screen in Chinese), which the tooltip keeps.
        QCOMPARE(info->text(), QStringLiteral("Classes chosen: 14 of the 100 training images"));
        QCOMPARE(info->toolTip(),
                 QStringLiteral("100 training / 40 test images, 10 classes\n"
                                "Classes chosen: 14 of the 100 training images"));
        classesField(panel)->setText(QStringLiteral("99"));
        QCOMPARE(info->text(), QStringLiteral("Classes: the data has none of these labels."));
        classesField(panel)->setText(QStringLiteral("3,12")); // a label the data lacks, said before F5 refuses it
        QCOMPARE(info->text(), QStringLiteral("Classes chosen: 4 of the 100 training images; no label 12"));
        classesField(panel)->clear();
        QCOMPARE(info->text(), QStringLiteral("100 training / 40 test images, 10 classes"));
        // A status is not overwritten by typing; the loaded note comes back with the classes then chosen.
        panel.showDatasetStatus(QStringLiteral("Loading fashion-mnist…"));
        classesField(panel)->setText(QStringLiteral("3"));
        QCOMPARE(info->text(), QStringLiteral("Loading fashion-mnist…"));
        panel.setTrainingData(tenClasses());
        panel.setDatasetInfo(QStringLiteral("new data\nOther sizes and colours: converted to 28×28 grayscale."));
        QCOMPARE(info->text(),
                 QStringLiteral("Classes chosen: 4 of the 100 training images\n"
                                "Other sizes and colours: converted to 28×28 grayscale."));
    }

    void everyLabelOfSomeClassesOffersTheFewShotRecipe()
    {
        TrainingPanel panel;
        panel.setTrainingData(tenClasses());
        classesField(panel)->setText(QStringLiteral("0,1,2,3,4"));
        chooseLabelMode(panel, 2);
        TrainConfig config = panel.config();
        QVERIFY(config.isFewShotBase());
        QVERIFY(config.model.architecture == Architecture::Mlp);
        QLabel *hint = labelsHint(panel);
        QVERIFY2(hint->text().contains(QLatin1String("use its recipe")), qPrintable(hint->text()));
        QVERIFY(hint->toolTip().contains(QLatin1String("30 epochs")));
        QSignalSpy said(&panel, &TrainingPanel::statusMessage);
        Q_EMIT hint->linkActivated(QStringLiteral("recipe"));
        config = panel.config();
        QVERIFY(config.model.architecture == Architecture::Conv);
        // What it changed is said, not left to be found in the fields.
        QCOMPARE(said.size(), 1);
        QVERIFY2(said.first().first().toString().contains(QStringLiteral("Epochs 10 → 30")),
                 qPrintable(said.first().first().toString()));
        QCOMPARE(config.epochs, TrainConfig::kFewShotBaseEpochs);
        QCOMPARE(config.perturbationStrength(), TrainConfig::kFewShotBasePerturbation);
        QVERIFY2(!hint->text().contains(QLatin1String("<a")), qPrintable(hint->text()));
        // Fewer epochs than the recipe's: offered again. Every class: no few-shot base, no offer.
        TrainConfig fewer = config;
        fewer.epochs = 5;
        panel.setConfig(fewer);
        QVERIFY2(hint->text().contains(QLatin1String("use its recipe")), qPrintable(hint->text()));
        classesField(panel)->clear();
        QVERIFY2(hint->text().contains(QLatin1String("Every training image")), qPrintable(hint->text()));
    }

    void classesComeBackFromAConfigAndAfterARestart()
    {
        {
            TrainingPanel panel;
            TrainConfig config = tinyConfig(Pattern::Bars, 1);
            config.classes = {5, 6, 7};
            panel.setConfig(config);
            QCOMPARE(classesField(panel)->text(), QStringLiteral("5,6,7"));
            QCOMPARE(panel.config().classes, (QVector<int>{5, 6, 7}));
            QSettings settings;
            panel.saveSettings(settings);
        }
        TrainingPanel panel;
        QSettings settings;
        panel.restoreSettings(settings);
        QCOMPARE(panel.config().classes, (QVector<int>{5, 6, 7}));
        QSettings().clear();
    }

    void aLongMessageUnderTheBarKeepsToTwoLines()
    {
        // A failure's advice overflowed the two-line label: its first line half behind the bar, its end cut.
        TrainingPanel panel;
        panel.resize(300, 700);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const QString failure = QStringLiteral(
            "Training failed: The loss became NaN in epoch 11, step 3. Training stopped; the weights from the last "
            "finished epoch are kept. Try a smaller learning rate (e.g. 1e-4) or a warm-up.");
        panel.showProgressText(failure);
        auto *text = panel.findChild<QLabel *>(QStringLiteral("progressText"));
        QVERIFY(text->text().count(QLatin1Char('\n')) <= 1);
        QVERIFY(text->text().endsWith(QChar(0x2026))); // elided, whole in the tooltip
        QCOMPARE(text->toolTip(), failure);
        panel.showProgressText(QStringLiteral("Idle"));
        QCOMPARE(text->text(), QStringLiteral("Idle"));
        QVERIFY(text->toolTip().isEmpty());
    }

    void classesAreLockedWhileTraining()
    {
        TrainingPanel panel;
        panel.setRunning(true);
        QVERIFY(!classesField(panel)->isEnabled());
        panel.setRunning(false);
        QVERIFY(classesField(panel)->isEnabled());
    }

    void progressStaysOnOneLine()
    {
        // With the Classes row the panel has no height to spare on a laptop screen: the speed goes in the bar.
        TrainingPanel panel;
        panel.resize(300, 700);
        panel.show();
        panel.setRunning(true);
        BatchStats stats;
        stats.epoch = 18;
        stats.step = 25;
        stats.stepsPerEpoch = 33;
        stats.etaSeconds = 20;
        stats.samplesPerSecond = 2286;
        panel.showBatch(stats, 30);
        auto *bar = panel.findChild<QProgressBar *>();
        QVERIFY2(bar->text().contains(QLatin1String("samples/s")), qPrintable(bar->text()));
        QLabel *text = nullptr;
        for (QLabel *label : panel.findChildren<QLabel *>())
            if (label->text().startsWith(QLatin1String("Epoch 19/30")))
                text = label;
        QVERIFY(text);
        QVERIFY2(text->fontMetrics().horizontalAdvance(text->text()) <= text->width(), qPrintable(text->text()));
        // Paused: where it stopped, without a time left that does not run down; the next batch brings it back.
        panel.setPaused(true);
        QCOMPARE(text->text(), QStringLiteral("Paused at epoch 19/30 · step 25/33"));
        QVERIFY2(bar->text().endsWith(QStringLiteral("· paused")), qPrintable(bar->text())); // no speed while paused
        stats.step = 26; // the batch under way when Pause was pressed arrives after it
        panel.showBatch(stats, 30);
        QCOMPARE(text->text(), QStringLiteral("Paused at epoch 19/30 · step 26/33"));
        QVERIFY(!bar->text().contains(QLatin1String("samples/s")));
        panel.setPaused(false);
        panel.showBatch(stats, 30);
        QVERIFY(text->text().contains(QLatin1String("ETA")));
        QVERIFY(bar->text().contains(QLatin1String("samples/s")));
        panel.setRunning(false);
        QVERIFY(!bar->text().contains(QLatin1String("samples/s")));
    }

    void aLabelTheDataLacksIsRefusedBeforeTraining()
    {
        Session session;
        session.setData(SyntheticData::split(Pattern::Bars, 100, 20, 1), QStringLiteral("bars"));
        TrainConfig config = tinyConfig(Pattern::Bars, 1);
        config.classes = {1, 42};
        QSignalSpy errors(&session, &Session::errorOccurred);
        QVERIFY(!session.start(config, false));
        QCOMPARE(errors.count(), 1);
        const QString message = errors.first().first().toString();
        QVERIFY2(message.contains(QLatin1String("no label 42")) && message.contains(QLatin1String("Classes")),
                 qPrintable(message));
        QVERIFY(!session.isRunning());
    }

    void theMainWindowTrainsOnTheChosenClassesOnly()
    {
        // On a laptop screen (1366×768 minus a panel), with every row of the panel shown: the labels hint and a
        // two-line progress text.
        MainWindow window(false);
        TrainingPanel *panel = showOnALaptop(window);
        classesField(*panel)->setText(QStringLiteral("0,1"));
        chooseLabelMode(*panel, 2);
        window.startTraining();
        QTRY_VERIFY_WITH_TIMEOUT(window.session()->checkpoint().has_value() && !window.session()->isRunning(), 60000);
        const Checkpoint &checkpoint = *window.session()->checkpoint();
        QCOMPARE(checkpoint.config.classes, (QVector<int>{0, 1}));
        QCOMPARE(checkpoint.config.model.classes, 2);
        QCOMPARE(checkpoint.history.last().test.samples, 8); // four test images of each of the two classes
        // The classifier panel shows how those eight were labelled, in a matrix over the two classes.
        const ClassifierPanel *classifier = window.classifierPanel();
        QVERIFY(classifier->isShowingMatrix());
        QCOMPARE(classifier->matrix().classes, 2);
        QCOMPARE(classifier->matrix().total(), 8);
        QCOMPARE(classifier->className(1), QStringLiteral("1"));
        QVERIFY2(classifier->caption().contains(QLatin1String("of 8 test images")), qPrintable(classifier->caption()));
        // The map shows every test image, and its legend marks the classes the model never saw.
        QTRY_VERIFY_WITH_TIMEOUT(window.mapPanel()->pointCount() == 40, 30000);
        QCOMPARE(window.mapPanel()->legendName(1), QStringLiteral("1"));
        QCOMPARE(window.mapPanel()->legendName(2), QStringLiteral("2 (unseen)"));
        // Nothing squeezed once the docks have laid out: the dataset summary stays above Classes.
        auto *info = panel->findChild<QLabel *>(QStringLiteral("datasetInfo"));
        QTRY_VERIFY2(
            info->geometry().bottom() < classesField(*panel)->geometry().top(),
            qPrintable(QStringLiteral("%1 vs %2").arg(info->geometry().bottom()).arg(classesField(*panel)->y())));
        QVERIFY2(info->height() >= info->heightForWidth(info->width()), qPrintable(QString::number(info->height())));
        QCOMPARE(info->text(), QStringLiteral("Classes chosen: 20 of the 100 training images"));
        QVERIFY2(window.minimumSizeHint().height() <= 728,
                 qPrintable(QString::number(window.minimumSizeHint().height())));
        QVERIFY(window.height() <= 728);
    }

    void theLabelGraphsProgressKeepsToTwoLines()
    {
        // Before the first epoch the label graph reports its progress: the bar moves and carries the time left, and
        // its long description keeps to two lines, elided beyond them (whole in the tooltip), so that the settings keep their room.
        MainWindow window(false);
        TrainingPanel *panel = showOnALaptop(window);
        chooseLabelMode(*panel, 1);
        panel->setRunning(true);
        QTest::qWait(50); // the docks lay out
        const QString phase = QStringLiteral("Label graph: nearest neighbours (60000 training images)…");
        // The graph is a quarter of the run, 400 s of epochs follow it: the bar and its time left are the run's.
        RunProgress graph{phase, 0.4, 65};
        graph.share = 0.25;
        graph.secondsAfter = 400;
        panel->showPreparation(graph);
        auto *bar = panel->findChild<QProgressBar *>();
        QCOMPARE(bar->value(), int(0.4 * 0.25 * bar->maximum()));
        QVERIFY2(bar->format().contains(QLatin1String("ETA 7:45")), qPrintable(bar->format()));
        auto *text = panel->findChild<QLabel *>(QStringLiteral("progressText"));
        QCOMPARE(text->toolTip(), phase);
        QVERIFY2(shownOnTwoLines(*text, phase), qPrintable(text->text()));
        // A longer one is cut on its second line.
        const QString longer = phase + QStringLiteral(" and a description far longer than two lines of the panel hold");
        panel->showPreparation(RunProgress{longer, 0.4, 65});
        QVERIFY2(shownOnTwoLines(*text, longer) && text->text().endsWith(QChar(0x2026)), qPrintable(text->text()));
        panel->showPreparation(graph);
        auto *info = panel->findChild<QLabel *>(QStringLiteral("datasetInfo"));
        QTRY_VERIFY2(
            info->geometry().bottom() < classesField(*panel)->geometry().top(),
            qPrintable(QStringLiteral("%1 vs %2").arg(info->geometry().bottom()).arg(classesField(*panel)->y())));
        // The first epoch's figures take the line back, without the tooltip.
        BatchStats batch;
        batch.stepsPerEpoch = 10;
        batch.step = 1;
        panel->showBatch(batch, 10);
        QVERIFY(text->toolTip().isEmpty());
        QVERIFY(text->text().startsWith(QLatin1String("Epoch 1/10")));
        QCOMPARE(bar->value(), int((0.25 + 0.75 * 0.01) * bar->maximum())); // on from the graph's quarter, not 0 %
        // The next run starts from an empty bar whose epochs fill all of it (no graph).
        panel->setRunning(false);
        panel->setRunning(true);
        panel->showBatch(batch, 10);
        QCOMPARE(bar->value(), int(0.01 * bar->maximum()));
    }

    void validationHoldsTrainingImagesOutAndSaysSo()
    {
        // Validation 20: the run evaluates on 20 held-out training images, and the panels name them so.
        MainWindow window(false);
        TrainingPanel *panel = showOnALaptop(window);
        chooseLabelMode(*panel, 1);
        panel->findChild<QSpinBox *>(QStringLiteral("labelsPerClass"))->setValue(2);
        auto *validation = panel->findChild<QSpinBox *>(QStringLiteral("validation"));
        QVERIFY(validation && validation->isEnabled());
        QCOMPARE(validation->text(), QStringLiteral("off"));
        validation->setValue(20);
        QCOMPARE(panel->config().validation, 20);
        ReconstructionSample lastReconstruction;
        connect(window.session(), &Session::reconstructions, this,
                [&](const ReconstructionSample &sample) { lastReconstruction = sample; });
        window.startTraining();
        QTRY_VERIFY_WITH_TIMEOUT(window.session()->checkpoint().has_value() && !window.session()->isRunning(), 60000);
        const Checkpoint &checkpoint = *window.session()->checkpoint();
        QCOMPARE(checkpoint.config.validation, 20);
        QCOMPARE(checkpoint.history.last().test.samples, 20);
        QVERIFY(window.session()->evaluatesOnValidation());
        QCOMPARE(window.elboPlot()->evaluationName(), QStringLiteral("−ELBO (validation)"));
        QVERIFY2(window.classifierPanel()->caption().contains(QLatin1String("of 20 validation images")),
                 qPrintable(window.classifierPanel()->caption()));
        QVERIFY(lastReconstruction.fromValidation); // the trainer's reconstructions show held-out training images
        // Continuing with other held-out images is refused with a message; with the same ones it goes on.
        validation->setValue(30);
        QSignalSpy errors(window.session(), &Session::errorOccurred);
        QVERIFY(!window.session()->start(panel->config(), true));
        QCOMPARE(errors.count(), 1);
        QVERIFY2(errors.first().first().toString().contains(QLatin1String("held out 20 training images")),
                 qPrintable(errors.first().first().toString()));
        // More than the training split holds is refused before any run.
        validation->setValue(100);
        QVERIFY(!window.session()->start(panel->config(), false));
        QVERIFY2(errors.last().first().toString().contains(QLatin1String("no training image")),
                 qPrintable(errors.last().first().toString()));
        // A new run on the test split names it again.
        validation->setValue(0);
        QVERIFY(window.session()->start(panel->config(), false));
        QTRY_VERIFY_WITH_TIMEOUT(!window.session()->isRunning(), 60000);
        QCOMPARE(window.elboPlot()->evaluationName(), QStringLiteral("−ELBO (test)"));
        QCOMPARE(window.session()->checkpoint()->history.last().test.samples, 40);
        QVERIFY2(window.classifierPanel()->caption().contains(QLatin1String("of 40 test images")),
                 qPrintable(window.classifierPanel()->caption()));
    }
};

QTEST_MAIN(TestTrainingClasses)
#include "tst_trainingclasses.moc"
