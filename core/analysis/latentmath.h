#pragma once

#include <QVector>

#include <random>

namespace LatentMath {

/// A latent dimension is active when its encoder mean varies across the data: Var_x(μ_d(x)) above this
/// (Burda et al.'s activity; the same notion and threshold core's evaluator uses to count active units).
constexpr double kActiveVarianceThreshold = 0.01;

/// Dimension indices sorted by KL, largest first (ties and missing KL keep index order).
QVector<int> dimsByKl(const QVector<double> &klPerDim, int latentDim);
/// Per-dimension variance of μ over row-major count × dim means.
QVector<double> meanVariance(const QVector<float> &means, int dim);
/// How many dims have a μ variance above kActiveVarianceThreshold.
int activeCount(const QVector<double> &muVariance);
/// Whether `dim` is active; without figures (empty) nothing is known to be inactive.
bool isActive(const QVector<double> &muVariance, int dim);
/// A draw from the standard normal prior.
QVector<float> samplePrior(int latentDim, std::mt19937 &rng);
/// The standard normal quantile (probit), for manifold grids spaced like the prior's mass.
double normalQuantile(double p);
/// Evenly spaced points from `a` to `b` inclusive (steps >= 2).
QVector<QVector<float>> interpolate(const QVector<float> &a, const QVector<float> &b, int steps);

} // namespace LatentMath
