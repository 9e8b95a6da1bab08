#pragma once

#include "training/trainconfig.h"
#include "training/trainstats.h"
#include "util/result.h"

#include <QString>
#include <QVector>

/// Adam's moments for the flat parameter vector.
struct OptimizerState
{
    QVector<float> firstMoment;
    QVector<float> secondMoment;
    qint64 step = 0;
    bool isEmpty() const { return firstMoment.isEmpty(); }
};

/// Everything needed to explore, evaluate or continue a run: one self-describing file.
struct Checkpoint
{
    TrainConfig config;          ///< includes the model spec, β schedule, dataset and seed
    QVector<EpochStats> history; ///< one entry per finished epoch
    QVector<float> weights;      ///< all parameters, flattened in the model's registration order
    OptimizerState optimizer;
    qint64 globalStep = 0;

    int epochsDone() const { return history.size(); }
    ModelSnapshot snapshot() const;
};

namespace CheckpointIo {

/// Writes atomically (QSaveFile): the previous file stays intact on any failure.
Status save(const Checkpoint &checkpoint, const QString &path);
/// Reads and validates everything: header, JSON, parameter names and shapes, sizes, checksum.
Result<Checkpoint> load(const QString &path);
/// Parses checkpoint bytes; `what` names the source in messages.
Result<Checkpoint> parse(const QByteArray &bytes, const QString &what);
QByteArray serialize(const Checkpoint &checkpoint);

} // namespace CheckpointIo

Q_DECLARE_METATYPE(Checkpoint)
