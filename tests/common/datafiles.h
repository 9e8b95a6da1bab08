#pragma once

// Writes test data the way users' files are: raw, gzip-compressed, or as an IDX image/label pair.

#include "data/dataset.h"
#include "data/idxreader.h"

#include <QDir>
#include <QFile>
#include <QString>

#include <zlib.h>

namespace DataFiles {

inline bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

/// Writes `bytes` gzip-compressed, as the distributed MNIST files are.
inline bool writeGzip(const QString &path, const QByteArray &bytes)
{
    gzFile f = gzopen(QFile::encodeName(path).constData(), "wb");
    if (!f)
        return false;
    const int written = bytes.isEmpty() ? 0 : gzwrite(f, bytes.constData(), unsigned(bytes.size()));
    return gzclose(f) == Z_OK && written == bytes.size();
}

/// IDX bytes of the dataset's labels (1-D).
inline QByteArray labelBytes(const Dataset &ds)
{
    QByteArray labels;
    for (int l : ds.labels)
        labels.append(char(l));
    return Idx::encode(Idx::Array{{int(ds.labels.size())}, labels});
}

/// IDX bytes of the dataset's images (N×28×28).
inline QByteArray imageBytes(const Dataset &ds)
{
    return Idx::encode(Idx::Array{{ds.count(), ds.rows, ds.cols}, ds.pixels});
}

/// Writes `<dir>/<prefix>-images-idx3-ubyte[.gz]` and its labels beside it.
inline bool writeIdxPair(const Dataset &ds, const QString &dir, const QString &prefix, bool gzip = false)
{
    const QString images = QDir(dir).filePath(prefix + QStringLiteral("-images-idx3-ubyte"));
    const QString labels = QDir(dir).filePath(prefix + QStringLiteral("-labels-idx1-ubyte"));
    if (gzip)
        return writeGzip(images + QStringLiteral(".gz"), imageBytes(ds))
            && writeGzip(labels + QStringLiteral(".gz"), labelBytes(ds));
    return Idx::writeDataset(ds, images, labels).ok();
}

} // namespace DataFiles
