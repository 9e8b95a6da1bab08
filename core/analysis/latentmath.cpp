#include "analysis/latentmath.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace LatentMath {

QVector<int> dimsByKl(const QVector<double> &klPerDim, int latentDim)
{
    QVector<int> dims(latentDim);
    std::iota(dims.begin(), dims.end(), 0);
    if (klPerDim.size() != latentDim)
        return dims;
    std::stable_sort(dims.begin(), dims.end(), [&](int a, int b) { return klPerDim[a] > klPerDim[b]; });
    return dims;
}

QVector<double> meanVariance(const QVector<float> &means, int dim)
{
    const qsizetype count = dim > 0 ? means.size() / dim : 0;
    if (count == 0)
        return {};
    QVector<double> sum(dim, 0.0), sumSquares(dim, 0.0);
    for (qsizetype n = 0; n < count; ++n)
        for (int d = 0; d < dim; ++d) {
            const double v = means[n * dim + d];
            sum[d] += v;
            sumSquares[d] += v * v;
        }
    QVector<double> variance(dim);
    for (int d = 0; d < dim; ++d)
        variance[d] = qMax(0.0, sumSquares[d] / count - (sum[d] / count) * (sum[d] / count));
    return variance;
}

int activeCount(const QVector<double> &muVariance)
{
    return int(
        std::count_if(muVariance.begin(), muVariance.end(), [](double v) { return v > kActiveVarianceThreshold; }));
}

bool isActive(const QVector<double> &muVariance, int dim)
{
    return dim < 0 || dim >= muVariance.size() || muVariance[dim] > kActiveVarianceThreshold;
}

QVector<float> samplePrior(int latentDim, std::mt19937 &rng)
{
    std::normal_distribution<float> normal(0.0f, 1.0f);
    QVector<float> z(latentDim);
    for (float &v : z)
        v = normal(rng);
    return z;
}

double normalQuantile(double p)
{
    p = std::clamp(p, 1e-9, 1.0 - 1e-9);
    double lo = -10, hi = 10;
    for (int i = 0; i < 80; ++i) {
        const double mid = 0.5 * (lo + hi);
        if (0.5 * std::erfc(-mid / std::sqrt(2.0)) < p)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

QVector<QVector<float>> interpolate(const QVector<float> &a, const QVector<float> &b, int steps)
{
    QVector<QVector<float>> out;
    if (a.size() != b.size() || steps < 2)
        return out;
    for (int s = 0; s < steps; ++s) {
        const float t = float(s) / float(steps - 1);
        QVector<float> z(a.size());
        for (int i = 0; i < a.size(); ++i)
            z[i] = (1 - t) * a[i] + t * b[i];
        out.append(z);
    }
    return out;
}

} // namespace LatentMath
