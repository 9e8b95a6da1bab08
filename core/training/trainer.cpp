#include "training/trainer.h"

#include "data/batching_p.h"
#include "model/elbo_p.h"
#include "model/labelgraph.h"
#include "model/semisupervised_p.h"
#include "model/vae_p.h"
#include "training/adam_p.h"
#include "training/runplan.h"
#include "training/semisupervisedlabels_p.h"
#include "training/threadgovernor_p.h"
#include "training/threadpolicy.h"
#include "training/throttle_p.h"
#include "training/trainingcontroller.h"
#include "training/trainingloop_p.h"
#include "util/errortext.h"
#include "util/seedstreams.h"

#include <QElapsedTimer>
#include <QMutexLocker>

#include <cmath>

namespace {

/// Per-epoch generators derived from the seed, so resuming at an epoch boundary repeats an uninterrupted run.
at::Generator epochGenerator(quint64 seed, int epoch, SeedStreams::Stream stream)
{
    return at::detail::createCPUGenerator(SeedStreams::trainingEpoch(seed, epoch, stream));
}

} // namespace

struct Trainer::Impl
{
    TrainConfig config;
    DataSplit data;
    std::optional<Checkpoint> resume;
};

/// One runBlocking() call: set up once, then per epoch train, evaluate, publish. `result` is what the run returns;
/// its checkpoint always holds the last finished epoch's state.
class Trainer::Run
{
public:
    Run(Trainer &trainer, TrainingResult &result)
        : q(trainer)
        , config(trainer.d->config)
        , resume(trainer.d->resume)
        , result(result)
        , state(result.checkpoint)
    { }

    /// Checks the settings, builds the model and its optimiser (from the checkpoint when resuming). Empty = ready.
    QString setUp();
    /// The label graph's vote for the evaluation images (TrainConfig::labelGraphInEffect). Empty = ready.
    QString buildLabelGraph();
    /// Trains one epoch; false when the run ends inside it (stopped or failed, as `result` says).
    bool trainEpoch(int epoch);
    /// The epoch's training figures and the test split's ELBO.
    EpochStats evaluateEpoch(int epoch) const;
    /// Records the epoch in the checkpoint and reports it: figures, reconstructions, snapshot, checkpoint.
    void publishEpoch(const EpochStats &stats);

    int firstEpoch = 0, lastEpoch = 0;
    double trainSecondsTotal = 0;
    int epochsTrained = 0;
    bool stoppedBeforeTraining = false; ///< setUp() failed because a stop was requested

private:
    bool beforeStep();
    void afterStep(int epoch, const TrainingLoop::Step &step);
    BatchStats batchStats(int epoch, const TrainingLoop::Step &step) const;
    void emitReconstructions(int epoch);

    Trainer &q;
    const TrainConfig &config;
    const std::optional<Checkpoint> &resume;
    TrainingResult &result;
    Checkpoint &state;

    Dataset m_train, m_test;
    std::shared_ptr<VaeImpl> m_model;
    std::optional<Adam> m_adam;
    std::optional<Batcher> m_trainBatches, m_testBatches;
    std::optional<ThreadGovernor> m_governor;
    QVector<int> m_shownIndices;
    int m_n = 0, m_batch = 0, m_stepsPerEpoch = 0;
    // The semi-supervised model: every image's class (its index in the model's classes), the labelled images.
    std::optional<SemiSupervisedLabels> m_labels;
    torch::Tensor m_voteLog; // the label graph's log vote for each evaluation image (undefined without it)
    Throttle m_batchThrottle, m_snapshotThrottle;

    // The current epoch.
    TrainingLoop::EpochResult m_epoch;
    QElapsedTimer m_epochClock, m_stepClock;
    qint64 m_pausedMs = 0;
    double m_trainSeconds = 0;
};

QString Trainer::Run::setUp()
{
    if (const QString problem = config.validate(); !problem.isEmpty())
        return problem;
    applyTrainingThreads(config.threads);
    tuneAllocatorForTraining();
    if (config.threads == 0)
        m_governor.emplace(maxTrainingThreads());
    Result<DataSplit> data = config.runData(q.d->data);
    if (!data)
        return data.error();
    m_train = std::move(data.value().train);
    m_test = std::move(data.value().test);
    if (m_train.count() == 0)
        return Trainer::tr("The training set is empty.");
    if (config.isSemiSupervised())
        if (QString problem = m_labels.emplace().setUp(config, m_train, m_test); !problem.isEmpty())
            return problem;
    m_model = makeVae(config.model, config.seed);
    if (resume) {
        if (resume->config.model != config.model)
            return Trainer::tr("The checkpoint's model (%1) differs from the requested one (%2).")
                .arg(resume->config.model.describe(), config.model.describe());
        if (Status s = loadParameters(*m_model, resume->weights); !s)
            return s.error();
    }
    m_adam.emplace(m_model->parameters(), config.learningRate);
    if (resume && !resume->optimizer.isEmpty() && !m_adam->setState(resume->optimizer))
        return Trainer::tr("The checkpoint's optimizer state does not match its model.");
    state.weights = flattenParameters(*m_model);
    state.optimizer = m_adam->state();

    m_trainBatches.emplace(m_train);
    m_testBatches.emplace(m_test);
    m_shownIndices = m_test.showcase(config.reconstructionCount);
    m_n = m_train.count();
    m_batch = std::min(config.batchSize, m_n);
    m_stepsPerEpoch = TrainingLoop::stepsPerEpoch(m_n, m_batch);
    firstEpoch = state.history.size();
    lastEpoch = firstEpoch + config.epochs;
    m_batchThrottle.start(std::max(0.1, config.batchStatsPerSecond));
    m_snapshotThrottle.start(std::max(0.01, config.snapshotsPerSecond));
    return config.labelGraphInEffect() ? buildLabelGraph() : QString();
}

QString Trainer::Run::buildLabelGraph()
{
    QElapsedTimer clock;
    clock.start();
    // Each of its blocks reports (a fifth of a second each on Fashion-MNIST: about 600 reports), its step named first:
    // the training panel elides the end of the line.
    const auto phase = [n = m_train.count()](LabelGraph::Step s) {
        return Trainer::tr("Label graph: %2 (%1 training images)…").arg(n).arg(LabelGraph::stepName(s));
    };
    RunProgress progress{phase(LabelGraph::Step::Features)};
    // The epochs that follow, as planned: a bar of the whole run, and its first time left, count them too.
    const RunPlan plan = RunPlan::onThisMachine(config, m_train.count(), m_test.count());
    progress.share = plan.graphShare();
    progress.secondsAfter = plan.trainingSeconds;
    Q_EMIT q.preparing(progress);
    auto vote =
        LabelGraph::vote(config, m_train, m_test, [&](double fraction, double etaSeconds, LabelGraph::Step step) {
            progress.phase = phase(step);
            progress.fraction = fraction;
            progress.etaSeconds = etaSeconds;
            Q_EMIT q.preparing(progress);
            return q.m_stopRequested.load();
        });
    if (!vote) {
        stoppedBeforeTraining = vote.error().isEmpty();
        return stoppedBeforeTraining ? Trainer::tr("Stopped before the first epoch.") : vote.error();
    }
    QVector<float> &log = vote.value().logProbability;
    m_voteLog = torch::from_blob(log.data(), {vote.value().count(), vote.value().classes}, torch::kFloat).clone();
    progress.phase = Trainer::tr("Label graph ready (%1 s).").arg(clock.elapsed() / 1000.0, 0, 'f', 1);
    progress.fraction = 1;
    progress.etaSeconds = 0;
    Q_EMIT q.preparing(progress);
    return {};
}

bool Trainer::Run::trainEpoch(int epoch)
{
    auto generator = epochGenerator(config.seed, epoch, SeedStreams::Stream::TrainingBatches);
    m_epochClock.start();
    m_pausedMs = 0;
    TrainingLoop::EpochPlan plan;
    plan.batchSize = m_batch;
    plan.beta = [&](int step) { return config.betaAt(epoch, double(step) / m_stepsPerEpoch); };
    plan.beforeStep = [&](int) { return beforeStep(); };
    plan.afterStep = [&](const TrainingLoop::Step &step) {
        afterStep(epoch, step);
        return true;
    };
    if (config.isSemiSupervised())
        plan.gradients = [&](const torch::Tensor &indices, const torch::Tensor &x, double beta) {
            return m_labels->step(*m_model, config, m_batch, indices, x, beta, generator);
        };
    m_epoch = TrainingLoop::trainEpoch(*m_model, *m_adam, *m_trainBatches, config.model.likelihood, generator, plan);
    using End = TrainingLoop::EpochResult::End;
    if (m_epoch.end == End::Stopped) {
        result.outcome = RunOutcome::Stopped;
        result.message = Trainer::tr("Stopped during epoch %1.").arg(epoch + 1);
        state.weights = flattenParameters(*m_model);
        state.optimizer = m_adam->state();
        return false;
    }
    if (m_epoch.end == End::NonFinite) {
        // The weights of the last finished epoch are the last good ones; `state` still holds them.
        result.outcome = RunOutcome::Failed;
        result.message = Trainer::tr("The loss became %1 in epoch %2, step %3. Training stopped; the weights from the "
                                     "last finished epoch are kept. Try a smaller learning rate.")
                             .arg(std::isnan(m_epoch.badLoss) ? QStringLiteral("NaN") : QStringLiteral("infinite"))
                             .arg(epoch + 1)
                             .arg(m_epoch.steps + 1);
        return false;
    }
    m_trainSeconds = (m_epochClock.elapsed() - m_pausedMs) / 1000.0;
    trainSecondsTotal += m_trainSeconds;
    ++epochsTrained;
    return true;
}

bool Trainer::Run::beforeStep()
{
    if (q.m_pauseRequested.load())
        m_pausedMs += q.waitWhilePaused();
    if (q.m_stopRequested.load())
        return false;
    if (m_governor)
        m_governor->beforeStep();
    m_stepClock.start();
    return true;
}

void Trainer::Run::afterStep(int epoch, const TrainingLoop::Step &step)
{
    ++state.globalStep;
    if (m_governor)
        m_governor->afterStep(m_stepClock.nsecsElapsed() / 1e6);
    const bool lastStep = step.index + 1 == m_stepsPerEpoch;
    if (m_batchThrottle.due(lastStep))
        Q_EMIT q.batchStats(batchStats(epoch, step));
    if (!lastStep && m_snapshotThrottle.due()) {
        const QVector<double> klPerDim =
            state.history.isEmpty() ? QVector<double>() : state.history.last().test.klPerDim;
        Q_EMIT q.snapshot(ModelSnapshot{config.model, flattenParameters(*m_model), epoch, klPerDim});
    }
}

BatchStats Trainer::Run::batchStats(int epoch, const TrainingLoop::Step &step) const
{
    const double elapsed = std::max(1e-9, (m_epochClock.elapsed() - m_pausedMs) / 1000.0);
    const double done = step.imagesDone;
    BatchStats b;
    b.epoch = epoch;
    b.step = step.index + 1;
    b.stepsPerEpoch = m_stepsPerEpoch;
    b.globalStep = state.globalStep;
    b.recon = step.recon;
    b.kl = step.kl;
    b.negElbo = step.recon + step.kl;
    b.beta = step.beta;
    b.samplesPerSecond = done / elapsed;
    const double remainingSamples = (m_n - done) + double(lastEpoch - epoch - 1) * m_n;
    b.etaSeconds = remainingSamples / b.samplesPerSecond;
    return b;
}

EpochStats Trainer::Run::evaluateEpoch(int epoch) const
{
    EpochStats e;
    e.epoch = epoch;
    e.beta = config.betaAt(epoch, 1.0);
    e.trainRecon = m_epoch.reconSum / m_n;
    e.trainKl = m_epoch.klSum / m_n;
    e.trainNegElbo = e.trainRecon + e.trainKl;
    e.trainSeconds = m_trainSeconds;
    e.samplesPerSecond = m_n / std::max(1e-9, m_trainSeconds);
    e.globalStep = state.globalStep;
    auto generator = epochGenerator(config.seed, epoch, SeedStreams::Stream::TrainingEvaluation);
    e.test = config.isSemiSupervised()
        ? evaluateSemiSupervised(*m_model, *m_testBatches, m_labels->testTargets(), config.model.likelihood, generator,
                                 500, m_voteLog, config.labelGraphWeight)
        : evaluateElbo(*m_model, *m_testBatches, config.model.likelihood, 0, generator);
    return e;
}

void Trainer::Run::publishEpoch(const EpochStats &stats)
{
    state.history.append(stats);
    state.weights = flattenParameters(*m_model);
    state.optimizer = m_adam->state();
    Q_EMIT q.epochStats(stats);
    emitReconstructions(stats.epoch);
    m_snapshotThrottle.restart();
    Q_EMIT q.snapshot(ModelSnapshot{config.model, state.weights, stats.epoch, stats.test.klPerDim});
    Q_EMIT q.checkpoint(state);
}

void Trainer::Run::emitReconstructions(int epoch)
{
    if (m_shownIndices.isEmpty())
        return;
    torch::NoGradGuard noGrad;
    const auto x =
        m_testBatches->gather(torch::tensor(std::vector<int64_t>(m_shownIndices.begin(), m_shownIndices.end())));
    const auto mean = decoderMean(m_model->reconstruct(x), config.model.likelihood);
    ReconstructionSample sample;
    sample.epoch = epoch;
    sample.fromValidation = config.validation > 0;
    for (int index : std::as_const(m_shownIndices))
        sample.inputs.append(m_test.image(index));
    sample.outputs = tensorToImages(mean);
    Q_EMIT q.reconstructions(sample);
}

Trainer::Trainer(TrainConfig config, DataSplit data, std::optional<Checkpoint> resumeFrom)
    : d(std::make_unique<Impl>(Impl{std::move(config), std::move(data), std::move(resumeFrom)}))
{
    // A new run's model takes the classifier input in effect; a resumed one must be the checkpoint's (setUp checks).
    if (!d->resume)
        d->config.model.classifierInput = d->config.classifierInputInEffect();
    // Whether it spreads labels over a graph: decided once, recorded in its checkpoints; a resumed run keeps its own.
    if (d->resume && !d->config.labelGraph)
        d->config.labelGraph = d->resume->config.labelGraphInEffect();
    d->config.labelGraph = d->config.labelGraphInEffect();
}

Trainer::~Trainer() = default;

void Trainer::requestPause(bool paused)
{
    const QMutexLocker lock(&m_pauseMutex);
    m_pauseRequested.store(paused);
    m_pauseChanged.wakeAll();
}

void Trainer::requestStop()
{
    m_stopRequested.store(true);
    // Only a paused run can be asleep; it read both flags under the mutex, so taking it here cannot miss it.
    if (m_pauseRequested.load()) {
        const QMutexLocker lock(&m_pauseMutex);
        m_pauseChanged.wakeAll();
    }
}

qint64 Trainer::waitWhilePaused()
{
    QElapsedTimer pausedClock;
    pausedClock.start();
    QMutexLocker lock(&m_pauseMutex);
    while (m_pauseRequested.load() && !m_stopRequested.load())
        m_pauseChanged.wait(&m_pauseMutex);
    return pausedClock.elapsed();
}

void Trainer::run()
{
    Q_EMIT finished(runBlocking());
}

TrainingResult Trainer::runBlocking()
{
    TrainingResult result;
    result.checkpoint.config = d->config;
    if (d->resume) {
        result.checkpoint.history = d->resume->history;
        result.checkpoint.globalStep = d->resume->globalStep;
    }
    try {
        Run run(*this, result);
        if (QString problem = run.setUp(); !problem.isEmpty()) {
            result.outcome = run.stoppedBeforeTraining ? RunOutcome::Stopped : RunOutcome::Failed;
            result.message = std::move(problem);
            return result;
        }
        for (int epoch = run.firstEpoch; epoch < run.lastEpoch; ++epoch) {
            if (!run.trainEpoch(epoch))
                return result;
            run.publishEpoch(run.evaluateEpoch(epoch));
        }
        result.outcome = RunOutcome::Completed;
        result.message =
            tr("Trained %1 epoch(s) in %2 s.").arg(run.epochsTrained).arg(run.trainSecondsTotal, 0, 'f', 1);
    } catch (const std::exception &e) {
        result.outcome = RunOutcome::Failed;
        result.message = tr("Training failed inside LibTorch: %1").arg(errorText(e));
    }
    return result;
}
