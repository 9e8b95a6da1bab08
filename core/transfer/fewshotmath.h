#pragma once

#include <QVector>

/// A mean over episodes with its normal-approximation 95 % confidence half-width, 1.96 · sd / √n.
struct MeanWithCi
{
    double mean = 0;
    double ci95 = 0;
    double sd = 0; ///< sample standard deviation (n − 1)
    int count = 0;
};

namespace FewShotMath {

MeanWithCi meanWithCi(const QVector<double> &values);

/// Nearest-prototype classification: each class's prototype is the mean of its support vectors; a query gets the
/// class of the closest prototype (squared Euclidean). Vectors are rows of `dim` floats. Returns accuracy in [0, 1].
double prototypeAccuracy(const QVector<float> &support, const QVector<int> &supportLabels, const QVector<float> &query,
                         const QVector<int> &queryLabels, int dim, int classCount);

/// Rows `indices` of a row-major matrix with `dim` columns.
QVector<float> gatherRows(const QVector<float> &matrix, int dim, const QVector<int> &indices);

} // namespace FewShotMath
