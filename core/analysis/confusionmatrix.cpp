#include "analysis/confusionmatrix.h"

#include <algorithm>
#include <cmath>
#include <numeric>

ConfusionMatrix::ConfusionMatrix(int classCount)
    : classes(std::max(0, classCount))
    , counts(classes * classes, 0)
{ }

void ConfusionMatrix::add(int truth, int predicted)
{
    if (truth >= 0 && truth < classes && predicted >= 0 && predicted < classes)
        ++counts[truth * classes + predicted];
}

int ConfusionMatrix::total() const
{
    return std::accumulate(counts.cbegin(), counts.cend(), 0);
}

int ConfusionMatrix::rowTotal(int truth) const
{
    const auto row = counts.cbegin() + truth * classes;
    return std::accumulate(row, row + classes, 0);
}

double ConfusionMatrix::accuracy() const
{
    int diagonal = 0;
    for (int c = 0; c < classes; ++c)
        diagonal += at(c, c);
    const int n = total();
    return n > 0 ? double(diagonal) / n : std::nan("");
}

double ConfusionMatrix::recall(int truth) const
{
    const int n = rowTotal(truth);
    return n > 0 ? double(at(truth, truth)) / n : std::nan("");
}

QVector<ConfusionMatrix::Mistake> ConfusionMatrix::largestMistakes(int n) const
{
    QVector<Mistake> all;
    for (int t = 0; t < classes; ++t)
        for (int p = 0; p < classes; ++p)
            if (t != p && at(t, p) > 0)
                all.append({t, p, at(t, p)});
    std::stable_sort(all.begin(), all.end(), [](const Mistake &a, const Mistake &b) { return a.count > b.count; });
    return all.mid(0, std::max(0, n));
}
