#pragma once

#include "data/dataset.h"
#include "model/checkpoint.h"
#include "training/trainconfig.h"
#include "training/trainstats.h"
#include "util/runoutcome.h"

#include <QMutex>
#include <QObject>
#include <QWaitCondition>

#include <atomic>
#include <memory>
#include <optional>

struct TrainingResult;

/// The worker: lives on the training thread, runs one configured run in `run()`, reports through value types.
/// Control flags are atomics read every batch (a queued slot would never run while the loop runs); a paused run
/// sleeps on a wait condition that resuming or stopping wakes.
class Trainer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Trainer)

public:
    Trainer(TrainConfig config, DataSplit data, std::optional<Checkpoint> resumeFrom);
    ~Trainer() override;

    /// Thread-safe: the run pauses before its next batch, or carries on.
    void requestPause(bool paused);
    /// Thread-safe: the run ends before its next batch (also while paused) with RunOutcome::Stopped. Only an atomic
    /// store unless a pause was requested, so the CLI (which never pauses) may call it from a signal handler.
    void requestStop();

    /// Runs the whole training synchronously on the calling thread (the CLI calls this directly).
    TrainingResult runBlocking();

public Q_SLOTS:
    void run();

Q_SIGNALS:
    /// What the run does before its first epoch when that takes a while (the label graph), for a status line and a
    /// progress bar: `fraction` and `etaSeconds` are that step's own; the last report says it is done (fraction 1).
    void preparing(const RunProgress &progress);
    void batchStats(const BatchStats &stats);
    void epochStats(const EpochStats &stats);
    void reconstructions(const ReconstructionSample &sample);
    void snapshot(const ModelSnapshot &snapshot);
    void checkpoint(const Checkpoint &checkpoint);
    void finished(const TrainingResult &result);

private:
    struct Impl;
    class Run; // one runBlocking() call's state, in trainer.cpp

    /// Blocks while a pause is requested and no stop; returns the milliseconds spent paused.
    qint64 waitWhilePaused();

    std::unique_ptr<Impl> d;
    std::atomic_bool m_pauseRequested{false};
    std::atomic_bool m_stopRequested{false};
    QMutex m_pauseMutex;
    QWaitCondition m_pauseChanged;
};
