#pragma once

#include "data/dataset.h"
#include "util/result.h"

#include <QString>

/// How every subcommand loads a dataset.
namespace CliData {

/// DatasetLoader::load, and one warning on stderr naming the image files it skipped and why (the first five), so
/// that a corrupt or unreadable file never drops out of a run unsaid.
Result<DataSplit> load(const QString &nameOrPath);

} // namespace CliData
