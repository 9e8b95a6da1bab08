#include "transfer/fewshotmath.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace FewShotMath {

MeanWithCi meanWithCi(const QVector<double> &values)
{
    MeanWithCi m;
    m.count = values.size();
    if (values.isEmpty())
        return m;
    double sum = 0;
    for (double v : values)
        sum += v;
    m.mean = sum / values.size();
    if (values.size() > 1) {
        double squares = 0;
        for (double v : values)
            squares += (v - m.mean) * (v - m.mean);
        m.sd = std::sqrt(squares / (values.size() - 1));
        m.ci95 = 1.96 * m.sd / std::sqrt(double(values.size()));
    }
    return m;
}

double prototypeAccuracy(const QVector<float> &support, const QVector<int> &supportLabels, const QVector<float> &query,
                         const QVector<int> &queryLabels, int dim, int classCount)
{
    if (dim <= 0 || classCount <= 0 || queryLabels.isEmpty())
        return 0;
    QVector<double> prototypes(qsizetype(classCount) * dim, 0.0);
    QVector<int> counts(classCount, 0);
    for (int i = 0; i < supportLabels.size(); ++i) {
        const int c = supportLabels[i];
        ++counts[c];
        for (int k = 0; k < dim; ++k)
            prototypes[c * dim + k] += support[qsizetype(i) * dim + k];
    }
    for (int c = 0; c < classCount; ++c)
        for (int k = 0; k < dim; ++k)
            prototypes[c * dim + k] /= std::max(1, counts[c]);
    int correct = 0;
    for (int q = 0; q < queryLabels.size(); ++q) {
        int best = -1;
        double bestDistance = std::numeric_limits<double>::infinity();
        for (int c = 0; c < classCount; ++c) {
            if (counts[c] == 0)
                continue;
            double distance = 0;
            for (int k = 0; k < dim; ++k) {
                const double diff = query[qsizetype(q) * dim + k] - prototypes[c * dim + k];
                distance += diff * diff;
            }
            if (distance < bestDistance) {
                bestDistance = distance;
                best = c;
            }
        }
        correct += best == queryLabels[q];
    }
    return double(correct) / queryLabels.size();
}

QVector<float> gatherRows(const QVector<float> &matrix, int dim, const QVector<int> &indices)
{
    QVector<float> out;
    out.reserve(qsizetype(indices.size()) * dim);
    for (int i : indices)
        out.append(matrix.mid(qsizetype(i) * dim, dim));
    return out;
}

} // namespace FewShotMath
