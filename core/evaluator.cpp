#include "evaluator.h"

#include "private/batching.h"
#include "private/elbo.h"
#include "private/vae.h"

namespace Evaluator {

Result<ElboSummary> evaluate(const ModelSpec &spec, const QVector<float> &weights, const Dataset &data, int iwSamples,
                             quint64 seed, int batchSize)
{
    try {
        auto model = makeVae(spec, 0);
        if (Status s = loadParameters(*model, weights); !s)
            return Result<ElboSummary>::failure(s.error());
        auto gen = at::detail::createCPUGenerator(seed);
        return Result<ElboSummary>::success(evaluateElbo(*model, Batcher(data), spec.likelihood, iwSamples, gen, batchSize));
    } catch (const std::exception &e) {
        return Result<ElboSummary>::failure(QString::fromLocal8Bit(e.what()).section(QLatin1Char('\n'), 0, 0));
    }
}

} // namespace Evaluator
