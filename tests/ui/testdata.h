#pragma once

#include "data/dataset.h"
#include "training/trainconfig.h"

#include <QRandomGenerator>

namespace TestData {

/// `count` 28×28 images in four classes: a bright blob whose corner depends on the label, plus noise,
/// so even a tiny model learns a latent structure worth plotting.
inline Dataset blobs(int count, quint32 seed)
{
    QRandomGenerator rng(seed);
    Dataset data;
    data.name = QStringLiteral("blobs");
    data.pixels = QByteArray(count * 28 * 28, '\0');
    for (int i = 0; i < count; ++i) {
        const int label = i % 4;
        data.labels.append(label);
        const int cx = (label % 2 ? 19 : 8) + rng.bounded(-2, 3);
        const int cy = (label / 2 ? 19 : 8) + rng.bounded(-2, 3);
        uchar *image = reinterpret_cast<uchar *>(data.pixels.data()) + i * 28 * 28;
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x) {
                const int d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                const int value = d2 < 25 ? 230 : int(rng.bounded(30));
                image[y * 28 + x] = uchar(value);
            }
    }
    return data;
}

inline DataSplit tinySplit()
{
    return DataSplit{blobs(64, 1), blobs(32, 2)};
}

/// A model small enough that an epoch over 64 images takes milliseconds.
inline TrainConfig tinyConfig(int epochs, int latent = 3)
{
    TrainConfig config;
    config.dataset = QStringLiteral("blobs");
    config.model.architecture = Architecture::Mlp;
    config.model.hidden = 16;
    config.model.latent = latent;
    config.epochs = epochs;
    config.batchSize = 16;
    config.learningRate = 3e-3;
    config.seed = 7;
    config.threads = 1;
    config.reconstructionCount = 4;
    return config;
}

} // namespace TestData
