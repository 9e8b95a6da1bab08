#pragma once

#include "data/dataset.h"
#include "model/modelspec.h"
#include "util/result.h"

#include <QVector>

#include <functional>

/// Which side of a VAE an optimiser may change; the other side stays frozen.
enum class TrainablePart { All, Encoder, Decoder };

/// One fine-tuning (or from-scratch) run of a VAE on unlabelled images, at β = 1.
struct VaeFinetuneConfig
{
    ModelSpec spec;
    QVector<float> initialWeights; ///< empty = random initialisation from `seed` (the scratch baseline)
    TrainablePart trainable = TrainablePart::All;
    int epochs = 1;
    int maxSteps = 0; ///< stop after this many optimiser steps in total (0 = run all epochs)
    int batchSize = 128;
    double learningRate = 1e-3;
    quint64 seed = 1;
};

/// Called after every batch with the steps done and planned; returning false stops the run early.
using VaeStepCallback = std::function<bool(int stepsDone, int stepsTotal)>;
/// Called after every epoch with its 0-based index and the weights; returning false stops the run early.
using VaeEpochCallback = std::function<bool(int epoch, const QVector<float> &weights)>;

namespace VaeFinetune {

/// Trains with Adam on `data` and returns the final weights (also when a callback stopped it early).
/// Fails with a message on bad weights, empty data or a non-finite loss; a torch exception never escapes.
Result<QVector<float>> run(const VaeFinetuneConfig &config, const Dataset &data, const VaeStepCallback &onStep = {},
                           const VaeEpochCallback &onEpoch = {});

/// The weights of a freshly initialised model (seeded), e.g. for the "before" figure of the scratch strategy.
QVector<float> initialWeights(const ModelSpec &spec, quint64 seed);

} // namespace VaeFinetune
