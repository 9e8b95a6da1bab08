#include "model/inferencemodel.h"

#include "data/batching_p.h"
#include "model/elbo_p.h"
#include "model/vae_p.h"
#include "training/threadpolicy.h"
#include "util/errortext.h"

#include <QCoreApplication>

#include <algorithm>

namespace {

/// `rows(x)` (a B×width tensor) for the images at `indices` of `data` (all if empty), 500 at a time: row-major floats.
template <typename Rows> QVector<float> batchedRows(const Dataset &data, const QVector<int> &indices, Rows &&rows)
{
    const Dataset chosen = indices.isEmpty() ? data : data.select(indices);
    const Batcher batches(chosen);
    torch::NoGradGuard noGrad;
    QVector<float> out;
    for (int start = 0; start < chosen.count(); start += 500) {
        const int count = std::min(500, chosen.count() - start);
        const torch::Tensor r = rows(batches.range(start, count)).contiguous();
        out.append(QVector<float>(r.data_ptr<float>(), r.data_ptr<float>() + r.numel()));
    }
    return out;
}

} // namespace

struct InferenceModel::Impl
{
    ModelSpec spec;
    std::shared_ptr<VaeImpl> model;
};

InferenceModel::InferenceModel() = default;
InferenceModel::~InferenceModel() = default;
InferenceModel::InferenceModel(const InferenceModel &) = default;
InferenceModel &InferenceModel::operator=(const InferenceModel &) = default;

Result<InferenceModel> InferenceModel::create(const ModelSpec &spec, const QVector<float> &weights)
{
    useInteractiveThreads(); // the GUI builds models on background threads while the trainer holds the cores
    try {
        auto model = makeVae(spec, 0);
        if (Status s = loadParameters(*model, weights); !s)
            return Result<InferenceModel>::failure(s.error());
        model->eval();
        InferenceModel m;
        m.d = std::make_shared<Impl>(Impl{spec, std::move(model)});
        return Result<InferenceModel>::success(std::move(m));
    } catch (const std::exception &e) {
        return Result<InferenceModel>::failure(errorText(e));
    }
}

bool InferenceModel::isValid() const
{
    return d != nullptr;
}
ModelSpec InferenceModel::spec() const
{
    return d ? d->spec : ModelSpec{};
}
int InferenceModel::latentDim() const
{
    return d ? d->spec.latent : 0;
}

int InferenceModel::classCount() const
{
    return d ? d->spec.classes : 0;
}

QImage InferenceModel::decode(const QVector<float> &z, int label) const
{
    if (!d || !d->spec.isSemiSupervised() || label < 0 || label >= d->spec.classes)
        return decode(z);
    const QVector<QImage> row = decodeUnderEveryClass(z);
    return row.value(label);
}

QVector<QImage> InferenceModel::decodeUnderEveryClass(const QVector<float> &z) const
{
    useInteractiveThreads();
    if (!d || !d->spec.isSemiSupervised() || z.size() != d->spec.latent)
        return {};
    torch::NoGradGuard noGrad;
    const int classes = d->spec.classes;
    const auto zt = torch::from_blob(const_cast<float *>(z.constData()), {1, d->spec.latent}, torch::kFloat)
                        .expand({classes, d->spec.latent});
    const auto output = d->model->decode(zt, torch::eye(classes, torch::kFloat));
    return tensorToImages(decoderMean(output, d->spec.likelihood));
}

QVector<int> InferenceModel::predictedClasses(const Dataset &data) const
{
    const QVector<float> probabilities = classProbabilities(data);
    const int classes = classCount();
    QVector<int> predicted;
    for (qsizetype row = 0; classes > 0 && row + classes <= probabilities.size(); row += classes) {
        const auto first = probabilities.cbegin() + row;
        predicted.append(int(std::max_element(first, first + classes) - first));
    }
    return predicted;
}

QVector<float> InferenceModel::classProbabilities(const Dataset &data, const QVector<int> &indices) const
{
    useInteractiveThreads();
    if (!d || !d->spec.isSemiSupervised())
        return {};
    return batchedRows(data, indices, [&](const torch::Tensor &x) { return torch::softmax(d->model->classify(x), 1); });
}

int InferenceModel::classifierFeatureWidth() const
{
    return d && d->spec.isSemiSupervised() ? d->model->classifierHiddenWidth() : 0;
}

QVector<float> InferenceModel::classifierFeatures(const Dataset &data, const QVector<int> &indices) const
{
    useInteractiveThreads();
    if (classifierFeatureWidth() == 0)
        return {};
    return batchedRows(data, indices, [&](const torch::Tensor &x) {
        const auto h = d->model->classifierHidden(x);
        return h / h.norm(2, {1}, true).clamp_min(1e-12);
    });
}

QImage InferenceModel::decode(const QVector<float> &z) const
{
    useInteractiveThreads();
    if (!d || z.size() != d->spec.latent)
        return {};
    torch::NoGradGuard noGrad;
    const auto zt = torch::from_blob(const_cast<float *>(z.constData()), {1, d->spec.latent}, torch::kFloat);
    return tensorToImage(decoderMean(d->model->decode(zt), d->spec.likelihood)[0]);
}

QVector<QImage> InferenceModel::decode(const QVector<QVector<float>> &zs) const
{
    useInteractiveThreads();
    if (!d || zs.isEmpty())
        return {};
    torch::NoGradGuard noGrad;
    const int latent = d->spec.latent;
    std::vector<float> flat(size_t(zs.size()) * latent, 0.0f);
    for (int i = 0; i < zs.size(); ++i)
        if (zs[i].size() == latent)
            std::copy(zs[i].cbegin(), zs[i].cend(), flat.begin() + qsizetype(i) * latent);
    const auto zt = torch::from_blob(flat.data(), {qint64(zs.size()), latent}, torch::kFloat);
    return tensorToImages(decoderMean(d->model->decode(zt), d->spec.likelihood));
}

QVector<QImage> InferenceModel::decode(const QVector<QVector<float>> &zs, const QVector<QVector<float>> &ys) const
{
    if (!d || !d->spec.isSemiSupervised() || zs.isEmpty())
        return decode(zs);
    useInteractiveThreads();
    torch::NoGradGuard noGrad;
    const int latent = d->spec.latent;
    const int classes = d->spec.classes;
    std::vector<float> z(size_t(zs.size()) * latent, 0.0f);
    std::vector<float> y(size_t(zs.size()) * classes, 1.0f / float(classes));
    for (int i = 0; i < zs.size(); ++i) {
        if (zs[i].size() == latent)
            std::copy(zs[i].cbegin(), zs[i].cend(), z.begin() + qsizetype(i) * latent);
        if (i < ys.size() && ys[i].size() == classes)
            std::copy(ys[i].cbegin(), ys[i].cend(), y.begin() + qsizetype(i) * classes);
    }
    const auto zt = torch::from_blob(z.data(), {qint64(zs.size()), latent}, torch::kFloat);
    const auto yt = torch::from_blob(y.data(), {qint64(zs.size()), classes}, torch::kFloat);
    return tensorToImages(decoderMean(d->model->decode(zt, yt), d->spec.likelihood));
}

QVector<float> InferenceModel::encodeMean(const QImage &image) const
{
    if (!d || image.isNull())
        return {};
    Dataset one;
    one.pixels = imageToPixels(image);
    return encodeMeans(one);
}

QVector<float> InferenceModel::encodeMeans(const Dataset &data, const QVector<int> &indices) const
{
    useInteractiveThreads();
    if (!d)
        return {};
    return batchedRows(data, indices, [&](const torch::Tensor &x) { return d->model->encode(x).first; });
}

QVector<QImage> InferenceModel::reconstruct(const Dataset &data, const QVector<int> &indices) const
{
    useInteractiveThreads();
    if (!d)
        return {};
    const Dataset chosen = indices.isEmpty() ? data : data.select(indices);
    const Batcher batches(chosen);
    torch::NoGradGuard noGrad;
    QVector<QImage> out;
    for (int start = 0; start < chosen.count(); start += 500) {
        const auto x = batches.range(start, std::min(500, chosen.count() - start));
        out += tensorToImages(decoderMean(d->model->reconstruct(x), d->spec.likelihood));
    }
    return out;
}

QVector<QImage> InferenceModel::sampleReconstructions(const Dataset &data, int perImage, quint64 seed) const
{
    useInteractiveThreads();
    QVector<QImage> out;
    if (!d || perImage <= 0 || data.count() == 0)
        return out;
    torch::NoGradGuard noGrad;
    auto gen = at::detail::createCPUGenerator(seed);
    const Batcher batches(data);
    const auto x = batches.range(0, data.count());
    // The semi-supervised model encodes and decodes under the classifier's q(y|x).
    const auto y = d->spec.isSemiSupervised() ? torch::softmax(d->model->classify(x), 1) : torch::Tensor();
    const auto [mu, logvar] = y.defined() ? d->model->encode(x, y) : d->model->encode(x);
    for (int i = 0; i < data.count(); ++i) {
        const auto eps = at::randn({perImage, mu.size(1)}, gen, mu.options());
        const auto z = mu[i].unsqueeze(0) + (0.5 * logvar[i]).exp().unsqueeze(0) * eps;
        const auto output =
            y.defined() ? d->model->decode(z, y[i].unsqueeze(0).expand({perImage, y.size(1)})) : d->model->decode(z);
        out += tensorToImages(decoderMean(output, d->spec.likelihood));
    }
    return out;
}
