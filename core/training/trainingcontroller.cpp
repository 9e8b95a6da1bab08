#include "training/trainingcontroller.h"

#include "training/trainer.h"

namespace {
void registerMetaTypes()
{
    static const bool done = [] {
        qRegisterMetaType<BatchStats>();
        qRegisterMetaType<EpochStats>();
        qRegisterMetaType<ReconstructionSample>();
        qRegisterMetaType<ModelSnapshot>();
        qRegisterMetaType<Checkpoint>();
        qRegisterMetaType<TrainingResult>();
        qRegisterMetaType<RunProgress>();
        return true;
    }();
    Q_UNUSED(done);
}
} // namespace

TrainingController::TrainingController(QObject *parent)
    : QObject(parent)
{
    registerMetaTypes();
}

TrainingController::~TrainingController()
{
    stopAndWait();
}

bool TrainingController::start(const TrainConfig &config, const DataSplit &data, const Checkpoint *resumeFrom)
{
    if (isRunning())
        return false;
    m_paused = false;
    std::optional<Checkpoint> resume;
    if (resumeFrom)
        resume = *resumeFrom;
    auto trainer = std::make_unique<Trainer>(config, data, std::move(resume));
    m_trainer = trainer.get();
    connect(m_trainer, &Trainer::preparing, this, &TrainingController::preparing);
    connect(m_trainer, &Trainer::batchStats, this, &TrainingController::batchStats);
    connect(m_trainer, &Trainer::epochStats, this, &TrainingController::epochStats);
    connect(m_trainer, &Trainer::reconstructions, this, &TrainingController::reconstructions);
    connect(m_trainer, &Trainer::snapshot, this, &TrainingController::snapshot);
    connect(m_trainer, &Trainer::checkpoint, this, &TrainingController::checkpoint);
    connect(m_trainer, &Trainer::finished, this,
            [this, run = ++m_run](const TrainingResult &result) { onWorkerFinished(run, result); });
    m_thread.start(std::move(trainer), QStringLiteral("trainer"));
    Q_EMIT started();
    return true;
}

void TrainingController::onWorkerFinished(int run, const TrainingResult &result)
{
    if (run != m_run && m_trainer)
        return; // a run stopped by stopAndWait() reporting after a new run began
    if (m_trainer) {
        m_thread.stop(); // the worker has returned: this only joins the thread and deletes it
        m_trainer = nullptr;
    }
    if (m_paused) {
        m_paused = false;
        Q_EMIT pausedChanged(false);
    }
    if (result.outcome == RunOutcome::Failed)
        Q_EMIT failed(result.message);
    Q_EMIT finished(result);
}

void TrainingController::pause()
{
    if (!isRunning() || m_paused)
        return;
    m_paused = true;
    m_trainer->requestPause(true);
    Q_EMIT pausedChanged(true);
}

void TrainingController::resume()
{
    if (!isRunning() || !m_paused)
        return;
    m_paused = false;
    m_trainer->requestPause(false);
    Q_EMIT pausedChanged(false);
}

void TrainingController::togglePause()
{
    m_paused ? resume() : pause();
}

void TrainingController::stop()
{
    if (m_trainer)
        m_trainer->requestStop();
}

void TrainingController::stopAndWait()
{
    if (!m_trainer)
        return;
    // The worker's finished signal may still be queued to us; onWorkerFinished() tells it from a new run's.
    m_thread.stop();
    m_trainer = nullptr;
    m_paused = false;
}

bool TrainingController::isRunning() const
{
    return m_trainer != nullptr;
}

bool TrainingController::isPaused() const
{
    return m_paused;
}
