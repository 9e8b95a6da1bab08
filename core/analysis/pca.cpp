#include "analysis/pca.h"

#include <cmath>

namespace {

constexpr int kIterations = 200;
constexpr double kTolerance = 1e-10;

double dot(const QVector<double> &a, const QVector<double> &b)
{
    double s = 0;
    for (int i = 0; i < a.size(); ++i)
        s += a[i] * b[i];
    return s;
}

QVector<double> multiply(const QVector<double> &matrix, const QVector<double> &v)
{
    const int d = int(v.size());
    QVector<double> out(d, 0.0);
    for (int r = 0; r < d; ++r)
        for (int c = 0; c < d; ++c)
            out[r] += matrix[r * d + c] * v[c];
    return out;
}

/// Leading eigenvector of a symmetric matrix; the start vector is fixed so the result is deterministic.
QVector<double> leadingEigenvector(const QVector<double> &matrix, int d, double *eigenvalue)
{
    QVector<double> v(d);
    for (int i = 0; i < d; ++i)
        v[i] = 1.0 + 0.1 * i;
    double norm = std::sqrt(dot(v, v));
    for (double &x : v)
        x /= norm;
    *eigenvalue = 0;
    for (int it = 0; it < kIterations; ++it) {
        QVector<double> next = multiply(matrix, v);
        norm = std::sqrt(dot(next, next));
        if (norm < kTolerance)
            return v; // the remaining variance is zero; any unit direction will do
        for (double &x : next)
            x /= norm;
        const double change = 1.0 - std::abs(dot(next, v));
        v = next;
        *eigenvalue = norm;
        if (change < kTolerance)
            break;
    }
    return v;
}

} // namespace

Pca Pca::fit(const QVector<float> &data, int dim)
{
    Pca pca;
    if (dim <= 0)
        return pca;
    pca.m_dim = dim;
    pca.m_mean = QVector<double>(dim, 0.0);
    pca.m_axes[0] = QVector<double>(dim, 0.0);
    pca.m_axes[1] = QVector<double>(dim, 0.0);
    if (dim <= 2) {
        // Identity: the plot shows the latent coordinates themselves (the second axis is empty for dim 1).
        pca.m_axes[0][0] = 1;
        if (dim == 2)
            pca.m_axes[1][1] = 1;
        return pca;
    }
    const int count = int(data.size() / dim);
    if (count == 0)
        return pca;
    for (int n = 0; n < count; ++n)
        for (int i = 0; i < dim; ++i)
            pca.m_mean[i] += data[n * dim + i];
    for (double &m : pca.m_mean)
        m /= count;

    QVector<double> covariance(dim * dim, 0.0);
    QVector<double> centred(dim);
    for (int n = 0; n < count; ++n) {
        for (int i = 0; i < dim; ++i)
            centred[i] = data[n * dim + i] - pca.m_mean[i];
        for (int r = 0; r < dim; ++r)
            for (int c = r; c < dim; ++c)
                covariance[r * dim + c] += centred[r] * centred[c];
    }
    double trace = 0;
    for (int r = 0; r < dim; ++r) {
        for (int c = r; c < dim; ++c) {
            covariance[r * dim + c] /= count;
            covariance[c * dim + r] = covariance[r * dim + c];
        }
        trace += covariance[r * dim + r];
    }

    for (int k = 0; k < 2; ++k) {
        double eigenvalue = 0;
        pca.m_axes[k] = leadingEigenvector(covariance, dim, &eigenvalue);
        pca.m_explained[k] = trace > 0 ? eigenvalue / trace : 0;
        // Deflate so the next power iteration finds the next direction.
        for (int r = 0; r < dim; ++r)
            for (int c = 0; c < dim; ++c)
                covariance[r * dim + c] -= eigenvalue * pca.m_axes[k][r] * pca.m_axes[k][c];
    }
    return pca;
}

QPointF Pca::project(const float *z) const
{
    double p[2] = {0, 0};
    for (int k = 0; k < 2; ++k)
        for (int i = 0; i < m_dim; ++i)
            p[k] += (z[i] - m_mean[i]) * m_axes[k][i];
    return {p[0], p[1]};
}

QVector<float> Pca::inverse(QPointF point) const
{
    QVector<float> z(m_dim);
    for (int i = 0; i < m_dim; ++i)
        z[i] = float(m_mean[i] + point.x() * m_axes[0][i] + point.y() * m_axes[1][i]);
    return z;
}
