#pragma once

// Private to core: one epoch of VAE training, the loop the trainer and fine-tuning share.

#include "model/mlpstep_p.h"
#include "model/modelspec.h"

#include <torch/torch.h>

#include <functional>

class Adam;
class Batcher;
class VaeImpl;

namespace TrainingLoop {

/// One optimiser step, as the epoch reports it to its caller.
struct Step
{
    int index = 0;      ///< 0-based within the epoch
    int imagesDone = 0; ///< images of this epoch trained on, this step's included
    int batchImages = 0;
    double recon = 0; ///< the batch's mean −log p(x|z), nats
    double kl = 0;    ///< the batch's mean KL, nats
    double beta = 1;
};

/// What an epoch does besides the maths: β per step and the caller's checks around every step.
struct EpochPlan
{
    int batchSize = 128;                             ///< at most the image count
    int maxSteps = -1;                               ///< stop after this many steps (-1 = the whole epoch)
    std::function<double(int step)> beta;            ///< empty = β 1
    std::function<bool(int step)> beforeStep;        ///< returning false stops the epoch before the step
    std::function<bool(const Step &step)> afterStep; ///< returning false stops the epoch after the step
    /// The step's gradients of the batch (its indices into the data, and its images) at β: empty = the VAE's ELBO
    /// (elboGradients); the semi-supervised trainer supplies its own bound.
    std::function<StepLoss(const torch::Tensor &indices, const torch::Tensor &x, double beta)> gradients;
};

/// How an epoch ended and what it summed.
struct EpochResult
{
    enum class End { Completed, Stopped, NonFinite };
    End end = End::Completed;
    int steps = 0;       ///< optimiser steps taken
    double reconSum = 0; ///< Σ over the images trained on of −log p(x|z)
    double klSum = 0;    ///< Σ over the images trained on of the KL
    double badLoss = 0;  ///< End::NonFinite: the loss of step `steps` (0-based), which was not applied
};

/// One shuffled pass over `data`: the order is drawn from `generator`, then each batch's ELBO gradients (ε from
/// the same generator) and one Adam step. A non-finite loss ends the epoch before its step is applied.
EpochResult trainEpoch(VaeImpl &model, Adam &adam, const Batcher &data, Likelihood likelihood, at::Generator &generator,
                       const EpochPlan &plan);

/// Steps in one epoch of `images` images at `batchSize` (the last batch may be short).
inline int stepsPerEpoch(int images, int batchSize)
{
    return (images + batchSize - 1) / batchSize;
}

} // namespace TrainingLoop
