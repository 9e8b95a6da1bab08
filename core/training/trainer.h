#pragma once

#include "model/checkpoint.h"
#include "data/dataset.h"
#include "training/trainconfig.h"
#include "training/trainstats.h"

#include <QObject>

#include <atomic>
#include <memory>
#include <optional>

struct TrainingResult;

/// The worker: lives on the training thread, runs one configured run in `run()`, reports through value types.
/// Control flags are atomics read every batch (a queued slot would never run while the loop runs).
class Trainer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Trainer)

public:
    Trainer(TrainConfig config, DataSplit data, std::optional<Checkpoint> resumeFrom);
    ~Trainer() override;

    void requestPause(bool paused) { m_pauseRequested.store(paused); }
    void requestStop() { m_stopRequested.store(true); }

    /// Runs the whole training synchronously on the calling thread (the CLI calls this directly).
    TrainingResult runBlocking();

public Q_SLOTS:
    void run();

Q_SIGNALS:
    void batchStats(const BatchStats &stats);
    void epochStats(const EpochStats &stats);
    void reconstructions(const ReconstructionSample &sample);
    void snapshot(const ModelSnapshot &snapshot);
    void checkpoint(const Checkpoint &checkpoint);
    void finished(const TrainingResult &result);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
    std::atomic_bool m_pauseRequested{false};
    std::atomic_bool m_stopRequested{false};
};
