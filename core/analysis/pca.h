#pragma once

#include <QPointF>
#include <QVector>

/// A two-component PCA of row-major count × dim data, found by power iteration with deflation.
/// With dim == 2 it is the identity, so a 2-D latent space is shown as it is.
class Pca
{
public:
    /// Fits the mean and the two leading principal directions of `data` (count × dim, row-major).
    static Pca fit(const QVector<float> &data, int dim);

    bool isValid() const { return m_dim > 0; }
    int dim() const { return m_dim; }
    /// Fraction of the total variance each component explains (0 for the identity map).
    double explainedVariance(int component) const { return m_explained[component]; }

    QPointF project(const float *z) const;
    QPointF project(const QVector<float> &z) const { return project(z.constData()); }
    /// Back to latent space: the mean plus the point's coordinates along both directions.
    QVector<float> inverse(QPointF point) const;

private:
    int m_dim = 0;
    QVector<double> m_mean;
    QVector<double> m_axes[2];
    double m_explained[2] = {0, 0};
};
