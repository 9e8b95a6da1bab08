#pragma once

// Synthetic labelled images shared by the fault and transfer tests: ten classes of noisy bars.

#include "data/dataset.h"

#include <QRandomGenerator>

namespace NoisyBars {

/// `count` 28×28 images, labels 0,1,…,9,0,…: classes 0–4 a bright horizontal bar at a class-dependent height,
/// 5–9 a vertical bar at a class-dependent column, over dark noise.
inline Dataset generate(int count, quint32 seed, const QString &name)
{
    Dataset ds;
    ds.name = name;
    ds.pixels.resize(qsizetype(count) * 28 * 28);
    QRandomGenerator rng(seed);
    for (int i = 0; i < count; ++i) {
        const int label = i % 10;
        auto *image = reinterpret_cast<uchar *>(ds.pixels.data()) + qsizetype(i) * 28 * 28;
        const int band = 3 + 5 * (label % 5);
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x) {
                const int along = label < 5 ? y : x;
                image[y * 28 + x] = uchar(along >= band && along < band + 4 ? 200 + rng.bounded(56) : rng.bounded(30));
            }
        ds.labels.append(label);
    }
    return ds;
}

} // namespace NoisyBars
