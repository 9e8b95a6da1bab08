#pragma once

// The tiny training run every test starts from.

#include "syntheticdata.h"
#include "training/trainconfig.h"

/// A small MLP run over images of `data`, on one LibTorch thread: the numbers repeat, and the run stays polite on a
/// shared machine. Each pattern keeps the sizes, batch and seed its tests were tuned with; changing them would move
/// every number those tests compare against.
inline TrainConfig tinyConfig(SyntheticData::Pattern data, int epochs)
{
    TrainConfig c;
    c.model.architecture = Architecture::Mlp;
    c.dataset = SyntheticData::name(data);
    c.epochs = epochs;
    c.learningRate = 3e-3;
    c.threads = 1;
    c.reconstructionCount = 4;
    switch (data) {
    case SyntheticData::Pattern::Bars:
        c.model.hidden = 16;
        c.model.latent = 3;
        c.batchSize = 32;
        c.seed = 5;
        break;
    case SyntheticData::Pattern::DottedBars:
        c.model.hidden = 32;
        c.model.latent = 2;
        c.batchSize = 32;
        c.seed = 11;
        break;
    case SyntheticData::Pattern::Blobs:
        c.model.hidden = 16;
        c.model.latent = 3;
        c.batchSize = 16;
        c.seed = 7;
        break;
    }
    return c;
}

/// The same run with another model size.
inline TrainConfig tinyConfig(SyntheticData::Pattern data, int epochs, int hidden, int latent)
{
    TrainConfig c = tinyConfig(data, epochs);
    c.model.hidden = hidden;
    c.model.latent = latent;
    return c;
}

/// The semi-supervised run of the tiny tests: Blobs (four well-separated classes), K labels per class.
inline TrainConfig semiConfig(int labelsPerClass, int epochs)
{
    TrainConfig c = tinyConfig(SyntheticData::Pattern::Blobs, epochs);
    c.model.classes = SyntheticData::classCount(SyntheticData::Pattern::Blobs);
    c.labelsPerClass = labelsPerClass;
    c.batchSize = 32;
    return c;
}

/// A tiny semi-supervised model over `classes` classes (MLP 784-8-2), for the tests of its maths.
inline ModelSpec tinySemiSpec(int classes = 3)
{
    ModelSpec spec;
    spec.hidden = 8;
    spec.latent = 2;
    spec.classes = classes;
    return spec;
}
