#pragma once

// Private to core: the ELBO in nats, per sample.

#include "model/likelihood_p.h"
#include "model/vae_p.h"
#include "training/trainstats.h"

#include <torch/torch.h>

class Batcher;

/// One forward pass: reconstruction NLL summed over pixels and KL per latent dimension, per sample.
struct ElboTerms
{
    torch::Tensor recon;    ///< B: −log p(x|z), nats
    torch::Tensor klPerDim; ///< B×latent: KL(q(z_d|x) ‖ N(0,1)), nats
    torch::Tensor mu, logvar, logits;
};

/// Analytic KL(N(μ, σ²) ‖ N(0, 1)) per element.
torch::Tensor gaussianKl(const torch::Tensor &mu, const torch::Tensor &logvar);

/// Encodes, samples z = μ + σ·ε with ε from `generator`, decodes.
ElboTerms elboTerms(VaeImpl &model, const torch::Tensor &x, Likelihood likelihood, at::Generator &generator);

/// One step's gradients of mean(recon) + β·mean(Σ KL) for every parameter that requires one, and the two terms' batch
/// means: the model's hand-derived step where it has one (it overwrites the gradients), else elboTerms and autograd
/// (gradients cleared first). The same mathematics either way (tst_fastpaths). The semi-supervised model's is its
/// bound marginalised over y (model/semisupervised_p.h), so fine-tuning it on images without labels is right too.
StepLoss elboGradients(VaeImpl &model, const torch::Tensor &x, Likelihood likelihood, double beta,
                       at::Generator &generator);

/// Whole-dataset figures: −ELBO with sampled z, per-dim KL, active units, optional IW bound with K samples. The
/// semi-supervised model reports its marginal bound (evaluateSemiSupervised, without labels; no IW bound).
ElboSummary evaluateElbo(VaeImpl &model, const Batcher &data, Likelihood likelihood, int iwSamples,
                         at::Generator &generator, int batchSize = 500);

/// Active units: dims whose encoder mean varies across the data by more than this (Burda et al.).
constexpr double kActiveUnitThreshold = 0.01;

/// Per-dimension sums over a dataset's batches (KL, μ, μ²), in double: the summary's KL per dim and active units.
class LatentTally
{
public:
    /// One batch: KL per dim and μ, each B×latent.
    void add(const torch::Tensor &klPerDim, const torch::Tensor &mu);
    /// Fills `s.klPerDim` and `s.activeUnits` from `n` images; returns the mean total KL per image.
    double finish(int n, ElboSummary &s) const;

private:
    torch::Tensor m_kl, m_mu, m_muSquared;
};
