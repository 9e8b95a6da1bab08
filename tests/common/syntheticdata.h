#pragma once

// The synthetic labelled images every test uses: small, learnable, and the same bytes for the same seed.

#include "data/dataset.h"

#include <QRandomGenerator>
#include <QString>

namespace SyntheticData {

/// The image families. Each test keeps the family, count and seed its assertions were written against.
enum class Pattern {
    /// Ten classes: 0–4 a bright horizontal bar at a class-dependent height, 5–9 a vertical bar at a
    /// class-dependent column, over dark noise (the fault, interop and transfer tests).
    Bars,
    /// Bars plus a bright dot in a corner chosen by the label's parity (the core and CLI tests).
    DottedBars,
    /// Four classes: a bright disc in the corner named by the label, jittered by up to 2 pixels, over dark noise,
    /// so even a tiny model learns a latent structure worth plotting (the widget tests).
    Blobs,
};

constexpr int kSide = 28;

constexpr int classCount(Pattern pattern)
{
    return pattern == Pattern::Blobs ? 4 : 10;
}

inline QString name(Pattern pattern)
{
    switch (pattern) {
    case Pattern::Bars:
        return QStringLiteral("bars");
    case Pattern::DottedBars:
        return QStringLiteral("dotted-bars");
    case Pattern::Blobs:
        break;
    }
    return QStringLiteral("blobs");
}

namespace Detail {

inline void drawBars(uchar *image, int label, bool dotted, QRandomGenerator &rng)
{
    const int band = 3 + 5 * (label % 5); // rows or columns band..band+3
    const int dotX = label % 2 ? 22 : 5, dotY = label % 2 ? 5 : 22;
    for (int y = 0; y < kSide; ++y) {
        for (int x = 0; x < kSide; ++x) {
            const int along = label < 5 ? y : x;
            const bool inBar = along >= band && along < band + 4;
            // The dotted images draw noise under the bar too: the random stream, and so every image, stays the one
            // the core tests' thresholds were set on.
            const int noise = dotted || !inBar ? int(rng.bounded(30)) : 0;
            int value = inBar ? 200 + int(rng.bounded(56)) : noise;
            if (dotted && (x - dotX) * (x - dotX) + (y - dotY) * (y - dotY) <= 6)
                value = 255;
            image[y * kSide + x] = uchar(value);
        }
    }
}

inline void drawBlob(uchar *image, int label, QRandomGenerator &rng)
{
    const int cx = (label % 2 ? 19 : 8) + rng.bounded(-2, 3);
    const int cy = (label / 2 ? 19 : 8) + rng.bounded(-2, 3);
    for (int y = 0; y < kSide; ++y) {
        for (int x = 0; x < kSide; ++x) {
            const int d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
            image[y * kSide + x] = uchar(d2 < 25 ? 230 : int(rng.bounded(30)));
        }
    }
}

} // namespace Detail

/// `count` 28×28 images of `pattern`, labels interleaved 0,1,…,classCount−1,0,1,…
inline Dataset generate(Pattern pattern, int count, quint32 seed)
{
    Dataset ds;
    ds.name = name(pattern);
    ds.pixels = QByteArray(qsizetype(count) * kSide * kSide, '\0');
    QRandomGenerator rng(seed);
    for (int i = 0; i < count; ++i) {
        const int label = i % classCount(pattern);
        auto *image = reinterpret_cast<uchar *>(ds.pixels.data()) + qsizetype(i) * kSide * kSide;
        if (pattern == Pattern::Blobs)
            Detail::drawBlob(image, label, rng);
        else
            Detail::drawBars(image, label, pattern == Pattern::DottedBars, rng);
        ds.labels.append(label);
    }
    return ds;
}

/// A train/test split; the test images come from `seed + 1000`, so the two sets share no image.
inline DataSplit split(Pattern pattern, int trainCount, int testCount, quint32 seed)
{
    return DataSplit{generate(pattern, trainCount, seed), generate(pattern, testCount, seed + 1000)};
}

} // namespace SyntheticData
