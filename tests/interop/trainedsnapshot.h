#pragma once

// A tiny model trained for one epoch on synthetic bars: what the interop tests export, scan and compare.

#include "model/checkpoint.h"
#include "tinyconfig.h"
#include "training/trainer.h"
#include "training/trainingcontroller.h"

inline ModelSnapshot trainedSnapshot(const ModelSpec &spec)
{
    TrainConfig config = tinyConfig(SyntheticData::Pattern::Bars, 1, spec.hidden, spec.latent);
    config.model = spec;
    config.classifierInput = spec.classifierInput; // the spec as given, not the automatic choice
    Trainer trainer(config, SyntheticData::split(SyntheticData::Pattern::Bars, 96, 20, 3), std::nullopt);
    return trainer.runBlocking().checkpoint.snapshot();
}
