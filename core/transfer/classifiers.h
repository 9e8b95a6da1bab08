#pragma once

#include "data/dataset.h"
#include "model/modelspec.h"
#include "util/result.h"

#include <QVector>

#include <atomic>

/// Row-major feature vectors with their labels, e.g. encoder means or raw pixels.
struct FeatureSet
{
    QVector<float> values; ///< count × dim
    int dim = 0;
    QVector<int> labels;
    int count() const { return dim == 0 ? 0 : int(values.size() / dim); }
};

/// Settings of the downstream classifiers trained on the few labelled target images.
struct ClassifierOptions
{
    int probeSteps = 500; ///< full-batch Adam steps of the logistic regression
    double probeLearningRate = 0.05;
    double probeL2 = 1e-3;   ///< L2 penalty on the probe's weights (the bias is free)
    int finetuneSteps = 300; ///< Adam steps of the encoder + head (mini-batches of ≤ 64)
    double finetuneLearningRate = 1e-3;
    quint64 seed = 1;
};

namespace Classifiers {

/// Raw pixels in [0, 1] as features (the pixel baseline).
FeatureSet pixelFeatures(const Dataset &data);

/// Multinomial logistic regression on standardised features (train statistics), fit on `train`;
/// returns the accuracy on `test` in [0, 1].
Result<double> linearProbeAccuracy(const FeatureSet &train, const FeatureSet &test, int classCount,
                                   const ClassifierOptions &options);

/// The VAE's encoder mean μ(x) followed by a linear head, trained end to end with cross-entropy on `train`;
/// `weights` empty = the same architecture from a random initialisation. Returns the accuracy on `test`.
/// `stop` (optional) is read every step; a stopped run fails with a message.
Result<double> encoderClassifierAccuracy(const ModelSpec &spec, const QVector<float> &weights, const Dataset &train,
                                         const Dataset &test, int classCount, const ClassifierOptions &options,
                                         const std::atomic_bool *stop = nullptr);

} // namespace Classifiers
