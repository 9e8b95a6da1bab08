#include "autosaves.h"
#include "drawcanvas.h"
#include "drawpanel.h"
#include "elboplotpanel.h"
#include "imageview.h"
#include "interpolationpanel.h"
#include "latenthealthpanel.h"
#include "latentmappanel.h"
#include "latentsliderpanel.h"
#include "mainwindow.h"
#include "model/checkpoint.h"
#include "plotinclude.h"
#include "reconstructionpanel.h"
#include "session.h"
#include "tinyconfig.h"
#include "trainingpanel.h"
#include "userguide.h"

#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using SyntheticData::Pattern;

namespace {

/// 64 training and 32 test images of the four blob classes: an epoch takes milliseconds.
DataSplit tinySplit()
{
    return DataSplit{SyntheticData::generate(Pattern::Blobs, 64, 1), SyntheticData::generate(Pattern::Blobs, 32, 2)};
}

/// Answers the close question with `button` whenever it appears while this object lives; counts the questions.
class QuestionAnswerer final : public QObject
{
public:
    explicit QuestionAnswerer(QMessageBox::StandardButton button)
        : m_button(button)
    {
        startTimer(20);
    }
    int asked = 0;

protected:
    void timerEvent(QTimerEvent *) override
    {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (box && box->objectName() == QStringLiteral("unsavedModelQuestion") && box->button(m_button)) {
            ++asked;
            box->button(m_button)->click();
        }
    }

private:
    QMessageBox::StandardButton m_button;
};

} // namespace

/// The explorer window as a person uses it: train, look, drag, draw, save, reopen, close.
class TestMainWindow final : public QObject
{
    Q_OBJECT

private:
    /// A shown window holding the tiny data set, trained for `epochs` epochs to the end.
    std::unique_ptr<MainWindow> trainedWindow(int epochs, int latent = 3)
    {
        auto window = std::make_unique<MainWindow>(/*restoreSession=*/false);
        window->show();
        window->session()->setData(tinySplit(), QStringLiteral("blobs"));
        window->trainingPanel()->setConfig(tinyConfig(Pattern::Blobs, epochs, /*hidden=*/16, latent));
        QSignalSpy finished(window->session(), &Session::finished);
        window->startTraining();
        if (!finished.wait(120000))
            return {};
        return window;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LatentExplorerTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
        QSettings().clear();
    }

    void titleAndPanels()
    {
        MainWindow window(false);
        QCOMPARE(window.windowTitle(), QStringLiteral("Latent Explorer"));
        QVERIFY(window.elboPlot());
        QVERIFY(window.mapPanel());
        QCOMPARE(window.elboPlot()->pointCount(), 0);
    }

    void aManifoldCellLoadsItsLatentIntoTheSliders()
    {
        auto window = trainedWindow(1);
        QVERIFY(window);
        const QVector<float> z{0.5f, -1.0f, 1.5f};
        Q_EMIT window->interpolationPanel()->latentPicked(z); // what a click on a manifold cell sends
        QCOMPARE(window->sliderPanel()->latent(), z);
    }

    void exploringAnAdaptedModelShowsItWithItsHistory()
    {
        // What the transfer wizard hands over: another model's weights with a history of their own.
        auto source = trainedWindow(2);
        QVERIFY(source);
        QVERIFY(source->session()->checkpoint().has_value());
        Checkpoint adapted = *source->session()->checkpoint();
        adapted.history.append(adapted.history.last());
        adapted.history.last().epoch = 2;

        MainWindow window(false);
        window.show();
        window.session()->setData(tinySplit(), QStringLiteral("blobs"));
        QVERIFY(window.exploreCheckpoint(adapted));
        QCOMPARE(window.session()->history().size(), 3);
        QCOMPARE(window.elboPlot()->testPointCount(), 3);
        QCOMPARE(window.healthPanel()->dimCount(), 3);
        QCOMPARE(window.session()->checkpoint()->weights, adapted.weights);
        QVERIFY(window.session()->hasUnsavedModel()); // it exists in no file yet: closing asks
        QVERIFY(window.windowTitle().contains(QLatin1String("Adapted")));
    }

    void trainingAddsPlotPointsAndLabelledMapPoints()
    {
        auto window = trainedWindow(2);
        QVERIFY(window);
        QVERIFY(window->elboPlot()->pointCount() >= 2); // at least the last batch of each epoch
        QCOMPARE(window->elboPlot()->testPointCount(), 2);
        QCOMPARE(window->session()->history().size(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(window->mapPanel()->pointCount() > 0, 30000);
        QCOMPARE(window->mapPanel()->pointCount(), 32);
        QCOMPARE(window->mapPanel()->labelCount(), 4);
        QCOMPARE(window->healthPanel()->dimCount(), 3);
        QTRY_VERIFY(window->reconstructionPanel()->sampleCount() > 0);
        // Hidden behind the map's tab the manifold waits; asking for it (or showing the tab) decodes it.
        QVERIFY(!window->interpolationPanel()->manifoldImage().isNull());
        // The strip starts between two different test images, not from #0 to #0.
        const auto ends = window->interpolationPanel()->endpoints();
        QVERIFY2(ends.first != ends.second, qPrintable(QStringLiteral("%1 -> %2").arg(ends.first).arg(ends.second)));
        QVERIFY(!window->interpolationPanel()->stripImage().isNull());
    }

    void aTrainedWindowStillFitsALaptopScreen_data()
    {
        QTest::addColumn<QSize>("screen");
        QTest::newRow("1366x768, minus a panel") << QSize(1366, 728);
        // 2560×1600 at 200 %: what the window sees is 1280×800 logical pixels.
        QTest::newRow("1280x800 logical (200 %), minus a panel") << QSize(1280, 760);
    }

    void aTrainedWindowStillFitsALaptopScreen()
    {
        // Images, legends, slider rows and the checkpoint's epoch count arrive with the first results; none of them
        // may push the window past the screen, which is what happened once reconstructions appeared.
        QFETCH(QSize, screen);
        auto window = std::make_unique<MainWindow>(false);
        window->resize(screen);
        window->show();
        window->session()->setData(tinySplit(), QStringLiteral("blobs"));
        window->trainingPanel()->setConfig(tinyConfig(Pattern::Blobs, 1, /*hidden=*/16, /*latent=*/16));
        const int panelWidthBefore = window->trainingPanel()->minimumSizeHint().width();
        QSignalSpy finished(window->session(), &Session::finished);
        window->startTraining();
        QVERIFY(finished.wait(120000));
        // The checkpoint's epoch count beside "Continue" must not widen the settings column.
        QCOMPARE(window->trainingPanel()->minimumSizeHint().width(), panelWidthBefore);
        QTRY_VERIFY(window->reconstructionPanel()->sampleCount() > 0);
        QTRY_VERIFY(window->mapPanel()->pointCount() > 0);
        QCoreApplication::processEvents();
        QString docks; // which panel asks for the height, when this fails
        for (QDockWidget *dock : window->findChildren<QDockWidget *>())
            docks += QStringLiteral(" %1=%2").arg(dock->objectName()).arg(dock->minimumSizeHint().height());
        QVERIFY2(window->minimumSizeHint().height() <= screen.height(),
                 qPrintable(QString::number(window->minimumSizeHint().height()) + docks));
        QVERIFY2(window->height() <= screen.height(), qPrintable(QString::number(window->height())));
        QVERIFY2(window->width() <= screen.width(), qPrintable(QString::number(window->width())));
        QVERIFY2(window->minimumSizeHint().width() <= screen.width(),
                 qPrintable(QString::number(window->minimumSizeHint().width())));
    }

    void hiddenManifoldIsDecodedWhenShown()
    {
        auto window = trainedWindow(1);
        QVERIFY(window);
        InterpolationPanel panel; // never shown yet
        panel.setModel(window->session()->model(), window->session()->klPerDim());
        const auto views = panel.findChildren<ImageView *>();
        QCOMPARE(views.size(), 2); // strip, manifold
        auto largest = [&]() {
            QImage best;
            for (ImageView *v : views)
                if (v->image().height() > best.height())
                    best = v->image();
            return best;
        };
        QVERIFY(largest().height() <= 28); // only the one-row strip was decoded
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(largest().height() > 28 * 3); // the manifold grid, decoded on show
    }

    void movingASliderChangesTheImage()
    {
        auto window = trainedWindow(1);
        QVERIFY(window);
        LatentSliderPanel *sliders = window->sliderPanel();
        QCOMPARE(sliders->sliderCount(), 3);
        QTRY_VERIFY(!sliders->image().isNull());
        const QImage before = sliders->image();
        QSignalSpy moved(sliders, &LatentSliderPanel::latentChanged);
        sliders->slider(sliders->displayOrder().first())->setValue(290);
        QCOMPARE(moved.count(), 1);
        QTRY_VERIFY(sliders->image() != before);
        QCOMPARE(sliders->image().size(), QSize(28, 28));
    }

    void drawingProducesAnEncoding()
    {
        auto window = trainedWindow(1);
        QVERIFY(window);
        QTRY_VERIFY_WITH_TIMEOUT(window->mapPanel()->pointCount() > 0, 30000);
        DrawPanel *draw = window->drawPanel();
        DrawCanvas *canvas = draw->canvas();
        QSignalSpy encoded(draw, &DrawPanel::encoded);
        const int w = canvas->width(), h = canvas->height();
        QTest::mousePress(canvas, Qt::LeftButton, Qt::NoModifier, QPoint(w / 3, h / 4));
        for (int i = 1; i <= 10; ++i)
            QTest::mouseMove(canvas, QPoint(w / 3 + i * w / 40, h / 4 + i * h / 20));
        QTest::mouseRelease(canvas, Qt::LeftButton, Qt::NoModifier, QPoint(w / 2, 3 * h / 4));
        QCOMPARE(encoded.count(), 1);
        QVERIFY(!canvas->isEmpty());
        QCOMPARE(draw->lastEncoding().size(), 3);
        QCOMPARE(window->sliderPanel()->latent(), draw->lastEncoding());
        QVERIFY(window->mapPanel()->hasMarker());
        draw->clear();
        QVERIFY(canvas->isEmpty());
    }

    void savingThenOpeningACheckpointRestoresThePlots()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tiny.ckpt"));
        {
            auto window = trainedWindow(2);
            QVERIFY(window);
            QVERIFY(window->saveCheckpoint(path));
        }
        MainWindow reopened(false);
        reopened.show();
        reopened.session()->setData(tinySplit(), QStringLiteral("blobs"));
        QVERIFY(reopened.openCheckpoint(path));
        QVERIFY2(reopened.windowTitle().contains(QStringLiteral("tiny.ckpt")), qPrintable(reopened.windowTitle()));
        QCOMPARE(reopened.elboPlot()->testPointCount(), 2);
        QCOMPARE(reopened.elboPlot()->pointCount(), 2);
        QCOMPARE(reopened.session()->history().size(), 2);
        QCOMPARE(reopened.sliderPanel()->sliderCount(), 3);
        QCOMPARE(reopened.healthPanel()->dimCount(), 3);
        QCOMPARE(reopened.trainingPanel()->config().model.latent, 3);
        QVERIFY(reopened.trainingPanel()->continueFromCheckpoint());
        QTRY_VERIFY_WITH_TIMEOUT(reopened.mapPanel()->pointCount() == 32, 30000);

        // F5 continues where the checkpoint stopped: one more epoch makes three.
        TrainConfig more = reopened.trainingPanel()->config();
        more.epochs = 1;
        reopened.trainingPanel()->setConfig(more);
        QSignalSpy finished(reopened.session(), &Session::finished);
        reopened.startTraining();
        QVERIFY(finished.wait(120000));
        QCOMPARE(reopened.session()->history().size(), 3);
        QCOMPARE(reopened.elboPlot()->testPointCount(), 3);
    }

    void newRunWithADifferentModelClearsTheOldModelsViews()
    {
        auto window = trainedWindow(1);
        QVERIFY(window);
        QTRY_VERIFY_WITH_TIMEOUT(window->mapPanel()->pointCount() > 0, 30000);
        QTRY_VERIFY(window->reconstructionPanel()->sampleCount() > 0);
        TrainConfig other = window->trainingPanel()->config();
        other.model.latent = 2;
        window->trainingPanel()->setConfig(other);
        QSignalSpy finished(window->session(), &Session::finished);
        window->startTraining();
        // Until the new model's first epoch ends, the map and reconstructions would show the old model.
        QCOMPARE(window->mapPanel()->pointCount(), 0);
        QCOMPARE(window->reconstructionPanel()->sampleCount(), 0);
        QVERIFY(finished.wait(120000));
        QCOMPARE(window->session()->history().size(), 1);
    }

    void continueFollowsTheModelSettings()
    {
        auto window = trainedWindow(1);
        QVERIFY(window);
        TrainingPanel *panel = window->trainingPanel();
        const TrainConfig trained = panel->config();
        QVERIFY(panel->continueFromCheckpoint());
        for (int change = 0; change < 3; ++change) {
            TrainConfig other = trained;
            if (change == 0)
                other.model.latent = trained.model.latent + 1;
            else if (change == 1)
                other.model.hidden = trained.model.hidden * 2;
            else
                other.model.likelihood = Likelihood::Gaussian;
            panel->setConfig(other);
            QVERIFY2(!panel->continueFromCheckpoint(), qPrintable(QString::number(change)));
            panel->setConfig(trained);
            QVERIFY(panel->continueFromCheckpoint());
        }
        // Changed, F5 trains a new model instead of failing with "a different model".
        TrainConfig other = trained;
        other.model.latent = 2;
        panel->setConfig(other);
        QSignalSpy errors(window->session(), &Session::errorOccurred);
        QSignalSpy finished(window->session(), &Session::finished);
        window->startTraining();
        QVERIFY(finished.wait(120000));
        QCOMPARE(errors.count(), 0);
        QCOMPARE(window->session()->model().latentDim(), 2);
    }

    void anImageFolderSaysWhatItSkippedAndHowItConverts()
    {
        QTemporaryDir dir;
        for (const QString &label : {QStringLiteral("a"), QStringLiteral("b")}) {
            QVERIFY(QDir().mkpath(dir.filePath(label)));
            for (int i = 0; i < 6; ++i) {
                QImage image(32, 32, QImage::Format_RGB32);
                image.fill(label == QLatin1String("a") ? Qt::white : Qt::gray);
                QVERIFY(image.save(dir.filePath(QStringLiteral("%1/%2.png").arg(label).arg(i))));
            }
        }
        QFile corrupt(dir.filePath(QStringLiteral("a/broken.png")));
        QVERIFY(corrupt.open(QIODevice::WriteOnly) && corrupt.write("\x89PNG broken") > 0);
        corrupt.close();

        MainWindow window(false);
        auto *info = window.trainingPanel()->findChild<QLabel *>(QStringLiteral("datasetInfo"));
        QVERIFY(info);
        QSignalSpy loaded(window.session(), &Session::dataLoaded);
        window.session()->loadDataset(dir.path());
        QVERIFY(loaded.wait(30000));
        QCOMPARE(window.session()->skippedFiles().size(), 1);
        QVERIFY2(info->text().contains(QStringLiteral("1 file(s) skipped: a/broken.png (")), qPrintable(info->text()));
        QVERIFY2(info->text().contains(QStringLiteral("28×28 grayscale")), qPrintable(info->text()));

        window.session()->setData(tinySplit(), QStringLiteral("blobs")); // in-memory data skips nothing
        QVERIFY(!info->text().contains(QStringLiteral("skipped")));
    }

    void aFailedDatasetLoadStopsShowingOnceTrainingRuns()
    {
        MainWindow window(false);
        window.show();
        window.session()->setData(tinySplit(), QStringLiteral("blobs"));
        auto *info = window.trainingPanel()->findChild<QLabel *>(QStringLiteral("datasetInfo"));
        QVERIFY(info);
        const QString loaded = info->text();
        QSignalSpy failed(window.session(), &Session::dataFailed);
        window.session()->loadDataset(QStringLiteral("/nonexistent/train-images-idx3-ubyte"));
        QVERIFY(failed.wait(30000));
        QVERIFY(info->text() != loaded);
        window.trainingPanel()->setConfig(tinyConfig(Pattern::Blobs, 1));
        QSignalSpy finished(window.session(), &Session::finished);
        window.startTraining();
        QCOMPARE(info->text(), loaded);
        QVERIFY(finished.wait(120000));
    }

    void theSlidersMoveTheMapsMarker()
    {
        auto window = trainedWindow(1);
        QVERIFY(window);
        QTRY_VERIFY_WITH_TIMEOUT(window->mapPanel()->pointCount() > 0, 30000);
        window->sliderPanel()->setLatent(QVector<float>(3, 0.5f));
        QVERIFY(window->mapPanel()->hasCurrentMarker());
    }

    void theElboLegendCoversNoData()
    {
        auto window = trainedWindow(1);
        QVERIFY(window);
        window->resize(1366, 728);
        QCoreApplication::processEvents();
        auto *plot = window->elboPlot()->findChild<QCustomPlot *>(QStringLiteral("elboPlot"));
        QVERIFY(plot);
        plot->replot();
        QVERIFY(plot->legend->visible());
        QVERIFY(plot->legend->outerRect().height() > 0);
        QVERIFY2(!plot->legend->outerRect().intersects(plot->axisRect()->rect()), "the legend sits on the data");
    }

    void closingWithAnUnsavedModelAsksFirst()
    {
        auto window = trainedWindow(1);
        QVERIFY(window);
        QVERIFY(window->session()->hasUnsavedModel());
        {
            QuestionAnswerer cancel(QMessageBox::Cancel);
            QVERIFY(!window->close());
            QCOMPARE(cancel.asked, 1);
            QVERIFY(window->isVisible());
        }
        QTemporaryDir dir;
        QVERIFY(window->saveCheckpoint(dir.filePath(QStringLiteral("saved.ckpt"))));
        QVERIFY(!window->session()->hasUnsavedModel());
        {
            QuestionAnswerer never(QMessageBox::Cancel);
            QVERIFY(window->close());
            QCOMPARE(never.asked, 0);
        }

        auto other = trainedWindow(1);
        QVERIFY(other);
        QuestionAnswerer discard(QMessageBox::Discard);
        QVERIFY(other->close());
        QCOMPARE(discard.asked, 1);
    }

    void resetLayoutBringsBackEveryPanel()
    {
        MainWindow window(false);
        window.show();
        auto *map = window.findChild<QDockWidget *>(QStringLiteral("mapDock"));
        auto *sliders = window.findChild<QDockWidget *>(QStringLiteral("sliderDock"));
        QVERIFY(map && sliders);
        map->close();
        sliders->setFloating(true);
        window.resetLayout();
        for (QDockWidget *dock : window.findChildren<QDockWidget *>()) {
            QVERIFY2(!dock->isHidden(), qPrintable(dock->objectName()));
            QVERIFY2(!dock->isFloating(), qPrintable(dock->objectName()));
        }
    }

    void theHelpMenuOpensTheGuide()
    {
        MainWindow window(false);
        window.show();
        QAction *guide = nullptr;
        for (QAction *action : window.findChildren<QAction *>())
            if (action->shortcut() == QKeySequence(QKeySequence::HelpContents))
                guide = action;
        QVERIFY(guide);
        guide->trigger();
        auto *dialog = window.findChild<UserGuide *>();
        QVERIFY(dialog && dialog->isVisible());
        const QString html = UserGuide::html();
        QVERIFY(html.contains(QStringLiteral("F5")));
        QVERIFY(html.contains(Autosaves::directory().toHtmlEscaped()));
        QVERIFY(dialog->frameGeometry().height() <= 728);
    }

    void openingABrokenCheckpointReportsAnError()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("broken.ckpt"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a checkpoint");
        file.close();
        MainWindow window(false);
        QVERIFY(!window.openCheckpoint(path));
        QVERIFY(!window.openCheckpoint(dir.filePath(QStringLiteral("missing.ckpt"))));
        QCOMPARE(window.elboPlot()->testPointCount(), 0);
    }

    /// Models are built on a job thread; finished() still arrives only once model() holds the final weights.
    void finishedArrivesWithTheFinalModel()
    {
        auto window = trainedWindow(2);
        QVERIFY(window);
        Session *session = window->session();
        QVERIFY(!session->isRunning());
        QVERIFY(session->checkpoint());
        QVERIFY(session->model().isValid());
        QCOMPARE(session->snapshot().weights, session->checkpoint()->weights);
        QCOMPARE(session->epochSnapshot().weights, session->checkpoint()->weights);
        QCOMPARE(session->epochSnapshot().epoch, 1);
        // And the explorer's model decodes with exactly those weights.
        const auto reference = InferenceModel::create(session->checkpoint()->snapshot());
        QVERIFY(reference);
        const QVector<float> z(session->model().latentDim(), 0.5f);
        QCOMPARE(session->model().decode(z), reference.value().decode(z));
    }

    void eachEpochIsAutosaved()
    {
        auto window = trainedWindow(2);
        QVERIFY(window);
        QTRY_COMPARE(window->session()->pendingSaves(), 0);
        const QString path = window->session()->autosavePath();
        QVERIFY(QFile::exists(path));
        const auto saved = CheckpointIo::load(path);
        QVERIFY(saved);
        QCOMPARE(saved.value().epochsDone(), 2); // the last epoch too
        QVERIFY(path.contains(QStringLiteral("LatentExplorerTests")) || path.contains(QStringLiteral(".qttest")));
    }

    void eachRunAutosavesToItsOwnFileAndOldOnesArePruned()
    {
        QDir(Autosaves::directory()).removeRecursively();
        auto first = trainedWindow(1);
        auto second = trainedWindow(1); // as a second instance would
        QVERIFY(first && second);
        QTRY_COMPARE(first->session()->pendingSaves() + second->session()->pendingSaves(), 0);
        QVERIFY(first->session()->autosavePath() != second->session()->autosavePath());
        QVERIFY(QFile::exists(first->session()->autosavePath()));
        QVERIFY(QFile::exists(second->session()->autosavePath()));
        for (int i = 0; i < 2 * Autosaves::kKept; ++i) {
            QFile old(Autosaves::newPath());
            QVERIFY(old.open(QIODevice::WriteOnly));
            QVERIFY(old.setFileTime(QDateTime::currentDateTime().addDays(-1 - i), QFileDevice::FileModificationTime));
        }
        Autosaves::prune(first->session()->autosavePath());
        const QStringList left = QDir(Autosaves::directory()).entryList(QDir::Files);
        QCOMPARE(left.size(), Autosaves::kKept);
        QVERIFY(QFile::exists(first->session()->autosavePath()));
        QVERIFY(QFile::exists(second->session()->autosavePath()));
    }

    void theNewestAutosaveIsOfferedUntilSavedOrAnswered()
    {
        QSettings().remove(QStringLiteral("autosave"));
        QDir(Autosaves::directory()).removeRecursively();
        QString autosave;
        {
            auto window = trainedWindow(1);
            QVERIFY(window);
            QTRY_COMPARE(window->session()->pendingSaves(), 0);
            autosave = window->session()->autosavePath();
        }
        QCOMPARE(Autosaves::worthRestoring(), autosave);
        MainWindow window(false);
        window.show();
        window.session()->setData(tinySplit(), QStringLiteral("blobs"));
        QMessageBox *box =
            Autosaves::offerRestore(&window, autosave, [&window](const QString &path) { window.openCheckpoint(path); });
        QVERIFY(box->isVisible());
        QVERIFY(!box->isModal() || box->windowModality() != Qt::ApplicationModal);
        box->buttons().constFirst()->click(); // "Open Autosave"
        QCOMPARE(window.session()->history().size(), 1);
        QVERIFY(window.windowTitle().contains(QFileInfo(autosave).fileName()));
        QVERIFY(Autosaves::worthRestoring().isEmpty()); // answered: not offered again
        // A newer autosave is offered again, until the user saves explicitly.
        QSettings().remove(QStringLiteral("autosave"));
        QTemporaryDir dir;
        QVERIFY(window.saveCheckpoint(dir.filePath(QStringLiteral("kept.ckpt"))));
        QVERIFY(Autosaves::worthRestoring().isEmpty());
    }

    void closingMidTrainingStopsCleanly()
    {
        auto window = std::make_unique<MainWindow>(false);
        window->show();
        window->session()->setData(tinySplit(), QStringLiteral("blobs"));
        window->trainingPanel()->setConfig(tinyConfig(Pattern::Blobs, 100000));
        QSignalSpy batches(window->session(), &Session::batchStats);
        window->startTraining();
        QVERIFY(window->session()->isRunning());
        QVERIFY(batches.wait(30000));
        QElapsedTimer clock;
        clock.start();
        QuestionAnswerer discard(QMessageBox::Discard); // an epoch may have ended: the model is then unsaved
        QVERIFY(window->close());
        QVERIFY(!window->session()->isRunning());
        window.reset();
        QVERIFY2(clock.elapsed() < 10000, "closing waited for far more than one batch");
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
