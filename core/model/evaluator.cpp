#include "model/evaluator.h"

#include "data/batching_p.h"
#include "model/elbo_p.h"
#include "model/vae_p.h"
#include "util/errortext.h"

namespace Evaluator {

Result<ElboSummary> evaluate(const ModelSpec &spec, const QVector<float> &weights, const Dataset &data, int iwSamples,
                             quint64 seed, int batchSize)
{
    try {
        auto model = makeVae(spec, 0);
        if (Status s = loadParameters(*model, weights); !s)
            return Result<ElboSummary>::failure(s.error());
        auto gen = at::detail::createCPUGenerator(seed);
        return Result<ElboSummary>::success(
            evaluateElbo(*model, Batcher(data), spec.likelihood, iwSamples, gen, batchSize));
    } catch (const std::exception &e) {
        return Result<ElboSummary>::failure(errorText(e));
    }
}

} // namespace Evaluator
