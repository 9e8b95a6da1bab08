#pragma once

#include "data/dataset.h"
#include "util/result.h"

#include <QStringList>

namespace ImageFolder {

/// Largest number of images read from one folder tree.
constexpr int kMaxImages = 2'000'000;

/// Reads a folder with one subfolder per class (every format QImageReader reads), converting each image to 28×28
/// grayscale: transparency over white, a light background inverted, padded to square (not stretched).
/// Subfolders sorted by name give labels 0, 1, …; their names become class names. Image files that could not be
/// read land in `skippedFiles` as "class/file (why)".
Result<Dataset> read(const QString &folder, QStringList *skippedFiles = nullptr);
/// Writes a dataset as an image folder (one subfolder per label, PNG files).
Status write(const Dataset &dataset, const QString &folder);

} // namespace ImageFolder
