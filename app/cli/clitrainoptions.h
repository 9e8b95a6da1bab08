#pragma once

#include <QString>
#include <QVector>

#include <optional>

class CliOptions;
struct Checkpoint;
struct DataSplit;
struct TrainConfig;

/// `train`'s options: declaring them, reading them into a TrainConfig, and checking them against the data once it
/// is loaded. The int functions return -1 to go on, or the exit code (after printing the message).
namespace CliTrainOptions {

/// Declares every `train` option on `o`.
void add(CliOptions &o);

/// The run's settings: from --resume's checkpoint (loaded into `resume`) when given, then the options over them.
int read(CliOptions &o, TrainConfig *config, std::optional<Checkpoint> *resume);

/// --classes against the labels the dataset holds: an unknown label is an error, not an empty or full run.
int checkClasses(CliOptions &o, const QVector<int> &classes, const DataSplit &data);

/// The semi-supervised run against its data: the class count, and a labelled draw that works (labels present,
/// every class holding K images); `labelled` gets the labelled image count. A plain VAE passes unchanged.
int prepareSemiSupervised(CliOptions &o, TrainConfig *config, const DataSplit &runData, int *labelled);

/// `<dataset>-<model>-z<latent>.ckpt` in the current folder: "shapes28/" (as tab completion writes it) names
/// shapes28-mlp-z32.ckpt here, not a file inside the dataset.
QString defaultCheckpointName(const TrainConfig &config);

} // namespace CliTrainOptions
