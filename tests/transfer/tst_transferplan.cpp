// The transfer's plan (TransferPlan): what each strategy's steps cost, the progress bar that follows it, and the
// expected time the wizard and the CLI say before a run.
#include "tinysource.h"
#include "transfer/transferrunner.h"

#include <QTest>

class TestTransferPlan final : public QObject
{
    Q_OBJECT

private:
    DataSplit m_data = SyntheticData::split(SyntheticData::Pattern::Bars, 200, 80, 7);
    Checkpoint m_source;

private Q_SLOTS:
    void initTestCase()
    {
        m_source = TinySource::train(m_data, {0, 1, 2, 3, 4});
        QVERIFY(!m_source.weights.isEmpty());
    }

    void progressWeighsTheSemiSupervisedStepsByTheirCost_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<double>("low");
        QTest::addColumn<double>("high");
        // A semi-supervised step costs about 4.5 plain MLP steps with the pixel classifier (the digits' automatic
        // choice) and 11.4 when it reads gradient histograms (elsewhere; there its label graph comes first, a little
        // on these few images): after a plain strategy over the same images the bar stands near a fifth or a twelfth,
        // not at half, or the time left would be a fraction of the truth.
        QTest::newRow("mnist: pixels") << QStringLiteral("mnist") << 0.1 << 0.3;
        QTest::newRow("elsewhere: gradients") << QStringLiteral("bars") << 0.05 << 0.13;
    }

    void progressWeighsTheSemiSupervisedStepsByTheirCost()
    {
        QFETCH(QString, target);
        QFETCH(double, low);
        QFETCH(double, high);
        TransferConfig config = TinySource::transferConfig();
        config.strategies = {TransferStrategy::FinetuneAll, TransferStrategy::SemiSupervised};
        config.repeats = 1;
        TransferRunner runner(m_source, m_data, m_data, target, config);
        double afterPlain = -1, last = -1, graphStart = -1, graphReady = -1;
        bool monotonic = true;
        connect(&runner, &TransferRunner::progress, this, [&](const RunProgress &p) {
            if (p.phase.startsWith(QLatin1String("finetune-all: measuring")))
                afterPlain = p.fraction;
            if (p.phase.startsWith(QLatin1String("semi-supervised: Label graph:")) && graphStart < 0)
                graphStart = p.fraction;
            if (p.phase.startsWith(QLatin1String("semi-supervised: Label graph ready")))
                graphReady = p.fraction;
            monotonic = monotonic && p.fraction >= last;
            last = p.fraction;
        });
        QCOMPARE(runner.runBlocking().outcome, RunOutcome::Completed);
        QVERIFY2(afterPlain > low && afterPlain < high, qPrintable(QString::number(afterPlain)));
        QVERIFY(monotonic);
        QCOMPARE(last, 1.0);
        // Away from the digits the strategy first builds its label graph: a planned stretch of the bar.
        if (target == QLatin1String("mnist")) {
            QCOMPARE(graphStart, -1.0);
        } else {
            QVERIFY(graphStart >= afterPlain);
            QVERIFY2(graphReady > graphStart, qPrintable(QStringLiteral("%1 → %2").arg(graphStart).arg(graphReady)));
        }
    }

    void thePlanCountsEveryStepAtItsCost()
    {
        // 1,000 target images of which 600 adapt, batch 100, 2 epochs: 12 steps per strategy and draw.
        const Dataset train = SyntheticData::generate(SyntheticData::Pattern::Bars, 1000, 3);
        TransferConfig config;
        config.strategies = {TransferStrategy::FinetuneAll, TransferStrategy::Scratch};
        config.unlabelled = 600;
        config.batchSize = 100;
        config.epochs = 2;
        config.repeats = 3;
        ModelSpec mlp = TinySource::spec();
        TransferPlan plan = TransferPlan::of(config, mlp, QStringLiteral("mnist"), train, 200);
        QCOMPARE(plan.unitsBefore, (QVector<double>{1, 13, 25})); // the baselines count one unit
        QCOMPARE(plan.seconds(1), 12 * TransferPlan::kSecondsPerUnit);
        QCOMPARE(plan.seconds(), 25 * TransferPlan::kSecondsPerUnit);
        ModelSpec conv = mlp;
        conv.architecture = Architecture::Conv;
        QCOMPARE(TransferPlan::of(config, conv, QStringLiteral("mnist"), train, 200).totalUnits(), 1 + 2 * 12 * 7.5);
        // The semi-supervised strategy trains once per draw: on the digits 4.5 units a step and no label graph;
        // elsewhere 11.4 (gradient histograms) after each draw's graph.
        config.strategies = {TransferStrategy::SemiSupervised};
        plan = TransferPlan::of(config, mlp, QStringLiteral("mnist"), train, 200);
        QCOMPARE(plan.graphUnits, 0.0);
        QCOMPARE(plan.totalUnits(), 1 + 3 * 12 * 4.5);
        plan = TransferPlan::of(config, mlp, QStringLiteral("fashion-mnist"), train, 200);
        QVERIFY(plan.graphUnits > 0);
        QCOMPARE(plan.totalUnits(), 1 + 3 * (plan.graphUnits + 12 * 11.4));
    }
};

QTEST_GUILESS_MAIN(TestTransferPlan)
#include "tst_transferplan.moc"
