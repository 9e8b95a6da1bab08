#include "transfer/classifiers.h"

#include "data/batching_p.h"
#include "model/vae_p.h"
#include "training/adam_p.h"
#include "transfer/transferreport.h"
#include "util/errortext.h"
#include "util/seedstreams.h"

#include <QCoreApplication>

namespace Classifiers {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Classifiers", text);
}

torch::Tensor featureTensor(const FeatureSet &f)
{
    return torch::from_blob(const_cast<float *>(f.values.constData()), {f.count(), f.dim}, torch::kFloat).clone();
}

torch::Tensor labelTensor(const QVector<int> &labels)
{
    return torch::tensor(std::vector<int64_t>(labels.begin(), labels.end()), torch::kLong);
}

/// The arg-max of each row of `logits`, appended to `out`.
void appendPredictions(const torch::Tensor &logits, Predictions &out)
{
    const auto classes = logits.argmax(1).to(torch::kLong).contiguous();
    const int64_t *p = classes.data_ptr<int64_t>();
    for (int64_t i = 0; i < classes.size(0); ++i)
        out.append(int(p[i]));
}

QString checkLabels(const QVector<int> &labels, int count, int classCount)
{
    if (labels.size() != count)
        return tr("Every image needs a label.");
    for (int l : labels)
        if (l < 0 || l >= classCount)
            return tr("A label lies outside the %1 classes.").arg(classCount);
    return {};
}

QString checkFeatures(const FeatureSet &train, const FeatureSet &test, int classCount)
{
    if (train.count() == 0 || test.count() == 0 || train.dim != test.dim || classCount < 2)
        return tr("The classifier needs labelled training and test features of the same size and two classes or "
                  "more.");
    if (QString why = checkLabels(train.labels, train.count(), classCount); !why.isEmpty())
        return why;
    return checkLabels(test.labels, test.count(), classCount);
}

} // namespace

double accuracy(const Predictions &predicted, const QVector<int> &labels)
{
    return TestAccuracy::of(predicted, labels).all;
}

FeatureSet pixelFeatures(const Dataset &data)
{
    FeatureSet f;
    f.dim = data.pixelCount();
    f.labels = data.labels;
    f.values.resize(qsizetype(data.count()) * f.dim);
    const uchar *src = data.count() ? data.imageData(0) : nullptr;
    for (qsizetype i = 0; i < f.values.size(); ++i)
        f.values[i] = src[i] / 255.0f;
    return f;
}

Result<Predictions> linearProbe(const FeatureSet &train, const FeatureSet &test, int classCount,
                                const ClassifierOptions &options, ProbeScaling scaling)
{
    using R = Result<Predictions>;
    if (QString why = checkFeatures(train, test, classCount); !why.isEmpty())
        return R::failure(why);
    try {
        torch::NoGradGuard outer; // re-enabled only around the optimisation
        auto x = featureTensor(train);
        auto xt = featureTensor(test);
        const auto mean = x.mean(0, /*keepdim=*/true);
        x = x - mean;
        xt = xt - mean;
        if (scaling == ProbeScaling::Standardise) {
            const auto sd = x.std(0, /*unbiased=*/false, /*keepdim=*/true).clamp_min(1e-3);
            x = x / sd;
            xt = xt / sd;
        }
        const auto y = labelTensor(train.labels);
        auto w = torch::zeros({train.dim, classCount}).set_requires_grad(true);
        auto b = torch::zeros({classCount}).set_requires_grad(true);
        {
            torch::AutoGradMode grad(true);
            Adam adam({w, b}, options.probeLearningRate);
            for (int step = 0; step < options.probeSteps; ++step) {
                const auto loss = torch::cross_entropy_loss(x.matmul(w) + b, y) + options.probeL2 * w.square().sum();
                adam.zeroGrad();
                loss.backward();
                adam.step();
            }
        }
        Predictions predicted;
        appendPredictions(xt.matmul(w) + b, predicted);
        return R::success(predicted);
    } catch (const std::exception &e) {
        return R::failure(errorText(e));
    }
}

Result<Predictions> knn(const FeatureSet &train, const FeatureSet &test, int classCount,
                        const ClassifierOptions &options)
{
    using R = Result<Predictions>;
    if (QString why = checkFeatures(train, test, classCount); !why.isEmpty())
        return R::failure(why);
    if (options.knnNeighbours < 1)
        return R::failure(tr("k-NN needs k of 1 or more."));
    try {
        torch::NoGradGuard noGrad;
        const auto x = featureTensor(train);
        const auto y = labelTensor(train.labels);
        const auto xt = featureTensor(test);
        const int k = std::min(options.knnNeighbours, train.count());
        // Each neighbour's vote is worth slightly less than the nearer one's, so a tied vote goes to the class of
        // the nearest neighbour among the tied classes.
        const auto weights = (1.0 - torch::arange(k, torch::kFloat) * (1e-3 / k)).view({1, k, 1});
        Predictions predicted;
        for (int start = 0; start < test.count(); start += 1000) {
            const int count = std::min(1000, test.count() - start);
            const auto distances = torch::cdist(xt.narrow(0, start, count), x);
            const auto nearest = std::get<1>(distances.topk(k, /*dim=*/1, /*largest=*/false, /*sorted=*/true));
            const auto votes = (torch::one_hot(y.index({nearest}), classCount).to(torch::kFloat) * weights).sum(1);
            appendPredictions(votes, predicted);
        }
        return R::success(predicted);
    } catch (const std::exception &e) {
        return R::failure(errorText(e));
    }
}

Result<Predictions> encoderClassifier(const ModelSpec &spec, const QVector<float> &weights, const Dataset &train,
                                      const Dataset &test, int classCount, const ClassifierOptions &options,
                                      const std::atomic_bool *stop)
{
    using R = Result<Predictions>;
    if (train.count() == 0 || test.count() == 0 || classCount < 2)
        return R::failure(tr("The classifier needs labelled training and test images and two classes or more."));
    if (QString why = checkLabels(train.labels, train.count(), classCount); !why.isEmpty())
        return R::failure(why);
    if (QString why = checkLabels(test.labels, test.count(), classCount); !why.isEmpty())
        return R::failure(why);
    try {
        auto model = makeVae(spec, options.seed + 101);
        if (!weights.isEmpty())
            if (Status s = loadParameters(*model, weights); !s)
                return R::failure(s.error());
        torch::nn::Linear head(spec.latent, classCount);
        {
            // A zero head is deterministic without touching the global RNG other threads may be seeding.
            torch::NoGradGuard noGrad;
            head->weight.zero_();
            head->bias.zero_();
        }
        auto params = model->encoderParameters();
        for (const auto &p : head->parameters())
            params.push_back(p);
        Adam adam(params, options.finetuneLearningRate);
        const Batcher trainBatches(train), testBatches(test);
        const auto y = labelTensor(train.labels);
        const int n = train.count();
        const int batch = std::min(64, n);
        auto gen = at::detail::createCPUGenerator(SeedStreams::classifier(options.seed));
        torch::Tensor order;
        for (int step = 0, position = n; step < options.finetuneSteps; ++step, position += batch) {
            if (stop && stop->load())
                return R::failure(tr("Stopped."));
            if (position + batch > n) {
                order = torch::randperm(n, gen, torch::kLong);
                position = 0;
            }
            const auto idx = order.narrow(0, position, batch);
            const auto logits = head(model->encode(trainBatches.gather(idx)).first);
            const auto loss = torch::cross_entropy_loss(logits, y.index_select(0, idx));
            adam.zeroGrad();
            loss.backward();
            adam.step();
        }
        torch::NoGradGuard noGrad;
        model->eval();
        Predictions predicted;
        for (int start = 0; start < test.count(); start += 500) {
            const int count = std::min(500, test.count() - start);
            appendPredictions(head(model->encode(testBatches.range(start, count)).first), predicted);
        }
        return R::success(predicted);
    } catch (const std::exception &e) {
        return R::failure(errorText(e));
    }
}

} // namespace Classifiers
