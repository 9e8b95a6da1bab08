#include "transfer/transferrunner.h"

#include "model/evaluator.h"
#include "model/inferencemodel.h"
#include "training/threadpolicy.h"
#include "transfer/vaefinetune.h"

#include <QElapsedTimer>

#include <algorithm>
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
        break;
    }
    return TrainablePart::All;
}

FeatureSet encoderFeatures(const InferenceModel &model, const Dataset &data)
{
    return FeatureSet{model.encodeMeans(data), model.latentDim(), data.labels};
}

} // namespace

QString TransferConfig::validate() const
{
    if (strategies.isEmpty())
        return TransferRunner::tr("Choose at least one strategy.");
    if (labelsPerClass < 1)
        return TransferRunner::tr("Labels per class must be 1 or more.");
    if (epochs < 1 || batchSize < 1 || !(learningRate > 0))
        return TransferRunner::tr("Epochs, batch size and learning rate must be positive.");
    return {};
}

Dataset labelledSubset(const Dataset &data, int perClass, quint64 seed)
{
    std::mt19937_64 rng(seed);
    QVector<int> chosen;
    for (int c = 0; c < data.classCount(); ++c) {
        QVector<int> indices;
        for (int i = 0; i < data.labels.size(); ++i)
            if (data.labels[i] == c)
                indices.append(i);
        std::shuffle(indices.begin(), indices.end(), rng);
        chosen.append(indices.mid(0, perClass));
    }
    return data.select(chosen);
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
    bool prepare();
    void describeRun();
    bool runBaselines();
    bool runStrategy(int index);
    VaeFinetuneConfig finetuneConfig(int index) const;
    bool adapt(int index, const VaeFinetuneConfig &vc, StrategyResult &r);
    void measure(StrategyResult &r);
    void progress(const QString &phase, int strategyIndex, double unitsDone, bool force = true);
    bool fail(const QString &message);
    bool stopIfRequested();

    TransferRunner &q;
    const Impl &d;
    const TransferConfig &config;
    const ModelSpec spec;
    TransferOutcome m_outcome;
    TransferReport &report;
    Dataset sourceTest, targetTest, monitor, unlabelled, labelled;
    int classCount = 0;
    int stepsPerStrategy = 0;
    double totalUnits = 1;
    QElapsedTimer clock, sinceProgress;
};

TransferOutcome TransferRunner::Run::exec()
{
    if (!prepare() || !runBaselines())
        return m_outcome;
    for (int index = 0; index < config.strategies.size(); ++index)
        if (!runStrategy(index))
            return m_outcome;
    progress(TransferRunner::tr("Done"), config.strategies.size() - 1, totalUnits);
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
    labelled = labelledSubset(d.target.train, config.labelsPerClass, config.seed + 1);
    classCount = std::max(d.target.train.classCount(), targetTest.classCount());
    describeRun();
    if (classCount < 2 || labelled.count() < 2)
        return fail(TransferRunner::tr("The target dataset needs two classes or more with labelled training images."));
    // Planned optimiser steps drive the progress bar; the evaluations are a small, roughly constant overhead.
    const int batch = std::min(config.batchSize, std::max(1, unlabelled.count()));
    stepsPerStrategy = config.epochs * ((unlabelled.count() + batch - 1) / batch);
    totalUnits = double(config.strategies.size()) * stepsPerStrategy + 1;
    clock.start();
    sinceProgress.start();
    return true;
}

void TransferRunner::Run::describeRun()
{
    report.spec = spec;
    report.sourceDataset = d.source.config.dataset;
    report.sourceClasses = d.source.config.classes;
    report.targetDataset = d.targetName;
    report.classCount = classCount;
    report.labelsPerClass = config.labelsPerClass;
    report.unlabelled = unlabelled.count();
    report.epochs = config.epochs;
    report.learningRate = config.learningRate;
    report.targetTestCount = targetTest.count();
}

bool TransferRunner::Run::runBaselines()
{
    // The pixels, the unadapted encoder and a classifier trained from scratch on the same labels.
    progress(TransferRunner::tr("Baselines: raw-pixel probe"), -1, 0);
    const FeatureSet testPixels = Classifiers::pixelFeatures(targetTest);
    if (auto acc = Classifiers::linearProbeAccuracy(Classifiers::pixelFeatures(labelled), testPixels, classCount,
                                                    config.classifier))
        report.pixelProbeAccuracy = acc.value();
    else
        return fail(acc.error());
    auto sourceModel = InferenceModel::create(spec, d.source.weights);
    if (!sourceModel)
        return fail(sourceModel.error());
    if (auto acc = Classifiers::linearProbeAccuracy(encoderFeatures(sourceModel.value(), labelled),
                                                    encoderFeatures(sourceModel.value(), targetTest), classCount,
                                                    config.classifier))
        report.sourceProbeAccuracy = acc.value();
    if (sourceTest.count() > 0)
        if (auto s = Evaluator::evaluate(spec, d.source.weights, sourceTest, 0, config.seed))
            report.sourceNegElboBefore = s.value().negElbo;
    if (stopIfRequested())
        return false;
    progress(TransferRunner::tr("Baselines: classifier from scratch"), -1, 0);
    auto scratch = Classifiers::encoderClassifierAccuracy(spec, {}, labelled, targetTest, classCount, config.classifier,
                                                          &q.m_stopRequested);
    if (stopIfRequested())
        return false;
    if (!scratch)
        return fail(scratch.error());
    report.scratchClassifierAccuracy = scratch.value();
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
             1 + double(index + 1) * stepsPerStrategy);
    measure(r);
    auto tuned = Classifiers::encoderClassifierAccuracy(spec, r.weights, labelled, targetTest, classCount,
                                                        config.classifier, &q.m_stopRequested);
    if (stopIfRequested())
        return false;
    if (tuned)
        r.finetuneAccuracy = tuned.value();
    r.seconds = strategyClock.elapsed() / 1000.0;
    report.strategies.append(r);
    Q_EMIT q.strategyFinished(r);
    return true;
}

bool TransferRunner::Run::adapt(int index, const VaeFinetuneConfig &vc, StrategyResult &r)
{
    const QString name = TransferStrategies::name(r.strategy);
    const QString phase = TransferRunner::tr("%1: adapting the VAE").arg(name);
    const double unitsBefore = 1 + double(index) * stepsPerStrategy;
    auto trained = VaeFinetune::run(
        vc, unlabelled,
        [&](int done, int) {
            progress(phase, index, unitsBefore + done, false);
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

void TransferRunner::Run::measure(StrategyResult &r)
{
    if (auto s = Evaluator::evaluate(spec, r.weights, targetTest, 0, config.seed))
        r.targetNegElboAfter = s.value().negElbo;
    if (sourceTest.count() > 0)
        if (auto s = Evaluator::evaluate(spec, r.weights, sourceTest, 0, config.seed))
            r.sourceNegElboAfter = s.value().negElbo;
    if (auto adapted = InferenceModel::create(spec, r.weights)) {
        if (auto acc = Classifiers::linearProbeAccuracy(encoderFeatures(adapted.value(), labelled),
                                                        encoderFeatures(adapted.value(), targetTest), classCount,
                                                        config.classifier))
            r.probeAccuracy = acc.value();
    }
}

void TransferRunner::Run::progress(const QString &phase, int strategyIndex, double unitsDone, bool force)
{
    if (!force && sinceProgress.elapsed() < 100)
        return;
    sinceProgress.restart();
    RunProgress p;
    p.phase = phase;
    p.stepIndex = strategyIndex;
    p.fraction = std::clamp(unitsDone / totalUnits, 0.0, 1.0);
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
