#pragma once

// Synthetic data shared by the core tests: small, labelled, learnable, and written the way users' files are.

#include "data/dataset.h"
#include "data/idxreader.h"
#include "training/trainconfig.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QString>

#include <zlib.h>

namespace TestData {

constexpr int kClasses = 10;

/// Draws class `label`'s pattern into a 28×28 image: classes 0–4 are horizontal bars at different heights,
/// 5–9 vertical bars at different columns; a blob in a corner that depends on the class's parity.
inline void drawPattern(uchar *image, int label, QRandomGenerator &rng)
{
    const bool horizontal = label < 5;
    const int band = 3 + 5 * (label % 5); // rows/columns band..band+3
    for (int y = 0; y < 28; ++y) {
        for (int x = 0; x < 28; ++x) {
            const int along = horizontal ? y : x;
            int value = int(rng.bounded(30)); // dark background noise
            if (along >= band && along < band + 4)
                value = 200 + int(rng.bounded(56));
            const int cx = label % 2 ? 22 : 5, cy = label % 2 ? 5 : 22;
            if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= 6)
                value = 255;
            image[y * 28 + x] = uchar(value);
        }
    }
}

/// `perClass` noisy images of each of the 10 classes, labels interleaved 0,1,…,9,0,1,…
inline Dataset synthetic(int perClass, quint32 seed = 7)
{
    Dataset ds;
    ds.name = QStringLiteral("synthetic");
    const int n = perClass * kClasses;
    ds.pixels.resize(qsizetype(n) * 28 * 28);
    QRandomGenerator rng(seed);
    for (int i = 0; i < n; ++i) {
        const int label = i % kClasses;
        drawPattern(reinterpret_cast<uchar *>(ds.pixels.data()) + qsizetype(i) * 28 * 28, label, rng);
        ds.labels.append(label);
    }
    return ds;
}

/// A train/test split of the synthetic set (test images drawn from another seed).
inline DataSplit syntheticSplit(int trainPerClass, int testPerClass, quint32 seed = 7)
{
    DataSplit split{synthetic(trainPerClass, seed), synthetic(testPerClass, seed + 1000)};
    return split;
}

/// A small, fast configuration for training tests.
inline TrainConfig tinyConfig(int epochs = 2)
{
    TrainConfig c;
    c.model.architecture = Architecture::Mlp;
    c.model.hidden = 32;
    c.model.latent = 2;
    c.dataset = QStringLiteral("synthetic");
    c.epochs = epochs;
    c.batchSize = 32;
    c.learningRate = 3e-3;
    c.seed = 11;
    c.threads = 1; // the machine is shared; one thread also keeps the numbers reproducible
    c.reconstructionCount = 4;
    return c;
}

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
        return writeGzip(images + QStringLiteral(".gz"), imageBytes(ds)) && writeGzip(labels + QStringLiteral(".gz"), labelBytes(ds));
    return Idx::writeDataset(ds, images, labels).ok();
}

} // namespace TestData
