#pragma once

#include "analysis/confusionmatrix.h"
#include "model/modelspec.h"

#include <QImage>
#include <QMetaType>
#include <QVector>

#include <cmath>
#include <limits>

/// Throttled per-batch figures (per sample, nats).
struct BatchStats
{
    int epoch = 0; ///< 0-based
    int step = 0;  ///< batch within the epoch, 1-based
    int stepsPerEpoch = 0;
    qint64 globalStep = 0;
    double negElbo = 0, recon = 0, kl = 0; ///< the ELBO terms at β = 1, per sample
    double beta = 1;
    double samplesPerSecond = 0;
    double etaSeconds = 0;
};

/// ELBO figures over a whole dataset, per sample in nats.
struct ElboSummary
{
    double negElbo = std::numeric_limits<double>::quiet_NaN();
    double recon = std::numeric_limits<double>::quiet_NaN();
    double kl = std::numeric_limits<double>::quiet_NaN();
    QVector<double> klPerDim;
    int activeUnits = 0;
    double iwNll = std::numeric_limits<double>::quiet_NaN(); ///< importance-weighted bound, if computed
    int iwSamples = 0;
    /// The semi-supervised model's prediction: the fraction of images whose predicted class is their label (NaN for
    /// the plain VAE or unlabelled data). The prediction is its classifier q(y|x)'s most probable class, or, in a run
    /// with the label graph, the product of q(y|x) and the graph's vote (model/labelgraph.h). q(y|x)'s
    /// KL(q(y|x) ‖ uniform) is part of `kl`.
    double accuracy = std::numeric_limits<double>::quiet_NaN();
    /// The classifier q(y|x) alone (equal to `accuracy` without the label graph).
    double classifierAccuracy = std::numeric_limits<double>::quiet_NaN();
    /// The label graph's vote alone (NaN without it).
    double graphAccuracy = std::numeric_limits<double>::quiet_NaN();
    /// The predictions against the labels of the same images (empty where `accuracy` is NaN).
    ConfusionMatrix confusion;
    /// The predicted class of each image, in order (empty where `accuracy` is NaN). Not saved in checkpoints.
    QVector<int> predictions;
    int samples = 0;
};

/// One finished epoch.
struct EpochStats
{
    int epoch = 0; ///< 0-based
    double beta = 1;
    double trainNegElbo = 0, trainRecon = 0, trainKl = 0; ///< averaged over the epoch's batches
    ElboSummary test;
    double trainSeconds = 0; ///< training only, evaluation excluded
    double samplesPerSecond = 0;
    qint64 globalStep = 0;
};

/// Test inputs beside their reconstructions.
struct ReconstructionSample
{
    int epoch = 0;
    QVector<QImage> inputs;
    QVector<QImage> outputs;
    bool fromValidation = false; ///< the inputs are training images held out for validation, not test images
};

/// A copy of the weights for the GUI's own decoder.
struct ModelSnapshot
{
    ModelSpec spec;
    QVector<float> weights;
    int epoch = 0;
    QVector<double> klPerDim; ///< from the latest evaluation (may be empty)
    bool isValid() const { return !weights.isEmpty(); }
};

Q_DECLARE_METATYPE(BatchStats)
Q_DECLARE_METATYPE(EpochStats)
Q_DECLARE_METATYPE(ReconstructionSample)
Q_DECLARE_METATYPE(ModelSnapshot)
