#include "data/labelleddraw.h"
#include "model/inferencemodel.h"
#include "model/layertable.h"
#include "tinysource.h"
#include "transfer/classifiers.h"
#include "transfer/transferrunner.h"
#include "util/seedstreams.h"

#include <QHash>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <cmath>
#include <optional>

class TestTransferRunner final : public QObject
{
    Q_OBJECT

private:
    DataSplit m_data = SyntheticData::split(SyntheticData::Pattern::Bars, 200, 80, 7);
    Checkpoint m_source;

    /// `perClass` points of each of two classes: dimension 0 carries the class (±1 plus noise of 0.3), the other
    /// `inactive` dimensions are noise of standard deviation 0.001, as a VAE's unused latent dimensions.
    static FeatureSet activeAndInactive(int perClass, int inactive, quint32 seed)
    {
        QRandomGenerator rng(seed);
        const auto normal = [&rng] {
            // Box-Muller: the test needs no more than a rough normal.
            const double u = std::max(rng.generateDouble(), 1e-12), v = rng.generateDouble();
            return std::sqrt(-2 * std::log(u)) * std::cos(2 * M_PI * v);
        };
        FeatureSet f;
        f.dim = 1 + inactive;
        for (int i = 0; i < 2 * perClass; ++i) {
            const int label = i % 2;
            f.labels.append(label);
            f.values.append(float((label ? 1.0 : -1.0) + 0.3 * normal()));
            for (int d = 0; d < inactive; ++d)
                f.values.append(float(0.001 * normal()));
        }
        return f;
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
        TransferRunner runner(m_source, m_data, m_data, QStringLiteral("bars"), TinySource::transferConfig(s));
        QSignalSpy curve(&runner, &TransferRunner::curvePoint);
        const TransferOutcome outcome = runner.runBlocking();
        QVERIFY2(outcome.outcome == RunOutcome::Completed, qPrintable(outcome.message));
        const TransferReport &report = outcome.report;
        QCOMPARE(report.strategies.size(), 1);
        const StrategyResult &r = report.strategies.first();
        QCOMPARE(r.strategy, s);
        QVERIFY(std::isfinite(r.targetNegElboAfter) && r.targetNegElboAfter > 0);
        for (double a : {r.probe.mean, report.scratchClassifier.mean, report.pixelProbe.mean, report.pixelKnn.mean,
                         report.sourceProbe.mean, report.sourceKnn.mean})
            QVERIFY(a >= 0 && a <= 1);
        // Three label draws: every accuracy has its interval.
        QCOMPARE(report.repeats, 3);
        for (double h : {r.probe.ci95, report.scratchClassifier.ci95, report.pixelProbe.ci95, report.pixelKnn.ci95})
            QVERIFY(std::isfinite(h) && h >= 0);
        QCOMPARE(r.curve.size(), 2);
        if (s == TransferStrategy::SemiSupervised) {
            // Its own classifier; no source model behind it, so no forgetting and no "before".
            QVERIFY(std::isnan(r.targetNegElboBefore) && std::isnan(r.sourceNegElboAfter));
            QVERIFY(std::isnan(r.knn.mean) && std::isnan(r.finetune.mean));
            QCOMPARE(curve.size(), 2); // one per epoch of the first draw
            QCOMPARE(report.adaptedCheckpoint(0, m_source).config.model.classes, 10);
            QCOMPARE(report.adaptedCheckpoint(0, m_source).config.trainingImages, 0);    // every target image
            QVERIFY(report.adaptedCheckpoint(0, m_source).config.adaptedFrom.isEmpty()); // its own start
            // Away from the digits its figure is the label graph's vote × q(y|x), as `train` reports it; on the bars
            // the graph finds every class.
            QVERIFY(r.labelGraph);
            QVERIFY2(r.probe.mean > 0.9, qPrintable(QString::number(r.probe.mean)));
        } else {
            for (double v : {r.targetNegElboBefore, r.sourceNegElboAfter})
                QVERIFY(std::isfinite(v) && v > 0);
            for (double a : {r.knn.mean, r.finetune.mean})
                QVERIFY(a >= 0 && a <= 1);
            QCOMPARE(curve.size(), 3); // before training, then one per epoch
            // The curve's two terms each epoch, which an explored adapted model's history shows.
            QCOMPARE(r.curveRecon.size(), 2);
            QCOMPARE(r.curveKl.size(), 2);
            for (int e = 0; e < 2; ++e)
                QVERIFY(qAbs(r.curveRecon[e] + r.curveKl[e] - r.curve[e]) < 1e-6 * r.curve[e]);
        }
        QCOMPARE(report.unlabelled, m_data.train.count());
        QCOMPARE(report.classCount, 10);
        // Its checkpoint carries the epochs the run measured (`info` and the window read them), the last one the
        // whole evaluation on the target's test split.
        const Checkpoint adapted = report.adaptedCheckpoint(0, m_source);
        QCOMPARE(adapted.epochsDone(), 2);
        // Its weights began as the source's (not from scratch's or the semi-supervised strategy's own start).
        QCOMPARE(adapted.config.adaptedFrom,
                 TransferStrategies::startsFromSource(s) ? m_source.config.dataset : QString());
        QVERIFY(r.targetEvaluation);
        QCOMPARE(adapted.history.last().test.negElbo, r.targetEvaluation->negElbo);
        QCOMPARE(adapted.history.last().test.klPerDim.size(), adapted.config.model.latent);
        // The bars are trivially separable from pixels.
        QVERIFY(report.pixelProbe.mean > 0.9);
    }

    void aSemiSupervisedSourceKeepsItsClassesInPlainStrategies()
    {
        // A semi-supervised source of five bar classes, adapted to all ten without labels: its classifier still names
        // the source's five, so it is not scored on the target's labels and the adapted model says whose classes
        // they are. The semi-supervised strategy's own classifier is the target's.
        Checkpoint source;
        source.config.model = TinySource::spec();
        source.config.model.classes = 5;
        source.config.classes = {5, 6, 7, 8, 9};
        source.config.labelsPerClass = 3;
        source.config.dataset = QStringLiteral("bars");
        source.weights = VaeFinetune::initialWeights(source.config.model, 5);
        TransferConfig config = TinySource::transferConfig(TransferStrategy::FreezeDecoder);
        config.strategies.append(TransferStrategy::SemiSupervised);
        config.repeats = 1;
        config.epochs = 1;
        TransferRunner runner(source, m_data, m_data, QStringLiteral("bars"), config);
        const TransferOutcome outcome = runner.runBlocking();
        QVERIFY2(outcome.outcome == RunOutcome::Completed, qPrintable(outcome.message));
        const TransferReport &report = outcome.report;
        const QStringList names{"5", "6", "7", "8", "9"};
        QCOMPARE(report.sourceClassNames, names);
        const StrategyResult &plain = report.strategies.first();
        QVERIFY(plain.targetEvaluation.has_value());
        QVERIFY(std::isfinite(plain.targetEvaluation->negElbo));
        QVERIFY(std::isnan(plain.targetEvaluation->accuracy));
        QVERIFY(plain.targetEvaluation->confusion.isEmpty());
        const Checkpoint adapted = report.adaptedCheckpoint(0, source);
        QCOMPARE(adapted.config.sourceClassNames, names);
        QCOMPARE(adapted.config.sourceDataset, QStringLiteral("bars")); // where those classes are labelled
        QVERIFY2(adapted.config.validate().isEmpty(), qPrintable(adapted.config.validate()));
        // Adapted again: its classes are still those of the first source's data.
        Checkpoint again = adapted;
        again.config.dataset = QStringLiteral("elsewhere");
        QCOMPARE(report.adaptedCheckpoint(0, again).config.sourceDataset, QStringLiteral("bars"));
        const Checkpoint own = report.adaptedCheckpoint(1, source);
        QCOMPARE(own.config.model.classes, 10);
        QVERIFY(own.config.sourceClassNames.isEmpty());
        QVERIFY(own.config.sourceDataset.isEmpty());
        // It opens: its weights come with the settings they were trained with. Away from the digits its classifier
        // reads gradient histograms beside the pixels; a description without them did not fit its weights ("holds
        // 1897770 weights but its architecture needs 1234218" from the wizard's Explore and Save).
        QVERIFY(own.config.model.classifierReadsGradients());
        QCOMPARE(own.config.labelsPerClass, config.labelsPerClass);
        const auto reopened = CheckpointIo::parse(CheckpointIo::serialize(own), QStringLiteral("own"));
        QVERIFY2(reopened.ok(), qPrintable(reopened.ok() ? QString() : reopened.error()));
        // A plain source's models have no classes to keep.
        QVERIFY(TransferReport().adaptedCheckpoint(0, m_source).config.sourceClassNames.isEmpty());
    }

    void frozenSidesDoNotMove()
    {
        TransferConfig config = TinySource::transferConfig(TransferStrategy::FreezeEncoder);
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
        QCOMPARE(outcome.report.strategies[0].probe.mean, outcome.report.sourceProbe.mean);
    }

    void reportHasTheSummaryShape()
    {
        TransferRunner runner(m_source, m_data, m_data, QStringLiteral("bars"),
                              TinySource::transferConfig(TransferStrategy::FinetuneAll));
        const TransferReport report = runner.runBlocking().report;
        const QJsonObject json = report.toJson();
        for (const char *key : {"strategies", "scratch_classifier_accuracy", "pixel_probe_accuracy"})
            QVERIFY2(json.contains(QLatin1String(key)), key);
        const QJsonObject row = json.value(QLatin1String("strategies")).toArray().first().toObject();
        for (const char *key : {"strategy", "target_neg_elbo_before", "target_neg_elbo_after", "source_neg_elbo_after",
                                "probe_accuracy", "probe_accuracy_ci95", "knn_accuracy", "knn_accuracy_ci95",
                                "finetune_accuracy", "finetune_accuracy_ci95"})
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

    void semiSupervisedCanStartFromTheSource()
    {
        // With a learning rate too small to move anything, the trained model still holds its starting point: the
        // source's encoder in the image columns of its first layer, the source's μ/log σ² head as it was.
        TransferConfig config = TinySource::transferConfig(TransferStrategy::SemiSupervised);
        config.semiSupervisedFromSource = true;
        config.learningRate = 1e-12;
        config.epochs = 1;
        config.repeats = 1;
        TransferRunner runner(m_source, m_data, m_data, QStringLiteral("bars"), config);
        const TransferOutcome outcome = runner.runBlocking();
        QVERIFY2(outcome.outcome == RunOutcome::Completed, qPrintable(outcome.message));
        const QVector<float> &trained = outcome.report.strategies[0].weights;
        const ModelSpec ssSpec = TransferStrategies::semiSupervisedSpec(m_source.config.model, 10);
        const auto offsets = [](const ModelSpec &spec) {
            QHash<QString, QPair<qint64, QVector<qint64>>> at;
            qint64 offset = 0;
            for (const ParameterShape &p : LayerTable::parameters(spec)) {
                at.insert(p.name, {offset, p.shape});
                offset += LayerSpec::shapeSize(p.shape);
            }
            return at;
        };
        const auto source = offsets(m_source.config.model), ss = offsets(ssSpec);
        const auto weight = QStringLiteral("encoder_hidden.weight");
        QVERIFY(ss.contains(weight) && source.contains(weight));
        const qint64 rows = source[weight].second[0], columns = source[weight].second[1];
        QCOMPARE(ss[weight].second[1], columns + 10); // the image, then the one-hot label
        double largest = 0;
        for (qint64 r = 0; r < rows; ++r)
            for (qint64 c = 0; c < columns; ++c)
                largest = std::max(largest,
                                   std::fabs(double(trained[ss[weight].first + r * (columns + 10) + c])
                                             - m_source.weights[source[weight].first + r * columns + c]));
        QVERIFY2(largest < 1e-6, qPrintable(QString::number(largest)));
        // Its classifier's accuracy is measured image by image: the two halves make up the whole test split.
        const AccuracyEstimate &probe = outcome.report.strategies[0].probe;
        QCOMPARE(probe.pickHalf.size(), 1);
        QCOMPARE(probe.reportHalf.size(), 1);
        const int n = m_data.test.count(), odd = TestAccuracy::reportHalfCount(n);
        QVERIFY(std::isfinite(probe.mean));
        QVERIFY(qAbs(probe.mean - (probe.pickHalf[0] * (n - odd) + probe.reportHalf[0] * odd) / n) < 1e-12);
    }

    void semiSupervisedOnSomeImagesRecordsWhichOnes()
    {
        // With --unlabelled N the strategy trains on the N images the VAEs adapt on; its checkpoint says which, so
        // that `eval` rebuilds the label graph from those images and a continued run trains on them again.
        TransferConfig config = TinySource::transferConfig(TransferStrategy::SemiSupervised);
        config.unlabelled = 120;
        config.epochs = 1;
        config.repeats = 1;
        TransferRunner runner(m_source, m_data, m_data, QStringLiteral("bars"), config);
        const TransferOutcome outcome = runner.runBlocking();
        QVERIFY2(outcome.outcome == RunOutcome::Completed, qPrintable(outcome.message));
        QCOMPARE(outcome.report.unlabelled, 120);
        const Checkpoint adapted = outcome.report.adaptedCheckpoint(0, m_source);
        QCOMPARE(adapted.config.trainingImages, 120);
        QCOMPARE(adapted.epochsDone(), 1); // its trainer's epoch, with the classifier's accuracy
        QVERIFY(std::isfinite(adapted.history.last().test.accuracy));
        const auto reopened = CheckpointIo::parse(CheckpointIo::serialize(adapted), QStringLiteral("adapted"));
        QVERIFY(reopened.ok());
        QCOMPARE(reopened.value().config.trainingImages, 120);
        const auto runData = reopened.value().config.runData(m_data);
        QVERIFY(runData.ok());
        QCOMPARE(runData.value().train.pixels, m_data.train.randomSubset(120, config.seed).pixels);
        QCOMPARE(runData.value().test.count(), m_data.test.count());
    }

    void semiSupervisedUsesTheProbesLabels()
    {
        // The trainer draws its K labels per class with LabelledDraw from its seed; labelledSubset makes the same
        // draw, so the semi-supervised row and the probes learn from the same images.
        const Dataset labelled = labelledSubset(m_data.train, 3, 5);
        const auto drawn = LabelledDraw::draw(m_data.train, LabelledDraw::classLabels(m_data.train, {}), 3,
                                              SeedStreams::labelledDraw(5));
        QVERIFY(drawn.ok());
        QCOMPARE(labelled.labels, m_data.train.select(drawn.value()).labels);
        const Dataset other = labelledSubset(m_data.train, 3, 6); // another draw: other images, as many per class
        for (int c = 0; c < 10; ++c)
            QCOMPARE(other.labels.count(c), 3);
        QVERIFY(other.pixels != labelled.pixels);
    }

    void theProbeOnMuIsNotStandardised()
    {
        // One class-carrying dimension and 200 inactive ones: standardising blows the noise up to the signal's
        // size and the probe fits it; on the raw features the noise stays negligible.
        const FeatureSet train = activeAndInactive(5, 200, 1);
        const FeatureSet test = activeAndInactive(200, 200, 2);
        ClassifierOptions options;
        const auto raw = Classifiers::linearProbe(train, test, 2, options, ProbeScaling::Raw);
        const auto standardised = Classifiers::linearProbe(train, test, 2, options, ProbeScaling::Standardise);
        QVERIFY(raw.ok() && standardised.ok());
        const double rawAccuracy = Classifiers::accuracy(raw.value(), test.labels);
        const double standardisedAccuracy = Classifiers::accuracy(standardised.value(), test.labels);
        qInfo("probe accuracy: raw %.3f, standardised %.3f", rawAccuracy, standardisedAccuracy);
        QVERIFY(rawAccuracy > 0.95);
        QVERIFY(rawAccuracy > standardisedAccuracy + 0.1);
        QCOMPARE(options.latentScaling, ProbeScaling::Raw);

        // The runner's μ probe is that raw probe on the encoder's means.
        TransferConfig config = TinySource::transferConfig(TransferStrategy::FreezeEncoder);
        config.repeats = 1;
        TransferRunner runner(m_source, m_data, m_data, QStringLiteral("bars"), config);
        const TransferOutcome outcome = runner.runBlocking();
        QVERIFY2(outcome.outcome == RunOutcome::Completed, qPrintable(outcome.message));
        auto model = InferenceModel::create(m_source.config.model, m_source.weights);
        QVERIFY(model.ok());
        const Dataset labelled = labelledSubset(m_data.train, config.labelsPerClass, config.seed);
        const FeatureSet mu{model.value().encodeMeans(labelled), model.value().latentDim(), labelled.labels};
        const FeatureSet muTest{model.value().encodeMeans(m_data.test), model.value().latentDim(), m_data.test.labels};
        const auto expected = Classifiers::linearProbe(mu, muTest, 10, config.classifier, ProbeScaling::Raw);
        QVERIFY(expected.ok());
        QCOMPARE(outcome.report.sourceProbe.mean, Classifiers::accuracy(expected.value(), muTest.labels));
        const auto knn = Classifiers::knn(mu, muTest, 10, config.classifier);
        QVERIFY(knn.ok());
        const TestAccuracy knnAccuracy = TestAccuracy::of(knn.value(), muTest.labels);
        QCOMPARE(outcome.report.sourceKnn.mean, knnAccuracy.all);
        // Each figure keeps its accuracy on both halves of the test split: the verdict picks on one, reports the other.
        QCOMPARE(outcome.report.sourceKnn.pickHalf, QVector<double>{knnAccuracy.pickHalf});
        QCOMPARE(outcome.report.sourceKnn.reportHalf, QVector<double>{knnAccuracy.reportHalf});
        // One draw: a mean without an interval.
        QVERIFY(std::isnan(outcome.report.sourceProbe.ci95));
        QVERIFY(std::isnan(outcome.report.strategies[0].finetune.ci95));
    }

    void repeatsMustBePositive()
    {
        TransferConfig config = TinySource::transferConfig(TransferStrategy::Scratch);
        config.repeats = 0;
        QVERIFY(!config.validate().isEmpty());
        TransferRunner runner(m_source, m_data, m_data, QStringLiteral("bars"), config);
        QCOMPARE(runner.runBlocking().outcome, RunOutcome::Failed);
    }

    void labelledSubsetTakesKPerClass()
    {
        const Dataset labelled = labelledSubset(m_data.train, 3, 1);
        QCOMPARE(labelled.count(), 30);
        for (int c = 0; c < 10; ++c)
            QCOMPARE(labelled.labels.count(c), 3);
        QCOMPARE(m_data.train.randomSubset(17, 1).count(), 17);
        QCOMPARE(m_data.train.randomSubset(0, 1).count(), m_data.train.count());
    }

    void invalidInputsFailWithAMessage()
    {
        TransferConfig none = TinySource::transferConfig(TransferStrategy::Scratch);
        none.strategies.clear();
        TransferRunner a(m_source, m_data, m_data, QStringLiteral("bars"), none);
        const TransferOutcome noStrategy = a.runBlocking();
        QCOMPARE(noStrategy.outcome, RunOutcome::Failed);
        QVERIFY(!noStrategy.message.isEmpty());
        DataSplit unlabelled = m_data;
        unlabelled.train.labels.clear();
        TransferRunner b(m_source, m_data, unlabelled, QStringLiteral("bars"),
                         TinySource::transferConfig(TransferStrategy::Scratch));
        QCOMPARE(b.runBlocking().outcome, RunOutcome::Failed);
    }

    void stopsWhileTheLabelGraphIsBuilt()
    {
        // Cancel as the semi-supervised strategy starts its label graph: the graph ends there, not after its work.
        TransferConfig config = TinySource::transferConfig(TransferStrategy::SemiSupervised);
        config.repeats = 1;
        TransferRunner runner(m_source, m_data, m_data, QStringLiteral("bars"), config);
        bool graphReady = false;
        connect(&runner, &TransferRunner::progress, this, [&](const RunProgress &p) {
            if (p.phase.startsWith(QLatin1String("semi-supervised: Label graph:")))
                runner.requestStop();
            graphReady = graphReady || p.phase.startsWith(QLatin1String("semi-supervised: Label graph ready"));
        });
        QCOMPARE(runner.runBlocking().outcome, RunOutcome::Stopped);
        QVERIFY(!graphReady);
    }

    void stopsOnRequestFromAnotherThread()
    {
        TransferConfig config = TinySource::transferConfig(TransferStrategy::FinetuneAll);
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
