// The main window's files: saving and reopening a model, a broken checkpoint, a stopped run, and a folder of one's
// own images. Closing: tst_closing.cpp; autosaves: tst_autosave.cpp; the rest of the window: tst_mainwindow.cpp.
#include "elboplotpanel.h"
#include "latenthealthpanel.h"
#include "latentmappanel.h"
#include "latentsliderpanel.h"
#include "mainwindow.h"
#include "mainwindowfixture.h"
#include "model/checkpoint.h"
#include "plotinclude.h"
#include "runhistorypanel.h"
#include "session.h"
#include "tinyconfig.h"
#include "trainingpanel.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QMessageBox>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using SyntheticData::Pattern;

namespace {

/// Starts 1,000 epochs on the blobs in `window` and stops them once `epochs` of them have ended (0: at once); whether
/// the run then ended as stopped.
bool runAndStop(MainWindow &window, int epochs)
{
    window.show();
    // Stopped before its first epoch: one of 20,000 steps, so that the stop comes first even when this thread waits
    // a while for a core (on a busy machine an epoch of 4 steps ended before it).
    const bool beforeAnEpoch = epochs == 0;
    window.session()->setData(beforeAnEpoch ? DataSplit{SyntheticData::generate(Pattern::Blobs, 20000, 1),
                                                        SyntheticData::generate(Pattern::Blobs, 32, 2)}
                                            : tinySplit(),
                              QStringLiteral("blobs"));
    TrainConfig config = tinyConfig(Pattern::Blobs, 1000);
    if (beforeAnEpoch)
        config.batchSize = 1;
    window.trainingPanel()->setConfig(config);
    QSignalSpy ended(window.session(), &Session::epochStats);
    QSignalSpy finished(window.session(), &Session::finished);
    window.startTraining();
    while (ended.size() < epochs)
        if (!ended.wait(60000))
            return false;
    window.session()->stop();
    return finished.wait(60000) && finished.first().first().value<RunOutcome>() == RunOutcome::Stopped;
}

QLabel *progressText(MainWindow &window)
{
    return window.trainingPanel()->findChild<QLabel *>(QStringLiteral("progressText"));
}

} // namespace

class TestMainWindowFiles final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { useTestSettings(QStringLiteral("tst_mainwindowfiles")); }

    void savingThenOpeningACheckpointRestoresThePlots()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tiny.ckpt"));
        {
            auto window = trainedWindow(2);
            QVERIFY(window);
            QVERIFY(window->saveCheckpoint(path));
            QVERIFY(window->windowTitle().contains(QStringLiteral("tiny.ckpt"))); // the model shown is that file
            QVERIFY(!window->isWindowModified());
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
        // The button says what F5 does with the box ticked, and again when it is unticked.
        auto *continueBox = reopened.trainingPanel()->findChild<QCheckBox *>(QStringLiteral("continueFromCheckpoint"));
        const auto startButtonSays = [&reopened](const QString &text) {
            const auto buttons = reopened.trainingPanel()->findChildren<QPushButton *>();
            return std::any_of(buttons.cbegin(), buttons.cend(),
                               [&](const QPushButton *b) { return b->text() == text; });
        };
        QVERIFY(startButtonSays(QStringLiteral("Continue")) && !startButtonSays(QStringLiteral("Start")));
        continueBox->setChecked(false);
        QVERIFY(startButtonSays(QStringLiteral("Start")) && !startButtonSays(QStringLiteral("Continue")));
        continueBox->setChecked(true);
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
        QVERIFY(reopened.windowTitle().contains(QStringLiteral("tiny.ckpt"))); // continued: still that model
        QVERIFY(reopened.isWindowModified());                                  // "tiny.ckpt*": not saved since
        {
            // Another model opened (here its Runs row) asks first: Cancel keeps the continued one.
            QuestionAnswerer cancel(QMessageBox::Cancel);
            auto *runs = reopened.findChild<RunHistoryPanel *>();
            QVERIFY(runs);
            Q_EMIT runs->openRequested(path);
            QCOMPARE(cancel.asked, 1);
            QCOMPARE(reopened.session()->history().size(), 3);
            // Its own run's row opens its own autosave: the same model, nothing to ask.
            QTRY_COMPARE(reopened.session()->pendingSaves(), 0);
            Q_EMIT runs->openRequested(reopened.session()->autosavePath());
            QCOMPARE(cancel.asked, 1);
            QCOMPARE(reopened.session()->history().size(), 3);
        }

        // A new model is not the file: the title no longer names it.
        continueBox->setChecked(false);
        reopened.startTraining();
        QVERIFY(finished.wait(120000));
        QCOMPARE(reopened.windowTitle(), QStringLiteral("Latent Explorer"));
    }

    void ctrlOOpensWhatCtrlSSaves()
    {
        MainWindow window(false);
        const auto actionFor = [&window](const QKeySequence &keys) -> QAction * {
            for (QAction *action : window.findChildren<QAction *>())
                if (action->shortcut() == keys)
                    return action;
            return nullptr;
        };
        QVERIFY(actionFor(QKeySequence::Open) && actionFor(QKeySequence::Save));
        QVERIFY(actionFor(QKeySequence::Open)->text().contains(QStringLiteral("Checkpoint")));
        QVERIFY(actionFor(QKeySequence::Save)->text().contains(QStringLiteral("Checkpoint")));
        QVERIFY(actionFor(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O))->text().contains(QStringLiteral("Folder")));
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

    void aFailedDatasetLoadLetsTheOldDataGo()
    {
        // The data shown and trained on is the data named: after a failed load nothing else stands in for it.
        MainWindow window(false);
        window.show();
        window.session()->setData(tinySplit(), QStringLiteral("blobs"));
        auto *info = window.trainingPanel()->findChild<QLabel *>(QStringLiteral("datasetInfo"));
        QVERIFY(info);
        const QString missing = QStringLiteral("/nonexistent/train-images-idx3-ubyte");
        QSignalSpy failed(window.session(), &Session::dataFailed);
        window.session()->loadDataset(missing); // as File ▸ Open Dataset File does
        QVERIFY(failed.wait(30000));
        QVERIFY2(info->text().startsWith(QLatin1String("Not loaded")), qPrintable(info->text()));
        // The Dataset box names the file that failed, not the data before it (a new user saw "mnist" there while
        // every panel said there were no images).
        auto *box = window.trainingPanel()->findChild<QComboBox *>(QStringLiteral("dataset"));
        QVERIFY(box);
        QCOMPARE(box->currentData().toString(), missing);
        QVERIFY(!window.session()->hasData());
        QSignalSpy refused(window.session(), &Session::errorOccurred);
        window.startTraining();
        QVERIFY(!window.session()->isRunning());
        QCOMPARE(refused.size(), 1);
        QVERIFY2(refused.first().first().toString().contains(missing), qPrintable(refused.first().first().toString()));
        // Choosing the same entry again tries once more (the folder may be back).
        auto *combo = window.trainingPanel()->findChild<QComboBox *>(QStringLiteral("dataset"));
        QVERIFY(combo);
        QSignalSpy requested(window.trainingPanel(), &TrainingPanel::datasetRequested);
        Q_EMIT combo->activated(combo->findData(missing));
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().first().toString(), missing);
    }

    void aCheckpointWhoseDataIsGoneShowsNoOtherData()
    {
        // A model trained on a folder that has since moved, opened while other images are loaded.
        QTemporaryDir dir;
        auto window = trainedWindow(1);
        QVERIFY(window);
        QTRY_VERIFY_WITH_TIMEOUT(window->mapPanel()->pointCount() == 32, 30000);
        Checkpoint moved = *window->session()->checkpoint();
        moved.config.dataset = dir.filePath(QStringLiteral("moved-away"));
        const QString path = dir.filePath(QStringLiteral("moved.ckpt"));
        QVERIFY(CheckpointIo::save(moved, path).ok());
        QLabel *text = progressText(*window);
        // The run's last figures, so that they need not be read off the plot's axis; all of them in the tooltip.
        const QString finished = text->toolTip().section(QLatin1Char('\n'), 0, 0);
        QVERIFY2(finished.startsWith(QStringLiteral("Finished: test −ELBO ")), qPrintable(finished));
        QVERIFY(shownOnTwoLines(*text, finished));
        QVERIFY2(text->toolTip().contains(QStringLiteral("\n\nEpoch 1\nTest: −ELBO ")), qPrintable(text->toolTip()));
        QSignalSpy failed(window->session(), &Session::dataFailed);
        QVERIFY(window->openCheckpoint(path));
        QCOMPARE(text->text(), QStringLiteral("Idle")); // the last run's news is not the opened model's
        QVERIFY(failed.wait(30000));
        // The blobs are let go: no map of them, and no continued run on them under the moved folder's name.
        QVERIFY(!window->session()->hasData());
        QTRY_COMPARE_WITH_TIMEOUT(window->mapPanel()->pointCount(), 0, 30000);
        bool told = false;
        for (QMessageBox *box : window->findChildren<QMessageBox *>())
            told = told
                || (box->text().contains(QLatin1String("moved-away"))
                    && box->text().contains(QLatin1String("Open Dataset Folder")));
        QVERIFY(told);
        QVERIFY(window->trainingPanel()->continueFromCheckpoint());
        QSignalSpy refused(window->session(), &Session::errorOccurred);
        window->startTraining();
        QVERIFY(!window->session()->isRunning());
        QCOMPARE(refused.size(), 1);
        QVERIFY2(refused.first().first().toString().contains(QLatin1String("moved-away")),
                 qPrintable(refused.first().first().toString()));
        QCOMPARE(window->session()->history().size(), 1);
        // Its data back in place: the map returns.
        window->session()->setData(tinySplit(), moved.config.dataset);
        QTRY_COMPARE_WITH_TIMEOUT(window->mapPanel()->pointCount(), 32, 30000);
    }

    void aNewRunIsDrawnBesideThePreviousOne()
    {
        auto window = trainedWindow(2); // latent 3
        QVERIFY(window);
        ElboPlotPanel *elbo = window->elboPlot();
        QCOMPARE(elbo->referencePointCount(), 0); // the first run has nothing to compare with
        const QVector<EpochStats> first = window->session()->history();
        QCOMPARE(first.size(), 2);
        const auto train = [&window](const TrainConfig &config) {
            window->trainingPanel()->setConfig(config);
            QSignalSpy finished(window->session(), &Session::finished);
            window->startTraining();
            return finished.wait(120000);
        };
        // A new model: the run before it stands beside it, named by what it did differently; its second epoch,
        // which this one-epoch run did not reach, still shows on hover.
        QVERIFY(train(tinyConfig(Pattern::Blobs, 1, /*hidden=*/16, /*latent=*/2)));
        QCOMPARE(elbo->referencePointCount(), 2);
        elbo->plot()->replot();
        const QPointF second(elbo->plot()->xAxis->coordToPixel(2), elbo->plot()->axisRect()->rect().center().y());
        QCOMPARE(
            elbo->readoutAt(second),
            QStringLiteral("Epoch 2\nPrevious run (latent 3): −ELBO %1 nats").arg(first[1].test.negElbo, 0, 'f', 2));
        // Another likelihood measures in other units: nothing to compare with.
        TrainConfig gaussian = tinyConfig(Pattern::Blobs, 1, 16, 2);
        gaussian.model.likelihood = Likelihood::Gaussian;
        QVERIFY(train(gaussian));
        QCOMPARE(elbo->referencePointCount(), 0);
        QTRY_COMPARE(window->session()->pendingSaves(), 0);
        const QString gaussianRun = window->session()->autosavePath();
        QVERIFY(train(tinyConfig(Pattern::Blobs, 1, 16, 3)));
        QCOMPARE(elbo->referencePointCount(), 0); // its predecessor was the Gaussian run
        // An opened model is not compared with the run shown before it.
        QVERIFY(train(tinyConfig(Pattern::Blobs, 1, 16, 2)));
        QCOMPARE(elbo->referencePointCount(), 1);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("opened.ckpt"));
        QVERIFY(window->saveCheckpoint(path));
        QVERIFY(window->openCheckpoint(path));
        QCOMPARE(elbo->referencePointCount(), 0);

        // Any saved run can be drawn beside it (the Runs panel's "Compare on the ELBO plot")...
        window->compareWithRun(path, QStringLiteral("run of 12-07 00:15"));
        QCOMPARE(elbo->referencePointCount(), 1);
        QCOMPARE(elbo->plot()->graph(elbo->plot()->graphCount() - 1)->name().isEmpty(), false);
        bool named = false;
        for (int i = 0; i < elbo->plot()->graphCount(); ++i)
            named = named || elbo->plot()->graph(i)->name() == QStringLiteral("run of 12-07 00:15: −ELBO");
        QVERIFY(named);
        // ...but not one measured in other units.
        elbo->clearReference();
        window->compareWithRun(gaussianRun, QStringLiteral("run of 12-07 00:16"));
        QCOMPARE(elbo->referencePointCount(), 0);
        QVERIFY(window->statusBar()->currentMessage().contains(QStringLiteral("cannot stand beside this one")));
    }

    void aRunStoppedBeforeItsFirstEpochLeavesNothingToSave()
    {
        // Stopped before any epoch ended (during a label graph, or at once): nothing was trained. The untrained weights
        // were kept as the model, autosaved, offered to Continue ("0 epochs done") and asked about on closing.
        MainWindow window(false);
        auto *runs = window.findChild<RunHistoryPanel *>();
        QVERIFY(runs);
        const int rowsBefore = int(runs->runs().size());
        QVERIFY(runAndStop(window, 0));
        QCOMPARE(runs->runs().size(), rowsBefore); // no epoch, no row in the Runs panel
        QVERIFY(!window.session()->checkpoint().has_value());
        QVERIFY(!window.session()->hasUnsavedModel());
        QVERIFY(!window.trainingPanel()->continueFromCheckpoint());
        QVERIFY(window.session()->autosavePath().isEmpty() || !QFileInfo::exists(window.session()->autosavePath()));
        QCOMPARE(progressText(window)->text(), QStringLiteral("Training stopped.")); // no figures to give
    }

    void aRunStoppedAfterAnEpochSaysWhereItStoppedAndTheLastFigures()
    {
        MainWindow window(false);
        QVERIFY(runAndStop(window, 1));
        const EpochStats last = window.session()->history().last();
        QLabel *text = progressText(window);
        const QString stopped = QStringLiteral("Stopped during epoch %1. Epoch %2: test −ELBO %3 nats.")
                                    .arg(last.epoch + 2)
                                    .arg(last.epoch + 1)
                                    .arg(last.test.negElbo, 0, 'f', 2);
        QCOMPARE(text->toolTip().section(QLatin1Char('\n'), 0, 0), stopped);
        QVERIFY(shownOnTwoLines(*text, stopped));
        QVERIFY(text->toolTip().contains(QStringLiteral("\n\nEpoch %1\nTest: −ELBO ").arg(last.epoch + 1)));

        // The Runs panel's newest row is this run: where it stopped, its figures and its autosave.
        auto *runs = window.findChild<RunHistoryPanel *>();
        QVERIFY(runs && !runs->runs().isEmpty());
        const RunRecord &run = runs->runs().first();
        QVERIFY(run.stopped);
        QCOMPARE(run.epochs, last.epoch + 1);
        QCOMPARE(run.last.test.negElbo, last.test.negElbo);
        QCOMPARE(run.config.dataset, QStringLiteral("blobs"));
        QCOMPARE(run.checkpoint, window.session()->autosavePath());
        QVERIFY(run.seconds > 0);
        auto *table = runs->findChild<QTableWidget *>(QStringLiteral("runTable"));
        QCOMPARE(table->item(0, 5)->text(), QStringLiteral("%1 (stopped)").arg(last.epoch + 1));
        QCOMPARE(table->item(0, 6)->text(), QString::number(last.test.negElbo, 'f', 2));
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
        QVERIFY2(info->text().contains(QStringLiteral("1 file(s) skipped")), qPrintable(info->text()));
        QVERIFY2(info->toolTip().contains(QStringLiteral("a/broken.png (")), qPrintable(info->toolTip()));
        QVERIFY2(info->text().contains(QStringLiteral("28×28 grayscale")), qPrintable(info->text()));

        window.session()->setData(tinySplit(), QStringLiteral("blobs")); // in-memory data skips nothing
        QVERIFY(!info->text().contains(QStringLiteral("skipped")));
        QVERIFY(!info->toolTip().contains(QStringLiteral("broken")));
    }

    void aFolderWithUnreadableFilesStillFitsALaptopScreen()
    {
        // One's own folder: the conversion note and the files that could not be read, under the dataset. The note
        // once grew the window past a 768-pixel screen (777 px at 1366×768 with one skipped file).
        MainWindow window(false);
        window.resize(1366, 728);
        window.show();
        QTemporaryDir dir;
        const QStringList skipped = {QStringLiteral("dogs/broken.png (Unsupported image format)"),
                                     QStringLiteral("birds/notes.txt (Unsupported image format)"),
                                     QStringLiteral("cats/empty.jpg (Unable to read image data)"),
                                     QStringLiteral("cats/huge.tif (Unsupported image format)")};
        window.session()->setData(tinySplit(), dir.path(), skipped);
        QCoreApplication::processEvents();
        auto *info = window.trainingPanel()->findChild<QLabel *>(QStringLiteral("datasetInfo"));
        QVERIFY(info);
        QVERIFY2(window.minimumSizeHint().height() <= 728,
                 qPrintable(QString::number(window.minimumSizeHint().height())));
        QVERIFY2(window.height() <= 728, qPrintable(QString::number(window.height())));
        QVERIFY2(info->text().contains(QLatin1String("4 file(s) skipped")), qPrintable(info->text()));
        for (const QString &file : skipped) // every one of them, where the note has no room for them
            QVERIFY2(info->toolTip().contains(file), qPrintable(info->toolTip()));
    }
};

QTEST_MAIN(TestMainWindowFiles)
#include "tst_mainwindowfiles.moc"
