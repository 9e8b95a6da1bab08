#include "model/vae_p.h"

#include "kernels/fastpaths_p.h"
#include "kernels/gemm_p.h"
#include "kernels/transposedconv_p.h"
#include "model/gradientfeatures_p.h"

#include <QCoreApplication>

#include <mutex>

namespace nn = torch::nn;

namespace {

/// The four Linear modules in the MLP's roles, when `layers` has that shape (784→H relu, H→2L, L→H relu, H→784).
std::optional<MlpLayers> asMlp(const std::vector<nn::Linear> &linears, const QVector<LayerSpec> &specs)
{
    if (specs.size() != 4 || linears.size() != 4)
        return std::nullopt;
    const bool reluPattern = specs[0].relu && !specs[1].relu && specs[2].relu && !specs[3].relu;
    const bool halves = specs[1].part == ModelPart::Encoder && specs[2].part == ModelPart::Decoder;
    for (const auto &l : linears)
        if (!l)
            return std::nullopt;
    if (!reluPattern || !halves)
        return std::nullopt;
    return MlpLayers{linears[0], linears[1], linears[2], linears[3]};
}

std::vector<int64_t> perSample(int64_t batch, const QVector<int> &shape)
{
    std::vector<int64_t> sizes{batch};
    sizes.insert(sizes.end(), shape.begin(), shape.end());
    return sizes;
}

} // namespace

VaeImpl::VaeImpl(const ModelSpec &spec)
    : m_spec(spec)
{
    const QVector<LayerSpec> table = LayerTable::layers(spec);
    std::vector<nn::Linear> linears;
    for (const LayerSpec &l : table) {
        Layer layer{l, nullptr, nullptr, nullptr};
        const std::string name = l.name.toStdString();
        switch (l.kind) {
        case LayerKind::Linear:
            layer.linear = register_module(name, nn::Linear(l.in, l.out));
            linears.push_back(layer.linear);
            break;
        case LayerKind::Conv:
            layer.conv = register_module(
                name, nn::Conv2d(nn::Conv2dOptions(l.in, l.out, l.kernel).stride(l.stride).padding(l.padding)));
            break;
        case LayerKind::ConvTranspose:
            layer.deconv = register_module(
                name,
                nn::ConvTranspose2d(
                    nn::ConvTranspose2dOptions(l.in, l.out, l.kernel).stride(l.stride).padding(l.padding)));
            break;
        }
        m_layers.push_back(std::move(layer));
    }
    m_mlp = asMlp(linears, table);
}

torch::Tensor VaeImpl::forwardLayer(Layer &layer, const torch::Tensor &in)
{
    torch::Tensor h;
    switch (layer.spec.kind) {
    case LayerKind::Linear:
        // linearLayer: nn::Linear with oneDNN's products (and its autograd), see kernels/gemm_p.h.
        h = linearLayer(in, layer.linear);
        break;
    case LayerKind::Conv:
        h = layer.conv(in);
        break;
    case LayerKind::ConvTranspose:
        h = transposedConv2d(in, layer.deconv);
        break;
    }
    if (layer.spec.relu)
        h = torch::relu(h);
    if (!layer.spec.reshapeTo.isEmpty())
        h = h.reshape(perSample(h.size(0), layer.spec.reshapeTo));
    return h;
}

torch::Tensor VaeImpl::runPart(ModelPart part, torch::Tensor h, int skip)
{
    for (Layer &layer : m_layers)
        if (layer.spec.part == part && skip-- <= 0)
            h = forwardLayer(layer, h);
    return h;
}

std::pair<torch::Tensor, torch::Tensor> VaeImpl::encode(const torch::Tensor &x)
{
    if (m_spec.isSemiSupervised())
        return encode(x, torch::softmax(classify(x), 1));
    const auto input = x.reshape(perSample(x.size(0), LayerTable::inputShape(m_spec)));
    auto stats = runPart(ModelPart::Encoder, input).chunk(2, /*dim=*/1);
    return {stats[0], stats[1]};
}

std::pair<torch::Tensor, torch::Tensor> VaeImpl::encode(const torch::Tensor &x, const torch::Tensor &y)
{
    TORCH_CHECK(m_spec.isSemiSupervised(), "encode(x, y) needs the semi-supervised model");
    const auto input = torch::cat({x.reshape({x.size(0), -1}), y.to(x.dtype())}, 1);
    auto stats = runPart(ModelPart::Encoder, input).chunk(2, /*dim=*/1);
    return {stats[0], stats[1]};
}

torch::Tensor VaeImpl::decode(const torch::Tensor &z)
{
    if (m_spec.isSemiSupervised())
        return decode(z, torch::full({z.size(0), m_spec.classes}, 1.0 / m_spec.classes, z.options()));
    return runPart(ModelPart::Decoder, z);
}

torch::Tensor VaeImpl::reconstruct(const torch::Tensor &x)
{
    if (!m_spec.isSemiSupervised())
        return decode(encode(x).first);
    const auto y = torch::softmax(classify(x), 1);
    return decode(encode(x, y).first, y);
}

torch::Tensor VaeImpl::decode(const torch::Tensor &z, const torch::Tensor &y)
{
    TORCH_CHECK(m_spec.isSemiSupervised(), "decode(z, y) needs the semi-supervised model");
    return runPart(ModelPart::Decoder, torch::cat({z, y.to(z.dtype())}, 1));
}

torch::Tensor VaeImpl::classifierInput(const torch::Tensor &x) const
{
    TORCH_CHECK(m_spec.isSemiSupervised(), "the classifier needs the semi-supervised model");
    if (m_spec.architecture == Architecture::Conv)
        return x.reshape({x.size(0), 1, 28, 28});
    const auto pixels = x.reshape({x.size(0), -1});
    return m_spec.classifierReadsGradients() ? torch::cat({GradientFeatures::histograms(pixels), pixels}, 1) : pixels;
}

torch::Tensor VaeImpl::classify(const torch::Tensor &x)
{
    const auto logits = runPart(ModelPart::Classifier, classifierInput(x));
    return m_spec.classifierLearnsTurns() ? logits.narrow(1, 0, m_spec.classes) : logits;
}

torch::Tensor VaeImpl::classifyTurns(const torch::Tensor &x)
{
    TORCH_CHECK(m_spec.classifierLearnsTurns(), "classifyTurns(x) needs the conv classifier");
    return runPart(ModelPart::Classifier, classifierInput(x));
}

torch::Tensor VaeImpl::classifierHidden(const torch::Tensor &x)
{
    // The classifier's layers come last in the table (LayerTable::layers): every one but the model's last layer.
    torch::Tensor h = classifierInput(x);
    for (auto layer = m_layers.begin(); layer + 1 != m_layers.end(); ++layer)
        if (layer->spec.part == ModelPart::Classifier)
            h = forwardLayer(*layer, h);
    return h;
}

int VaeImpl::classifierHiddenWidth() const
{
    return m_spec.isSemiSupervised() ? m_layers.back().spec.in : 0;
}

torch::nn::Linear VaeImpl::firstLinear(ModelPart part) const
{
    for (const Layer &layer : m_layers)
        if (layer.spec.part == part)
            return layer.linear;
    return nullptr;
}

torch::Tensor VaeImpl::runAfterFirst(ModelPart part, torch::Tensor h)
{
    return runPart(part, std::move(h), /*skip=*/1);
}

std::vector<torch::Tensor> VaeImpl::partParameters(ModelPart part) const
{
    std::vector<torch::Tensor> p;
    for (const Layer &layer : m_layers) {
        if (layer.spec.part != part)
            continue;
        const nn::Module *m = layer.linear ? static_cast<const nn::Module *>(layer.linear.get())
            : layer.conv                   ? static_cast<const nn::Module *>(layer.conv.get())
                                           : static_cast<const nn::Module *>(layer.deconv.get());
        for (const auto &t : m->parameters())
            p.push_back(t);
    }
    return p;
}

std::optional<StepLoss> VaeImpl::fusedTrainingStep(const torch::Tensor &x, Likelihood likelihood, double beta,
                                                   at::Generator &generator)
{
    if (!m_mlp || !FastPaths::handDerivedStep())
        return std::nullopt;
    return mlpTrainingStep(*m_mlp, x, likelihood, beta, generator);
}

std::mutex &torchInitMutex()
{
    static std::mutex mutex;
    return mutex;
}

std::shared_ptr<VaeImpl> makeVae(const ModelSpec &spec, quint64 seed)
{
    std::lock_guard<std::mutex> lock(torchInitMutex());
    torch::manual_seed(seed);
    return std::make_shared<VaeImpl>(spec);
}

QVector<float> flattenTensors(const std::vector<torch::Tensor> &tensors)
{
    qint64 total = 0;
    for (const auto &t : tensors)
        total += t.numel();
    QVector<float> flat(total);
    float *dst = flat.data();
    for (const auto &t : tensors) {
        const auto c = t.detach().to(torch::kFloat).contiguous();
        std::copy_n(c.data_ptr<float>(), c.numel(), dst);
        dst += c.numel();
    }
    return flat;
}

void unflattenInto(const QVector<float> &flat, std::vector<torch::Tensor> &tensors)
{
    torch::NoGradGuard noGrad;
    const float *src = flat.constData();
    for (auto &t : tensors) {
        t.copy_(torch::from_blob(const_cast<float *>(src), t.sizes(), torch::kFloat));
        src += t.numel();
    }
}

QVector<float> flattenParameters(VaeImpl &model)
{
    return flattenTensors(model.parameters());
}

Status loadParameters(VaeImpl &model, const QVector<float> &weights)
{
    auto params = model.parameters();
    qint64 expected = 0;
    for (const auto &p : params)
        expected += p.numel();
    if (weights.size() != expected)
        return Status::failure(
            QCoreApplication::translate("Vae", "The weights hold %1 values but this architecture needs %2.")
                .arg(weights.size())
                .arg(expected));
    for (float w : weights)
        if (!std::isfinite(w))
            return Status::failure(QCoreApplication::translate("Vae", "The weights contain NaN or infinite values."));
    unflattenInto(weights, params);
    return Status::success();
}
