// Fault tests of a run: data files vanishing under it, rapid start/stop, destruction mid-run, and a divergent run.
// Each states what the user is promised.

#include "data/datasetloader.h"
#include "data/idxreader.h"
#include "model/checkpoint.h"
#include "model/inferencemodel.h"
#include "tinyconfig.h"
#include "training/trainer.h"
#include "training/trainingcontroller.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>

using SyntheticData::Pattern;

namespace {

TrainingResult resultOf(const QSignalSpy &spy, int index = 0)
{
    return spy.at(index).at(0).value<TrainingResult>();
}

bool allFinite(const QVector<float> &values)
{
    return std::all_of(values.begin(), values.end(), [](float v) { return std::isfinite(v); });
}

} // namespace

class TestFaultTraining : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void datasetFilesRemovedWhileTraining()
    {
        // The loaders read a dataset into memory once; a run never goes back to the files. Removing or truncating
        // them mid-run must not matter to it, and reading them again must fail with a message.
        QTemporaryDir dir;
        const DataSplit data = SyntheticData::split(Pattern::Bars, 200, 50, 3);
        const QString trainImages = dir.filePath(QStringLiteral("train-images-idx3-ubyte"));
        const QString trainLabels = dir.filePath(QStringLiteral("train-labels-idx1-ubyte"));
        const QString testImages = dir.filePath(QStringLiteral("t10k-images-idx3-ubyte"));
        const QString testLabels = dir.filePath(QStringLiteral("t10k-labels-idx1-ubyte"));
        QVERIFY(Idx::writeDataset(data.train, trainImages, trainLabels).ok());
        QVERIFY(Idx::writeDataset(data.test, testImages, testLabels).ok());
        const auto loaded = DatasetLoader::load(dir.path());
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));

        TrainingController controller;
        QSignalSpy epochs(&controller, &TrainingController::epochStats);
        QSignalSpy finished(&controller, &TrainingController::finished);
        bool tampered = false;
        connect(&controller, &TrainingController::epochStats, this, [&] {
            if (tampered)
                return;
            tampered = true;
            QFile::remove(trainImages);
            QFile::resize(trainLabels, 10);
            QFile::resize(testImages, 100);
        });
        QVERIFY(controller.start(tinyConfig(Pattern::Bars, 5), loaded.value()));
        QVERIFY(finished.wait(120000));
        const TrainingResult result = resultOf(finished);
        QVERIFY(tampered);
        QCOMPARE(int(result.outcome), int(RunOutcome::Completed));
        QCOMPARE(epochs.size(), 5);
        QVERIFY(allFinite(result.checkpoint.weights));
        qInfo("dataset files removed/truncated after epoch 1: the run completed %d epochs from memory",
              int(epochs.size()));

        const auto reread = DatasetLoader::load(dir.path());
        QVERIFY(!reread.ok());
        qInfo("reading the damaged folder again: %s", qPrintable(reread.error()));
    }

    void hundredRapidStartStopCycles()
    {
        const DataSplit data = SyntheticData::split(Pattern::Bars, 400, 40, 3);
        TrainConfig config = tinyConfig(Pattern::Bars, 1000);
        TrainingController controller;
        QSignalSpy finished(&controller, &TrainingController::finished);
        QSignalSpy batches(&controller, &TrainingController::batchStats);
        QElapsedTimer clock;
        clock.start();
        for (int cycle = 0; cycle < 100; ++cycle) {
            QVERIFY(controller.start(config, data));
            QVERIFY(controller.isRunning());
            if (cycle % 10 == 9)
                QVERIFY(batches.wait(30000)); // now and then, stop a run that is surely inside its batch loop
            else if (cycle % 3 == 2)
                QTest::qWait(2);
            if (cycle % 2 == 0) {
                // The GUI's Stop: ask, then the finished signal arrives through the event loop.
                const int before = finished.size();
                controller.stop();
                QVERIFY(finished.size() > before || finished.wait(20000));
                QVERIFY(resultOf(finished, finished.size() - 1).outcome != RunOutcome::Failed);
            } else {
                // Closing the window: stop and join, no signal expected.
                controller.stopAndWait();
            }
            QVERIFY(!controller.isRunning());
        }
        qInfo("100 start/stop cycles in %.1f s", clock.elapsed() / 1000.0);
    }

    void destroyedMidTraining()
    {
        const DataSplit data = SyntheticData::split(Pattern::Bars, 400, 40, 3);
        for (int round = 0; round < 5; ++round) {
            auto controller = std::make_unique<TrainingController>();
            QSignalSpy batches(controller.get(), &TrainingController::batchStats);
            QVERIFY(controller->start(tinyConfig(Pattern::Bars, 1000), data));
            if (round > 0) // round 0: destroyed before the worker has even begun
                QVERIFY(batches.wait(30000));
            QElapsedTimer clock;
            clock.start();
            controller.reset();
            QVERIFY2(clock.elapsed() < 10000, "destroying the controller waited too long for the worker");
        }
    }

    void divergentRunStopsAndKeepsLastGoodWeights_data()
    {
        QTest::addColumn<int>("epochsBeforeDiverging");
        QTest::newRow("diverges in the first epoch") << 0;
        QTest::newRow("diverges after two good epochs") << 2;
    }

    void divergentRunStopsAndKeepsLastGoodWeights()
    {
        QFETCH(int, epochsBeforeDiverging);
        const DataSplit data = SyntheticData::split(Pattern::Bars, 200, 40, 3);
        std::optional<Checkpoint> good;
        if (epochsBeforeDiverging > 0) {
            Trainer trainer(tinyConfig(Pattern::Bars, epochsBeforeDiverging), data, std::nullopt);
            const TrainingResult r = trainer.runBlocking();
            QCOMPARE(int(r.outcome), int(RunOutcome::Completed));
            good = r.checkpoint;
        } else {
            // A run stopped before its first step reports the initial weights: the only good ones there are.
            Trainer trainer(tinyConfig(Pattern::Bars, 1), data, std::nullopt);
            trainer.requestStop();
            good = trainer.runBlocking().checkpoint;
        }

        TrainConfig config = tinyConfig(Pattern::Bars, 5);
        config.learningRate = 1e6; // the CLI's largest learning rate
        TrainingController controller;
        QSignalSpy failed(&controller, &TrainingController::failed);
        QSignalSpy finished(&controller, &TrainingController::finished);
        QVERIFY(controller.start(config, data, epochsBeforeDiverging > 0 ? &*good : nullptr));
        QVERIFY(finished.wait(60000));
        const TrainingResult result = resultOf(finished);
        QCOMPARE(int(result.outcome), int(RunOutcome::Failed));
        QCOMPARE(failed.size(), 1);
        const QString message = failed.at(0).at(0).toString();
        qInfo("divergent run: %s", qPrintable(message));
        QVERIFY(message.contains(QLatin1String("learning rate")));
        QCOMPARE(result.checkpoint.epochsDone(), epochsBeforeDiverging);
        QVERIFY(allFinite(result.checkpoint.weights));
        QCOMPARE(result.checkpoint.weights, good->weights);
        // The kept state is usable: it saves, loads and decodes.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("last-good.ckpt"));
        QVERIFY(CheckpointIo::save(result.checkpoint, path).ok());
        const auto reloaded = CheckpointIo::load(path);
        QVERIFY2(reloaded.ok(), qPrintable(reloaded.error()));
        const auto model = InferenceModel::create(reloaded.value().snapshot());
        QVERIFY(model.ok());
        QVERIFY(!model.value().decode(QVector<float>(config.model.latent, 0.5f)).isNull());
    }
};

QTEST_GUILESS_MAIN(TestFaultTraining)
#include "tst_faulttraining.moc"
