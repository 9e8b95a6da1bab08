#pragma once

// A tiny source model for the transfer and few-shot tests, trained briefly on the shared bar images.

#include "model/checkpoint.h"
#include "syntheticdata.h"
#include "transfer/vaefinetune.h"

namespace TinySource {

inline ModelSpec spec()
{
    ModelSpec spec;
    spec.hidden = 16;
    spec.latent = 4;
    return spec;
}

/// A source model trained briefly on `classes` of `data` (all if empty).
inline Checkpoint train(const DataSplit &data, const QVector<int> &classes, int epochs = 3)
{
    Checkpoint c;
    c.config.model = spec();
    c.config.dataset = SyntheticData::name(SyntheticData::Pattern::Bars);
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

} // namespace TinySource
