#pragma once

// Private to core: the LibTorch modules. Nothing outside core includes this.

#include "model/mlpstep_p.h"
#include "model/modelspec.h"
#include "util/result.h"

#include <QString>
#include <QVector>

#include <torch/torch.h>

#include <memory>
#include <optional>
#include <utility>

/// A VAE: an encoder to (μ, log σ²) and a decoder to per-pixel logits.
struct VaeImpl : torch::nn::Module
{
    /// x: B×1×28×28 floats in [0, 1]. Returns μ and log σ², each B×latent.
    virtual std::pair<torch::Tensor, torch::Tensor> encode(const torch::Tensor &x) = 0;
    /// z: B×latent. Returns logits B×784 (Bernoulli) or pre-sigmoid means (Gaussian).
    virtual torch::Tensor decode(const torch::Tensor &z) = 0;
    /// The encoder's and the decoder's parameters, for freezing one side.
    virtual std::vector<torch::Tensor> encoderParameters() = 0;
    virtual std::vector<torch::Tensor> decoderParameters() = 0;
    /// A training step with hand-derived gradients (mlpstep.h), for architectures that have one and while
    /// FastPaths are on; otherwise nullopt, and the caller runs elboTerms and autograd.
    virtual std::optional<StepLoss> fusedTrainingStep(const torch::Tensor &, Likelihood, double, at::Generator &)
    {
        return std::nullopt;
    }
};

/// Builds the architecture `spec` describes, initialised from `seed` (deterministically, whatever thread).
std::shared_ptr<VaeImpl> makeVae(const ModelSpec &spec, quint64 seed);

/// Number of floats in all parameters of `spec`'s architecture.
qint64 parameterCount(const ModelSpec &spec);

/// Parameters flattened in registration order (a copy).
QVector<float> flattenParameters(VaeImpl &model);
/// Copies `weights` into the parameters; fails if the count differs or a value is not finite.
Status loadParameters(VaeImpl &model, const QVector<float> &weights);

/// Parameter names and shapes in registration order, for the self-describing checkpoint.
QVector<std::pair<QString, QVector<qint64>>> parameterLayout(VaeImpl &model);

/// Flattens tensors (in order) into one float vector, and back.
QVector<float> flattenTensors(const std::vector<torch::Tensor> &tensors);
void unflattenInto(const QVector<float> &flat, std::vector<torch::Tensor> &tensors);

/// Guards the global torch RNG while a module is seeded and initialised.
std::mutex &torchInitMutex();
