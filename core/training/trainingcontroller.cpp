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
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("trainer"));
    std::optional<Checkpoint> resume;
    if (resumeFrom)
        resume = *resumeFrom;
    m_trainer = new Trainer(config, data, std::move(resume));
    m_trainer->moveToThread(m_thread);
    connect(m_thread, &QThread::started, m_trainer, &Trainer::run);
    connect(m_trainer, &Trainer::batchStats, this, &TrainingController::batchStats);
    connect(m_trainer, &Trainer::epochStats, this, &TrainingController::epochStats);
    connect(m_trainer, &Trainer::reconstructions, this, &TrainingController::reconstructions);
    connect(m_trainer, &Trainer::snapshot, this, &TrainingController::snapshot);
    connect(m_trainer, &Trainer::checkpoint, this, &TrainingController::checkpoint);
    connect(m_trainer, &Trainer::finished, this,
            [this, trainer = m_trainer](const TrainingResult &result) { onWorkerFinished(trainer, result); });
    connect(m_thread, &QThread::finished, m_trainer, &QObject::deleteLater);
    m_thread->start();
    Q_EMIT started();
    return true;
}

void TrainingController::onWorkerFinished(const Trainer *trainer, const TrainingResult &result)
{
    if (trainer != m_trainer && m_thread)
        return; // a run stopped by stopAndWait() reporting after a new run began
    if (m_thread) {
        m_thread->quit();
        m_thread->wait();
        m_thread->deleteLater();
        m_thread = nullptr;
        m_trainer = nullptr; // deleted by the thread's finished signal
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
    if (!m_thread)
        return;
    m_trainer->requestStop();
    // The worker's finished signal is queued to us and will not be delivered after we return; tidy up here.
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_trainer = nullptr;
    m_paused = false;
}

bool TrainingController::isRunning() const
{
    return m_thread != nullptr;
}

bool TrainingController::isPaused() const
{
    return m_paused;
}
