#include "training/trainingloop_p.h"

#include "data/batching_p.h"
#include "model/elbo_p.h"
#include "training/adam_p.h"

#include <cmath>

namespace TrainingLoop {

EpochResult trainEpoch(VaeImpl &model, Adam &adam, const Batcher &data, Likelihood likelihood, at::Generator &generator,
                       const EpochPlan &plan)
{
    EpochResult result;
    const int n = data.count();
    const int batch = plan.batchSize;
    const int steps = plan.maxSteps >= 0 ? std::min(plan.maxSteps, stepsPerEpoch(n, batch)) : stepsPerEpoch(n, batch);
    const auto order = torch::randperm(n, generator, torch::kLong);
    for (int step = 0; step < steps; ++step) {
        if (plan.beforeStep && !plan.beforeStep(step)) {
            result.end = EpochResult::End::Stopped;
            return result;
        }
        const int start = step * batch;
        const int count = std::min(batch, n - start);
        const auto indices = order.narrow(0, start, count);
        const auto x = data.gather(indices);
        const double beta = plan.beta ? plan.beta(step) : 1.0;
        const auto [recon, kl] =
            plan.gradients ? plan.gradients(indices, x, beta) : elboGradients(model, x, likelihood, beta, generator);
        const double loss = recon + beta * kl;
        if (!std::isfinite(loss)) {
            result.end = EpochResult::End::NonFinite;
            result.badLoss = loss;
            return result;
        }
        adam.step();
        ++result.steps;
        result.reconSum += recon * count;
        result.klSum += kl * count;
        if (plan.afterStep && !plan.afterStep(Step{step, start + count, count, recon, kl, beta})) {
            result.end = EpochResult::End::Stopped;
            return result;
        }
    }
    return result;
}

} // namespace TrainingLoop
