#include "transfer/transferrun_p.h"

// Adapting and measuring each strategy of a transfer run (the set-up and baselines are in transferrunner.cpp).

#include "data/labelleddraw.h"
#include "model/evaluator.h"
#include "model/layertable.h"
#include "training/threadpolicy.h"
#include "training/trainer.h"
#include "training/trainingcontroller.h"

#include <QHash>

#include <algorithm>
#include <cmath>
#include <limits>

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

VaeFinetuneConfig TransferRunner::Run::finetuneConfig(int index) const
{
    const TransferStrategy strategy = config.strategies[index];
    VaeFinetuneConfig vc;
    vc.spec = spec;
    vc.initialWeights = TransferStrategies::startsFromSource(strategy)
        ? d.source.weights
        : VaeFinetune::initialWeights(spec, config.seed + 11 + index);
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
        if (!measureStart(index, vc, r))
            return false;
        if (!adapt(index, vc, r))
            return false;
        progress(TransferRunner::tr("%1: measuring").arg(TransferStrategies::title(r.strategy)), index,
                 plan.unitsBefore[index + 1] - plan.unitsMeasuringAfter[index]);
        if (!measure(r))
            return false;
    }
    r.seconds = strategyClock.elapsed() / 1000.0;
    report.strategies.append(r);
    Q_EMIT q.strategyFinished(r);
    return true;
}

TrainConfig TransferRunner::Run::semiSupervisedConfig(int draw) const
{
    TrainConfig tc = TransferRun::semiSupervisedBase(config, spec, d.targetName, semiSupervisedTrain);
    tc.seed = drawSeed(draw);                                   // the probes' label draw
    if (semiSupervisedTrain.count() < d.target.train.count()) { // --unlabelled N: the N images the VAEs adapt on
        tc.trainingImages = semiSupervisedTrain.count();
        tc.trainingImagesSeed = config.seed;
    }
    tc.threads = defaultTrainingThreads();
    tc.reconstructionCount = 0;
    tc.snapshotsPerSecond = 0.01;
    return tc;
}

bool TransferRunner::Run::runSemiSupervised(int index, StrategyResult &r)
{
    // Kingma et al.'s M2 on the target's images and the K labels of each draw. From scratch by default: its encoder
    // reads [x, y] and its classifier q(y|x) has no counterpart in the source, and starting from the source's
    // layers where they fit measured no better (TransferConfig::semiSupervisedFromSource).
    const QString phase = TransferRunner::tr("%1: training").arg(TransferStrategies::title(r.strategy));
    const double perDraw = (plan.unitsBefore[index + 1] - plan.unitsBefore[index]) / config.repeats;
    QVector<TestAccuracy> accuracies;
    QVector<double> negElbos;
    for (int draw = 0; draw < config.repeats; ++draw) {
        const TrainConfig tc = semiSupervisedConfig(draw);
        r.labelGraph = tc.labelGraphInEffect();
        std::optional<Checkpoint> start;
        if (config.semiSupervisedFromSource) {
            Checkpoint c;
            c.config = tc;
            c.weights =
                withSourceWeights(VaeFinetune::initialWeights(tc.model, tc.seed), tc.model, spec, d.source.weights);
            if (!c.weights.isEmpty())
                start = c;
        }
        Trainer trainer(tc, DataSplit{d.target.train, targetTest}, start); // tc.runData draws semiSupervisedTrain
        // Same thread: direct calls from inside the training loop, which reads the trainer's stop flag every batch.
        QObject::connect(&trainer, &Trainer::batchStats, &trainer, [&](const BatchStats &b) {
            const double done = b.epoch * double(b.stepsPerEpoch) + b.step;
            progress(phase, index,
                     plan.unitsBefore[index] + draw * perDraw + plan.graphUnits + done * plan.unitsPerStep[index],
                     false);
            if (q.m_stopRequested.load())
                trainer.requestStop();
        });
        QObject::connect(&trainer, &Trainer::preparing, &trainer, [&](const RunProgress &p) {
            const bool startOrEnd = p.fraction <= 0 || p.fraction >= 1; // always shown: the phase changes
            progress(TransferRunner::tr("%1: %2").arg(TransferStrategies::title(r.strategy), p.phase), index,
                     plan.unitsBefore[index] + draw * perDraw + p.fraction * plan.graphUnits, startOrEnd);
            if (q.m_stopRequested.load()) // Cancel during the graph's two minutes, not after them
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
            return fail(TransferRunner::tr("%1: %2").arg(TransferStrategies::title(r.strategy), result.message));
        // What the run reported on the target's test split: with the label graph (TrainConfig::labelGraphInEffect),
        // its product with q(y|x); else q(y|x) alone.
        QVector<int> predicted = result.checkpoint.history.last().test.predictions;
        if (predicted.size() != targetTest.count()) {
            auto classifier = InferenceModel::create(tc.model, result.checkpoint.weights);
            if (!classifier)
                return fail(
                    TransferRunner::tr("%1: %2").arg(TransferStrategies::title(r.strategy), classifier.error()));
            predicted = classifier.value().predictedClasses(targetTest);
        }
        accuracies.append(TestAccuracy::of(predicted, targetTest.labels));
        negElbos.append(result.checkpoint.history.last().test.negElbo);
        if (draw == 0) {
            r.weights = result.checkpoint.weights;
            r.trainedWith = result.checkpoint.config;
            r.history = result.checkpoint.history;
            r.targetEvaluation = result.checkpoint.history.last().test;
        }
    }
    r.probe = AccuracyEstimate::ofTests(accuracies);
    r.targetNegElboAfter = AccuracyEstimate::of(negElbos).mean;
    return true;
}

bool TransferRunner::Run::measureStart(int index, const VaeFinetuneConfig &vc, StrategyResult &r)
{
    // The strategies that start from the source share its figures: measured once (a semi-supervised source's bound
    // sums over every class, about six seconds on Fashion-MNIST's test split).
    const bool fromSource = TransferStrategies::startsFromSource(config.strategies[index]);
    std::optional<StartFigures> figures = fromSource ? sourceOnTarget : std::nullopt;
    if (!figures) {
        const auto test = Evaluator::evaluate(spec, vc.initialWeights, targetTest, 0, config.seed);
        if (!test)
            return fail(test.error());
        const auto onMonitor = Evaluator::evaluate(spec, vc.initialWeights, monitor, 0, config.seed);
        figures = StartFigures{test.value().negElbo,
                               onMonitor ? onMonitor.value().negElbo : std::numeric_limits<double>::quiet_NaN()};
        if (fromSource)
            sourceOnTarget = figures;
    }
    r.targetNegElboBefore = figures->test;
    if (std::isfinite(figures->monitor))
        Q_EMIT q.curvePoint(TransferCurvePoint{r.strategy, -1, figures->monitor});
    return true;
}

bool TransferRunner::Run::adapt(int index, const VaeFinetuneConfig &vc, StrategyResult &r)
{
    const QString name = TransferStrategies::title(r.strategy);
    const QString phase = TransferRunner::tr("%1: adapting the VAE").arg(name);
    auto trained = VaeFinetune::run(
        vc, unlabelled,
        [&](int done, int) {
            progress(phase, index,
                     plan.unitsBefore[index] + plan.unitsMeasuringBefore[index] + done * plan.unitsPerStep[index],
                     false);
            return !q.m_stopRequested.load();
        },
        [&](int epoch, const QVector<float> &weights) {
            if (auto s = Evaluator::evaluate(spec, weights, monitor, 0, config.seed)) {
                r.curve.append(s.value().negElbo);
                r.curveRecon.append(s.value().recon);
                r.curveKl.append(s.value().kl);
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
    // A semi-supervised source's classifier q(y|x) still names the source's classes (TrainConfig::sourceClassNames):
    // scored against the target's labels it would read as chance, so its bound is measured on the images alone.
    Dataset scored = targetTest;
    if (spec.isSemiSupervised())
        scored.labels.clear();
    if (auto s = Evaluator::evaluate(spec, r.weights, scored, 0, config.seed)) {
        r.targetNegElboAfter = s.value().negElbo;
        r.targetEvaluation = s.value();
    }
    if (sourceTest.count() > 0)
        if (auto s = Evaluator::evaluate(spec, r.weights, sourceTest, 0, config.seed))
            r.sourceNegElboAfter = s.value().negElbo;
    if (auto adapted = InferenceModel::create(spec, r.weights)) {
        const InferenceModel &model = adapted.value();
        const auto acc = encoderAccuracies(model);
        r.probe = acc.probe;
        r.knn = acc.knn;
    }
    auto tuned = encoderClassifier(r.weights);
    if (stopIfRequested())
        return false;
    if (tuned)
        r.finetune = tuned.value();
    return true;
}
