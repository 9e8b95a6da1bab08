#include "session.h"

#include "autosaves.h"
#include "backgroundjobs.h"
#include "data/datasetloader.h"
#include "data/labelleddraw.h"
#include "runcomparison.h"

#include <QDir>
#include <QFileInfo>

#include <utility>

Session::Session(QObject *parent)
    : QObject(parent)
    , m_controller(new TrainingController(this))
    , m_jobs(new BackgroundJobs(this))
{
    connect(m_controller, &TrainingController::started, this, [this]() { Q_EMIT runningChanged(true); });
    connect(m_controller, &TrainingController::pausedChanged, this, &Session::pausedChanged);
    connect(m_controller, &TrainingController::preparing, this, &Session::preparing);
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
    // The skipped files travel with the result: the GUI must say what an image folder left out.
    using Loaded = std::pair<Result<DataSplit>, QStringList>;
    m_jobs->run<Loaded>(
        [nameOrPath]() {
            QStringList skipped;
            auto data = DatasetLoader::load(nameOrPath, &skipped);
            return Loaded(std::move(data), skipped);
        },
        [this, generation, nameOrPath](const Loaded &loaded) {
            // A later request supersedes this one; its own result will arrive.
            if (generation != m_loadGeneration)
                return;
            m_loadedGeneration = generation;
            if (!loaded.first) {
                // The data shown and trained on is the data named: what was loaded before is let go, so that
                // neither the panels nor a continued run use it under the failed name.
                m_data = DataSplit();
                m_dataName.clear();
                m_skippedFiles.clear();
                m_dataProblem = tr("The dataset %1 could not be loaded: %2").arg(nameOrPath, loaded.first.error());
                Q_EMIT dataFailed(nameOrPath, loaded.first.error());
                return;
            }
            setData(loaded.first.value(), nameOrPath, loaded.second);
        });
}

void Session::setData(const DataSplit &data, const QString &name, const QStringList &skippedFiles)
{
    m_loadedGeneration = m_loadGeneration;
    m_dataProblem.clear();
    m_data = data;
    m_dataName = name;
    m_skippedFiles = skippedFiles;
    Q_EMIT dataLoaded(name);
    if (m_epochSnapshot.isValid() && !isRunning())
        Q_EMIT epochModelChanged();
}

bool Session::start(const TrainConfig &requested, bool resume)
{
    TrainConfig config = requested;
    // The panel does not choose the classifier's input nor a subset of the training images: a new run takes the
    // automatic input (Trainer) and every image, a continued run its checkpoint's.
    if (resume && m_checkpoint)
        config = RunComparison::continuing(config, m_checkpoint->config);
    if (isRunning())
        return false;
    if (!hasData()) {
        Q_EMIT errorOccurred(isLoading() ? tr("The dataset is still loading; start again in a moment.")
                                 : m_dataProblem.isEmpty()
                                 ? tr("No dataset is loaded. Choose one in the Training panel.")
                                 : tr("%1\nChoose the data in the Training panel or with "
                                      "File ▸ Open Dataset Folder.")
                                       .arg(m_dataProblem));
        return false;
    }
    const QString problem = config.validate();
    if (!problem.isEmpty()) {
        Q_EMIT errorOccurred(tr("The training settings are not valid: %1").arg(problem));
        return false;
    }
    if (const QString classes = m_data.train.classesProblem(config.classes); !classes.isEmpty()) {
        Q_EMIT errorOccurred(
            tr("%1\nCorrect Classes in the Training panel, or leave it empty to train on every class.").arg(classes));
        return false;
    }
    if (const QString labels = labelProblem(config); !labels.isEmpty()) {
        Q_EMIT errorOccurred(labels);
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
        if (const QString problem = config.continuationProblem(m_checkpoint->config, m_checkpoint->epochsDone());
            !problem.isEmpty()) {
            Q_EMIT errorOccurred(tr("%1 Restore its settings or untick “Continue from checkpoint”.").arg(problem));
            return false;
        }
        resumeFrom = &*m_checkpoint;
    }
    m_validation = config.validation;
    m_sourceClassNames.clear(); // the data it trains on names its classes
    // Every run its own file, a continued one too: the run before it keeps its epochs (its Runs row opened the
    // continuation's 18 epochs in place of its own 10).
    m_resumedAutosavePath = resumeFrom ? m_autosavePath : QString();
    m_resumedEpochs = resumeFrom ? resumeFrom->epochsDone() : -1;
    m_autosavePath = Autosaves::newPath();
    if (!resumeFrom) {
        // The model shown until now, to compare the new run with where its figures are on the same images.
        const bool comparable =
            m_checkpoint && !m_history.isEmpty() && RunComparison::comparable(m_checkpoint->config, config);
        Q_EMIT previousRun(comparable ? m_history : QVector<EpochStats>(),
                           comparable ? RunComparison::differences(m_checkpoint->config, config) : QString());
        m_history.clear();
        m_klPerDim.clear();
        Q_EMIT historyReset(m_history);
    }
    if (!m_controller->start(config, m_data, resumeFrom)) {
        Q_EMIT errorOccurred(tr("Training could not start."));
        return false;
    }
    m_chosenClasses = config.classes;
    m_modelDataset = config.dataset;
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
    // Until finished() is announced, which waits for the run's last model.
    return m_controller->isRunning() || m_finishAfterBuild.has_value();
}

bool Session::isPaused() const
{
    return m_controller->isPaused();
}

Status Session::saveCheckpoint(const QString &path)
{
    if (!m_checkpoint)
        return Status::failure(tr("There is no checkpoint yet: train at least one epoch or open a checkpoint."));
    const Status status = CheckpointIo::save(*m_checkpoint, path);
    if (status) {
        m_unsaved = false;
        Autosaves::noteExplicitSave();
    }
    return status;
}

Status Session::openCheckpoint(const QString &path)
{
    if (isRunning())
        return Status::failure(tr("Stop the training before opening a checkpoint."));
    Result<Checkpoint> loaded = CheckpointIo::load(path);
    if (!loaded)
        return Status::failure(loaded.error());
    if (Status s = show(loaded.value()); !s)
        return s;
    m_unsaved = false;      // what is open is that file's model
    m_autosavePath.clear(); // continuing it starts an autosave of its own (start())
    return Status::success();
}

Status Session::openCheckpoint(const Checkpoint &checkpoint)
{
    if (Status s = show(checkpoint); !s)
        return s;
    // A model handed over in memory (e.g. the wizard's adapted one) exists in no file yet: autosaved, so that closing
    // without saving loses nothing (the close question says it is in the autosaves).
    m_unsaved = true;
    m_autosavePath = Autosaves::newPath();
    autosave(checkpoint, m_autosavePath);
    return Status::success();
}

Status Session::show(const Checkpoint &checkpoint)
{
    if (isRunning())
        return Status::failure(tr("Stop the training before opening a checkpoint."));
    Result<InferenceModel> model = InferenceModel::create(checkpoint.snapshot());
    if (!model)
        return Status::failure(tr("The checkpoint's weights do not fit its model description."));
    m_checkpoint = checkpoint;
    m_chosenClasses = checkpoint.config.classes;
    m_modelDataset = checkpoint.config.dataset;
    m_sourceClassNames = checkpoint.config.sourceClassNames;
    m_validation = checkpoint.config.validation;
    m_history = checkpoint.history;
    m_klPerDim = m_history.isEmpty() ? QVector<double>() : m_history.last().test.klPerDim;
    Q_EMIT historyReset(m_history);
    Q_EMIT checkpointRestored(checkpoint);
    // Built here, synchronously: whatever a job was still building for the previous model is dropped.
    ++m_modelGeneration;
    m_nextBuild.reset();
    applyModel(ModelRequest{checkpoint.snapshot(), true}, model); // its klPerDim is the history's last, as above
    if (checkpoint.config.dataset != m_dataName && !checkpoint.config.dataset.isEmpty())
        loadDataset(checkpoint.config.dataset);
    return Status::success();
}

QString Session::labelProblem(const TrainConfig &config) const
{
    if (!config.isSemiSupervised())
        return {};
    // The same draw the trainer makes: a class with fewer images than K, or data without labels, is said here,
    // before the run starts, in the words of the draw itself.
    const Result<DataSplit> runData = config.runData(m_data);
    if (!runData)
        return tr("%1\nHold out fewer validation images in the Training panel.").arg(runData.error());
    const Dataset &train = runData.value().train;
    const QVector<int> labels = LabelledDraw::classLabels(train, config.classes);
    const Result<QVector<int>> drawn = LabelledDraw::draw(train, labels, config.labelsPerClass, config.seed);
    if (!drawn)
        return tr("%1\nChoose fewer labels per class in the Training panel, or Off for the plain VAE.")
            .arg(drawn.error());
    if (labels.size() != config.model.classes)
        return tr("The model is set up for %1 classes, but the training data has %2. Load the dataset again or set "
                  "Labels per class to Off.")
            .arg(config.model.classes)
            .arg(labels.size());
    return {};
}

QStringList Session::classNames(int classes) const
{
    if (!m_sourceClassNames.isEmpty() && m_sourceClassNames.size() == classes)
        return sourceClassNames();
    if (modelTrainedOnOtherData().isEmpty())
        return LabelledDraw::modelClassNames(m_data.train, m_chosenClasses, classes);
    // Other data is loaded than the model trained on (a Fashion-MNIST model with the digits open): its classes keep
    // their own names, which a built-in dataset's name gives (a folder's are not at hand: numbers).
    Dataset trainedOn;
    trainedOn.name = m_modelDataset;
    return LabelledDraw::modelClassNames(trainedOn, m_chosenClasses, classes);
}

QString Session::modelTrainedOnOtherData() const
{
    return m_modelDataset.isEmpty() || DatasetLoader::sameSource(m_modelDataset, m_dataName) ? QString()
                                                                                             : m_modelDataset;
}

QStringList Session::sourceClassNames() const
{
    return LabelledDraw::translatedNames(m_sourceClassNames);
}

int Session::pendingSaves() const
{
    return m_pendingSaves + (m_queuedAutosave ? 1 : 0);
}

void Session::onSnapshot(const ModelSnapshot &snapshot)
{
    requestModel(snapshot, false);
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
    m_unsaved = true;
    autosave(checkpoint, m_autosavePath);
    requestModel(checkpoint.snapshot(), true);
}

void Session::onFinished(const TrainingResult &result)
{
    // So that model() holds the run's final weights when finished() arrives.
    if (m_building)
        m_finishAfterBuild = result;
    else
        announceFinished(result);
}

void Session::announceFinished(const TrainingResult &result)
{
    // A run stopped (or failed) before its first epoch ended trained nothing: its untrained weights are no model to
    // continue, autosave or ask about on closing. A continued run's result holds its checkpoint's epochs.
    if (!result.checkpoint.weights.isEmpty() && result.checkpoint.epochsDone() > 0) {
        // The last epoch's checkpoint arrives only with the result: autosave it as the others were.
        const bool fresh = !m_checkpoint || m_checkpoint->epochsDone() != result.checkpoint.epochsDone();
        // A continuation that failed before its first epoch ended leaves the model as it was, settings and all: its
        // learning rate of 1 labelled the earlier epochs' curve "Previous run (learning rate 1)".
        if (fresh || result.outcome != RunOutcome::Failed)
            m_checkpoint = result.checkpoint;
        if (fresh) {
            m_unsaved = true;
            autosave(*m_checkpoint, m_autosavePath);
        }
        // A continuation that finished no epoch wrote no file: its row opens the model's (when it had one).
        if (result.checkpoint.epochsDone() == m_resumedEpochs && !m_resumedAutosavePath.isEmpty())
            m_autosavePath = m_resumedAutosavePath;
    }
    Q_EMIT runningChanged(false);
    Q_EMIT finished(result.outcome, result.message);
}

void Session::requestModel(ModelSnapshot snapshot, bool epochModel)
{
    if (snapshot.klPerDim.isEmpty())
        snapshot.klPerDim = m_klPerDim;
    else
        m_klPerDim = snapshot.klPerDim;
    // The trainer sends an epoch's weights twice (snapshot, then checkpoint) sharing one buffer: build once.
    auto sameWeights = [&](const ModelSnapshot &other) {
        return snapshot.weights.constData() == other.weights.constData();
    };
    for (std::optional<ModelRequest> *pending : {&m_nextBuild, &m_building}) {
        if (*pending && sameWeights((*pending)->snapshot)) {
            **pending = ModelRequest{snapshot, (*pending)->epoch || epochModel};
            return;
        }
    }
    if (!m_building && m_model.isValid() && sameWeights(m_snapshot)) {
        applyModel(ModelRequest{snapshot, epochModel}, Result<InferenceModel>::success(m_model));
        return;
    }
    const ModelRequest request{snapshot, epochModel};
    if (!m_building)
        startBuild(request);
    else if (!m_nextBuild || !m_nextBuild->epoch || epochModel)
        m_nextBuild = request; // supersedes an older waiting request...
    // ...but a snapshot from inside the next epoch never replaces a waiting epoch's model: the map and the
    // interpolation panel would miss that epoch (on a busy machine every epoch, until the run ended). The next
    // snapshot follows within half a second.
}

void Session::startBuild(const ModelRequest &request)
{
    m_building = request;
    const int generation = m_modelGeneration;
    const ModelSnapshot snapshot = request.snapshot;
    m_jobs->run<Result<InferenceModel>>([snapshot]() { return InferenceModel::create(snapshot); },
                                        [this, generation](const Result<InferenceModel> &model) {
                                            const ModelRequest built = *std::exchange(m_building, std::nullopt);
                                            if (generation == m_modelGeneration)
                                                applyModel(built, model);
                                            if (m_nextBuild)
                                                startBuild(*std::exchange(m_nextBuild, std::nullopt));
                                            else if (m_finishAfterBuild)
                                                announceFinished(*std::exchange(m_finishAfterBuild, std::nullopt));
                                        });
}

void Session::applyModel(const ModelRequest &request, const Result<InferenceModel> &model)
{
    if (!model) {
        Q_EMIT statusMessage(tr("Could not build the explorer's model: %1").arg(model.error()));
        return;
    }
    m_model = model.value();
    m_snapshot = request.snapshot;
    Q_EMIT modelChanged();
    if (request.epoch) {
        m_epochSnapshot = request.snapshot;
        Q_EMIT epochModelChanged();
    }
}

void Session::autosave(const Checkpoint &checkpoint, const QString &path)
{
    if (m_pendingSaves > 0) {
        // One save at a time: two saves of one file on two job threads may finish in either order, and the
        // older epoch must not end up in the file. The newest waiting checkpoint is all that needs saving.
        m_queuedAutosave = QueuedAutosave{checkpoint, path};
        return;
    }
    QDir().mkpath(QFileInfo(path).absolutePath());
    ++m_pendingSaves;
    // Serialising a few megabytes of weights would stall the GUI, so it happens on a job thread.
    m_jobs->run<Status>([checkpoint, path]() { return CheckpointIo::save(checkpoint, path); },
                        [this, path](const Status &status) {
                            --m_pendingSaves;
                            if (!status)
                                Q_EMIT statusMessage(tr("Autosave failed: %1").arg(status.error()));
                            else
                                Autosaves::prune(path);
                            if (m_queuedAutosave) {
                                const QueuedAutosave next = *std::exchange(m_queuedAutosave, std::nullopt);
                                autosave(next.checkpoint, next.path);
                            }
                        });
}
