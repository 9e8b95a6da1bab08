#pragma once

// Tiny synthetic data and a tiny source model for the transfer and few-shot tests.

#include "model/checkpoint.h"
#include "data/dataset.h"
#include "transfer/vaefinetune.h"
#include "../common/noisybars.h"


namespace TransferData {

/// `perClass` images of each of ten noisy-bar classes (tests/common/noisybars.h).
inline Dataset stripes(int perClass, quint32 seed)
{
    return NoisyBars::generate(perClass * 10, seed, QStringLiteral("stripes"));
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
