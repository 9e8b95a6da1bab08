#include "model/evaluator.h"

#include "data/batching_p.h"
#include "data/labelleddraw.h"
#include "model/elbo_p.h"
#include "model/semisupervised_p.h"
#include "model/vae_p.h"
#include "util/errortext.h"

#include <QCoreApplication>

namespace Evaluator {
namespace {

/// Separates the importance samples' noise from the -ELBO pass's (any fixed odd constant would do).
constexpr quint64 kImportanceStream = 0x9e3779b97f4a7c15ULL;

} // namespace

Result<ElboSummary> evaluate(const ModelSpec &spec, const QVector<float> &weights, const Dataset &data, int iwSamples,
                             quint64 seed, int batchSize, const QVector<int> &classes, const LabelGraph::Vote &vote,
                             double graphWeight)
{
    try {
        auto model = makeVae(spec, 0);
        if (Status s = loadParameters(*model, weights); !s)
            return Result<ElboSummary>::failure(s.error());
        if (spec.isSemiSupervised()) {
            if (iwSamples > 0)
                return Result<ElboSummary>::failure(QCoreApplication::translate(
                    "Evaluator", "The importance-weighted bound is not available for the semi-supervised model."));
            auto gen = at::detail::createCPUGenerator(seed);
            const QVector<int> targets =
                LabelledDraw::modelTargets(data, LabelledDraw::classLabels(data.subset(classes), classes));
            torch::Tensor voteLog;
            if (vote.count() == data.count() && vote.classes == spec.classes)
                voteLog = torch::from_blob(const_cast<float *>(vote.logProbability.constData()),
                                           {vote.count(), vote.classes}, torch::kFloat);
            return Result<ElboSummary>::success(evaluateSemiSupervised(*model, Batcher(data), targets, spec.likelihood,
                                                                       gen, batchSize, voteLog, graphWeight));
        }
        // The -ELBO pass draws its z from its own stream, so asking for the IW bound does not change it:
        // `eval` and `eval --iw-samples K` print the same -ELBO for the same seed.
        auto gen = at::detail::createCPUGenerator(seed);
        ElboSummary summary = evaluateElbo(*model, Batcher(data), spec.likelihood, 0, gen, batchSize);
        if (iwSamples > 0) {
            auto iwGen = at::detail::createCPUGenerator(seed ^ kImportanceStream);
            const ElboSummary iw = evaluateElbo(*model, Batcher(data), spec.likelihood, iwSamples, iwGen, batchSize);
            summary.iwNll = iw.iwNll;
            summary.iwSamples = iw.iwSamples;
        }
        return Result<ElboSummary>::success(summary);
    } catch (const std::exception &e) {
        return Result<ElboSummary>::failure(errorText(e));
    }
}

} // namespace Evaluator
