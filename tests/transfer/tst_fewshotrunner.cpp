#include "tinysource.h"
#include "training/trainer.h"
#include "training/trainingcontroller.h"
#include "transfer/fewshotrunner.h"

#include <QJsonArray>
#include <QTest>

class TestFewShotRunner final : public QObject
{
    Q_OBJECT

private:
    DataSplit m_data = SyntheticData::split(SyntheticData::Pattern::Bars, 200, 120, 7);
    Checkpoint m_source;

private Q_SLOTS:
    void initTestCase()
    {
        m_source = TinySource::train(m_data, {0, 1, 2, 3, 4});
        QVERIFY(!m_source.weights.isEmpty());
    }

    void heldOutClassesAreMeasured()
    {
        FewShotConfig config;
        config.ways = 3;
        config.shots = {1, 2};
        config.queries = 4;
        config.episodes = 12;
        config.augment = 2;
        config.adaptSteps = 2;
        config.adaptEpisodes = 3;
        FewShotRunner runner(m_source, m_data, config);
        const FewShotOutcome outcome = runner.runBlocking();
        QVERIFY2(outcome.outcome == RunOutcome::Completed, qPrintable(outcome.message));
        const FewShotReport &report = outcome.report;
        QCOMPARE(report.classes, (QVector<int>{5, 6, 7, 8, 9})); // the ones the source never saw
        QCOMPARE(report.results.size(), 2);
        for (const FewShotResult &r : report.results) {
            QCOMPARE(r.latent.count, 12);
            QCOMPARE(r.pixel.count, 12);
            QCOMPARE(r.augmented.count, 12);
            for (double a : {r.latent.mean, r.pixel.mean, r.augmented.mean})
                QVERIFY(a >= 0 && a <= 1);
            QVERIFY(r.pixel.mean > 0.9); // bars are trivially separable from pixels
            QCOMPARE(r.adaptedEpisodes, 3);
            QVERIFY(std::isfinite(r.queryNegElboBefore) && std::isfinite(r.queryNegElboAfter));
        }
        // First episode of the last row: 3 ways × 2 shots real images, then 2 augmentations each.
        QCOMPARE(report.augmentedExampleOriginals, 6);
        QCOMPARE(report.augmentedExample.count(), 6 + 12);
        QCOMPARE(report.augmentedExample.labels.size(), 18);
        for (int label : report.augmentedExample.labels)
            QVERIFY(label >= 5 && label <= 9);

        const QJsonObject json = report.toJson();
        const QJsonObject row = json.value(QLatin1String("results")).toArray().first().toObject();
        for (const char *key : {"shots", "latent_accuracy", "pixel_accuracy", "augmented_accuracy", "ci95"})
            QVERIFY2(row.contains(QLatin1String(key)), key);
        // A plain VAE has no classifier: no column.
        for (const FewShotResult &r : report.results)
            QCOMPARE(r.classifier.count, 0);
        QVERIFY(row.value(QLatin1String("classifier_accuracy")).isNull());
    }

    void semiSupervisedModelAddsClassifierPrototypes()
    {
        // The semi-supervised model trained with every label of 0-4: its classifier's features get their own column.
        TrainConfig train;
        train.model = TinySource::spec();
        train.model.classes = 5;
        train.classes = {0, 1, 2, 3, 4};
        train.epochs = 3;
        train.batchSize = 32;
        train.learningRate = 3e-3;
        Trainer trainer(train, m_data, std::nullopt);
        const TrainingResult trained = trainer.runBlocking();
        QVERIFY2(trained.outcome == RunOutcome::Completed, qPrintable(trained.message));
        FewShotConfig config;
        config.ways = 3;
        config.shots = {1};
        config.queries = 4;
        config.episodes = 20;
        FewShotRunner runner(trained.checkpoint, m_data, config);
        const FewShotOutcome outcome = runner.runBlocking();
        QVERIFY2(outcome.outcome == RunOutcome::Completed, qPrintable(outcome.message));
        QCOMPARE(outcome.report.classes, (QVector<int>{5, 6, 7, 8, 9}));
        const FewShotResult &r = outcome.report.results.first();
        QCOMPARE(r.classifier.count, 20);
        QVERIFY(r.classifier.mean > 1.0 / 3 + 0.1); // well above chance on bars it never saw
        const QJsonObject row = outcome.report.toJson().value(QLatin1String("results")).toArray().first().toObject();
        QCOMPARE(row.value(QLatin1String("classifier_accuracy")).toDouble(), r.classifier.mean);
    }

    void onOtherDataEveryClassIsNew()
    {
        // The source trained on classes 0-4 of its data; on other data (here another folder) none of them is seen.
        FewShotConfig config;
        config.dataset = QStringLiteral("/elsewhere/another-dataset");
        config.ways = 3;
        config.shots = {1};
        config.queries = 2;
        config.episodes = 2;
        FewShotRunner runner(m_source, m_data, config);
        const FewShotOutcome outcome = runner.runBlocking();
        QVERIFY2(outcome.outcome == RunOutcome::Completed, qPrintable(outcome.message));
        QCOMPARE(outcome.report.classes, (QVector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
    }

    void seenClassesCountOnlyOnTheTrainedData()
    {
        TrainConfig heldOut;
        heldOut.dataset = QStringLiteral("mnist");
        heldOut.classes = {0, 1, 2, 3, 4};
        TrainConfig every = heldOut;
        every.classes.clear();
        const auto seen = [](const TrainConfig &trained, const QString &dataset, QVector<int> classes, int count = 0) {
            FewShotConfig config;
            config.dataset = dataset;
            config.classes = std::move(classes);
            return SeenClasses::of(trained, config, count);
        };
        // Chosen classes: those among the trained ones, in the order chosen; any of them when it trained on all.
        QCOMPARE(seen(heldOut, QStringLiteral("mnist"), {6, 4, 2, 9}).classes, (QVector<int>{4, 2}));
        QVERIFY(!seen(heldOut, QStringLiteral("mnist"), {6, 4}).every);
        QCOMPARE(seen(every, {}, {6, 4}).classes, (QVector<int>{6, 4})); // empty dataset: the trained one
        QVERIFY(seen(heldOut, QStringLiteral("mnist"), {5, 6, 7}).isEmpty());
        // No classes chosen: the episodes take the held-out ones, or all of them for a model of every class.
        QVERIFY(seen(heldOut, QStringLiteral("mnist"), {}).isEmpty());
        QVERIFY(seen(every, QStringLiteral("mnist"), {}).every);
        TrainConfig listed = heldOut;
        listed.classes = {4, 3, 2, 1, 0};
        QVERIFY(seen(listed, QStringLiteral("mnist"), {}, 5).every); // every class of a 5-class dataset, named
        QVERIFY(seen(listed, QStringLiteral("mnist"), {}, 10).isEmpty());
        // Other data: nothing was seen.
        QVERIFY(seen(every, QStringLiteral("fashion-mnist"), {}).isEmpty());
        QVERIFY(seen(heldOut, QStringLiteral("fashion-mnist"), {0, 1, 2}).isEmpty());
    }

    void tooFewClassesFail()
    {
        FewShotConfig config;
        config.ways = 6; // only 5 held-out classes
        config.shots = {1};
        config.episodes = 2;
        FewShotRunner runner(m_source, m_data, config);
        const FewShotOutcome outcome = runner.runBlocking();
        QCOMPARE(outcome.outcome, RunOutcome::Failed);
        QVERIFY(!outcome.message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestFewShotRunner)
#include "tst_fewshotrunner.moc"
