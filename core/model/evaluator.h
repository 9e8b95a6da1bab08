#pragma once

#include "data/dataset.h"
#include "model/labelgraph.h"
#include "model/modelspec.h"
#include "training/trainstats.h"
#include "util/result.h"

#include <QVector>

namespace Evaluator {

/// −ELBO and its terms over `data` with z sampled (as pytorch/examples does), per-dim KL and active units;
/// with iwSamples > 0 also the importance-weighted bound with K samples (Burda et al.). The semi-supervised model
/// reports its marginal bound U(x) and, where `data` has labels, its classifier's accuracy on the images of its
/// classes; `classes` are the labels it was trained on (TrainConfig::classes; empty = all). With a label graph's
/// `vote` for `data`'s images (LabelGraph::vote), it reports the product as its run did (TrainConfig::labelGraphWeight
/// `graphWeight`), beside q(y|x)'s and the vote's own accuracies.
Result<ElboSummary> evaluate(const ModelSpec &spec, const QVector<float> &weights, const Dataset &data,
                             int iwSamples = 0, quint64 seed = 1, int batchSize = 500, const QVector<int> &classes = {},
                             const LabelGraph::Vote &vote = {}, double graphWeight = 0);

} // namespace Evaluator
