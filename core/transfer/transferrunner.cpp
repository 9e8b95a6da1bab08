#include "transfer/transferrunner.h"

#include "data/labelleddraw.h"
#include "model/evaluator.h"
#include "model/inferencemodel.h"
#include "model/layertable.h"
#include "training/threadpolicy.h"
#include "training/trainer.h"
#include "training/trainingcontroller.h"
#include "transfer/vaefinetune.h"
#include "util/seedstreams.h"

#include <QElapsedTimer>
#include <QHash>

#include <algorithm>
#include <functional>
#include <limits>
#include <numeric>
#include <random>

namespace {

TrainablePart trainablePart(TransferStrategy s)
{
    switch (s) {
    case TransferStrategy::FreezeEncoder:
        return TrainablePart::Decoder;
    case TransferStrategy::FreezeDecoder:
        return TrainablePart::Encoder;
    case TransferStrategy::FinetuneAll:
    case TransferStrategy::Scratch:
    case TransferStrategy::SemiSupervised:
        break;
    }
    return TrainablePart::All;
}

FeatureSet encoderFeatures(const InferenceModel &model, const Dataset &data)
{
    return FeatureSet{model.encodeMeans(data), model.latentDim(), data.labels};
}

/// The semi-supervised model's initialisation `start` with the source MLP's weights copied in: every layer of the
/// same name and shape, and the leading input columns of the layers that also read the one-hot label (the image's
/// columns of the encoder's first layer, z's of the decoder's). Empty if the source is no MLP of the same sizes.
QVector<float> withSourceWeights(QVector<float> start, const ModelSpec &ssSpec, const ModelSpec &source,
                                 const QVector<float> &sourceWeights)
{
    if (source.architecture != Architecture::Mlp || source.hidden != ssSpec.hidden || source.latent != ssSpec.latent)
        return {};
    QHash<QString, QPair<qint64, QVector<qint64>>> sourceTensors; // name → offset, shape
    qint64 offset = 0;
    for (const ParameterShape &p : LayerTable::parameters(source)) {
        sourceTensors.insert(p.name, {offset, p.shape});
        offset += LayerSpec::shapeSize(p.shape);
    }
    if (offset != sourceWeights.size())
        return {};
    offset = 0;
    for (const ParameterShape &p : LayerTable::parameters(ssSpec)) {
        const qint64 size = LayerSpec::shapeSize(p.shape);
        if (const auto it = sourceTensors.constFind(p.name); it != sourceTensors.cend()) {
            const auto &[from, shape] = *it;
            if (shape == p.shape) {
                std::copy_n(sourceWeights.constData() + from, size, start.data() + offset);
            } else if (shape.size() == 2 && p.shape.size() == 2 && shape[0] == p.shape[0] && shape[1] < p.shape[1]) {
                for (qint64 row = 0; row < shape[0]; ++row)
                    std::copy_n(sourceWeights.constData() + from + row * shape[1], shape[1],
                                start.data() + offset + row * p.shape[1]);
            }
        }
        offset += size;
    }
    return start;
}

} // namespace

QString TransferConfig::validate() const
{
    if (strategies.isEmpty())
        return TransferRunner::tr("Choose at least one strategy.");
    if (labelsPerClass < 1)
        return TransferRunner::tr("Labels per class must be 1 or more.");
    if (repeats < 1)
        return TransferRunner::tr("The number of label draws must be 1 or more.");
    if (epochs < 1 || batchSize < 1 || !(learningRate > 0))
        return TransferRunner::tr("Epochs, batch size and learning rate must be positive.");
    return {};
}

Dataset labelledSubset(const Dataset &data, int perClass, quint64 seed)
{
    const auto drawn =
        LabelledDraw::draw(data, LabelledDraw::classLabels(data, {}), perClass, SeedStreams::labelledDraw(seed));
    return drawn ? data.select(drawn.value()) : Dataset{};
}

Dataset randomSubset(const Dataset &data, int count, quint64 seed)
{
    QVector<int> indices(data.count());
    std::iota(indices.begin(), indices.end(), 0);
    std::mt19937_64 rng(seed);
    std::shuffle(indices.begin(), indices.end(), rng);
    if (count > 0 && count < indices.size())
        indices.resize(count);
    return data.select(indices);
}

struct TransferRunner::Impl
{
    Checkpoint source;
    DataSplit sourceData;
    DataSplit target;
    QString targetName;
    TransferConfig config;
};

TransferRunner::TransferRunner(Checkpoint source, DataSplit sourceData, DataSplit target, QString targetName,
                               TransferConfig config)
    : d(std::make_unique<Impl>(
        Impl{std::move(source), std::move(sourceData), std::move(target), std::move(targetName), std::move(config)}))
{ }

TransferRunner::~TransferRunner() = default;

void TransferRunner::run()
{
    Q_EMIT finished(runBlocking());
}

/// One runBlocking() call: the baselines, then each strategy adapted and measured. The functions return false when
/// the run ends early, with the outcome set (failed, or stopped with the strategies that finished).
class TransferRunner::Run
{
public:
    Run(TransferRunner &runner, const Impl &impl)
        : q(runner)
        , d(impl)
        , config(impl.config)
        , spec(impl.source.config.model)
        , report(m_outcome.report)
    { }

    TransferOutcome exec();

private:
    /// The probe and k-NN accuracies of one feature map over every label draw.
    struct FeatureAccuracies
    {
        AccuracyEstimate probe, knn;
    };

    bool prepare();
    bool drawLabels();
    void describeRun();
    void planProgress();
    bool runBaselines();
    bool runStrategy(int index);
    bool runSemiSupervised(int index, StrategyResult &r);
    VaeFinetuneConfig finetuneConfig(int index) const;
    bool adapt(int index, const VaeFinetuneConfig &vc, StrategyResult &r);
    bool measure(StrategyResult &r);
    FeatureAccuracies featureAccuracies(const std::function<FeatureSet(const Dataset &)> &features,
                                        const FeatureSet &testFeatures, ProbeScaling scaling) const;
    /// The encoder + head classifier (weights empty = from scratch) trained on every label draw.
    Result<AccuracyEstimate> encoderClassifier(const QVector<float> &weights);
    quint64 drawSeed(int draw) const { return config.seed + quint64(draw); }
    void progress(const QString &phase, int strategyIndex, double unitsDone, bool force = true);
    bool fail(const QString &message);
    bool stopIfRequested();

    TransferRunner &q;
    const Impl &d;
    const TransferConfig &config;
    const ModelSpec spec;
    TransferOutcome m_outcome;
    TransferReport &report;
    Dataset sourceTest, targetTest, monitor, unlabelled;
    Dataset semiSupervisedTrain; ///< the semi-supervised model's training images (its labels are drawn from them)
    QVector<Dataset> labelled;   ///< one labelled set per draw
    int classCount = 0;
    QVector<double> unitsBefore; ///< progress units done before each strategy starts, then the total
    QElapsedTimer clock, sinceProgress;
};

TransferOutcome TransferRunner::Run::exec()
{
    if (!prepare() || !runBaselines())
        return m_outcome;
    for (int index = 0; index < config.strategies.size(); ++index)
        if (!runStrategy(index))
            return m_outcome;
    progress(TransferRunner::tr("Done"), config.strategies.size() - 1, unitsBefore.last());
    m_outcome.outcome = RunOutcome::Completed;
    m_outcome.message = TransferRunner::tr("Transfer finished in %1 s.").arg(clock.elapsed() / 1000.0, 0, 'f', 1);
    return m_outcome;
}

bool TransferRunner::Run::prepare()
{
    if (const QString problem = config.validate(); !problem.isEmpty())
        return fail(problem);
    if (!d.target.train.hasLabels() || !d.target.test.hasLabels())
        return fail(TransferRunner::tr("The target dataset needs labels for the downstream task."));
    applyTrainingThreads(0);
    sourceTest = d.sourceData.test.subset(d.source.config.classes);
    targetTest = d.target.test;
    monitor = targetTest.head(config.monitorImages);
    unlabelled = randomSubset(d.target.train, config.unlabelled, config.seed);
    // With every training image (the default) the semi-supervised trainer draws exactly the probes' labels; with
    // --unlabelled N it draws its K per class from its N images instead.
    semiSupervisedTrain =
        config.unlabelled > 0 && config.unlabelled < d.target.train.count() ? unlabelled : d.target.train;
    classCount = std::max(d.target.train.classCount(), targetTest.classCount());
    describeRun();
    if (classCount < 2)
        return fail(TransferRunner::tr("The target dataset needs two classes or more with labelled training images."));
    if (!drawLabels())
        return false;
    planProgress();
    clock.start();
    sinceProgress.start();
    return true;
}

bool TransferRunner::Run::drawLabels()
{
    const QVector<int> classLabels = LabelledDraw::classLabels(d.target.train, {});
    for (int draw = 0; draw < config.repeats; ++draw) {
        const auto picked = LabelledDraw::draw(d.target.train, classLabels, config.labelsPerClass,
                                               SeedStreams::labelledDraw(drawSeed(draw)));
        if (!picked)
            return fail(picked.error());
        labelled.append(d.target.train.select(picked.value()));
    }
    return true;
}

void TransferRunner::Run::planProgress()
{
    // Planned optimiser steps drive the progress bar; the evaluations are a small, roughly constant overhead.
    const auto steps = [this](int images) {
        const int batch = std::min(config.batchSize, std::max(1, images));
        return double(config.epochs) * ((images + batch - 1) / batch);
    };
    double units = 1; // the baselines
    for (TransferStrategy s : config.strategies) {
        unitsBefore.append(units);
        units += s == TransferStrategy::SemiSupervised ? config.repeats * steps(semiSupervisedTrain.count())
                                                       : steps(unlabelled.count());
    }
    unitsBefore.append(units);
}

void TransferRunner::Run::describeRun()
{
    report.spec = spec;
    report.sourceDataset = d.source.config.dataset;
    report.sourceClasses = d.source.config.classes;
    report.targetDataset = d.targetName;
    report.classCount = classCount;
    report.labelsPerClass = config.labelsPerClass;
    report.repeats = config.repeats;
    report.unlabelled = unlabelled.count();
    report.epochs = config.epochs;
    report.learningRate = config.learningRate;
    report.targetTestCount = targetTest.count();
}

TransferRunner::Run::FeatureAccuracies
TransferRunner::Run::featureAccuracies(const std::function<FeatureSet(const Dataset &)> &features,
                                       const FeatureSet &testFeatures, ProbeScaling scaling) const
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    QVector<double> probe, knn;
    for (const Dataset &draw : labelled) {
        const FeatureSet train = features(draw);
        const auto p = Classifiers::linearProbeAccuracy(train, testFeatures, classCount, config.classifier, scaling);
        const auto k = Classifiers::knnAccuracy(train, testFeatures, classCount, config.classifier);
        probe.append(p ? p.value() : nan);
        knn.append(k ? k.value() : nan);
    }
    return {AccuracyEstimate::of(probe), AccuracyEstimate::of(knn)};
}

Result<AccuracyEstimate> TransferRunner::Run::encoderClassifier(const QVector<float> &weights)
{
    QVector<double> accuracies;
    for (int draw = 0; draw < labelled.size(); ++draw) {
        ClassifierOptions options = config.classifier;
        options.seed = config.classifier.seed + quint64(draw);
        auto acc = Classifiers::encoderClassifierAccuracy(spec, weights, labelled[draw], targetTest, classCount,
                                                          options, &q.m_stopRequested);
        if (!acc)
            return Result<AccuracyEstimate>::failure(acc.error());
        accuracies.append(acc.value());
    }
    return Result<AccuracyEstimate>::success(AccuracyEstimate::of(accuracies));
}

bool TransferRunner::Run::runBaselines()
{
    // The pixels, the unadapted encoder and a classifier trained from scratch on the same labels.
    progress(TransferRunner::tr("Baselines: raw-pixel probe and k-NN"), -1, 0);
    const auto pixels = featureAccuracies(&Classifiers::pixelFeatures, Classifiers::pixelFeatures(targetTest),
                                          config.classifier.pixelScaling);
    if (!std::isfinite(pixels.probe.mean))
        return fail(TransferRunner::tr("The raw-pixel probe failed."));
    report.pixelProbeAccuracy = pixels.probe.mean;
    report.pixelProbeAccuracyCi95 = pixels.probe.ci95;
    report.pixelKnnAccuracy = pixels.knn.mean;
    report.pixelKnnAccuracyCi95 = pixels.knn.ci95;
    auto sourceModel = InferenceModel::create(spec, d.source.weights);
    if (!sourceModel)
        return fail(sourceModel.error());
    const InferenceModel &model = sourceModel.value();
    const auto source = featureAccuracies([&](const Dataset &data) { return encoderFeatures(model, data); },
                                          encoderFeatures(model, targetTest), config.classifier.latentScaling);
    report.sourceProbeAccuracy = source.probe.mean;
    report.sourceProbeAccuracyCi95 = source.probe.ci95;
    report.sourceKnnAccuracy = source.knn.mean;
    report.sourceKnnAccuracyCi95 = source.knn.ci95;
    if (sourceTest.count() > 0)
        if (auto s = Evaluator::evaluate(spec, d.source.weights, sourceTest, 0, config.seed))
            report.sourceNegElboBefore = s.value().negElbo;
    if (stopIfRequested())
        return false;
    progress(TransferRunner::tr("Baselines: classifier from scratch"), -1, 0);
    auto scratch = encoderClassifier({});
    if (stopIfRequested())
        return false;
    if (!scratch)
        return fail(scratch.error());
    report.scratchClassifierAccuracy = scratch.value().mean;
    report.scratchClassifierAccuracyCi95 = scratch.value().ci95;
    progress(TransferRunner::tr("Baselines done"), -1, 1);
    return true;
}

VaeFinetuneConfig TransferRunner::Run::finetuneConfig(int index) const
{
    const TransferStrategy strategy = config.strategies[index];
    VaeFinetuneConfig vc;
    vc.spec = spec;
    vc.initialWeights = strategy == TransferStrategy::Scratch
        ? VaeFinetune::initialWeights(spec, config.seed + 11 + index)
        : d.source.weights;
    vc.trainable = trainablePart(strategy);
    vc.epochs = config.epochs;
    vc.batchSize = config.batchSize;
    vc.learningRate = config.learningRate;
    vc.seed = config.seed + 1000 * (index + 1);
    return vc;
}

bool TransferRunner::Run::runStrategy(int index)
{
    QElapsedTimer strategyClock;
    strategyClock.start();
    StrategyResult r;
    r.strategy = config.strategies[index];
    if (r.strategy == TransferStrategy::SemiSupervised) {
        if (!runSemiSupervised(index, r))
            return false;
    } else {
        const VaeFinetuneConfig vc = finetuneConfig(index);
        if (auto s = Evaluator::evaluate(spec, vc.initialWeights, targetTest, 0, config.seed))
            r.targetNegElboBefore = s.value().negElbo;
        else
            return fail(s.error());
        if (auto s = Evaluator::evaluate(spec, vc.initialWeights, monitor, 0, config.seed))
            Q_EMIT q.curvePoint(TransferCurvePoint{r.strategy, -1, s.value().negElbo});
        if (!adapt(index, vc, r))
            return false;
        progress(TransferRunner::tr("%1: measuring").arg(TransferStrategies::name(r.strategy)), index,
                 unitsBefore[index + 1]);
        if (!measure(r))
            return false;
    }
    r.seconds = strategyClock.elapsed() / 1000.0;
    report.strategies.append(r);
    Q_EMIT q.strategyFinished(r);
    return true;
}

bool TransferRunner::Run::runSemiSupervised(int index, StrategyResult &r)
{
    // Kingma et al.'s M2 on the target's images and the K labels of each draw. From scratch by default: its encoder
    // reads [x, y] and its classifier q(y|x) has no counterpart in the source, and starting from the source's
    // layers where they fit measured no better (TransferConfig::semiSupervisedFromSource).
    const QString phase = TransferRunner::tr("%1: training").arg(TransferStrategies::name(r.strategy));
    const double perDraw = (unitsBefore[index + 1] - unitsBefore[index]) / config.repeats;
    QVector<double> accuracies, negElbos;
    for (int draw = 0; draw < config.repeats; ++draw) {
        TrainConfig tc;
        tc.model =
            TransferStrategies::semiSupervisedSpec(spec, LabelledDraw::classLabels(semiSupervisedTrain, {}).size());
        tc.dataset = d.targetName;
        tc.labelsPerClass = config.labelsPerClass;
        tc.epochs = config.epochs;
        tc.batchSize = config.batchSize;
        tc.learningRate = config.learningRate;
        tc.seed = drawSeed(draw); // the probes' label draw
        tc.threads = defaultTrainingThreads();
        tc.reconstructionCount = 0;
        tc.snapshotsPerSecond = 0.01;
        std::optional<Checkpoint> start;
        if (config.semiSupervisedFromSource) {
            Checkpoint c;
            c.config = tc;
            c.weights =
                withSourceWeights(VaeFinetune::initialWeights(tc.model, tc.seed), tc.model, spec, d.source.weights);
            if (!c.weights.isEmpty())
                start = c;
        }
        Trainer trainer(tc, DataSplit{semiSupervisedTrain, targetTest}, start);
        // Same thread: direct calls from inside the training loop, which reads the trainer's stop flag every batch.
        QObject::connect(&trainer, &Trainer::batchStats, &trainer, [&](const BatchStats &b) {
            const double done = b.epoch * double(b.stepsPerEpoch) + b.step;
            progress(phase, index, unitsBefore[index] + draw * perDraw + done, false);
            if (q.m_stopRequested.load())
                trainer.requestStop();
        });
        QObject::connect(&trainer, &Trainer::epochStats, &trainer, [&](const EpochStats &e) {
            if (draw == 0) {
                // The curve of the first draw, on the whole target test split (the bound −U(x), in nats).
                r.curve.append(e.test.negElbo);
                Q_EMIT q.curvePoint(TransferCurvePoint{r.strategy, e.epoch, e.test.negElbo});
            }
        });
        const TrainingResult result = trainer.runBlocking();
        applyTrainingThreads(0); // the trainer set its own count on this thread
        if (stopIfRequested())
            return false;
        if (result.outcome != RunOutcome::Completed || result.checkpoint.history.isEmpty())
            return fail(TransferRunner::tr("%1: %2").arg(TransferStrategies::name(r.strategy), result.message));
        accuracies.append(result.checkpoint.history.last().test.accuracy);
        negElbos.append(result.checkpoint.history.last().test.negElbo);
        if (draw == 0)
            r.weights = result.checkpoint.weights;
    }
    const AccuracyEstimate acc = AccuracyEstimate::of(accuracies);
    r.probeAccuracy = acc.mean;
    r.probeAccuracyCi95 = acc.ci95;
    r.targetNegElboAfter = AccuracyEstimate::of(negElbos).mean;
    return true;
}

bool TransferRunner::Run::adapt(int index, const VaeFinetuneConfig &vc, StrategyResult &r)
{
    const QString name = TransferStrategies::name(r.strategy);
    const QString phase = TransferRunner::tr("%1: adapting the VAE").arg(name);
    auto trained = VaeFinetune::run(
        vc, unlabelled,
        [&](int done, int) {
            progress(phase, index, unitsBefore[index] + done, false);
            return !q.m_stopRequested.load();
        },
        [&](int epoch, const QVector<float> &weights) {
            if (auto s = Evaluator::evaluate(spec, weights, monitor, 0, config.seed)) {
                r.curve.append(s.value().negElbo);
                Q_EMIT q.curvePoint(TransferCurvePoint{r.strategy, epoch, s.value().negElbo});
            }
            return !q.m_stopRequested.load();
        });
    if (stopIfRequested())
        return false;
    if (!trained)
        return fail(TransferRunner::tr("%1: %2").arg(name, trained.error()));
    r.weights = trained.value();
    return true;
}

bool TransferRunner::Run::measure(StrategyResult &r)
{
    if (auto s = Evaluator::evaluate(spec, r.weights, targetTest, 0, config.seed))
        r.targetNegElboAfter = s.value().negElbo;
    if (sourceTest.count() > 0)
        if (auto s = Evaluator::evaluate(spec, r.weights, sourceTest, 0, config.seed))
            r.sourceNegElboAfter = s.value().negElbo;
    if (auto adapted = InferenceModel::create(spec, r.weights)) {
        const InferenceModel &model = adapted.value();
        const auto acc = featureAccuracies([&](const Dataset &data) { return encoderFeatures(model, data); },
                                           encoderFeatures(model, targetTest), config.classifier.latentScaling);
        r.probeAccuracy = acc.probe.mean;
        r.probeAccuracyCi95 = acc.probe.ci95;
        r.knnAccuracy = acc.knn.mean;
        r.knnAccuracyCi95 = acc.knn.ci95;
    }
    auto tuned = encoderClassifier(r.weights);
    if (stopIfRequested())
        return false;
    if (tuned) {
        r.finetuneAccuracy = tuned.value().mean;
        r.finetuneAccuracyCi95 = tuned.value().ci95;
    }
    return true;
}

void TransferRunner::Run::progress(const QString &phase, int strategyIndex, double unitsDone, bool force)
{
    if (!force && sinceProgress.elapsed() < 100)
        return;
    sinceProgress.restart();
    RunProgress p;
    p.phase = phase;
    p.stepIndex = strategyIndex;
    p.fraction = std::clamp(unitsDone / unitsBefore.last(), 0.0, 1.0);
    if (p.fraction > 0.02)
        p.etaSeconds = clock.elapsed() / 1000.0 * (1.0 - p.fraction) / p.fraction;
    Q_EMIT q.progress(p);
}

bool TransferRunner::Run::fail(const QString &message)
{
    m_outcome.outcome = RunOutcome::Failed;
    m_outcome.message = message;
    return false;
}

bool TransferRunner::Run::stopIfRequested()
{
    if (!q.m_stopRequested.load())
        return false;
    m_outcome.outcome = RunOutcome::Stopped;
    m_outcome.message = TransferRunner::tr("Stopped; the report holds the strategies that finished.");
    return true;
}

TransferOutcome TransferRunner::runBlocking()
{
    return Run(*this, *d).exec();
}
