#pragma once

// Private to core: what the trainer needs to train the semi-supervised model (model/semisupervised_p.h): which
// training images keep their labels, every image's class, and one step's gradients.

#include "data/batching_p.h"
#include "model/mlpstep_p.h"
#include "training/trainconfig.h"

#include <QString>
#include <QVector>

#include <torch/torch.h>

#include <optional>

class VaeImpl;

class SemiSupervisedLabels
{
public:
    /// Draws the labelled images of `train` (the config's K per class, with its seed) and maps every image's label to
    /// the model's class. Returns a message when the data cannot train `config.model`, else empty.
    QString setUp(const TrainConfig &config, const Dataset &train, const Dataset &test);

    /// One step's gradients on the batch `x` (the training images at `indices`): with every label kept, the batch's
    /// labelled bound; otherwise its marginal bound beside a labelled batch of up to `batchSize` drawn from
    /// `generator`.
    StepLoss step(VaeImpl &model, const TrainConfig &config, int batchSize, const torch::Tensor &indices,
                  const torch::Tensor &x, double beta, at::Generator &generator) const;

    /// Each test image's class (−1: a label the model does not know), for the classifier's accuracy.
    const QVector<int> &testTargets() const { return m_testTargets; }

private:
    QVector<int> m_testTargets;
    torch::Tensor m_trainTargets, m_labelledTargets;
    std::optional<Batcher> m_labelledBatches;
};
