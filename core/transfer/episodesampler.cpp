#include "transfer/episodesampler.h"

#include <QCoreApplication>

#include <algorithm>
#include <numeric>

EpisodeSampler::EpisodeSampler(const QVector<int> &labels, const QVector<int> &allowedClasses, int ways, int shots,
                               int queries, quint64 seed)
    : m_ways(ways)
    , m_shots(shots)
    , m_queries(queries)
    , m_rng(seed)
{
    for (int c : allowedClasses) {
        if (m_classes.contains(c))
            continue;
        QVector<int> indices;
        for (int i = 0; i < labels.size(); ++i)
            if (labels[i] == c)
                indices.append(i);
        if (indices.size() >= shots + queries) {
            m_classes.append(c);
            m_indicesByClass.append(indices);
        }
    }
    if (ways < 2 || shots < 1 || queries < 1)
        m_problem = QCoreApplication::translate("EpisodeSampler",
                                                "An episode needs 2 ways or more, 1 shot or more and 1 query or more.");
    else if (m_classes.size() < ways)
        m_problem = QCoreApplication::translate(
                        "EpisodeSampler",
                        "Only %1 class(es) have the %2 images (shots + queries) a %3-way episode needs from each.")
                        .arg(m_classes.size())
                        .arg(shots + queries)
                        .arg(ways);
}

Episode EpisodeSampler::next()
{
    Episode e;
    if (!m_problem.isEmpty())
        return e;
    QVector<int> order(m_classes.size());
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), m_rng);
    for (int way = 0; way < m_ways; ++way) {
        QVector<int> pool = m_indicesByClass[order[way]];
        // A partial Fisher–Yates draw: the first shots + queries entries are distinct, so support and query never share an image.
        for (int i = 0; i < m_shots + m_queries; ++i) {
            std::uniform_int_distribution<int> pick(i, pool.size() - 1);
            std::swap(pool[i], pool[pick(m_rng)]);
        }
        e.classes.append(m_classes[order[way]]);
        for (int i = 0; i < m_shots; ++i) {
            e.support.append(pool[i]);
            e.supportLabels.append(way);
        }
        for (int i = m_shots; i < m_shots + m_queries; ++i) {
            e.query.append(pool[i]);
            e.queryLabels.append(way);
        }
    }
    return e;
}
