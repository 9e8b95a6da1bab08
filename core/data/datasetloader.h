#pragma once

#include "data/dataset.h"
#include "util/result.h"

#include <QString>
#include <QStringList>

namespace DatasetLoader {

/// Built-in dataset names: "mnist", "fashion-mnist".
QStringList builtinNames();

/// Where the built-in `name` lives on this machine (empty if unknown).
QString builtinDirectory(const QString &name);

/// Loads a built-in name, an IDX folder, a single IDX image file, or an image folder (one subfolder per class).
/// Without a separate test set, a deterministic stratified 20 % test split is taken. Image files of an image folder
/// that could not be read land in `skippedFiles` ("class/file (why)") for the caller to report.
Result<DataSplit> load(const QString &nameOrPath, QStringList *skippedFiles = nullptr);

/// Whether two names or paths load the same data: a folder or file by its real path (however the path is written),
/// a built-in dataset by its name.
bool sameSource(const QString &a, const QString &b);

/// Deterministic stratified split: per class, every fifth image (index % 5 == 4) goes to test.
DataSplit stratifiedSplit(const Dataset &all);

} // namespace DatasetLoader
