#pragma once

#include <QVector>

/// How a classifier's predictions fall against the true labels: counts[truth · classes + predicted], over the
/// model's classes (class indices, not dataset labels). Empty for a model without a classifier.
struct ConfusionMatrix
{
    /// One off-diagonal cell: `count` images of class `truth` taken for class `predicted`.
    struct Mistake
    {
        int truth = 0;
        int predicted = 0;
        int count = 0;
    };

    int classes = 0;
    QVector<int> counts;

    explicit ConfusionMatrix(int classCount = 0);

    bool isEmpty() const { return total() == 0; }
    void add(int truth, int predicted);
    int at(int truth, int predicted) const { return counts.at(truth * classes + predicted); }
    int total() const;
    /// Images of class `truth`: its row's sum.
    int rowTotal(int truth) const;
    /// The fraction on the diagonal (NaN when empty): the classifier's accuracy.
    double accuracy() const;
    /// The fraction of class `truth` classified as such (NaN for a class without images).
    double recall(int truth) const;
    /// The `n` largest off-diagonal cells, largest first (ties: by truth, then predicted); none below one image.
    QVector<Mistake> largestMistakes(int n) const;
};
