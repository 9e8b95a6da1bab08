#include "training/semisupervisedlabels_p.h"

#include "data/labelleddraw.h"
#include "model/semisupervised_p.h"
#include "training/trainer.h"
#include "util/seedstreams.h"

namespace {

torch::Tensor longTensor(const QVector<int> &values)
{
    return torch::tensor(std::vector<int64_t>(values.begin(), values.end()), torch::kLong);
}

} // namespace

QString SemiSupervisedLabels::setUp(const TrainConfig &config, const Dataset &train, const Dataset &test)
{
    const QVector<int> classLabels = LabelledDraw::classLabels(train, config.classes);
    if (train.hasLabels() && classLabels.size() != config.model.classes)
        return Trainer::tr("The model distinguishes %1 classes, but the training data has %2.")
            .arg(config.model.classes)
            .arg(classLabels.size());
    const auto labelled =
        LabelledDraw::draw(train, classLabels, config.labelsPerClass, SeedStreams::labelledDraw(config.seed));
    if (!labelled)
        return labelled.error();
    m_trainTargets = longTensor(LabelledDraw::modelTargets(train, classLabels));
    m_labelledTargets = m_trainTargets.index_select(0, longTensor(labelled.value()));
    m_labelledBatches.emplace(train.select(labelled.value()));
    m_testTargets = LabelledDraw::modelTargets(test, classLabels);
    return {};
}

StepLoss SemiSupervisedLabels::step(VaeImpl &model, const TrainConfig &config, int batchSize,
                                    const torch::Tensor &indices, const torch::Tensor &x, double beta,
                                    at::Generator &generator) const
{
    SemiSupervisedWeights weights;
    weights.beta = beta;
    weights.consistency = config.consistencyWeight();
    weights.adversarial = config.adversarial;
    weights.entropy = config.entropy;
    weights.balance = config.balance;
    weights.perturbation = config.perturbationStrength();
    weights.classSampling = config.classSampling;
    const int labelledCount = m_labelledBatches->count();
    SemiStepLoss loss;
    if (config.labelsPerClass == TrainConfig::kAllLabels) {
        weights.labelledWeight = config.alpha;
        loss = semiSupervisedGradients(model, {}, x, m_trainTargets.index_select(0, indices), config.model.likelihood,
                                       weights, generator);
    } else {
        // Kingma et al. weigh Σ_labelled −log q(y|x) by α·N against sums over all N images; on per-image means
        // (this bound's) that is α·N_labelled: 10 for 100 labels, whatever the unlabelled set's size.
        weights.labelledWeight = config.alpha * labelledCount;
        const auto pick =
            at::randint(labelledCount, {std::min<int64_t>(batchSize, labelledCount)}, generator, torch::kLong);
        loss =
            semiSupervisedGradients(model, x, m_labelledBatches->gather(pick), m_labelledTargets.index_select(0, pick),
                                    config.model.likelihood, weights, generator);
    }
    return {loss.recon, loss.kl};
}
