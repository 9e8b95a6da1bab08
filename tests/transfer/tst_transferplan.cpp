// The transfer's plan (TransferPlan): what each strategy's steps cost, the progress bar that follows it, and the
// expected time the wizard and the CLI say before a run.
#include "model/evaluator.h"
#include "tinysource.h"
#include "transfer/transferrunner.h"
#include "transfer/vaefinetune.h"

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
        // 1,000 target images of which 600 adapt, batch 100, 2 epochs: 12 steps per strategy and draw (6 an epoch).
        const Dataset train = SyntheticData::generate(SyntheticData::Pattern::Bars, 1000, 3);
        TransferConfig config;
        config.strategies = {TransferStrategy::FinetuneAll, TransferStrategy::Scratch};
        config.unlabelled = 600;
        config.batchSize = 100;
        config.epochs = 2;
        config.repeats = 3;
        config.monitorImages = 100;
        const int test = 200;
        ModelSpec mlp = TinySource::spec();
        TransferPlan plan = TransferPlan::of(config, mlp, QStringLiteral("mnist"), train, test);
        // The classifier: 300 steps a draw, each of at most 64 labelled images, half a plain step.
        const double image = TransferPlan::evaluationUnits(mlp);
        const double classifier = 3 * 300 * 0.5;
        const double baselines = classifier + 0.5 * test * image;
        // A step, with each epoch's curve point on the monitor images spread over the epoch's 6 steps.
        const double step = 1 + 100 * image / 6;
        const double before = (test + 100) * image, after = 1.5 * test * image + classifier;
        QCOMPARE(plan.unitsPerStep, (QVector<double>{step, step}));
        QCOMPARE(plan.unitsMeasuringBefore, (QVector<double>{before, before}));
        QCOMPARE(plan.unitsMeasuringAfter, (QVector<double>{after, after}));
        QCOMPARE(plan.unitsBefore.first(), baselines);
        QCOMPARE(plan.seconds(1), (before + 12 * step + after) * RunPlan::kSecondsPerUnit);
        QCOMPARE(plan.totalUnits(), baselines + 2 * (before + 12 * step + after));
        // The strategies that start from the source measure it once.
        config.strategies = {TransferStrategy::FinetuneAll, TransferStrategy::FreezeEncoder, TransferStrategy::Scratch};
        plan = TransferPlan::of(config, mlp, QStringLiteral("mnist"), train, test);
        QCOMPARE(plan.unitsMeasuringBefore, (QVector<double>{before, 0, before}));
        // A conv source's steps cost 7.5 MLP steps.
        ModelSpec conv = mlp;
        conv.architecture = Architecture::Conv;
        QCOMPARE(TransferPlan::unlabelledStepUnits(conv), 7.5);
        // The semi-supervised strategy trains once per draw: on the digits 4.5 units a step and no label graph;
        // elsewhere 11.4 (gradient histograms) after each draw's graph.
        config.strategies = {TransferStrategy::SemiSupervised};
        // Each of its steps carries its share of the epoch's evaluation of the test images, whose bound sums over
        // the classes (unplanned, 2,000 images with three draws said "about 1 min" and took 3).
        ModelSpec semiModel = mlp;
        semiModel.classes = SyntheticData::classCount(SyntheticData::Pattern::Bars);
        const double evaluation = test * RunPlan::evaluationUnits(semiModel) / 6;
        QVERIFY(evaluation > 0.1 * 4.5);
        plan = TransferPlan::of(config, mlp, QStringLiteral("mnist"), train, test);
        QCOMPARE(plan.graphUnits, 0.0);
        QCOMPARE(plan.totalUnits(), baselines + 3 * 12 * (4.5 + evaluation));
        plan = TransferPlan::of(config, mlp, QStringLiteral("fashion-mnist"), train, test);
        QVERIFY(plan.graphUnits > 0);
        QCOMPARE(plan.totalUnits(), baselines + 3 * (plan.graphUnits + 12 * (11.4 + evaluation)));
        // On a machine whose steps take twice as long and its graph three times: every second doubles but the graph's,
        // which is half as many units again (its share of the bar grows).
        const TransferPlan slower =
            TransferPlan::of(config, mlp, QStringLiteral("fashion-mnist"), train, test, MachineSpeed{2.0, 3.0});
        QCOMPARE(slower.graphUnits, 1.5 * plan.graphUnits);
        QCOMPARE(slower.secondsPerUnit, 2 * RunPlan::kSecondsPerUnit);
        QVERIFY(qAbs(slower.seconds() - 2 * plan.seconds() - 3 * plan.graphUnits * RunPlan::kSecondsPerUnit) < 1e-9);
    }

    void aShortPlanIsNotTimed()
    {
        // A run the costs' own machine does in under 20 s is planned at its speed, without the half-second probe.
        const MachineSpeed speed = MachineSpeed::forPlanOf(19.9);
        QCOMPARE(speed.steps, 1.0);
        QCOMPARE(speed.graph, 1.0);
        TransferConfig config;
        config.strategies = {TransferStrategy::FinetuneAll};
        config.epochs = 1;
        const Dataset train = SyntheticData::generate(SyntheticData::Pattern::Bars, 300, 3);
        const TransferPlan plan =
            TransferPlan::onThisMachine(config, TinySource::spec(), QStringLiteral("bars"), train, 60);
        QVERIFY(plan.seconds() < 20);
        QCOMPARE(plan.secondsPerUnit, RunPlan::kSecondsPerUnit);
    }

    void aSemiSupervisedSourceIsPlannedAtItsCost()
    {
        // Its strategies adapt the bound marginalised over y and measure it over every class: planned as one plain
        // MLP step, a run of four strategies said "about 1 min" and took a quarter of an hour (session 29).
        ModelSpec plain = TinySource::spec();
        ModelSpec semi = plain;
        semi.classes = 10;
        QVERIFY(semi.isSemiSupervised());
        QCOMPARE(TransferPlan::unlabelledStepUnits(plain), 1.0);
        QCOMPARE(TransferPlan::unlabelledStepUnits(semi), 3.7);
        QVERIFY(TransferPlan::evaluationUnits(semi) > 11 * TransferPlan::evaluationUnits(plain));
        TransferConfig config;
        config.strategies = {TransferStrategy::FinetuneAll, TransferStrategy::FreezeEncoder,
                             TransferStrategy::FreezeDecoder, TransferStrategy::Scratch};
        config.classifier.finetuneSteps = 0; // the models' own cost: the classifiers' is the same for both
        const Dataset train = SyntheticData::generate(SyntheticData::Pattern::Bars, 6000, 3);
        const double plainUnits = TransferPlan::of(config, plain, QStringLiteral("bars"), train, 1000).totalUnits();
        const double semiUnits = TransferPlan::of(config, semi, QStringLiteral("bars"), train, 1000).totalUnits();
        QVERIFY2(semiUnits > 3.5 * plainUnits, qPrintable(QStringLiteral("%1 / %2").arg(semiUnits).arg(plainUnits)));
    }

    void aSemiSupervisedSourceAdaptsWithoutLabels()
    {
        // Fine-tuning a semi-supervised model on unlabelled images: its bound over the likely classes, as its training
        // estimates it; the bound falls and every weight stays finite.
        const Dataset images = SyntheticData::generate(SyntheticData::Pattern::Bars, 300, 5);
        VaeFinetuneConfig vc;
        vc.spec = TinySource::spec();
        vc.spec.classes = 4;
        vc.epochs = 3;
        vc.batchSize = 50;
        vc.learningRate = 3e-3;
        vc.initialWeights = VaeFinetune::initialWeights(vc.spec, 7);
        const auto before = Evaluator::evaluate(vc.spec, vc.initialWeights, images, 0, 1);
        const auto adapted = VaeFinetune::run(vc, images);
        QVERIFY2(adapted.ok(), qPrintable(adapted.error()));
        const auto after = Evaluator::evaluate(vc.spec, adapted.value(), images, 0, 1);
        QVERIFY(before && after);
        QVERIFY2(after.value().negElbo < before.value().negElbo - 5,
                 qPrintable(QStringLiteral("%1 → %2").arg(before.value().negElbo).arg(after.value().negElbo)));
    }
};

QTEST_GUILESS_MAIN(TestTransferPlan)
#include "tst_transferplan.moc"
