#pragma once

// Private to core: the semi-supervised VAE's bounds (Kingma et al. 2014, M2), in nats per sample.
//
//   labelled (x, y):  L(x, y) = −log p(x|y,z) + KL(q(z|x,y) ‖ N(0, I)) + log C          (p(y) uniform over C)
//   unlabelled x:     U(x)    = Σ_y q(y|x)·L(x, y) − H(q(y|x))
//                             = Σ_y q(y|x)·[−log p(x|y,z) + KL_z] + KL(q(y|x) ‖ uniform)
// Training adds α·(N / N_labelled)·(−log q(y|x)) on the labelled images (each perturbed: perturbImages; a conv
// classifier instead learns (y, k) from the image also turned k quarter turns, k drawn per image) and, on the
// unlabelled ones, two terms that make the classifier smooth where the images are, both with q(y|x) held fixed:
// λ·KL(q(y|x) ‖ q(y|perturb(x))) (a random shift, rotation, zoom and shear) and virtual adversarial training (Miyato et
// al. 2018), KL(q(y|x) ‖ q(y|x + r)) with r the direction of length ε that changes q(y|x) most (one power step).
// Optionally a third, entropy minimisation (Grandvalet & Bengio 2005), γ·H(q(y|x)) on the unlabelled images: the
// bound's own KL(q(y|x) ‖ uniform) pulls q(y|x) towards uniform, this pulls it towards a decision. And class balance,
// KL(mean over the batch of q(y|x) ‖ uniform): decisions, but spread over every class (with the entropy term, the
// mutual information between image and class of Krause et al. 2010).

#include "model/vae_p.h"
#include "training/trainstats.h"

#include <torch/torch.h>

class Batcher;

/// The conditional bound of B images under K labels each: every term B×K.
struct ConditionalBound
{
    torch::Tensor recon;         ///< B×K: −log p(x|y,z), nats
    torch::Tensor klPerDim;      ///< B×K×latent: KL(q(z_d|x,y) ‖ N(0,1))
    torch::Tensor mu;            ///< B×K×latent
    torch::Tensor bound() const; ///< B×K: L(x, y) = recon + Σ KL + log C
    double logClasses = 0;
};

/// L(x, y) for every image of x (B×784) under every label row of y (B×K×C, one-hot or soft), with z drawn from
/// `generator`. The image's half of the encoder's first product is computed once for all K labels.
ConditionalBound conditionalBound(VaeImpl &model, const torch::Tensor &x, const torch::Tensor &y, Likelihood likelihood,
                                  at::Generator &generator);
/// The same with the image's half of the encoder's first product given (encoderImagePart of x's images).
ConditionalBound conditionalBound(VaeImpl &model, const torch::Tensor &imagePart, const torch::Tensor &x,
                                  const torch::Tensor &y, Likelihood likelihood, at::Generator &generator);
/// x·Wxᵀ + b of the encoder's first layer (B×H): the part of encoder_hidden([x, y]) that does not depend on y.
torch::Tensor encoderImagePart(VaeImpl &model, const torch::Tensor &x);

/// U(x) and its parts for B images: the marginal over every class weighted by q(y|x).
struct MarginalBound
{
    torch::Tensor bound;    ///< B: U(x)
    torch::Tensor recon;    ///< B: Σ_y q(y|x)·(−log p(x|y,z))
    torch::Tensor klPerDim; ///< B×latent: Σ_y q(y|x)·KL_d
    torch::Tensor klLabel;  ///< B: KL(q(y|x) ‖ uniform) = log C − H(q(y|x))
    torch::Tensor logits;   ///< B×C: the classifier's
};
MarginalBound marginalBound(VaeImpl &model, const torch::Tensor &x, Likelihood likelihood, at::Generator &generator);

/// marginalBound's terms estimated from a draw of classes instead of summed over all: the most likely class always,
/// class y otherwise with p = min(1, q(y|x)/τ), each weighed q/p. The most likely class's terms are a baseline,
/// base·(1 − Σ_drawn q/p), whose expectation is zero. The values and the gradients (the classifier's through q, the
/// VAE's through L(x, y)) are unbiased, and a confident classifier costs one or two classes instead of every class.
MarginalBound sampledMarginalBound(VaeImpl &model, const torch::Tensor &x, Likelihood likelihood, double threshold,
                                   at::Generator &generator);

/// Each image moved by up to `maxShift` pixels in x and y (drawn from `generator`), zero-filled. x: B×784.
torch::Tensor shiftImages(const torch::Tensor &x, int maxShift, at::Generator &generator);

/// The classifier's view of an image in the consistency term and the labelled batch: moved by up to `maxShift` whole
/// pixels and, with strength s > 0, rotated by up to ±35°·s, zoomed by up to ±20 %·s and sheared by up to 0.3·s, each
/// drawn per image from `generator` (bilinear, zero-filled). s = 0 is shiftImages. x: B×784 of 28×28 images.
torch::Tensor perturbImages(const torch::Tensor &x, int maxShift, double strength, at::Generator &generator);
inline constexpr double kMaxRotationDegrees = 35, kMaxZoom = 0.2, kMaxShear = 0.3;

/// Each image of x (B×784 or B×1×28×28, 28×28 images) turned counter-clockwise by turns[i] quarter turns (0–3).
torch::Tensor quarterTurns(const torch::Tensor &x, const torch::Tensor &turns);

/// What one semi-supervised step weighs.
struct SemiSupervisedWeights
{
    double labelledWeight = 1; ///< α·N_labelled, on the labelled batch's mean −log q(y|x)
    double consistency = 0;    ///< λ, on the unlabelled batch's mean KL(q(y|x) ‖ q(y|perturbed x))
    double adversarial = 0;    ///< ε of the virtual adversarial term (L2 length in pixel units; 0 = off)
    double entropy = 0;        ///< on the unlabelled batch's mean H(q(y|x)): entropy minimisation (0 = off)
    double balance = 0;        ///< on KL(the unlabelled batch's mean q(y|x) ‖ uniform): class balance (0 = off)
    int maxShift = 2;
    double perturbation = 0;  ///< strength of perturbImages' rotation, zoom and shear (0 = whole-pixel shifts only)
    double beta = 1;          ///< on the KL terms of both bounds
    double classSampling = 0; ///< τ of sampledMarginalBound on the unlabelled images (0: marginalBound, every class)
};

/// One step's gradients (cleared first) of mean L over the labelled batch + mean U over the unlabelled batch (either
/// may be undefined) + the classifier terms. Returns the batch means of the ELBO terms (the unlabelled batch's, else
/// the labelled one's: recon and KL including the label's) and the labelled batch's −log q(y|x).
struct SemiStepLoss
{
    double recon = 0, kl = 0; ///< nats per sample, β = 1
    double classLoss = 0;     ///< mean −log q(y|x) over the labelled batch (0 without one)
    double total = 0;         ///< the objective the gradients are of
};
SemiStepLoss semiSupervisedGradients(VaeImpl &model, const torch::Tensor &unlabelled, const torch::Tensor &labelled,
                                     const torch::Tensor &labels, Likelihood likelihood,
                                     const SemiSupervisedWeights &weights, at::Generator &generator);

/// Whole-dataset figures of the semi-supervised model: −U(x) terms per sample, KL per latent dim (q-weighted), active
/// units (of the soft-label μ) and, where the data has labels, the classifier's accuracy on the images whose label is
/// one of its classes (`labels` −1 elsewhere: another class is no mistake of it; no such image, NaN). With a label
/// graph's vote (N × classes log-probabilities, LabelGraph::vote) the reported prediction is the product
/// argmax(log vote + graphWeight·log q(y|x)); the classifier's and the vote's own accuracies are kept beside it.
ElboSummary evaluateSemiSupervised(VaeImpl &model, const Batcher &data, const QVector<int> &labels,
                                   Likelihood likelihood, at::Generator &generator, int batchSize = 500,
                                   const torch::Tensor &voteLog = {}, double graphWeight = 0);

/// The virtual adversarial term of B images (B×784) whose classifier logits are `logits`: KL(q(y|x) ‖ q(y|x + r)).
torch::Tensor virtualAdversarialLoss(VaeImpl &model, const torch::Tensor &x, const torch::Tensor &logits,
                                     double epsilon, at::Generator &generator);
