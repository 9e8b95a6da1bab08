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

/// How the linear probe scales its features before fitting.
enum class ProbeScaling {
    /// Each dimension to zero mean and unit variance (training statistics): one learning rate fits raw pixels. On a
    /// VAE's μ it blows inactive dimensions (variance < 0.01, pure noise) up to the active ones' size.
    Standardise,
    /// The features as they are (centred only): μ's scale already says how much each dimension carries. Measured
    /// on a validation split (Fashion-MNIST training images 50k-60k, MNIST source, 10 labels per class, 3 draws): the
    /// probe on raw μ 63.0 % / 64.7 % (source / fine-tuned encoder) against 61.9 % / 59.9 % standardised, and
    /// 61.9 % / 60.0 % on the active dimensions (variance ≥ 0.01) standardised.
    Raw,
};

/// Settings of the downstream classifiers trained on the few labelled target images.
struct ClassifierOptions
{
    int probeSteps = 500; ///< full-batch Adam steps of the logistic regression
    double probeLearningRate = 0.05;
    double probeL2 = 1e-3; ///< L2 penalty on the probe's weights (the bias is free)
    ProbeScaling pixelScaling = ProbeScaling::Standardise;
    ProbeScaling latentScaling = ProbeScaling::Raw;
    int knnNeighbours = 1;   ///< k of the k-NN classifier (Euclidean distance; ties go to the nearer neighbour's class)
    int finetuneSteps = 300; ///< Adam steps of the encoder + head (mini-batches of ≤ 64)
    double finetuneLearningRate = 1e-3;
    quint64 seed = 1;
};

namespace Classifiers {

/// Raw pixels in [0, 1] as features (the pixel baseline).
FeatureSet pixelFeatures(const Dataset &data);

/// A classifier's predicted class for each test image, in the test set's order.
using Predictions = QVector<int>;

/// The fraction of `predicted` equal to `labels` (NaN when they are empty or of different sizes).
double accuracy(const Predictions &predicted, const QVector<int> &labels);

/// Multinomial logistic regression on the features scaled as `scaling` says (training statistics), fit on `train`;
/// returns its prediction for each `test` vector.
Result<Predictions> linearProbe(const FeatureSet &train, const FeatureSet &test, int classCount,
                                const ClassifierOptions &options, ProbeScaling scaling = ProbeScaling::Standardise);

/// k-nearest neighbours (k = options.knnNeighbours, Euclidean) of each `test` vector among `train`: their vote.
Result<Predictions> knn(const FeatureSet &train, const FeatureSet &test, int classCount,
                        const ClassifierOptions &options);

/// The VAE's encoder mean μ(x) followed by a linear head, trained end to end with cross-entropy on `train`;
/// `weights` empty = the same architecture from a random initialisation. Returns its prediction for each `test`
/// image. `stop` (optional) is read every step; a stopped run fails with a message.
Result<Predictions> encoderClassifier(const ModelSpec &spec, const QVector<float> &weights, const Dataset &train,
                                      const Dataset &test, int classCount, const ClassifierOptions &options,
                                      const std::atomic_bool *stop = nullptr);

} // namespace Classifiers
