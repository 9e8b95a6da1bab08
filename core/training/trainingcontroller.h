#pragma once

#include "data/dataset.h"
#include "model/checkpoint.h"
#include "training/trainconfig.h"
#include "training/trainstats.h"
#include "util/runoutcome.h"

#include "util/workerthread.h"

#include <QObject>

#include <memory>

class Trainer;

/// How a run ended; the checkpoint always holds the last good state.
struct TrainingResult
{
    RunOutcome outcome = RunOutcome::Completed;
    QString message;
    Checkpoint checkpoint;
};
Q_DECLARE_METATYPE(TrainingResult)

/// Owns the training thread (a WorkerThread). The worker is created per run; the destructor stops and joins it.
class TrainingController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrainingController)

public:
    explicit TrainingController(QObject *parent = nullptr);
    ~TrainingController() override;

    /// Starts a run (no-op returning false while one runs). `resumeFrom` continues its history and weights.
    bool start(const TrainConfig &config, const DataSplit &data, const Checkpoint *resumeFrom = nullptr);
    void pause();
    void resume();
    void togglePause();
    /// Asks the worker to stop after the current batch; `finished` follows.
    void stop();
    /// Stops and waits for the thread to end.
    void stopAndWait();

    bool isRunning() const;
    bool isPaused() const;

Q_SIGNALS:
    void started();
    void pausedChanged(bool paused);
    void preparing(const RunProgress &progress);
    void batchStats(const BatchStats &stats);
    void epochStats(const EpochStats &stats);
    void reconstructions(const ReconstructionSample &sample);
    void snapshot(const ModelSnapshot &snapshot);
    /// After each epoch: the full state, for autosave.
    void checkpoint(const Checkpoint &checkpoint);
    void failed(const QString &message);
    void finished(const TrainingResult &result);

private:
    void onWorkerFinished(int run, const TrainingResult &result);

    WorkerThread m_thread;
    Trainer *m_trainer = nullptr; ///< owned by m_thread while a run is active
    int m_run = 0;                ///< counts runs, so a stopped run's late report is told from the current one's
    bool m_paused = false;
};
