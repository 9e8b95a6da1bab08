#pragma once

// Private to core: one MLP VAE training step with hand-derived gradients (see mlpstep.cpp).

#include "model/modelspec.h"

#include <torch/torch.h>

/// Batch means of the two ELBO terms, nats per sample.
struct StepLoss
{
    double recon = 0;
    double kl = 0;
};

/// The MLP VAE's four Linear modules in their roles, taken from the layer table's modules (VaeImpl checks the table
/// has this shape: 784→H ReLU, H→2L (μ, log σ²), L→H ReLU, H→784; see model/layertable.cpp).
struct MlpLayers
{
    torch::nn::Linear encoderHidden, encoderOut, decoderHidden, decoderOut;
};

/// Forward and backward of mean(recon) + β·mean(Σ KL) for batch x (B×784 or B×1×28×28), with ε drawn from
/// `generator` exactly as elboTerms draws it. Sets grad() of every parameter that requires a gradient (others are
/// left undefined) and returns the batch means. Same mathematics as elboTerms + autograd; tst_fastpaths compares.
StepLoss mlpTrainingStep(const MlpLayers &layers, const torch::Tensor &x, Likelihood likelihood, double beta,
                         at::Generator &generator);
