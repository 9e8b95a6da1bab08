#include "transfer/vaefinetune.h"

#include "training/adam_p.h"
#include "data/batching_p.h"
#include "model/elbo_p.h"
#include "model/vae_p.h"

#include <QCoreApplication>

#include <cmath>

namespace VaeFinetune {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("VaeFinetune", text);
}

std::vector<torch::Tensor> trainableParameters(VaeImpl &model, TrainablePart part)
{
    switch (part) {
    case TrainablePart::Encoder:
        return model.encoderParameters();
    case TrainablePart::Decoder:
        return model.decoderParameters();
    case TrainablePart::All:
        break;
    }
    return model.parameters();
}

} // namespace

QVector<float> initialWeights(const ModelSpec &spec, quint64 seed)
{
    try {
        return flattenParameters(*makeVae(spec, seed));
    } catch (const std::exception &) {
        return {};
    }
}

Result<QVector<float>> run(const VaeFinetuneConfig &config, const Dataset &data, const VaeStepCallback &onStep,
                           const VaeEpochCallback &onEpoch)
{
    using R = Result<QVector<float>>;
    const int n = data.count();
    if (n == 0)
        return R::failure(tr("There are no images to train on."));
    if (config.epochs < 1 || config.batchSize < 1 || !(config.learningRate > 0))
        return R::failure(tr("Epochs, batch size and learning rate must be positive."));
    try {
        auto model = makeVae(config.spec, config.seed);
        if (!config.initialWeights.isEmpty())
            if (Status s = loadParameters(*model, config.initialWeights); !s)
                return R::failure(s.error());
        const auto trainable = trainableParameters(*model, config.trainable);
        // Frozen weights need no gradient of their own; gradients still flow through them to the trained side.
        for (auto &p : model->parameters())
            p.set_requires_grad(false);
        for (auto p : trainable)
            p.set_requires_grad(true);
        Adam adam(trainable, config.learningRate);
        const Batcher batches(data);
        const int batch = std::min(config.batchSize, n);
        const int stepsPerEpoch = (n + batch - 1) / batch;
        const int plannedSteps = config.maxSteps > 0 ? std::min(config.maxSteps, stepsPerEpoch * config.epochs)
                                                     : stepsPerEpoch * config.epochs;
        auto gen = at::detail::createCPUGenerator(config.seed * 7919ULL + 17);
        int stepsDone = 0;
        for (int epoch = 0; epoch < config.epochs && stepsDone < plannedSteps; ++epoch) {
            const auto order = torch::randperm(n, gen, torch::kLong);
            for (int step = 0; step < stepsPerEpoch && stepsDone < plannedSteps; ++step) {
                const int start = step * batch;
                const int count = std::min(batch, n - start);
                const auto x = batches.gather(order.narrow(0, start, count));
                elboGradients(*model, x, config.spec.likelihood, 1.0, gen);
                adam.step();
                ++stepsDone;
                if (onStep && !onStep(stepsDone, plannedSteps))
                    return R::success(flattenParameters(*model));
            }
            // Checking the loss once per epoch keeps .item() off the hot path.
            const QVector<float> weights = flattenParameters(*model);
            for (float w : weights)
                if (!std::isfinite(w))
                    return R::failure(tr("The weights became NaN or infinite; try a smaller learning rate."));
            if (onEpoch && !onEpoch(epoch, weights))
                return R::success(weights);
        }
        return R::success(flattenParameters(*model));
    } catch (const std::exception &e) {
        return R::failure(tr("Fine-tuning failed inside LibTorch: %1")
                              .arg(QString::fromLocal8Bit(e.what()).section(QLatin1Char('\n'), 0, 0)));
    }
}

} // namespace VaeFinetune
