#pragma once

#include "data/dataset.h"
#include "training/trainconfig.h"
#include "util/result.h"

#include <QString>

/// How every subcommand loads a dataset.
namespace CliData {

/// DatasetLoader::load, and one warning on stderr naming the image files it skipped and why (the first five), so
/// that a corrupt or unreadable file never drops out of a run unsaid.
Result<DataSplit> load(const QString &nameOrPath);

/// The split a run's figures (its history's "test" summaries) come from, as the CLI names it in its lines and JSON
/// keys: "validation" for a run that held training images out (TrainConfig::validation), else "test".
inline QString evaluationSplit(const TrainConfig &config)
{
    return config.validation > 0 ? QStringLiteral("validation") : QStringLiteral("test");
}

} // namespace CliData
