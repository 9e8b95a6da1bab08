#include "model/inferencemodel.h"
#include "tinysource.h"
#include "transfer/classifiers.h"
#include "transfer/transferrunner.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <optional>

class TestTransferRunner final : public QObject
{
    Q_OBJECT

private:
    DataSplit m_data = SyntheticData::split(SyntheticData::Pattern::Bars, 200, 80, 7);
    Checkpoint m_source;

    TransferConfig tinyConfig(TransferStrategy strategy) const
    {
        TransferConfig c;
        c.strategies = {strategy};
        c.labelsPerClass = 3;
        c.epochs = 2;
        c.batchSize = 32;
        c.learningRate = 3e-3;
        c.monitorImages = 20;
        c.classifier.probeSteps = 50;
        c.classifier.finetuneSteps = 20;
        return c;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_source = TinySource::train(m_data, {0, 1, 2, 3, 4});
        QVERIFY(!m_source.weights.isEmpty());
    }

    void everyStrategyMeasuresEverything_data()
    {
        QTest::addColumn<int>("strategy");
        for (TransferStrategy s : TransferStrategies::all())
            QTest::newRow(qPrintable(TransferStrategies::name(s))) << int(s);
    }

    void everyStrategyMeasuresEverything()
    {
        QFETCH(int, strategy);
        const auto s = TransferStrategy(strategy);
        TransferRunner runner(m_source, m_data, m_data, QStringLiteral("bars"), tinyConfig(s));
        QSignalSpy curve(&runner, &TransferRunner::curvePoint);
        const TransferOutcome outcome = runner.runBlocking();
        QVERIFY2(outcome.outcome == RunOutcome::Completed, qPrintable(outcome.message));
        const TransferReport &report = outcome.report;
        QCOMPARE(report.strategies.size(), 1);
        const StrategyResult &r = report.strategies.first();
        QCOMPARE(r.strategy, s);
        for (double v : {r.targetNegElboBefore, r.targetNegElboAfter, r.sourceNegElboAfter})
            QVERIFY(std::isfinite(v) && v > 0);
        for (double a :
             {r.probeAccuracy, r.finetuneAccuracy, report.scratchClassifierAccuracy, report.pixelProbeAccuracy})
            QVERIFY(a >= 0 && a <= 1);
        QCOMPARE(r.curve.size(), 2);
        QCOMPARE(curve.size(), 3); // before training, then one per epoch
        QCOMPARE(report.unlabelled, m_data.train.count());
        QCOMPARE(report.classCount, 10);
        // The bars are trivially separable from pixels.
        QVERIFY(report.pixelProbeAccuracy > 0.9);
    }

    void frozenSidesDoNotMove()
    {
        TransferConfig config = tinyConfig(TransferStrategy::FreezeEncoder);
        config.strategies = {TransferStrategy::FreezeEncoder, TransferStrategy::FreezeDecoder};
        TransferRunner runner(m_source, m_data, m_data, QStringLiteral("bars"), config);
        const TransferOutcome outcome = runner.runBlocking();
        QVERIFY2(outcome.outcome == RunOutcome::Completed, qPrintable(outcome.message));
        auto source = InferenceModel::create(m_source.config.model, m_source.weights);
        auto frozenEncoder = InferenceModel::create(m_source.config.model, outcome.report.strategies[0].weights);
        auto frozenDecoder = InferenceModel::create(m_source.config.model, outcome.report.strategies[1].weights);
        QVERIFY(source && frozenEncoder && frozenDecoder);
        const Dataset few = m_data.test.head(5);
        QCOMPARE(frozenEncoder.value().encodeMeans(few), source.value().encodeMeans(few));
        QVERIFY(frozenDecoder.value().encodeMeans(few) != source.value().encodeMeans(few));
        const QVector<float> z{0.5f, -1.0f, 0.0f, 2.0f};
        QCOMPARE(frozenDecoder.value().decode(z), source.value().decode(z));
        QVERIFY(frozenEncoder.value().decode(z) != source.value().decode(z));
        // The unadapted encoder's probe equals freeze-encoder's: the same features, the same seed.
        QCOMPARE(outcome.report.strategies[0].probeAccuracy, outcome.report.sourceProbeAccuracy);
    }

    void reportHasTheSummaryShape()
    {
        TransferRunner runner(m_source, m_data, m_data, QStringLiteral("bars"),
                              tinyConfig(TransferStrategy::FinetuneAll));
        const TransferReport report = runner.runBlocking().report;
        const QJsonObject json = report.toJson();
        for (const char *key : {"strategies", "scratch_classifier_accuracy", "pixel_probe_accuracy"})
            QVERIFY2(json.contains(QLatin1String(key)), key);
        const QJsonObject row = json.value(QLatin1String("strategies")).toArray().first().toObject();
        for (const char *key : {"strategy", "target_neg_elbo_before", "target_neg_elbo_after", "source_neg_elbo_after",
                                "probe_accuracy", "finetune_accuracy"})
            QVERIFY2(row.contains(QLatin1String(key)), key);
        QCOMPARE(row.value(QLatin1String("strategy")).toString(), QStringLiteral("finetune-all"));
        const QStringList lines = report.toCsv().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1 + 1 + 3); // header, one strategy, three baselines
        QVERIFY(lines[1].startsWith(QLatin1String("finetune-all,")));
        const Checkpoint adapted = report.adaptedCheckpoint(0, m_source);
        QCOMPARE(adapted.weights, report.strategies[0].weights);
        QVERIFY(adapted.config.classes.isEmpty());
        QVERIFY(CheckpointIo::parse(CheckpointIo::serialize(adapted), QStringLiteral("adapted")).ok());
    }

    void strategyNamesRoundTrip()
    {
        for (TransferStrategy s : TransferStrategies::all()) {
            TransferStrategy parsed = TransferStrategy::Scratch;
            QVERIFY(TransferStrategies::parse(TransferStrategies::name(s), &parsed));
            QCOMPARE(parsed, s);
        }
        TransferStrategy unused;
        QVERIFY(!TransferStrategies::parse(QStringLiteral("finetune"), &unused));
    }

    void labelledSubsetTakesKPerClass()
    {
        const Dataset labelled = labelledSubset(m_data.train, 3, 1);
        QCOMPARE(labelled.count(), 30);
        for (int c = 0; c < 10; ++c)
            QCOMPARE(labelled.labels.count(c), 3);
        QCOMPARE(randomSubset(m_data.train, 17, 1).count(), 17);
        QCOMPARE(randomSubset(m_data.train, 0, 1).count(), m_data.train.count());
    }

    void invalidInputsFailWithAMessage()
    {
        TransferConfig none = tinyConfig(TransferStrategy::Scratch);
        none.strategies.clear();
        TransferRunner a(m_source, m_data, m_data, QStringLiteral("bars"), none);
        const TransferOutcome noStrategy = a.runBlocking();
        QCOMPARE(noStrategy.outcome, RunOutcome::Failed);
        QVERIFY(!noStrategy.message.isEmpty());
        DataSplit unlabelled = m_data;
        unlabelled.train.labels.clear();
        TransferRunner b(m_source, m_data, unlabelled, QStringLiteral("bars"), tinyConfig(TransferStrategy::Scratch));
        QCOMPARE(b.runBlocking().outcome, RunOutcome::Failed);
    }

    void stopsOnRequestFromAnotherThread()
    {
        TransferConfig config = tinyConfig(TransferStrategy::FinetuneAll);
        config.epochs = 100000; // would run for hours
        auto *runner = new TransferRunner(m_source, m_data, m_data, QStringLiteral("bars"), config);
        QThread thread;
        runner->moveToThread(&thread);
        qRegisterMetaType<TransferOutcome>();
        // Not QSignalSpy: it is connected directly, so the worker thread would append to its list while this
        // thread reads it (a data race ThreadSanitizer reports). Queued to a receiver on this thread instead;
        // the receiver is declared last so it disconnects before the counters go away.
        int progressCount = 0;
        std::optional<TransferOutcome> outcome;
        QObject receiver;
        connect(runner, &TransferRunner::progress, &receiver, [&progressCount] { ++progressCount; });
        connect(runner, &TransferRunner::finished, &receiver, [&outcome](const TransferOutcome &o) { outcome = o; });
        connect(&thread, &QThread::started, runner, &TransferRunner::run);
        thread.start();
        QTRY_VERIFY_WITH_TIMEOUT(progressCount >= 3, 20000);
        runner->requestStop();
        QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 20000);
        QCOMPARE(outcome->outcome, RunOutcome::Stopped);
        thread.quit();
        thread.wait();
        delete runner;
    }
};

QTEST_GUILESS_MAIN(TestTransferRunner)
#include "tst_transferrunner.moc"
