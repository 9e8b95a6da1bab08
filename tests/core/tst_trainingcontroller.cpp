// The training controller: its signals over a full run, pause/resume/stop, destruction mid-run, a restart after a
// stop, NaN through the thread, and throttled batch statistics. The trainer itself: tst_trainer.cpp.

#include "model/checkpoint.h"
#include "model/inferencemodel.h"
#include "tinyconfig.h"
#include "training/trainer.h"
#include "training/trainingcontroller.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <cmath>
#include <limits>
#include <memory>

using SyntheticData::Pattern;

namespace {

constexpr int kSignalTimeoutMs = 30000;

bool allFinite(const QVector<float> &v)
{
    return std::all_of(v.cbegin(), v.cend(), [](float x) { return std::isfinite(x); });
}

/// A run long enough to be paused, stopped or destroyed while it trains: many small batches.
TrainConfig longConfig()
{
    TrainConfig c = tinyConfig(Pattern::DottedBars, 10000);
    c.batchSize = 4;
    c.batchStatsPerSecond = 1000; // report (almost) every batch, so silence means "not training"
    return c;
}

TrainingResult resultOf(const QSignalSpy &finished, int index = 0)
{
    return finished.at(index).at(0).value<TrainingResult>();
}

} // namespace

class TestTrainingController : public QObject
{
    Q_OBJECT

private:
    DataSplit m_small = SyntheticData::split(Pattern::DottedBars, 400, 100, 7);
    DataSplit m_large = SyntheticData::split(Pattern::DottedBars, 1000, 50, 7);

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // The controller registers these; the spies below need them before any controller exists.
        qRegisterMetaType<TrainingResult>();
        qRegisterMetaType<BatchStats>();
        qRegisterMetaType<EpochStats>();
    }

    void controllerReportsAFullRun()
    {
        TrainingController controller;
        QSignalSpy started(&controller, &TrainingController::started);
        QSignalSpy batches(&controller, &TrainingController::batchStats);
        QSignalSpy epochs(&controller, &TrainingController::epochStats);
        QSignalSpy recons(&controller, &TrainingController::reconstructions);
        QSignalSpy snapshots(&controller, &TrainingController::snapshot);
        QSignalSpy checkpoints(&controller, &TrainingController::checkpoint);
        QSignalSpy failed(&controller, &TrainingController::failed);
        QSignalSpy finished(&controller, &TrainingController::finished);

        const TrainConfig config = tinyConfig(Pattern::DottedBars, 2);
        QVERIFY(controller.start(config, m_small));
        QVERIFY(controller.isRunning());
        QVERIFY(!controller.start(config, m_small)); // one run at a time
        QCOMPARE(started.count(), 1);
        QVERIFY(finished.wait(kSignalTimeoutMs));
        QCOMPARE(finished.count(), 1);
        QVERIFY(!controller.isRunning());

        const TrainingResult result = resultOf(finished);
        QCOMPARE(result.outcome, RunOutcome::Completed);
        QCOMPARE(failed.count(), 0);
        QVERIFY(batches.count() >= 2); // at least each epoch's last batch
        QCOMPARE(epochs.count(), 2);
        QCOMPARE(epochs.at(0).at(0).value<EpochStats>().epoch, 0);
        QCOMPARE(epochs.at(1).at(0).value<EpochStats>().epoch, 1);
        const BatchStats lastBatch = batches.last().at(0).value<BatchStats>();
        QCOMPARE(lastBatch.epoch, 1);
        QCOMPARE(lastBatch.step, lastBatch.stepsPerEpoch);

        QCOMPARE(recons.count(), 2);
        const ReconstructionSample sample = recons.last().at(0).value<ReconstructionSample>();
        QCOMPARE(sample.inputs.size(), config.reconstructionCount);
        QCOMPARE(sample.outputs.size(), config.reconstructionCount);
        QCOMPARE(sample.outputs.first().size(), QSize(28, 28));

        QVERIFY(snapshots.count() >= 2);
        const ModelSnapshot snap = snapshots.last().at(0).value<ModelSnapshot>();
        QCOMPARE(snap.spec, config.model);
        QCOMPARE(snap.weights, result.checkpoint.weights);
        QCOMPARE(snap.klPerDim.size(), config.model.latent);

        QCOMPARE(checkpoints.count(), 2);
        QCOMPARE(checkpoints.at(0).at(0).value<Checkpoint>().epochsDone(), 1);
        QCOMPARE(checkpoints.at(1).at(0).value<Checkpoint>().epochsDone(), 2);
        QCOMPARE(checkpoints.at(1).at(0).value<Checkpoint>().weights, result.checkpoint.weights);

        // The controller can run again after a run ends.
        QVERIFY(controller.start(config, m_small));
        QVERIFY(finished.wait(kSignalTimeoutMs));
        QCOMPARE(resultOf(finished, 1).checkpoint.weights, result.checkpoint.weights); // and reproducibly
    }

    void anOpenedModelReconstructsAsItsRunShowed_data()
    {
        QTest::addColumn<int>("classes");
        QTest::newRow("plain VAE") << 0;
        // Decoded under the uniform label, an opened checkpoint's 7 came back as a 9.
        QTest::newRow("semi-supervised, under q(y|x)") << 10;
    }

    void anOpenedModelReconstructsAsItsRunShowed()
    {
        QFETCH(int, classes);
        const DataSplit data = SyntheticData::split(Pattern::Bars, 200, 60, 3);
        TrainConfig config = tinyConfig(Pattern::Bars, 1);
        config.model.classes = classes;
        config.labelsPerClass = 2;
        TrainingController controller;
        QSignalSpy recons(&controller, &TrainingController::reconstructions);
        QSignalSpy finished(&controller, &TrainingController::finished);
        QVERIFY(controller.start(config, data));
        QVERIFY(finished.wait(kSignalTimeoutMs));
        const ReconstructionSample shown = recons.last().at(0).value<ReconstructionSample>();
        const Result<InferenceModel> model = InferenceModel::create(resultOf(finished).checkpoint.snapshot());
        QVERIFY(model.ok());
        const QVector<QImage> opened =
            model.value().reconstruct(data.test, data.test.showcase(config.reconstructionCount));
        QCOMPARE(opened.size(), shown.outputs.size());
        for (int i = 0; i < opened.size(); ++i)
            QCOMPARE(opened[i], shown.outputs[i]);
        if (classes > 0) // what the panel showed before: the same μ decoded under the uniform label
            QVERIFY(model.value().decode(model.value().encodeMeans(data.test, {data.test.showcase(1)}))
                    != shown.outputs[0]);
    }

    void pauseResumeStop()
    {
        TrainingController controller;
        QSignalSpy batches(&controller, &TrainingController::batchStats);
        QSignalSpy paused(&controller, &TrainingController::pausedChanged);
        QSignalSpy finished(&controller, &TrainingController::finished);
        QVERIFY(controller.start(longConfig(), m_large));
        QVERIFY(batches.wait(kSignalTimeoutMs));

        controller.pause();
        QVERIFY(controller.isPaused());
        QCOMPARE(paused.count(), 1);
        QCOMPARE(paused.last().at(0).toBool(), true);
        QTest::qWait(300); // the batch in flight may still report
        batches.clear();
        QTest::qWait(600);
        QCOMPARE(batches.count(), 0);
        QVERIFY(controller.isRunning());

        controller.resume();
        QVERIFY(!controller.isPaused());
        QCOMPARE(paused.count(), 2);
        QCOMPARE(paused.last().at(0).toBool(), false);
        QTRY_VERIFY_WITH_TIMEOUT(batches.count() >= 3, kSignalTimeoutMs);

        controller.togglePause();
        QVERIFY(controller.isPaused());
        controller.togglePause();
        QVERIFY(!controller.isPaused());

        controller.stop();
        QVERIFY(finished.wait(kSignalTimeoutMs));
        const TrainingResult result = resultOf(finished);
        QCOMPARE(result.outcome, RunOutcome::Stopped);
        QVERIFY(!result.message.isEmpty());
        QVERIFY(!result.checkpoint.weights.isEmpty());
        QVERIFY(allFinite(result.checkpoint.weights));
        QVERIFY(!controller.isRunning());
    }

    void stopWhilePaused()
    {
        TrainingController controller;
        QSignalSpy batches(&controller, &TrainingController::batchStats);
        QSignalSpy paused(&controller, &TrainingController::pausedChanged);
        QSignalSpy finished(&controller, &TrainingController::finished);
        QVERIFY(controller.start(longConfig(), m_large));
        QVERIFY(batches.wait(kSignalTimeoutMs));
        controller.pause();
        controller.stop();
        QVERIFY(finished.wait(kSignalTimeoutMs));
        QCOMPARE(resultOf(finished).outcome, RunOutcome::Stopped);
        QVERIFY(!controller.isPaused());
        QCOMPARE(paused.last().at(0).toBool(), false); // the view learns the pause is over
    }

    void pauseSleepsUntilResumeOrStop()
    {
        // A paused run takes no step at all, and resuming or stopping wakes it at once (it waits on a condition,
        // not a poll). The limits leave room for a loaded machine; a run that never woke would fail them.
        TrainingController controller;
        QSignalSpy batches(&controller, &TrainingController::batchStats);
        QSignalSpy finished(&controller, &TrainingController::finished);
        QVERIFY(controller.start(longConfig(), m_large));
        QVERIFY(batches.wait(kSignalTimeoutMs));
        for (int round = 0; round < 3; ++round) {
            controller.pause();
            QTest::qWait(200); // the batch in flight may still report
            batches.clear();
            QVERIFY2(!batches.wait(500), "a paused run went on training");
            QElapsedTimer clock;
            clock.start();
            controller.resume();
            QVERIFY(batches.wait(kSignalTimeoutMs));
            QVERIFY2(clock.elapsed() < 2000, qPrintable(QStringLiteral("resume took %1 ms").arg(clock.elapsed())));
        }
        controller.pause();
        QTest::qWait(200);
        QElapsedTimer clock;
        clock.start();
        controller.stop();
        QVERIFY(finished.wait(kSignalTimeoutMs));
        QVERIFY2(clock.elapsed() < 2000, qPrintable(QStringLiteral("stop took %1 ms").arg(clock.elapsed())));
        QCOMPARE(resultOf(finished).outcome, RunOutcome::Stopped);
    }

    void destroyedMidTraining_data()
    {
        QTest::addColumn<bool>("pausedFirst");
        QTest::newRow("while training") << false;
        QTest::newRow("while paused") << true;
    }

    void destroyedMidTraining()
    {
        QFETCH(bool, pausedFirst);
        auto controller = std::make_unique<TrainingController>();
        QSignalSpy batches(controller.get(), &TrainingController::batchStats);
        QVERIFY(controller->start(longConfig(), m_large));
        QVERIFY(batches.wait(kSignalTimeoutMs));
        if (pausedFirst)
            controller->pause();
        QElapsedTimer clock;
        clock.start();
        controller.reset(); // must stop and join the worker, neither crash nor hang
        QVERIFY2(clock.elapsed() < 10000, "destroying the controller took too long");
        QTest::qWait(100); // anything still queued is delivered (or dropped) without harm
    }

    void restartAfterStopAndWait()
    {
        // A stopped run's `finished` is still queued when the next run starts; it must not be taken for the new run's.
        TrainingController controller;
        QSignalSpy batches(&controller, &TrainingController::batchStats);
        QSignalSpy finished(&controller, &TrainingController::finished);
        QVERIFY(controller.start(longConfig(), m_large));
        QVERIFY(batches.wait(kSignalTimeoutMs));
        controller.stopAndWait();
        QVERIFY(!controller.isRunning());

        const TrainConfig shortRun = tinyConfig(Pattern::DottedBars, 2);
        QVERIFY(controller.start(shortRun, m_small));
        QElapsedTimer clock;
        clock.start();
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= 1, kSignalTimeoutMs);
        QTest::qWait(300); // a second, stale report would arrive now
        QCOMPARE(finished.count(), 1);
        const TrainingResult result = resultOf(finished);
        QCOMPARE(result.outcome, RunOutcome::Completed);
        QCOMPARE(result.checkpoint.history.size(), 2);
        QVERIFY(!controller.isRunning());
    }

    void nanThroughTheController()
    {
        TrainingController controller;
        QSignalSpy failed(&controller, &TrainingController::failed);
        QSignalSpy finished(&controller, &TrainingController::finished);
        TrainConfig c = tinyConfig(Pattern::DottedBars, 3);
        c.learningRate = 1e8;
        QVERIFY(controller.start(c, m_small));
        QVERIFY(finished.wait(kSignalTimeoutMs));
        QCOMPARE(failed.count(), 1);
        const QString message = failed.first().at(0).toString();
        QVERIFY2(message.contains(QLatin1String("learning rate")), qPrintable(message));
        const TrainingResult result = resultOf(finished);
        QCOMPARE(result.outcome, RunOutcome::Failed);
        QCOMPARE(result.message, message);
        QVERIFY(allFinite(result.checkpoint.weights));
        QVERIFY(!result.checkpoint.weights.isEmpty());
    }

    void batchStatsAreThrottled()
    {
        TrainingController controller;
        QSignalSpy batches(&controller, &TrainingController::batchStats);
        QSignalSpy epochs(&controller, &TrainingController::epochStats);
        QSignalSpy finished(&controller, &TrainingController::finished);
        TrainConfig c = longConfig();
        c.batchSize = 1; // thousands of batches a second
        c.batchStatsPerSecond = 20;
        QElapsedTimer clock;
        clock.start();
        QVERIFY(controller.start(c, m_large));
        QTest::qWait(1500);
        controller.stop();
        QVERIFY(finished.wait(kSignalTimeoutMs));
        const double seconds = clock.elapsed() / 1000.0;
        // Each epoch's last batch always reports, so finished epochs may add one each.
        const double allowed = 20 * seconds + epochs.count() + 3;
        qInfo("%d batch reports in %.2f s (%d epochs), allowed %.0f", int(batches.count()), seconds,
              int(epochs.count()), allowed);
        QVERIFY2(batches.count() <= allowed,
                 qPrintable(QStringLiteral("%1 reports in %2 s").arg(batches.count()).arg(seconds)));
        QVERIFY2(batches.count() >= 5, "throttling silenced the reports");
    }
};

QTEST_GUILESS_MAIN(TestTrainingController)
#include "tst_trainingcontroller.moc"
