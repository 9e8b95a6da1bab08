#include "transfer/vaefinetune.h"

#include "data/batching_p.h"
#include "model/semisupervised_p.h"
#include "model/vae_p.h"
#include "training/adam_p.h"
#include "training/trainconfig.h"
#include "training/trainingloop_p.h"
#include "util/errortext.h"
#include "util/seedstreams.h"

#include <QCoreApplication>

#include <algorithm>
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

/// The parameters of `part`; the rest are frozen (no gradient of their own, though gradients still flow through
/// them to the trained side).
std::vector<torch::Tensor> trainOnly(VaeImpl &model, TrainablePart part)
{
    const auto trainable = trainableParameters(model, part);
    for (auto &p : model.parameters())
        p.set_requires_grad(false);
    for (auto p : trainable)
        p.set_requires_grad(true);
    return trainable;
}

bool allFinite(const QVector<float> &values)
{
    return std::all_of(values.begin(), values.end(), [](float v) { return std::isfinite(v); });
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
        Adam adam(trainOnly(*model, config.trainable), config.learningRate);
        const Batcher batches(data);
        TrainingLoop::EpochPlan plan;
        plan.batchSize = std::min(config.batchSize, n);
        const int stepsPerEpoch = TrainingLoop::stepsPerEpoch(n, plan.batchSize);
        const int plannedSteps = config.maxSteps > 0 ? std::min(config.maxSteps, stepsPerEpoch * config.epochs)
                                                     : stepsPerEpoch * config.epochs;
        int stepsDone = 0;
        if (onStep)
            plan.afterStep = [&](const TrainingLoop::Step &step) {
                return onStep(stepsDone + step.index + 1, plannedSteps);
            };
        // One generator across the epochs (unlike the trainer's per-epoch ones): what saved transfer runs used.
        auto generator = at::detail::createCPUGenerator(SeedStreams::finetuning(config.seed));
        // A semi-supervised model has no labels here: the bound marginalised over y, estimated as its training
        // estimates it by default (the likely classes drawn, TrainConfig::classSampling) rather than summed over every
        // class, which made each step cost about ten plain ones (docs/performance.md, session 29).
        const double classSampling = TrainConfig{}.classSampling;
        if (config.spec.isSemiSupervised())
            plan.gradients = [&](const torch::Tensor &, const torch::Tensor &x, double beta) {
                SemiSupervisedWeights weights;
                weights.beta = beta;
                weights.classSampling = classSampling;
                const SemiStepLoss loss =
                    semiSupervisedGradients(*model, x, {}, {}, config.spec.likelihood, weights, generator);
                return StepLoss{loss.recon, loss.kl};
            };
        for (int epoch = 0; epoch < config.epochs && stepsDone < plannedSteps; ++epoch) {
            plan.maxSteps = plannedSteps - stepsDone;
            const auto epochResult =
                TrainingLoop::trainEpoch(*model, adam, batches, config.spec.likelihood, generator, plan);
            stepsDone += epochResult.steps;
            if (epochResult.end == TrainingLoop::EpochResult::End::Stopped)
                return R::success(flattenParameters(*model));
            // Checking the weights once per epoch keeps the copy off the hot path.
            const QVector<float> weights = flattenParameters(*model);
            if (epochResult.end == TrainingLoop::EpochResult::End::NonFinite || !allFinite(weights))
                return R::failure(tr("The weights became NaN or infinite; try a smaller learning rate."));
            if (onEpoch && !onEpoch(epoch, weights))
                return R::success(weights);
        }
        return R::success(flattenParameters(*model));
    } catch (const std::exception &e) {
        return R::failure(tr("Fine-tuning failed inside LibTorch: %1").arg(errorText(e)));
    }
}

} // namespace VaeFinetune
