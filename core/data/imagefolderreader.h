#pragma once

#include "data/dataset.h"
#include "util/result.h"

namespace ImageFolder {

/// Largest number of images read from one folder tree.
constexpr int kMaxImages = 2'000'000;

/// Reads a folder with one subfolder per class (PNG/JPEG/BMP…), converting each image to 28×28 grayscale.
/// Subfolders sorted by name give labels 0, 1, …; their names become class names.
Result<Dataset> read(const QString &folder);
/// Writes a dataset as an image folder (one subfolder per label, PNG files).
Status write(const Dataset &dataset, const QString &folder);

} // namespace ImageFolder
