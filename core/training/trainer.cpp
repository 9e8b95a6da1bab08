#include "training/trainer.h"

#include "training/threadpolicy.h"
#include "training/trainingcontroller.h"
#include "training/adam_p.h"
#include "data/batching_p.h"
#include "model/elbo_p.h"
#include "training/threadgovernor_p.h"
#include "model/vae_p.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

#include <cmath>

namespace {

/// Per-epoch generators derived from the seed, so resuming at an epoch boundary repeats an uninterrupted run.
at::Generator epochGenerator(quint64 seed, int epoch, quint64 stream)
{
    return at::detail::createCPUGenerator(seed * 1000003ULL + quint64(epoch) * 7919ULL + stream);
}

/// One test image per class first (so every class shows), then the next ones in order.
QVector<int> reconstructionIndices(const Dataset &test, int count)
{
    QVector<int> picked;
    QVector<bool> classSeen(qMax(1, test.classCount()), false);
    for (int i = 0; i < test.count() && picked.size() < count; ++i) {
        const int label = test.hasLabels() ? test.labels.at(i) : 0;
        if (!classSeen[label]) {
            classSeen[label] = true;
            picked.append(i);
        }
    }
    for (int i = 0; i < test.count() && picked.size() < count; ++i)
        if (!picked.contains(i))
            picked.append(i);
    std::sort(picked.begin(), picked.end());
    return picked;
}


} // namespace

struct Trainer::Impl
{
    TrainConfig config;
    DataSplit data;
    std::optional<Checkpoint> resume;
};

Trainer::Trainer(TrainConfig config, DataSplit data, std::optional<Checkpoint> resumeFrom)
    : d(std::make_unique<Impl>(Impl{std::move(config), std::move(data), std::move(resumeFrom)}))
{
}

Trainer::~Trainer() = default;

void Trainer::run()
{
    Q_EMIT finished(runBlocking());
}

TrainingResult Trainer::runBlocking()
{
    TrainingResult result;
    Checkpoint &state = result.checkpoint;
    const TrainConfig &config = d->config;
    state.config = config;
    if (d->resume) {
        state.history = d->resume->history;
        state.globalStep = d->resume->globalStep;
    }
    auto fail = [&](const QString &message) {
        result.outcome = RunOutcome::Failed;
        result.message = message;
        return result;
    };
    if (const QString problem = config.validate(); !problem.isEmpty())
        return fail(problem);

    try {
        applyTrainingThreads(config.threads);
        tuneAllocatorForTraining();
        std::optional<ThreadGovernor> governor;
        if (config.threads == 0)
            governor.emplace(maxTrainingThreads());
        const Dataset train = d->data.train.subset(config.classes);
        const Dataset test = d->data.test.subset(config.classes);
        if (train.count() == 0)
            return fail(tr("The training set is empty."));
        auto model = makeVae(config.model, config.seed);
        if (d->resume) {
            if (d->resume->config.model != config.model)
                return fail(tr("The checkpoint's model (%1) differs from the requested one (%2).")
                                .arg(d->resume->config.model.describe(), config.model.describe()));
            if (Status s = loadParameters(*model, d->resume->weights); !s)
                return fail(s.error());
        }
        Adam adam(model->parameters(), config.learningRate);
        if (d->resume && !d->resume->optimizer.isEmpty() && !adam.setState(d->resume->optimizer))
            return fail(tr("The checkpoint's optimizer state does not match its model."));
        state.weights = flattenParameters(*model);
        state.optimizer = adam.state();

        const Batcher trainBatches(train);
        const Batcher testBatches(test);
        const QVector<int> shownIndices = reconstructionIndices(test, config.reconstructionCount);
        const int n = train.count();
        const int batch = std::min(config.batchSize, n);
        const int stepsPerEpoch = (n + batch - 1) / batch;
        const int firstEpoch = state.history.size();
        const int lastEpoch = firstEpoch + config.epochs;
        const qint64 batchInterval = qint64(1000.0 / std::max(0.1, config.batchStatsPerSecond));
        const qint64 snapshotInterval = qint64(1000.0 / std::max(0.01, config.snapshotsPerSecond));
        QElapsedTimer runClock, sinceBatchStats, sinceSnapshot;
        runClock.start();
        sinceBatchStats.start();
        sinceSnapshot.start();
        double trainSecondsTotal = 0;
        int epochsTrained = 0;

        auto emitSnapshot = [&](int epoch, const QVector<double> &klPerDim) {
            ModelSnapshot snap{config.model, flattenParameters(*model), epoch, klPerDim};
            Q_EMIT snapshot(snap);
        };

        for (int epoch = firstEpoch; epoch < lastEpoch; ++epoch) {
            auto gen = epochGenerator(config.seed, epoch, 0);
            const auto order = torch::randperm(n, gen, torch::kLong);
            double reconSum = 0, klSum = 0;
            QElapsedTimer epochClock;
            epochClock.start();
            qint64 pausedMs = 0;
            for (int step = 0; step < stepsPerEpoch; ++step) {
                if (m_pauseRequested.load()) {
                    QElapsedTimer pausedClock;
                    pausedClock.start();
                    while (m_pauseRequested.load() && !m_stopRequested.load())
                        QThread::msleep(10);
                    pausedMs += pausedClock.elapsed();
                }
                if (m_stopRequested.load()) {
                    result.outcome = RunOutcome::Stopped;
                    result.message = tr("Stopped during epoch %1.").arg(epoch + 1);
                    state.weights = flattenParameters(*model);
                    state.optimizer = adam.state();
                    return result;
                }
                if (governor)
                    governor->beforeStep();
                QElapsedTimer stepClock;
                stepClock.start();
                const int start = step * batch;
                const int count = std::min(batch, n - start);
                const auto x = trainBatches.gather(order.narrow(0, start, count));
                const double beta = config.betaAt(epoch, double(step) / stepsPerEpoch);
                const auto [r, k] = elboGradients(*model, x, config.model.likelihood, beta, gen);
                const double lossValue = r + beta * k;
                if (!std::isfinite(lossValue)) {
                    // The weights of the last finished epoch are the last good ones; `state` still holds them.
                    return fail(tr("The loss became %1 in epoch %2, step %3. Training stopped; the weights from the "
                                   "last finished epoch are kept. Try a smaller learning rate.")
                                    .arg(std::isnan(lossValue) ? QStringLiteral("NaN") : QStringLiteral("infinite"))
                                    .arg(epoch + 1).arg(step + 1));
                }
                adam.step();
                ++state.globalStep;
                if (governor)
                    governor->afterStep(stepClock.nsecsElapsed() / 1e6);
                reconSum += r * count;
                klSum += k * count;

                const bool lastStep = step + 1 == stepsPerEpoch;
                if (sinceBatchStats.elapsed() >= batchInterval || lastStep) {
                    sinceBatchStats.restart();
                    const double elapsed = std::max(1e-9, (epochClock.elapsed() - pausedMs) / 1000.0);
                    const double done = start + count;
                    BatchStats b;
                    b.epoch = epoch;
                    b.step = step + 1;
                    b.stepsPerEpoch = stepsPerEpoch;
                    b.globalStep = state.globalStep;
                    b.recon = r;
                    b.kl = k;
                    b.negElbo = r + k;
                    b.beta = beta;
                    b.samplesPerSecond = done / elapsed;
                    const double remainingSamples = (n - done) + double(lastEpoch - epoch - 1) * n;
                    b.etaSeconds = remainingSamples / b.samplesPerSecond;
                    Q_EMIT batchStats(b);
                }
                if (sinceSnapshot.elapsed() >= snapshotInterval && !lastStep) {
                    sinceSnapshot.restart();
                    emitSnapshot(epoch, state.history.isEmpty() ? QVector<double>() : state.history.last().test.klPerDim);
                }
            }
            const double trainSeconds = (epochClock.elapsed() - pausedMs) / 1000.0;
            trainSecondsTotal += trainSeconds;
            ++epochsTrained;

            EpochStats e;
            e.epoch = epoch;
            e.beta = config.betaAt(epoch, 1.0);
            e.trainRecon = reconSum / n;
            e.trainKl = klSum / n;
            e.trainNegElbo = e.trainRecon + e.trainKl;
            e.trainSeconds = trainSeconds;
            e.samplesPerSecond = n / std::max(1e-9, trainSeconds);
            e.globalStep = state.globalStep;
            auto evalGen = epochGenerator(config.seed, epoch, 1);
            e.test = evaluateElbo(*model, testBatches, config.model.likelihood, 0, evalGen);

            state.history.append(e);
            state.weights = flattenParameters(*model);
            state.optimizer = adam.state();
            Q_EMIT epochStats(e);

            if (!shownIndices.isEmpty()) {
                torch::NoGradGuard noGrad;
                const auto x = testBatches.gather(torch::tensor(std::vector<int64_t>(shownIndices.begin(), shownIndices.end())));
                const auto mean = decoderMean(model->decode(model->encode(x).first), config.model.likelihood);
                ReconstructionSample sample;
                sample.epoch = epoch;
                for (int index : shownIndices)
                    sample.inputs.append(test.image(index));
                sample.outputs = tensorToImages(mean);
                Q_EMIT reconstructions(sample);
            }
            sinceSnapshot.restart();
            Q_EMIT snapshot(ModelSnapshot{config.model, state.weights, epoch, e.test.klPerDim});
            Q_EMIT checkpoint(state);
        }
        result.outcome = RunOutcome::Completed;
        result.message = tr("Trained %1 epoch(s) in %2 s.").arg(epochsTrained).arg(trainSecondsTotal, 0, 'f', 1);
        return result;
    } catch (const std::exception &e) {
        return fail(tr("Training failed inside LibTorch: %1").arg(QString::fromLocal8Bit(e.what()).section(QLatin1Char('\n'), 0, 0)));
    }
}
