#pragma once

// A tiny source model for the transfer and few-shot tests, trained briefly on the shared bar images.

#include "model/checkpoint.h"
#include "syntheticdata.h"
#include "transfer/transferrunner.h"
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

/// A transfer run of `strategy` small enough for a unit test: 3 labels per class, 2 epochs, short classifiers.
inline TransferConfig transferConfig(TransferStrategy strategy = TransferStrategy::FinetuneAll)
{
    TransferConfig c;
    c.strategies = {strategy};
    c.labelsPerClass = 3;
    c.epochs = 2;
    c.batchSize = 32;
    c.learningRate = 3e-3;
    c.monitorImages = 20;
    c.classifier.probeSteps = 50;
    c.classifier.finetuneSteps = 20;
    return c;
}

} // namespace TinySource
