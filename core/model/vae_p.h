#pragma once

// Private to core: the LibTorch modules. Nothing outside core includes this.

#include "model/layertable.h"
#include "model/mlpstep_p.h"
#include "model/modelspec.h"
#include "util/result.h"

#include <QString>
#include <QVector>

#include <torch/torch.h>

#include <memory>
#include <optional>
#include <utility>

/// A VAE built from its layer table (model/layertable.h): an encoder to (μ, log σ²) and a decoder to per-pixel
/// logits. One class for every architecture; the table decides the layers, their order and their names.
class VaeImpl final : public torch::nn::Module
{
public:
    explicit VaeImpl(const ModelSpec &spec);

    /// x: B×1×28×28 (or B×784) floats in [0, 1]. Returns μ and log σ², each B×latent. The semi-supervised model
    /// encodes under the classifier's probabilities q(y|x) as a soft label.
    std::pair<torch::Tensor, torch::Tensor> encode(const torch::Tensor &x);
    /// The semi-supervised model's q(z|x,y); y: B×classes, one-hot or probabilities.
    std::pair<torch::Tensor, torch::Tensor> encode(const torch::Tensor &x, const torch::Tensor &y);
    /// z: B×latent. Returns logits B×784 (Bernoulli) or pre-sigmoid means (Gaussian). The semi-supervised model
    /// decodes under the uniform label (every class weighted 1/C).
    torch::Tensor decode(const torch::Tensor &z);
    /// The semi-supervised model's p(x|y,z); y: B×classes.
    torch::Tensor decode(const torch::Tensor &z, const torch::Tensor &y);
    /// decode(μ(x)) as decode's output: the semi-supervised model encodes and decodes under the classifier's q(y|x)
    /// (the Reconstructions panel's images, during a run and after opening its checkpoint alike).
    torch::Tensor reconstruct(const torch::Tensor &x);
    /// The semi-supervised model's classifier: logits B×classes of q(y|x). x: B×784 or B×1×28×28.
    torch::Tensor classify(const torch::Tensor &x);
    /// The conv classifier's logits over (class, quarter turn) pairs, B×4C: class y turned k times is y + C·k
    /// (ModelSpec::classifierLearnsTurns). classify(x) is its first C columns.
    torch::Tensor classifyTurns(const torch::Tensor &x);
    /// The classifier's last hidden layer, after its ReLU (B×classifierHiddenWidth()): few-shot prototypes read it.
    torch::Tensor classifierHidden(const torch::Tensor &x);
    int classifierHiddenWidth() const; ///< 0 without a classifier
    /// The model's first Linear layer of `part` (the semi-supervised model's encoder_hidden reads [x, y] and its
    /// decoder_hidden [z, y]: model/semisupervised.cpp splits their weights to share the x and z products).
    torch::nn::Linear firstLinear(ModelPart part) const;
    /// The Linear layers of `part` after the first, for the semi-supervised loss (which runs them itself).
    torch::Tensor runAfterFirst(ModelPart part, torch::Tensor h);
    const ModelSpec &spec() const { return m_spec; }
    /// The encoder's and the decoder's parameters, for freezing one side.
    std::vector<torch::Tensor> encoderParameters() const { return partParameters(ModelPart::Encoder); }
    std::vector<torch::Tensor> decoderParameters() const { return partParameters(ModelPart::Decoder); }
    /// A training step with hand-derived gradients (mlpstep_p.h) when the table is the four-layer MLP and the
    /// hand-derived step is on (FastPaths); otherwise nullopt, and the caller runs elboTerms and autograd.
    std::optional<StepLoss> fusedTrainingStep(const torch::Tensor &x, Likelihood likelihood, double beta,
                                              at::Generator &generator);

private:
    struct Layer
    {
        LayerSpec spec;
        torch::nn::Linear linear{nullptr};
        torch::nn::Conv2d conv{nullptr};
        torch::nn::ConvTranspose2d deconv{nullptr};
    };
    torch::Tensor forwardLayer(Layer &layer, const torch::Tensor &in);
    torch::Tensor runPart(ModelPart part, torch::Tensor h, int skip = 0);
    torch::Tensor classifierInput(const torch::Tensor &x) const; ///< x in the shape the classifier's first layer reads
    std::vector<torch::Tensor> partParameters(ModelPart part) const;

    ModelSpec m_spec;
    std::vector<Layer> m_layers;
    std::optional<MlpLayers> m_mlp; ///< the same four Linear modules, when the table has the MLP's shape
};

/// Builds the architecture `spec` describes, initialised from `seed` (deterministically, whatever thread).
std::shared_ptr<VaeImpl> makeVae(const ModelSpec &spec, quint64 seed);

/// Parameters flattened in registration order (a copy).
QVector<float> flattenParameters(VaeImpl &model);
/// Copies `weights` into the parameters; fails if the count differs or a value is not finite.
Status loadParameters(VaeImpl &model, const QVector<float> &weights);

/// Flattens tensors (in order) into one float vector, and back.
QVector<float> flattenTensors(const std::vector<torch::Tensor> &tensors);
void unflattenInto(const QVector<float> &flat, std::vector<torch::Tensor> &tensors);

/// Guards the global torch RNG while a module is seeded and initialised.
std::mutex &torchInitMutex();
