// The trainer: learning happens, runs are reproducible, resuming equals not stopping, invalid settings, the β
// schedule and warm-up, and NaN handling. The controller that runs it on a thread: tst_trainingcontroller.cpp.

#include "model/checkpoint.h"
#include "tinyconfig.h"
#include "training/trainer.h"
#include "training/trainingcontroller.h" // TrainingResult

#include <QStandardPaths>
#include <QTest>

#include <cmath>
#include <limits>

using SyntheticData::Pattern;

namespace {

TrainingResult train(const TrainConfig &config, const DataSplit &data, std::optional<Checkpoint> resume = std::nullopt)
{
    Trainer trainer(config, data, std::move(resume));
    return trainer.runBlocking();
}

double maxAbsDifference(const QVector<float> &a, const QVector<float> &b)
{
    if (a.size() != b.size())
        return std::numeric_limits<double>::infinity();
    double m = 0;
    for (int i = 0; i < a.size(); ++i)
        m = std::max(m, double(std::fabs(a[i] - b[i])));
    return m;
}

bool allFinite(const QVector<float> &v)
{
    return std::all_of(v.cbegin(), v.cend(), [](float x) { return std::isfinite(x); });
}

} // namespace

class TestTrainer : public QObject
{
    Q_OBJECT

private:
    DataSplit m_small = SyntheticData::split(Pattern::DottedBars, 400, 100, 7);

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void lossFalls()
    {
        TrainConfig config = tinyConfig(Pattern::DottedBars, 6);
        const TrainingResult r = train(config, m_small);
        QCOMPARE(r.outcome, RunOutcome::Completed);
        QCOMPARE(r.checkpoint.history.size(), 6);
        const EpochStats &first = r.checkpoint.history.first();
        const EpochStats &last = r.checkpoint.history.last();
        qInfo("test -ELBO: epoch 1 %.2f, epoch 6 %.2f nats", first.test.negElbo, last.test.negElbo);
        QVERIFY2(
            last.test.negElbo < 0.9 * first.test.negElbo,
            qPrintable(QStringLiteral("test -ELBO went from %1 to %2").arg(first.test.negElbo).arg(last.test.negElbo)));
        QVERIFY(last.trainNegElbo < first.trainNegElbo);
        for (const EpochStats &e : r.checkpoint.history) {
            QVERIFY(std::isfinite(e.test.negElbo));
            QVERIFY(qAbs(e.test.negElbo - (e.test.recon + e.test.kl)) < 1e-6 * qAbs(e.test.negElbo));
            QVERIFY(qAbs(e.trainNegElbo - (e.trainRecon + e.trainKl)) < 1e-6 * qAbs(e.trainNegElbo));
            QVERIFY(e.test.kl >= 0);
            QCOMPARE(e.test.klPerDim.size(), config.model.latent);
            QVERIFY(e.test.activeUnits >= 0 && e.test.activeUnits <= config.model.latent);
            QCOMPARE(e.test.samples, m_small.test.count());
            QVERIFY(e.trainSeconds > 0);
            QVERIFY(e.samplesPerSecond > 0);
        }
        QCOMPARE(r.checkpoint.globalStep, qint64(6 * ((400 + 31) / 32)));
        QCOMPARE(r.checkpoint.history.last().globalStep, r.checkpoint.globalStep);
    }

    void sameSeedSameNumbers()
    {
        const TrainConfig config = tinyConfig(Pattern::DottedBars, 2);
        const TrainingResult a = train(config, m_small);
        const TrainingResult b = train(config, m_small);
        QCOMPARE(a.outcome, RunOutcome::Completed);
        QCOMPARE(b.outcome, RunOutcome::Completed);
        QCOMPARE(a.checkpoint.history.size(), b.checkpoint.history.size());
        for (int i = 0; i < a.checkpoint.history.size(); ++i) {
            const EpochStats &x = a.checkpoint.history[i], &y = b.checkpoint.history[i];
            QCOMPARE(x.trainNegElbo, y.trainNegElbo);
            QCOMPARE(x.trainRecon, y.trainRecon);
            QCOMPARE(x.trainKl, y.trainKl);
            QCOMPARE(x.test.negElbo, y.test.negElbo);
            QCOMPARE(x.test.klPerDim, y.test.klPerDim);
            QCOMPARE(x.test.activeUnits, y.test.activeUnits);
        }
        QCOMPARE(a.checkpoint.weights, b.checkpoint.weights);
        QCOMPARE(a.checkpoint.optimizer.secondMoment, b.checkpoint.optimizer.secondMoment);

        TrainConfig other = config;
        other.seed = config.seed + 1;
        const TrainingResult c = train(other, m_small);
        QCOMPARE(c.outcome, RunOutcome::Completed);
        QVERIFY(c.checkpoint.weights != a.checkpoint.weights);
        QVERIFY(c.checkpoint.history.last().test.negElbo != a.checkpoint.history.last().test.negElbo);
        QVERIFY(c.checkpoint.history.first().trainNegElbo != a.checkpoint.history.first().trainNegElbo);
    }

    void resumeEqualsUninterrupted()
    {
        TrainConfig two = tinyConfig(Pattern::DottedBars, 2);
        const TrainingResult straight = train(two, m_small);
        QCOMPARE(straight.outcome, RunOutcome::Completed);

        TrainConfig one = two;
        one.epochs = 1;
        const TrainingResult first = train(one, m_small);
        QCOMPARE(first.outcome, RunOutcome::Completed);
        // Through the file format, as the CLI's --resume does.
        const auto reloaded = CheckpointIo::parse(CheckpointIo::serialize(first.checkpoint), QStringLiteral("epoch1"));
        QVERIFY2(reloaded.ok(), qPrintable(reloaded.error()));
        const TrainingResult second = train(one, m_small, reloaded.value());
        QCOMPARE(second.outcome, RunOutcome::Completed);

        QCOMPARE(second.checkpoint.history.size(), 2);
        QCOMPARE(second.checkpoint.history[0].trainNegElbo, straight.checkpoint.history[0].trainNegElbo);
        QCOMPARE(second.checkpoint.history[1].epoch, 1);
        QCOMPARE(second.checkpoint.globalStep, straight.checkpoint.globalStep);
        QCOMPARE(second.checkpoint.optimizer.step, straight.checkpoint.optimizer.step);
        const double diff = maxAbsDifference(second.checkpoint.weights, straight.checkpoint.weights);
        QVERIFY2(diff <= 1e-6, qPrintable(QStringLiteral("weights differ by up to %1").arg(diff)));
        QVERIFY(qAbs(second.checkpoint.history[1].trainNegElbo - straight.checkpoint.history[1].trainNegElbo) < 1e-4);
        QVERIFY(qAbs(second.checkpoint.history[1].test.negElbo - straight.checkpoint.history[1].test.negElbo) < 1e-4);
    }

    void resumeRefusesAnotherModel()
    {
        TrainConfig config = tinyConfig(Pattern::DottedBars, 1);
        const TrainingResult first = train(config, m_small);
        QCOMPARE(first.outcome, RunOutcome::Completed);
        config.model.hidden = 16;
        const TrainingResult second = train(config, m_small, first.checkpoint);
        QCOMPARE(second.outcome, RunOutcome::Failed);
        QVERIFY2(second.message.contains(QLatin1String("differs")), qPrintable(second.message));

        Checkpoint broken = first.checkpoint;
        broken.optimizer.firstMoment.removeLast();
        const TrainingResult third = train(tinyConfig(Pattern::DottedBars, 1), m_small, broken);
        QCOMPARE(third.outcome, RunOutcome::Failed);
        QVERIFY2(third.message.contains(QLatin1String("optimizer")), qPrintable(third.message));
    }

    void invalidConfig_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("expected");
        const double inf = std::numeric_limits<double>::infinity();
        QTest::newRow("latent 0") << "latent" << 0.0 << "latent";
        QTest::newRow("hidden 0") << "hidden" << 0.0 << "hidden";
        QTest::newRow("epochs 0") << "epochs" << 0.0 << "epochs";
        QTest::newRow("batch 0") << "batch" << 0.0 << "batch";
        QTest::newRow("lr 0") << "lr" << 0.0 << "learning rate";
        QTest::newRow("lr negative") << "lr" << -1e-3 << "learning rate";
        QTest::newRow("lr NaN") << "lr" << std::nan("") << "learning rate";
        QTest::newRow("lr infinite") << "lr" << inf << "learning rate";
        QTest::newRow("beta negative") << "beta" << -1.0 << "β";
        QTest::newRow("warmup negative") << "warmup" << -1.0 << "warm-up";
        QTest::newRow("threads 300") << "threads" << 300.0 << "thread";
        QTest::newRow("classes absent from the data") << "classes" << 42.0 << "empty";
    }

    void invalidConfig()
    {
        QFETCH(QString, field);
        QFETCH(double, value);
        QFETCH(QString, expected);
        TrainConfig c = tinyConfig(Pattern::DottedBars, 1);
        if (field == QLatin1String("latent"))
            c.model.latent = int(value);
        else if (field == QLatin1String("hidden"))
            c.model.hidden = int(value);
        else if (field == QLatin1String("epochs"))
            c.epochs = int(value);
        else if (field == QLatin1String("batch"))
            c.batchSize = int(value);
        else if (field == QLatin1String("lr"))
            c.learningRate = value;
        else if (field == QLatin1String("beta"))
            c.beta = value;
        else if (field == QLatin1String("warmup"))
            c.warmupEpochs = int(value);
        else if (field == QLatin1String("threads"))
            c.threads = int(value);
        else if (field == QLatin1String("classes"))
            c.classes = {int(value)};
        if (field != QLatin1String("classes"))
            QVERIFY(!c.validate().isEmpty());
        const TrainingResult r = train(c, m_small);
        QCOMPARE(r.outcome, RunOutcome::Failed);
        QVERIFY2(r.message.contains(expected), qPrintable(r.message));
    }

    void betaAt_data()
    {
        QTest::addColumn<double>("beta");
        QTest::addColumn<int>("warmup");
        QTest::addColumn<int>("epoch");
        QTest::addColumn<double>("fraction");
        QTest::addColumn<double>("expected");
        QTest::newRow("no warm-up") << 1.0 << 0 << 0 << 0.0 << 1.0;
        QTest::newRow("no warm-up, beta 4") << 4.0 << 0 << 3 << 0.5 << 4.0;
        QTest::newRow("start of warm-up") << 1.0 << 4 << 0 << 0.0 << 0.0;
        QTest::newRow("quarter") << 1.0 << 4 << 1 << 0.0 << 0.25;
        QTest::newRow("mid-epoch") << 2.0 << 4 << 2 << 0.5 << 1.25;
        QTest::newRow("end of warm-up") << 1.0 << 4 << 3 << 1.0 << 1.0;
        QTest::newRow("after warm-up") << 1.0 << 4 << 4 << 0.0 << 1.0;
        QTest::newRow("long after") << 0.5 << 4 << 100 << 0.3 << 0.5;
        QTest::newRow("one-epoch warm-up") << 1.0 << 1 << 0 << 0.5 << 0.5;
        QTest::newRow("beta 0") << 0.0 << 3 << 1 << 0.0 << 0.0;
    }

    void betaAt()
    {
        QFETCH(double, beta);
        QFETCH(int, warmup);
        QFETCH(int, epoch);
        QFETCH(double, fraction);
        QFETCH(double, expected);
        TrainConfig c;
        c.beta = beta;
        c.warmupEpochs = warmup;
        QVERIFY(qAbs(c.betaAt(epoch, fraction) - expected) < 1e-12);
    }

    void warmupReachesTheTrainer()
    {
        TrainConfig c = tinyConfig(Pattern::DottedBars, 3);
        c.warmupEpochs = 2;
        c.batchStatsPerSecond = 1e6;
        Trainer trainer(c, m_small, std::nullopt);
        QVector<BatchStats> batches;
        connect(&trainer, &Trainer::batchStats, this, [&](const BatchStats &b) { batches.append(b); });
        const TrainingResult r = trainer.runBlocking();
        QCOMPARE(r.outcome, RunOutcome::Completed);
        QCOMPARE(r.checkpoint.history.size(), 3);
        QCOMPARE(r.checkpoint.history[0].beta, 0.5); // the weight reached at the end of each epoch
        QCOMPARE(r.checkpoint.history[1].beta, 1.0);
        QCOMPARE(r.checkpoint.history[2].beta, 1.0);
        QVERIFY(!batches.isEmpty());
        QCOMPARE(batches.first().beta, 0.0);
        for (const BatchStats &b : batches) {
            QVERIFY(b.beta <= 1.0);
            if (b.epoch == 0)
                QVERIFY(b.beta < 0.5);
            QVERIFY(qAbs(b.negElbo - (b.recon + b.kl)) < 1e-9 * qMax(1.0, qAbs(b.negElbo)));
        }
    }

    void nanStopsWithTheLastGoodWeights()
    {
        TrainConfig c = tinyConfig(Pattern::DottedBars, 3);
        c.learningRate = 1e8; // Adam moves every weight by ~lr: the next loss overflows
        const TrainingResult r = train(c, m_small);
        QCOMPARE(r.outcome, RunOutcome::Failed);
        QVERIFY2(r.message.contains(QLatin1String("NaN")) || r.message.contains(QLatin1String("infinite")),
                 qPrintable(r.message));
        QVERIFY(!r.checkpoint.weights.isEmpty());
        QVERIFY(allFinite(r.checkpoint.weights));
        QVERIFY(allFinite(r.checkpoint.optimizer.firstMoment));
        QVERIFY(allFinite(r.checkpoint.optimizer.secondMoment));
        // It failed in the first epoch, so the last good weights are the initial ones: those of a run with the
        // same seed that is stopped before its first batch.
        QVERIFY(r.checkpoint.history.isEmpty());
        Trainer unstarted(c, m_small, std::nullopt);
        unstarted.requestStop();
        const TrainingResult initial = unstarted.runBlocking();
        QCOMPARE(initial.outcome, RunOutcome::Stopped);
        QCOMPARE(r.checkpoint.weights, initial.checkpoint.weights);
        // The failed run's state must also be loadable as a checkpoint.
        const auto reparsed = CheckpointIo::parse(CheckpointIo::serialize(r.checkpoint), QStringLiteral("failed-run"));
        QVERIFY2(reparsed.ok(), qPrintable(reparsed.error()));
    }

    void nanAfterAGoodEpochKeepsThatEpoch()
    {
        // One good epoch, then resume with an absurd learning rate: the kept weights are the good epoch's.
        TrainConfig c = tinyConfig(Pattern::DottedBars, 1);
        const TrainingResult good = train(c, m_small);
        QCOMPARE(good.outcome, RunOutcome::Completed);
        c.learningRate = 1e8;
        c.epochs = 2;
        const TrainingResult r = train(c, m_small, good.checkpoint);
        QCOMPARE(r.outcome, RunOutcome::Failed);
        QCOMPARE(r.checkpoint.history.size(), 1);
        QCOMPARE(r.checkpoint.weights, good.checkpoint.weights);
        QVERIFY(allFinite(r.checkpoint.weights));
    }
};

QTEST_GUILESS_MAIN(TestTrainer)
#include "tst_trainer.moc"
