#pragma once

#include "training/trainconfig.h"
#include "training/trainstats.h"

#include <QJsonArray>
#include <QJsonObject>

/// JSON forms of the value types, shared by checkpoints, the CLI's --json output and reports.
namespace JsonIo {

QJsonObject toJson(const ModelSpec &spec);
QJsonObject toJson(const TrainConfig &config);
/// Rows are true classes, columns predicted ones.
QJsonArray toJson(const ConfusionMatrix &matrix);
QJsonObject toJson(const ElboSummary &summary);
QJsonObject toJson(const EpochStats &stats);

/// Each parser fills `out` and returns an empty string, or names the first missing or invalid field.
QString fromJson(const QJsonObject &o, ModelSpec *out);
QString fromJson(const QJsonObject &o, TrainConfig *out);
QString fromJson(const QJsonArray &rows, ConfusionMatrix *out);
QString fromJson(const QJsonObject &o, ElboSummary *out);
QString fromJson(const QJsonObject &o, EpochStats *out);

} // namespace JsonIo
