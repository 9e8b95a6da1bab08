#pragma once

// Tiny synthetic data and a tiny source model for the transfer and few-shot tests.

#include "checkpoint.h"
#include "dataset.h"
#include "vaefinetune.h"

#include <QRandomGenerator>

namespace TransferData {

/// Ten classes of noisy stripes: 0–4 horizontal bars at different heights, 5–9 vertical bars at different columns.
inline Dataset stripes(int perClass, quint32 seed)
{
    Dataset ds;
    ds.name = QStringLiteral("stripes");
    const int n = perClass * 10;
    ds.pixels.resize(qsizetype(n) * 28 * 28);
    QRandomGenerator rng(seed);
    for (int i = 0; i < n; ++i) {
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

inline DataSplit stripesSplit(int trainPerClass, int testPerClass)
{
    return DataSplit{stripes(trainPerClass, 7), stripes(testPerClass, 1007)};
}

inline ModelSpec tinySpec()
{
    ModelSpec spec;
    spec.hidden = 16;
    spec.latent = 4;
    return spec;
}

/// A source model trained briefly on `classes` of `data` (all if empty).
inline Checkpoint tinySource(const DataSplit &data, const QVector<int> &classes, int epochs = 3)
{
    Checkpoint c;
    c.config.model = tinySpec();
    c.config.dataset = QStringLiteral("stripes");
    c.config.classes = classes;
    VaeFinetuneConfig vc;
    vc.spec = c.config.model;
    vc.epochs = epochs;
    vc.batchSize = 32;
    vc.learningRate = 3e-3;
    auto trained = VaeFinetune::run(vc, data.train.subset(classes));
    if (trained)
        c.weights = trained.value();
    return c;
}

} // namespace TransferData
