#pragma once

#include "analysis/pca.h"
#include "data/dataset.h"
#include "training/trainstats.h"

#include <QPointF>
#include <QString>
#include <QVector>

/// The test set's encoder means in two dimensions: what the latent map draws.
/// Computed off the GUI thread with a model of its own, so it carries only values.
struct LatentProjection
{
    QVector<QPointF> points;    ///< one per encoded image
    QVector<int> indices;       ///< test-set index of each point
    QVector<int> labels;        ///< label of each point (empty when the data has none)
    QVector<float> means;       ///< count × latent encoder means
    QVector<double> muVariance; ///< per-dim variance of μ: the activity of each dim
    Pca pca;
    int latentDim = 0;
    int epoch = 0;
    /// The semi-supervised model keeps the class in y beside z: its μ is q(z|x,y)'s under the class q(y|x) reads,
    /// the style given the class, so the classes are meant to mix on the map.
    bool styleGivenClass = false;
    QString error; ///< set when the model could not be built

    bool isValid() const { return error.isEmpty() && pca.isValid(); }

    /// Encodes up to `maxPoints` test images (spread evenly over the set) with a model built from
    /// `snapshot` on the calling thread.
    static LatentProjection compute(const ModelSnapshot &snapshot, const Dataset &test, int maxPoints);
};
