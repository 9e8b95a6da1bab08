#include "session.h"

#include "backgroundjobs.h"
#include "datasetloader.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace {

constexpr int kReconstructionCount = 8;

} // namespace

Session::Session(QObject *parent)
    : QObject(parent)
    , m_controller(new TrainingController(this))
    , m_jobs(new BackgroundJobs(this))
{
    connect(m_controller, &TrainingController::started, this, [this]() { Q_EMIT runningChanged(true); });
    connect(m_controller, &TrainingController::pausedChanged, this, &Session::pausedChanged);
    connect(m_controller, &TrainingController::batchStats, this, &Session::batchStats);
    connect(m_controller, &TrainingController::epochStats, this, &Session::onEpochStats);
    connect(m_controller, &TrainingController::reconstructions, this, &Session::reconstructions);
    connect(m_controller, &TrainingController::snapshot, this, &Session::onSnapshot);
    connect(m_controller, &TrainingController::checkpoint, this, &Session::onCheckpoint);
    connect(m_controller, &TrainingController::failed, this, &Session::errorOccurred);
    connect(m_controller, &TrainingController::finished, this, &Session::onFinished);
}

Session::~Session()
{
    shutdown();
}

void Session::loadDataset(const QString &nameOrPath)
{
    const int generation = ++m_loadGeneration;
    Q_EMIT dataLoading(nameOrPath);
    m_jobs->run<Result<DataSplit>>(
        [nameOrPath]() { return DatasetLoader::load(nameOrPath); },
        [this, generation, nameOrPath](const Result<DataSplit> &result) {
            // A later request supersedes this one; its own result will arrive.
            if (generation != m_loadGeneration)
                return;
            m_loadedGeneration = generation;
            if (!result) {
                Q_EMIT dataFailed(nameOrPath, result.error());
                return;
            }
            setData(result.value(), nameOrPath);
        });
}

void Session::setData(const DataSplit &data, const QString &name)
{
    m_loadedGeneration = m_loadGeneration;
    m_data = data;
    m_dataName = name;
    Q_EMIT dataLoaded(name);
    if (m_epochSnapshot.isValid() && !isRunning())
        Q_EMIT epochModelChanged();
}

bool Session::start(const TrainConfig &config, bool resume)
{
    if (isRunning())
        return false;
    if (!hasData()) {
        Q_EMIT errorOccurred(isLoading() ? tr("The dataset is still loading; start again in a moment.")
                                         : tr("No dataset is loaded. Choose one in the Training panel."));
        return false;
    }
    const QString problem = config.validate();
    if (!problem.isEmpty()) {
        Q_EMIT errorOccurred(tr("The training settings are not valid: %1").arg(problem));
        return false;
    }
    const Checkpoint *resumeFrom = nullptr;
    if (resume && m_checkpoint) {
        if (m_checkpoint->config.model != config.model) {
            Q_EMIT errorOccurred(tr("The checkpoint holds a different model (%1) than the one chosen (%2). "
                                    "Restore its settings or untick “Continue from checkpoint”.")
                                     .arg(m_checkpoint->config.model.describe(), config.model.describe()));
            return false;
        }
        resumeFrom = &*m_checkpoint;
    }
    if (!resumeFrom) {
        m_history.clear();
        m_klPerDim.clear();
        Q_EMIT historyReset(m_history);
    }
    if (!m_controller->start(config, m_data, resumeFrom)) {
        Q_EMIT errorOccurred(tr("Training could not start."));
        return false;
    }
    Q_EMIT statusMessage(resumeFrom ? tr("Training resumed at epoch %1.").arg(resumeFrom->epochsDone() + 1)
                                    : tr("Training started."));
    return true;
}

void Session::togglePause()
{
    if (isRunning())
        m_controller->togglePause();
}

void Session::stop()
{
    if (isRunning())
        m_controller->stop();
}

void Session::shutdown()
{
    m_controller->stopAndWait();
    m_jobs->waitForAll();
}

bool Session::isRunning() const
{
    return m_controller->isRunning();
}

bool Session::isPaused() const
{
    return m_controller->isPaused();
}

Status Session::saveCheckpoint(const QString &path) const
{
    if (!m_checkpoint)
        return Status::failure(tr("There is no checkpoint yet: train at least one epoch or open a checkpoint."));
    return CheckpointIo::save(*m_checkpoint, path);
}

Status Session::openCheckpoint(const QString &path)
{
    if (isRunning())
        return Status::failure(tr("Stop the training before opening a checkpoint."));
    Result<Checkpoint> loaded = CheckpointIo::load(path);
    if (!loaded)
        return Status::failure(loaded.error());
    const Checkpoint &checkpoint = loaded.value();
    if (!InferenceModel::create(checkpoint.snapshot()))
        return Status::failure(tr("The checkpoint's weights do not fit its model description."));
    m_checkpoint = checkpoint;
    m_history = checkpoint.history;
    m_klPerDim = m_history.isEmpty() ? QVector<double>() : m_history.last().test.klPerDim;
    Q_EMIT historyReset(m_history);
    Q_EMIT checkpointRestored(checkpoint);
    setEpochSnapshot(checkpoint.snapshot());
    if (checkpoint.config.dataset != m_dataName && !checkpoint.config.dataset.isEmpty())
        loadDataset(checkpoint.config.dataset);
    return Status::success();
}

QString Session::autosavePath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir).filePath(QStringLiteral("autosave.ckpt"));
}

int Session::pendingSaves() const
{
    return m_pendingSaves;
}

void Session::onSnapshot(const ModelSnapshot &snapshot)
{
    if (!snapshot.klPerDim.isEmpty())
        m_klPerDim = snapshot.klPerDim;
    if (rebuildModel(snapshot))
        Q_EMIT modelChanged();
}

void Session::onEpochStats(const EpochStats &stats)
{
    m_history.append(stats);
    if (!stats.test.klPerDim.isEmpty())
        m_klPerDim = stats.test.klPerDim;
    Q_EMIT epochStats(stats);
}

void Session::onCheckpoint(const Checkpoint &checkpoint)
{
    m_checkpoint = checkpoint;
    autosave(checkpoint);
    setEpochSnapshot(checkpoint.snapshot());
}

void Session::onFinished(const TrainingResult &result)
{
    if (!result.checkpoint.weights.isEmpty())
        m_checkpoint = result.checkpoint;
    Q_EMIT runningChanged(false);
    Q_EMIT finished(result.outcome, result.message);
}

void Session::setEpochSnapshot(ModelSnapshot snapshot)
{
    // The trainer sends the epoch's weights twice (snapshot, then checkpoint) sharing one buffer: build once.
    const bool sameWeights = snapshot.weights.constData() == m_snapshot.weights.constData() && m_model.isValid();
    if (snapshot.klPerDim.isEmpty())
        snapshot.klPerDim = m_klPerDim;
    else
        m_klPerDim = snapshot.klPerDim;
    if (!sameWeights && !rebuildModel(snapshot))
        return;
    m_epochSnapshot = snapshot;
    Q_EMIT modelChanged();
    Q_EMIT epochModelChanged();
}

bool Session::rebuildModel(const ModelSnapshot &snapshot)
{
    Result<InferenceModel> model = InferenceModel::create(snapshot);
    if (!model) {
        Q_EMIT statusMessage(tr("Could not build the explorer's model: %1").arg(model.error()));
        return false;
    }
    m_model = model.value();
    m_snapshot = snapshot;
    return true;
}

void Session::autosave(const Checkpoint &checkpoint)
{
    const QString path = autosavePath();
    QDir().mkpath(QFileInfo(path).absolutePath());
    ++m_pendingSaves;
    // Serialising a few megabytes of weights would stall the GUI, so it happens on a job thread.
    m_jobs->run<Status>([checkpoint, path]() { return CheckpointIo::save(checkpoint, path); },
                        [this, path](const Status &status) {
                            --m_pendingSaves;
                            if (!status)
                                Q_EMIT statusMessage(tr("Autosave failed: %1").arg(status.error()));
                        });
}
