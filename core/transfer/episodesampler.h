#pragma once

#include <QString>
#include <QVector>

#include <random>

/// One N-way K-shot episode: indices into the sampled dataset, labels renumbered 0…ways−1 by `classes`.
struct Episode
{
    QVector<int> classes;       ///< the original labels, in episode order
    QVector<int> support;       ///< ways × shots indices, class by class
    QVector<int> query;         ///< ways × queries indices, class by class
    QVector<int> supportLabels; ///< episode labels (0…ways−1) of `support`
    QVector<int> queryLabels;   ///< episode labels of `query`
};

/// Draws episodes from the images whose label is in `allowedClasses`: `ways` distinct classes, then for each
/// class `shots + queries` distinct images split between support and query, so nothing is in both.
class EpisodeSampler
{
public:
    EpisodeSampler(const QVector<int> &labels, const QVector<int> &allowedClasses, int ways, int shots, int queries,
                   quint64 seed);

    /// Empty when episodes can be drawn; otherwise why not (too few classes or images per class).
    QString problem() const { return m_problem; }
    Episode next();

private:
    QVector<int> m_classes;
    QVector<QVector<int>> m_indicesByClass; // parallel to m_classes
    int m_ways, m_shots, m_queries;
    std::mt19937_64 m_rng;
    QString m_problem;
};
