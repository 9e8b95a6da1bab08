#include "model/layertable.h"

namespace {

constexpr int kPixels = 28 * 28;

LayerSpec linear(const char *name, ModelPart part, int in, int out, bool relu, QVector<int> reshapeTo = {})
{
    LayerSpec l;
    l.name = QString::fromLatin1(name);
    l.part = part;
    l.kind = LayerKind::Linear;
    l.in = in;
    l.out = out;
    l.relu = relu;
    l.reshapeTo = std::move(reshapeTo);
    return l;
}

/// A 4×4 convolution (or transposed convolution) with stride 2 and padding 1: it halves (doubles) height and width.
LayerSpec halving(const char *name, ModelPart part, LayerKind kind, int in, int out, bool relu,
                  QVector<int> reshapeTo = {})
{
    LayerSpec l = linear(name, part, in, out, relu, std::move(reshapeTo));
    l.kind = kind;
    l.kernel = 4;
    l.stride = 2;
    l.padding = 1;
    return l;
}

constexpr int kConvFlat = 64 * 7 * 7; ///< the conv stem's feature maps, flattened
constexpr int kConvHidden = 256;      ///< the conv stem's fully connected width

/// The conv VAE's image stem, 1×28×28 → 32×14×14 → 64×7×7 → 256, a ReLU after each: its encoder's first three layers,
/// and the semi-supervised conv classifier's.
QVector<LayerSpec> convStem(ModelPart part, const char *conv1, const char *conv2, const char *hidden)
{
    return {
        halving(conv1, part, LayerKind::Conv, 1, 32, /*relu=*/true),
        halving(conv2, part, LayerKind::Conv, 32, 64, /*relu=*/true, {kConvFlat}),
        linear(hidden, part, kConvFlat, kConvHidden, /*relu=*/true),
    };
}

/// 784 → H → 2L (μ, log σ²); L → H → 784.
QVector<LayerSpec> mlpLayers(int hidden, int latent)
{
    return {
        linear("encoder_hidden", ModelPart::Encoder, kPixels, hidden, /*relu=*/true),
        linear("encoder_out", ModelPart::Encoder, hidden, 2 * latent, /*relu=*/false),
        linear("decoder_hidden", ModelPart::Decoder, latent, hidden, /*relu=*/true),
        linear("decoder_out", ModelPart::Decoder, hidden, kPixels, /*relu=*/false),
    };
}

/// Kingma et al.'s M2: (784 + C) → H → 2L; (L + C) → H → 784; and the classifier, 784 → H → C (MLP) or
/// 1×28×28 → 32×14×14 → 64×7×7 → 256 → 4C (conv: the conv VAE's encoder layout; ModelSpec::classifierLearnsTurns).
/// With ClassifierInput::Gradients the MLP classifier reads [gradient histograms, pixels] (1296 + 784).
QVector<LayerSpec> semiSupervisedLayers(const ModelSpec &spec)
{
    const Architecture classifier = spec.architecture;
    const int hidden = spec.hidden, latent = spec.latent, classes = spec.classes;
    QVector<LayerSpec> table{
        linear("encoder_hidden", ModelPart::Encoder, kPixels + classes, hidden, /*relu=*/true),
        linear("encoder_out", ModelPart::Encoder, hidden, 2 * latent, /*relu=*/false),
        linear("decoder_hidden", ModelPart::Decoder, latent + classes, hidden, /*relu=*/true),
        linear("decoder_out", ModelPart::Decoder, hidden, kPixels, /*relu=*/false),
    };
    if (classifier == Architecture::Conv) {
        table << convStem(ModelPart::Classifier, "classifier_conv1", "classifier_conv2", "classifier_hidden")
              << linear("classifier_out", ModelPart::Classifier, kConvHidden, classes * ModelSpec::kQuarterTurns,
                        /*relu=*/false);
        return table;
    }
    const int classifierIn = kPixels + (spec.classifierReadsGradients() ? ModelSpec::kGradientFeatures : 0);
    table << linear("classifier_hidden", ModelPart::Classifier, classifierIn, hidden, /*relu=*/true)
          << linear("classifier_out", ModelPart::Classifier, hidden, classes, /*relu=*/false);
    return table;
}

/// 1×28×28 → 32×14×14 → 64×7×7 → 256 → 2L; L → 256 → 64×7×7 → 32×14×14 → 1×28×28 (the conv VAE of seed 003).
QVector<LayerSpec> convLayers(int latent)
{
    return convStem(ModelPart::Encoder, "conv1", "conv2", "encoder_hidden")
        + QVector<LayerSpec>{
            linear("encoder_out", ModelPart::Encoder, kConvHidden, 2 * latent, /*relu=*/false),
            linear("decoder_hidden", ModelPart::Decoder, latent, kConvHidden, /*relu=*/true),
            linear("decoder_expand", ModelPart::Decoder, kConvHidden, kConvFlat, /*relu=*/true, {64, 7, 7}),
            halving("deconv1", ModelPart::Decoder, LayerKind::ConvTranspose, 64, 32, /*relu=*/true),
            halving("deconv2", ModelPart::Decoder, LayerKind::ConvTranspose, 32, 1, /*relu=*/false, {kPixels}),
        };
}

} // namespace

QVector<qint64> LayerSpec::weightShape() const
{
    switch (kind) {
    case LayerKind::Linear:
        return {out, in};
    case LayerKind::Conv:
        return {out, in, kernel, kernel};
    case LayerKind::ConvTranspose:
        break;
    }
    return {in, out, kernel, kernel};
}

qint64 LayerSpec::shapeSize(const QVector<qint64> &shape)
{
    qint64 n = 1;
    for (qint64 s : shape)
        n *= s;
    return n;
}

namespace LayerTable {

QVector<LayerSpec> layers(const ModelSpec &spec)
{
    if (spec.isSemiSupervised())
        return semiSupervisedLayers(spec);
    return spec.architecture == Architecture::Conv ? convLayers(spec.latent) : mlpLayers(spec.hidden, spec.latent);
}

QVector<int> inputShape(const ModelSpec &spec)
{
    // The semi-supervised model's encoder reads [x, y] as one row, whatever its classifier.
    return spec.architecture == Architecture::Conv && !spec.isSemiSupervised() ? QVector<int>{1, 28, 28}
                                                                               : QVector<int>{kPixels};
}

QVector<ParameterShape> parameters(const ModelSpec &spec)
{
    QVector<ParameterShape> out;
    for (const LayerSpec &l : layers(spec)) {
        out.append({l.name + QLatin1String(".weight"), l.weightShape()});
        out.append({l.name + QLatin1String(".bias"), {qint64(l.out)}});
    }
    return out;
}

qint64 parameterCount(const ModelSpec &spec)
{
    qint64 n = 0;
    for (const LayerSpec &l : layers(spec))
        n += l.parameterCount();
    return n;
}

} // namespace LayerTable
