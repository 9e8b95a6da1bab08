#include "model/vae_p.h"

#include "kernels/fastpaths_p.h"
#include "kernels/gemm_p.h"
#include "kernels/transposedconv_p.h"

#include <QCoreApplication>

#include <mutex>

namespace nn = torch::nn;

namespace {

constexpr int kPixels = 28 * 28;

struct MlpVaeImpl final : VaeImpl
{
    MlpVaeImpl(int hidden, int latent)
        : encoderHidden(register_module("encoder_hidden", nn::Linear(kPixels, hidden)))
        , encoderOut(register_module("encoder_out", nn::Linear(hidden, 2 * latent)))
        , decoderHidden(register_module("decoder_hidden", nn::Linear(latent, hidden)))
        , decoderOut(register_module("decoder_out", nn::Linear(hidden, kPixels)))
    {
    }

    std::pair<torch::Tensor, torch::Tensor> encode(const torch::Tensor &x) override
    {
        // linearLayer: nn::Linear with oneDNN's products (evaluation and the GUI; training takes the fused step).
        const auto h = torch::relu(linearLayer(x.reshape({x.size(0), kPixels}), encoderHidden));
        auto stats = linearLayer(h, encoderOut).chunk(2, /*dim=*/1);
        return {stats[0], stats[1]};
    }

    torch::Tensor decode(const torch::Tensor &z) override
    {
        return linearLayer(torch::relu(linearLayer(z, decoderHidden)), decoderOut);
    }

    std::optional<StepLoss> fusedTrainingStep(const torch::Tensor &x, Likelihood likelihood, double beta,
                                              at::Generator &generator) override
    {
        if (!FastPaths::enabled())
            return std::nullopt;
        return mlpTrainingStep({encoderHidden, encoderOut, decoderHidden, decoderOut}, x, likelihood, beta, generator);
    }

    std::vector<torch::Tensor> encoderParameters() override
    {
        auto p = encoderHidden->parameters();
        auto q = encoderOut->parameters();
        p.insert(p.end(), q.begin(), q.end());
        return p;
    }

    std::vector<torch::Tensor> decoderParameters() override
    {
        auto p = decoderHidden->parameters();
        auto q = decoderOut->parameters();
        p.insert(p.end(), q.begin(), q.end());
        return p;
    }

    nn::Linear encoderHidden, encoderOut, decoderHidden, decoderOut;
};

/// Seed 003's layout: two stride-2 convolutions to 64×7×7, a 256-wide layer, mirrored with transposed convolutions.
struct ConvVaeImpl final : VaeImpl
{
    explicit ConvVaeImpl(int latent)
        : conv1(register_module("conv1", nn::Conv2d(nn::Conv2dOptions(1, 32, /*kernel_size=*/4).stride(2).padding(1))))
        , conv2(register_module("conv2", nn::Conv2d(nn::Conv2dOptions(32, 64, /*kernel_size=*/4).stride(2).padding(1))))
        , encoderHidden(register_module("encoder_hidden", nn::Linear(64 * 7 * 7, 256)))
        , encoderOut(register_module("encoder_out", nn::Linear(256, 2 * latent)))
        , decoderHidden(register_module("decoder_hidden", nn::Linear(latent, 256)))
        , decoderExpand(register_module("decoder_expand", nn::Linear(256, 64 * 7 * 7)))
        , deconv1(register_module("deconv1",
                                  nn::ConvTranspose2d(nn::ConvTranspose2dOptions(64, 32, /*kernel_size=*/4).stride(2).padding(1))))
        , deconv2(register_module("deconv2",
                                  nn::ConvTranspose2d(nn::ConvTranspose2dOptions(32, 1, /*kernel_size=*/4).stride(2).padding(1))))
    {
    }

    std::pair<torch::Tensor, torch::Tensor> encode(const torch::Tensor &x) override
    {
        auto h = torch::relu(conv1(x.reshape({x.size(0), 1, 28, 28})));
        h = torch::relu(conv2(h)).flatten(1);
        h = torch::relu(linearLayer(h, encoderHidden));
        auto stats = linearLayer(h, encoderOut).chunk(2, /*dim=*/1);
        return {stats[0], stats[1]};
    }

    torch::Tensor decode(const torch::Tensor &z) override
    {
        auto h = torch::relu(linearLayer(z, decoderHidden));
        h = torch::relu(linearLayer(h, decoderExpand)).view({z.size(0), 64, 7, 7});
        h = torch::relu(transposedConv2d(h, deconv1));
        return transposedConv2d(h, deconv2).reshape({z.size(0), kPixels});
    }

    std::vector<torch::Tensor> encoderParameters() override
    {
        std::vector<torch::Tensor> p;
        for (const nn::Module *m : std::initializer_list<const nn::Module *>{conv1.get(), conv2.get(), encoderHidden.get(), encoderOut.get()})
            for (const auto &t : m->parameters())
                p.push_back(t);
        return p;
    }

    std::vector<torch::Tensor> decoderParameters() override
    {
        std::vector<torch::Tensor> p;
        for (const nn::Module *m : std::initializer_list<const nn::Module *>{decoderHidden.get(), decoderExpand.get(), deconv1.get(), deconv2.get()})
            for (const auto &t : m->parameters())
                p.push_back(t);
        return p;
    }

    nn::Conv2d conv1, conv2;
    nn::Linear encoderHidden, encoderOut, decoderHidden, decoderExpand;
    nn::ConvTranspose2d deconv1, deconv2;
};

} // namespace

std::mutex &torchInitMutex()
{
    static std::mutex mutex;
    return mutex;
}

std::shared_ptr<VaeImpl> makeVae(const ModelSpec &spec, quint64 seed)
{
    std::lock_guard<std::mutex> lock(torchInitMutex());
    torch::manual_seed(seed);
    if (spec.architecture == Architecture::Conv)
        return std::make_shared<ConvVaeImpl>(spec.latent);
    return std::make_shared<MlpVaeImpl>(spec.hidden, spec.latent);
}

qint64 parameterCount(const ModelSpec &spec)
{
    const qint64 l = spec.latent;
    if (spec.architecture == Architecture::Conv) {
        const qint64 encoder = (16 * 32 + 32) + (32 * 64 * 16 + 64) + (3136 * 256 + 256) + (256 * 2 * l + 2 * l);
        const qint64 decoder = (l * 256 + 256) + (256 * 3136 + 3136) + (64 * 32 * 16 + 32) + (32 * 16 + 1);
        return encoder + decoder;
    }
    const qint64 h = spec.hidden;
    return (kPixels * h + h) + (h * 2 * l + 2 * l) + (l * h + h) + (h * kPixels + kPixels);
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
        return Status::failure(QCoreApplication::translate("Vae", "The weights hold %1 values but this architecture needs %2.")
                                   .arg(weights.size()).arg(expected));
    for (float w : weights)
        if (!std::isfinite(w))
            return Status::failure(QCoreApplication::translate("Vae", "The weights contain NaN or infinite values."));
    unflattenInto(weights, params);
    return Status::success();
}

QVector<std::pair<QString, QVector<qint64>>> parameterLayout(VaeImpl &model)
{
    QVector<std::pair<QString, QVector<qint64>>> layout;
    for (const auto &item : model.named_parameters()) {
        QVector<qint64> shape;
        for (auto s : item.value().sizes())
            shape.append(s);
        layout.append({QString::fromStdString(item.key()), shape});
    }
    return layout;
}
