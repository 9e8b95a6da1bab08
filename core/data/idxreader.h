#pragma once

#include "data/dataset.h"
#include "util/result.h"

#include <QByteArray>
#include <QString>
#include <QVector>

namespace Idx {

/// Largest number of elements a header may claim (≈ 1 GiB of uint8).
constexpr qint64 kMaxElements = qint64(1) << 30;

/// Parsed IDX content: uint8 data with its dimensions.
struct Array
{
    QVector<int> dims;
    QByteArray data;
};

/// Parses IDX bytes (already decompressed). `what` names the source in messages.
Result<Array> parse(const QByteArray &bytes, const QString &what);
/// Reads a raw or gzip-compressed (.gz) IDX file; checks the header against the file before allocating.
Result<Array> readFile(const QString &path);
/// Reads an image file (N×rows×cols) and, when `labelsPath` is not empty, its labels (N).
Result<Dataset> readImages(const QString &imagesPath, const QString &labelsPath);
/// Encodes uint8 data as IDX bytes (uncompressed).
QByteArray encode(const Array &array);
/// Writes images (and labels beside them when present) as IDX files.
Status writeDataset(const Dataset &dataset, const QString &imagesPath, const QString &labelsPath);

} // namespace Idx
