#pragma once

#include "model/modelspec.h"

#include <QString>
#include <QVector>

/// What a layer computes. Each kind has a weight and a bias, as PyTorch's nn.Linear, nn.Conv2d and
/// nn.ConvTranspose2d lay them out.
enum class LayerKind { Linear, Conv, ConvTranspose };

/// Which network of the model a layer belongs to: transfer strategies freeze the encoder or the decoder; only the
/// semi-supervised model has a classifier q(y|x).
enum class ModelPart { Encoder, Decoder, Classifier };

/// One named layer of an architecture. The table of these is the model's single definition: the torch modules
/// (core/model/vae.cpp), the parameter count, the checkpoint layout and the PyTorch state-dict names all follow
/// from it, in its order.
struct LayerSpec
{
    QString name; ///< the module's name, the prefix of its state-dict keys ("encoder_hidden")
    ModelPart part = ModelPart::Encoder;
    LayerKind kind = LayerKind::Linear;
    int in = 0;     ///< input features, or input channels
    int out = 0;    ///< output features, or output channels
    int kernel = 0; ///< square kernel size (convolutions only)
    int stride = 1;
    int padding = 0;
    bool relu = false;      ///< ReLU after the layer
    QVector<int> reshapeTo; ///< the output's per-sample shape after the activation ({} = unchanged; {n} flattens)

    /// The weight's shape as PyTorch stores it (Linear out×in, Conv out×in×k×k, ConvTranspose in×out×k×k).
    QVector<qint64> weightShape() const;
    qint64 parameterCount() const { return shapeSize(weightShape()) + out; }
    static qint64 shapeSize(const QVector<qint64> &shape);
};

/// One tensor of a model, in the order the parameters are flattened, saved and exported.
struct ParameterShape
{
    QString name; ///< "encoder_hidden.weight"
    QVector<qint64> shape;
};

namespace LayerTable {

/// The layers of `spec`'s architecture, encoder first, in registration order. The encoder ends in 2×latent outputs
/// (μ, then log σ²); the decoder ends in 784 outputs (per-pixel logits or pre-sigmoid means). The semi-supervised
/// model's encoder reads the image and then a one-hot label (784 + C inputs), its decoder z and then the label
/// (latent + C), and its classifier (last) ends in C logits: an MLP, or with Architecture::Conv two convolutions
/// (the conv VAE's encoder layout) while the encoder and the decoder stay MLPs.
QVector<LayerSpec> layers(const ModelSpec &spec);
/// The per-sample shape the encoder's first layer reads: {784} for an MLP, {1, 28, 28} for the conv VAE.
QVector<int> inputShape(const ModelSpec &spec);
/// Every parameter's name and shape, weight before bias, layer by layer.
QVector<ParameterShape> parameters(const ModelSpec &spec);
/// Number of floats in all parameters.
qint64 parameterCount(const ModelSpec &spec);

} // namespace LayerTable
