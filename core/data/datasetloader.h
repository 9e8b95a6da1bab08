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

/// Deterministic stratified split: per class, every fifth image (index % 5 == 4) goes to test.
DataSplit stratifiedSplit(const Dataset &all);

} // namespace DatasetLoader
