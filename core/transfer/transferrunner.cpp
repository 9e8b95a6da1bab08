#include "transfer/transferrunner.h"

#include "transfer/transferrun_p.h"

#include "data/labelleddraw.h"
#include "model/evaluator.h"
#include "model/inferencemodel.h"
#include "model/labelgraph.h"
#include "model/layertable.h"
#include "training/runplan.h"
#include "training/threadpolicy.h"
#include "training/trainer.h"
#include "training/trainingcontroller.h"
#include "transfer/vaefinetune.h"
#include "util/seedstreams.h"

#include <QHash>

#include <algorithm>
#include <functional>
#include <limits>

namespace TransferRun {

FeatureSet encoderFeatures(const InferenceModel &model, const Dataset &data)
{
    return FeatureSet{model.encodeMeans(data), model.latentDim(), data.labels};
}

TrainConfig semiSupervisedBase(const TransferConfig &config, const ModelSpec &source, const QString &targetName,
                               const Dataset &train)
{
    TrainConfig tc;
    // Every class from 0 to the largest label (a class without images fails the label draw), so the classifier's
    // answer, an index into these, is a label.
    tc.model = TransferStrategies::semiSupervisedSpec(source, LabelledDraw::classLabels(train, {}).size());
    tc.dataset = targetName;
    tc.labelsPerClass = config.labelsPerClass;
    tc.model.classifierInput = tc.classifierInputInEffect();
    tc.epochs = config.epochs;
    tc.batchSize = config.batchSize;
    tc.learningRate = config.learningRate;
    return tc;
}

} // namespace TransferRun

using TransferRun::encoderFeatures;

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

TransferOutcome TransferRunner::Run::exec()
{
    if (!prepare() || !runBaselines())
        return m_outcome;
    for (int index = 0; index < config.strategies.size(); ++index)
        if (!runStrategy(index))
            return m_outcome;
    progress(TransferRunner::tr("Done"), config.strategies.size() - 1, plan.totalUnits());
    m_outcome.outcome = RunOutcome::Completed;
    m_outcome.message = TransferRunner::tr("Transfer finished in %1 s.").arg(pacer.elapsedSeconds(), 0, 'f', 1);
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
    unlabelled = d.target.train.randomSubset(config.unlabelled, config.seed);
    // With every training image (the default) the semi-supervised trainer draws exactly the probes' labels; with
    // --unlabelled N it draws its K per class from its N images instead.
    semiSupervisedTrain =
        config.adaptedImages(d.target.train.count()) < d.target.train.count() ? unlabelled : d.target.train;
    classCount = std::max(d.target.train.classCount(), targetTest.classCount());
    describeRun();
    if (classCount < 2)
        return fail(TransferRunner::tr("The target dataset needs two classes or more with labelled training images."));
    if (!drawLabels())
        return false;
    // On this machine: the label graph's share of the bar depends on it (the graph ran 2.1 times as long as planned
    // where the steps ran 1.5 times, docs/performance.md, session 35).
    plan = TransferPlan::onThisMachine(config, spec, d.targetName, semiSupervisedTrain, targetTest.count());
    pacer.start();
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

namespace {

/// A plain VAE step of `model`'s architecture, in units (a conv one costs 7.5 MLP steps): the scale of whatever else
/// the architecture computes (evaluations, the classifiers' steps), measured for the MLP.
double plainStepUnits(const ModelSpec &model)
{
    ModelSpec plain = model;
    plain.classes = 0;
    return RunPlan::stepUnits(plain);
}

} // namespace

double TransferPlan::evaluationUnits(const ModelSpec &model)
{
    return RunPlan::evaluationUnits(model);
}

double TransferPlan::unlabelledStepUnits(const ModelSpec &model)
{
    return plainStepUnits(model) + (model.isSemiSupervised() ? 2.7 : 0.0);
}

TransferPlan TransferPlan::of(const TransferConfig &config, const ModelSpec &source, const QString &targetName,
                              const Dataset &targetTrain, int targetTestImages, const MachineSpeed &speed)
{
    // Planned optimiser steps and measurements, weighed by what they cost, drive the progress bar and its time left.
    // Fashion-MNIST epochs, one thread: a plain MLP VAE 4.0 s (8 latent dimensions) / 4.5 s (32), the semi-supervised
    // MLP 19.0 / 20.2 s, a plain conv VAE 32.7 s. Counted alike, the semi-supervised strategy's steps made the wizard
    // say "about 1:17 left" with 5:48 to go; unmeasured, a semi-supervised source's strategies said "about 1 min" for
    // a quarter of an hour (session 29).
    const int images = config.adaptedImages(targetTrain.count());
    const int batch = std::min(config.batchSize, std::max(1, images));
    const int stepsPerEpoch = (images + batch - 1) / batch;
    const double steps = double(config.epochs) * stepsPerEpoch;
    const double evaluation = evaluationUnits(source);
    const int monitorImages = std::min(config.monitorImages, targetTestImages);
    // Each epoch's curve point on the monitor images, spread over the epoch's steps.
    const double plainStep = unlabelledStepUnits(source) + monitorImages * evaluation / std::max(1, stepsPerEpoch);
    // The classifier trained end to end on each label draw's images (the scratch baseline, and after each strategy):
    // its steps of at most 64 images, about 1.3 s for an MLP encoder's 300.
    const double classifierUnits = config.repeats * config.classifier.finetuneSteps * 0.5 * plainStepUnits(source);
    // Its model is an MLP whatever the source; reading gradient histograms (the target's automatic choice away
    // from the digits) makes its step about 2.5 times as long.
    const TrainConfig semiSupervised = TransferRun::semiSupervisedBase(config, source, targetName, targetTrain);
    // Its trainer evaluates the whole target test split after each epoch, spread over the epoch's steps.
    const double semiSupervisedStep = RunPlan::stepUnits(semiSupervised.model)
        + targetTestImages * RunPlan::evaluationUnits(semiSupervised.model) / std::max(1, stepsPerEpoch);
    TransferPlan plan;
    plan.secondsPerUnit = RunPlan::kSecondsPerUnit * speed.steps;
    // Before its first epoch, each draw's label graph (TrainConfig::labelGraphInEffect): about two minutes for
    // Fashion-MNIST, as long as three epochs; unplanned, the bar stood still through it and the time left was half
    // the truth (session 22).
    plan.graphUnits = semiSupervised.labelGraphInEffect()
        ? LabelGraph::expectedSeconds(images, targetTestImages) * speed.graph / plan.secondsPerUnit
        : 0.0;
    // The baselines: probes on the pixels and the source's means, the source's own test bound, the scratch classifier.
    double units = classifierUnits + 0.5 * targetTestImages * evaluation;
    bool sourceMeasured = false; // the strategies that start from the source share its "before" figures
    for (TransferStrategy s : config.strategies) {
        plan.unitsBefore.append(units);
        if (s == TransferStrategy::SemiSupervised) {
            plan.unitsPerStep.append(semiSupervisedStep);
            plan.unitsMeasuringBefore.append(0);
            plan.unitsMeasuringAfter.append(0);
            units += config.repeats * (plan.graphUnits + semiSupervisedStep * steps);
            continue;
        }
        const bool fromSource = TransferStrategies::startsFromSource(s);
        const double before = fromSource && sourceMeasured ? 0.0 : (targetTestImages + monitorImages) * evaluation;
        sourceMeasured = sourceMeasured || fromSource;
        const double after = targetTestImages * 1.5 * evaluation + classifierUnits; // the bound, the means' probes
        plan.unitsPerStep.append(plainStep);
        plan.unitsMeasuringBefore.append(before);
        plan.unitsMeasuringAfter.append(after);
        units += before + plainStep * steps + after;
    }
    plan.unitsBefore.append(units);
    return plan;
}

TransferPlan TransferPlan::onThisMachine(const TransferConfig &config, const ModelSpec &source,
                                         const QString &targetName, const Dataset &targetTrain, int targetTestImages)
{
    const double planned = of(config, source, targetName, targetTrain, targetTestImages).seconds();
    return of(config, source, targetName, targetTrain, targetTestImages, MachineSpeed::forPlanOf(planned));
}

int TransferPlan::minutes(int index) const
{
    return std::max(1, int(std::lround(seconds(index) / 60)));
}

double TransferPlan::seconds(int index) const
{
    if (index < 0)
        return totalUnits() * secondsPerUnit;
    return (unitsBefore.value(index + 1) - unitsBefore.value(index)) * secondsPerUnit;
}

void TransferRunner::Run::describeRun()
{
    report.spec = spec;
    report.sourceDataset = d.source.config.dataset;
    report.sourceClasses = d.source.config.classes;
    if (spec.isSemiSupervised()) // its classes, which the plain strategies keep
        report.sourceClassNames = !d.source.config.sourceClassNames.isEmpty()
            ? d.source.config.sourceClassNames
            : LabelledDraw::modelClassKeys(d.sourceData.train.hasLabels() ? d.sourceData.train : d.sourceData.test,
                                           d.source.config.classes, spec.classes);
    report.targetDataset = d.targetName;
    report.classCount = classCount;
    report.labelsPerClass = config.labelsPerClass;
    report.repeats = config.repeats;
    report.unlabelled = unlabelled.count();
    report.epochs = config.epochs;
    report.learningRate = config.learningRate;
    report.targetTestCount = targetTest.count();
}

TransferRunner::Run::FeatureAccuracies TransferRunner::Run::encoderAccuracies(const InferenceModel &model) const
{
    return featureAccuracies([&](const Dataset &data) { return encoderFeatures(model, data); },
                             encoderFeatures(model, targetTest), config.classifier.latentScaling);
}

TransferRunner::Run::FeatureAccuracies
TransferRunner::Run::featureAccuracies(const std::function<FeatureSet(const Dataset &)> &features,
                                       const FeatureSet &testFeatures, ProbeScaling scaling) const
{
    QVector<TestAccuracy> probe, knn;
    for (const Dataset &draw : labelled) {
        const FeatureSet train = features(draw);
        const auto p = Classifiers::linearProbe(train, testFeatures, classCount, config.classifier, scaling);
        const auto k = Classifiers::knn(train, testFeatures, classCount, config.classifier);
        probe.append(p ? TestAccuracy::of(p.value(), testFeatures.labels) : TestAccuracy{});
        knn.append(k ? TestAccuracy::of(k.value(), testFeatures.labels) : TestAccuracy{});
    }
    return {AccuracyEstimate::ofTests(probe), AccuracyEstimate::ofTests(knn)};
}

Result<AccuracyEstimate> TransferRunner::Run::encoderClassifier(const QVector<float> &weights)
{
    QVector<TestAccuracy> accuracies;
    for (int draw = 0; draw < labelled.size(); ++draw) {
        ClassifierOptions options = config.classifier;
        options.seed = config.classifier.seed + quint64(draw);
        auto predicted = Classifiers::encoderClassifier(spec, weights, labelled[draw], targetTest, classCount, options,
                                                        &q.m_stopRequested);
        if (!predicted)
            return Result<AccuracyEstimate>::failure(predicted.error());
        accuracies.append(TestAccuracy::of(predicted.value(), targetTest.labels));
    }
    return Result<AccuracyEstimate>::success(AccuracyEstimate::ofTests(accuracies));
}

bool TransferRunner::Run::runBaselines()
{
    // The pixels, the unadapted encoder and a classifier trained from scratch on the same labels.
    progress(TransferRunner::tr("Baselines: raw-pixel probe and k-NN"), -1, 0);
    const auto pixels = featureAccuracies(&Classifiers::pixelFeatures, Classifiers::pixelFeatures(targetTest),
                                          config.classifier.pixelScaling);
    if (!std::isfinite(pixels.probe.mean))
        return fail(TransferRunner::tr("The raw-pixel probe failed."));
    report.pixelProbe = pixels.probe;
    report.pixelKnn = pixels.knn;
    auto sourceModel = InferenceModel::create(spec, d.source.weights);
    if (!sourceModel)
        return fail(sourceModel.error());
    const InferenceModel &model = sourceModel.value();
    const auto source = encoderAccuracies(model);
    report.sourceProbe = source.probe;
    report.sourceKnn = source.knn;
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
    report.scratchClassifier = scratch.value();
    progress(TransferRunner::tr("Baselines done"), -1, 1);
    return true;
}

void TransferRunner::Run::progress(const QString &phase, int strategyIndex, double unitsDone, bool force)
{
    if (std::optional<RunProgress> p = pacer.report(phase, unitsDone / plan.totalUnits(), force)) {
        p->stepIndex = strategyIndex;
        Q_EMIT q.progress(*p);
    }
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
