#pragma once

#include "data/dataset.h"
#include "model/checkpoint.h"
#include "model/inferencemodel.h"
#include "training/trainconfig.h"
#include "training/trainingcontroller.h"
#include "training/trainstats.h"

#include <QObject>
#include <QString>

#include <optional>

class BackgroundJobs;

/// The GUI's state of one exploration session: the loaded data, the training run, the latest weights
/// (as the GUI's own InferenceModel) and the last checkpoint. Panels read it; MainWindow wires it.
class Session final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Session)

public:
    explicit Session(QObject *parent = nullptr);
    ~Session() override;

    /// Loads a built-in name, a folder or a file on a background thread; dataLoaded or dataFailed follows.
    void loadDataset(const QString &nameOrPath);
    /// Uses data that is already in memory (tests, benchmarks).
    /// `skippedFiles`: the image-folder files that could not be read ("class/file (why)"), for the message.
    void setData(const DataSplit &data, const QString &name, const QStringList &skippedFiles = {});
    bool isLoading() const { return m_loadGeneration != m_loadedGeneration; }
    bool hasData() const { return m_data.train.count() > 0; }
    const DataSplit &data() const { return m_data; }
    const QString &dataName() const { return m_dataName; }
    /// The data the model's run trained on, when other data is loaded (a digits model with Fashion-MNIST chosen);
    /// empty while the loaded data is the model's (or there is no model).
    QString modelTrainedOnOtherData() const;
    /// Files the loaded dataset left out and why (an image folder's unreadable files).
    const QStringList &skippedFiles() const { return m_skippedFiles; }

    /// Starts a run; with `resume` it continues from the last checkpoint. Returns false after emitting
    /// errorOccurred when it cannot start.
    bool start(const TrainConfig &config, bool resume);
    void togglePause();
    void stop();
    /// Stops the run and joins the training thread and pending saves (closing the window).
    void shutdown();
    bool isRunning() const;
    bool isPaused() const;

    /// The GUI thread's own model, rebuilt from each weight snapshot.
    const InferenceModel &model() const { return m_model; }
    const ModelSnapshot &snapshot() const { return m_snapshot; }
    /// The weights at the end of the latest epoch (what the map and the manifold show).
    const ModelSnapshot &epochSnapshot() const { return m_epochSnapshot; }
    /// Per-dimension KL from the latest evaluation (empty before the first epoch).
    const QVector<double> &klPerDim() const { return m_klPerDim; }
    const QVector<EpochStats> &history() const { return m_history; }
    /// What a person calls each class of a model of `classes` classes (a run's evaluation, before its model reaches
    /// the GUI): the data's labels the run trained on, or the source's classes that an opened model keeps.
    QStringList classNames(int classes) const;
    /// The opened model keeps the classes of the semi-supervised model it was adapted from, not the data's
    /// (TrainConfig::sourceClassNames): its classifier has nothing to be scored on here.
    bool keepsSourceClasses() const { return !m_sourceClassNames.isEmpty(); }
    /// Those classes by name (empty unless keepsSourceClasses()).
    QStringList sourceClassNames() const;
    /// The labels the model's run trained on (TrainConfig::classes; empty: all of them).
    const QVector<int> &trainedClasses() const { return m_chosenClasses; }
    /// Whether the history's evaluation figures come from training images held out for validation (the current run's
    /// or checkpoint's TrainConfig::validation) rather than the test split.
    bool evaluatesOnValidation() const { return m_validation > 0; }
    /// Why `config` cannot train on the loaded data (too few images of a class for its labels per class, no labels,
    /// a class count that does not match), or empty.
    QString labelProblem(const TrainConfig &config) const;

    bool hasCheckpoint() const { return m_checkpoint.has_value(); }
    const std::optional<Checkpoint> &checkpoint() const { return m_checkpoint; }
    Status saveCheckpoint(const QString &path);
    /// Training produced weights that were not saved (explicitly) or opened since.
    bool hasUnsavedModel() const { return m_unsaved; }
    /// Reads a checkpoint, restores the model, history and configuration, and loads its dataset.
    Status openCheckpoint(const QString &path);
    /// Opens a checkpoint held in memory (the wizard's adapted model), with its history; it counts as unsaved and is
    /// autosaved, as a run's epochs are.
    Status openCheckpoint(const Checkpoint &checkpoint);
    /// Where the current model is autosaved (one file per run or model handed over in memory, see Autosaves); "" before
    /// the first run and after opening a file (its model is in that file; continuing it starts a new autosave).
    const QString &autosavePath() const { return m_autosavePath; }
    /// Autosaves still being written (tests wait for them).
    int pendingSaves() const;

Q_SIGNALS:
    void dataLoading(const QString &nameOrPath);
    void dataLoaded(const QString &nameOrPath);
    void dataFailed(const QString &nameOrPath, const QString &message);
    void runningChanged(bool running);
    void pausedChanged(bool paused);
    /// What the run does before its first epoch (the label graph: about two minutes for 60,000 images).
    void preparing(const RunProgress &progress);
    void batchStats(const BatchStats &stats);
    void epochStats(const EpochStats &stats);
    void reconstructions(const ReconstructionSample &sample);
    /// model() has new weights (a few times a second while training).
    void modelChanged();
    /// epochSnapshot() changed: an epoch ended or a checkpoint was opened.
    void epochModelChanged();
    /// A fresh run begins after `history`, whose figures are on the same images (empty: nothing to compare with);
    /// `settings` names what that run did differently. Sent just before historyReset().
    void previousRun(const QVector<EpochStats> &history, const QString &settings);
    /// The plots must show exactly this history (a fresh run clears them, a checkpoint refills them).
    void historyReset(const QVector<EpochStats> &history);
    void checkpointRestored(const Checkpoint &checkpoint);
    void finished(RunOutcome outcome, const QString &message);
    void errorOccurred(const QString &message);
    void statusMessage(const QString &message);

private:
    void onSnapshot(const ModelSnapshot &snapshot);
    void onEpochStats(const EpochStats &stats);
    void onCheckpoint(const Checkpoint &checkpoint);
    void onFinished(const TrainingResult &result);
    void announceFinished(const TrainingResult &result);
    /// A model for these weights: built on a job thread (building one takes 5-20 ms, too long for the
    /// GUI thread several times a second); requests that arrive meanwhile are merged into the next build.
    void requestModel(ModelSnapshot snapshot, bool epochModel);
    struct ModelRequest
    {
        ModelSnapshot snapshot;
        bool epoch = false; ///< also becomes epochSnapshot()
    };
    void startBuild(const ModelRequest &request);
    void applyModel(const ModelRequest &request, const Result<InferenceModel> &model);
    /// Shows `checkpoint`'s model, history and settings (both openCheckpoint()s).
    Status show(const Checkpoint &checkpoint);
    void autosave(const Checkpoint &checkpoint, const QString &path);

    TrainingController *m_controller = nullptr;
    BackgroundJobs *m_jobs = nullptr;
    DataSplit m_data;
    QString m_dataName;
    QStringList m_skippedFiles;
    QString m_dataProblem; ///< why the last dataset asked for is not loaded ("" once one is)
    int m_loadGeneration = 0;
    int m_loadedGeneration = 0;
    QStringList m_sourceClassNames; ///< TrainConfig::sourceClassNames of the opened model; a run clears it
    InferenceModel m_model;
    ModelSnapshot m_snapshot;
    ModelSnapshot m_epochSnapshot;
    std::optional<ModelRequest> m_building;           ///< the build in flight
    std::optional<ModelRequest> m_nextBuild;          ///< the newest request waiting for it
    int m_modelGeneration = 0;                        ///< bumped by openCheckpoint(): builds started before are dropped
    std::optional<TrainingResult> m_finishAfterBuild; ///< finished() waits for the run's last model
    QVector<double> m_klPerDim;
    QVector<int> m_chosenClasses; ///< the model's run trained on these labels only (empty: all)
    QString m_modelDataset;       ///< the data the model's run trained on, which names its classes
    int m_validation = 0;         ///< the model's run held out this many training images for its evaluation
    QVector<EpochStats> m_history;
    std::optional<Checkpoint> m_checkpoint;
    int m_pendingSaves = 0;
    QString m_autosavePath;
    /// The model's autosave before a continued run, and its epochs: a continuation that ends before its first epoch
    /// wrote nothing of its own, and its Runs row opens that file.
    QString m_resumedAutosavePath;
    int m_resumedEpochs = -1;
    struct QueuedAutosave
    {
        Checkpoint checkpoint;
        QString path;
    };
    std::optional<QueuedAutosave> m_queuedAutosave; ///< waits for the save in flight (autosave())
    bool m_unsaved = false;
};
