// Real data, small budgets: MNIST → Fashion-MNIST transfer and 5-way few-shot on digits 5–9 from a model
// trained on 0–4. Checks that the pipeline produces sane numbers, not that transfer helps.

#include "data/datasetloader.h"
#include "transfer/fewshotrunner.h"
#include "transfer/transferrunner.h"
#include "transfer/vaefinetune.h"

#include <QTest>

#include <cmath>

namespace {

Checkpoint trainSource(const DataSplit &data, const QVector<int> &classes, int epochs)
{
    Checkpoint c;
    c.config.model = ModelSpec{}; // the seeds' MLP 784-512-32, Bernoulli
    c.config.dataset = QStringLiteral("mnist");
    c.config.classes = classes;
    VaeFinetuneConfig vc;
    vc.spec = c.config.model;
    vc.epochs = epochs;
    auto trained = VaeFinetune::run(vc, data.train.subset(classes));
    if (trained)
        c.weights = trained.value();
    return c;
}

} // namespace

class TestTransferIntegration final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mnistToFashionMnist()
    {
        auto mnist = DatasetLoader::load(QStringLiteral("mnist"));
        auto fashion = DatasetLoader::load(QStringLiteral("fashion-mnist"));
        if (!mnist || !fashion)
            QSKIP("MNIST or Fashion-MNIST is not installed (scripts/setup.sh)");
        const Checkpoint source = trainSource(mnist.value(), {}, 8);
        QVERIFY(!source.weights.isEmpty());
        TransferConfig config;
        config.labelsPerClass = 10;
        config.unlabelled = 5000;
        config.epochs = 2;
        TransferRunner runner(source, mnist.value(), fashion.value(), QStringLiteral("fashion-mnist"), config);
        const TransferOutcome outcome = runner.runBlocking();
        QVERIFY2(outcome.outcome == RunOutcome::Completed, qPrintable(outcome.message));
        const TransferReport &report = outcome.report;
        QCOMPARE(report.strategies.size(), 5);
        for (const StrategyResult &r : report.strategies) {
            qInfo("%-15s target -ELBO %.1f -> %.1f, source after %.1f, probe %.3f ± %.3f, k-NN %.3f ± %.3f, "
                  "finetune %.3f ± %.3f",
                  qPrintable(TransferStrategies::name(r.strategy)), r.targetNegElboBefore, r.targetNegElboAfter,
                  r.sourceNegElboAfter, r.probe.mean, r.probe.ci95, r.knn.mean, r.knn.ci95, r.finetune.mean,
                  r.finetune.ci95);
            QVERIFY(r.probe.mean > 0.3); // chance is 0.1 (semi-supervised: its own classifier)
            QVERIFY(std::isfinite(r.probe.ci95));
            if (r.strategy == TransferStrategy::SemiSupervised)
                continue;
            QVERIFY(r.targetNegElboAfter < r.targetNegElboBefore); // training on the target helps the target bound
            QVERIFY(r.knn.mean > 0.3);
            QVERIFY(r.finetune.mean > 0.3);
        }
        qInfo("baselines: pixel probe %.3f ± %.3f, pixel k-NN %.3f ± %.3f, scratch classifier %.3f, unadapted encoder "
              "probe %.3f, k-NN %.3f",
              report.pixelProbe.mean, report.pixelProbe.ci95, report.pixelKnn.mean, report.pixelKnn.ci95,
              report.scratchClassifier.mean, report.sourceProbe.mean, report.sourceKnn.mean);
        QVERIFY(report.pixelProbe.mean > 0.5);
        QVERIFY(report.pixelKnn.mean > 0.5);
        QVERIFY(report.scratchClassifier.mean > 0.3);
    }

    void digitsZeroToFourThenFewShotOnFiveToNine()
    {
        auto mnist = DatasetLoader::load(QStringLiteral("mnist"));
        if (!mnist)
            QSKIP("MNIST is not installed (scripts/setup.sh)");
        const Checkpoint source = trainSource(mnist.value(), {0, 1, 2, 3, 4}, 10);
        QVERIFY(!source.weights.isEmpty());
        FewShotConfig config;
        config.ways = 5;
        config.shots = {1, 5};
        config.episodes = 600;
        config.augment = 5;
        config.adaptSteps = 5;
        config.adaptEpisodes = 30;
        FewShotRunner runner(source, mnist.value(), config);
        const FewShotOutcome outcome = runner.runBlocking();
        QVERIFY2(outcome.outcome == RunOutcome::Completed, qPrintable(outcome.message));
        QCOMPARE(outcome.report.classes, (QVector<int>{5, 6, 7, 8, 9}));
        for (const FewShotResult &r : outcome.report.results) {
            qInfo("%d-shot: latent %.3f ± %.3f, pixels %.3f ± %.3f, augmented %.3f ± %.3f, query -ELBO %.1f -> %.1f",
                  r.shots, r.latent.mean, r.latent.ci95, r.pixel.mean, r.pixel.ci95, r.augmented.mean, r.augmented.ci95,
                  r.queryNegElboBefore, r.queryNegElboAfter);
            QCOMPARE(r.latent.count, 600);
            QVERIFY(r.latent.mean > 0.3); // chance is 0.2
            QVERIFY(r.pixel.mean > 0.3);
            QVERIFY(r.latent.ci95 > 0 && r.latent.ci95 < 0.05);
            QVERIFY(std::isfinite(r.queryNegElboAfter));
        }
    }
};

QTEST_GUILESS_MAIN(TestTransferIntegration)
#include "tst_transfer_integration.moc"
