#include "decimatedseries.h"

#include "plotinclude.h"

DecimatedSeries::DecimatedSeries(QCPGraph *raw, QCPGraph *smooth, int maxShown, double smoothing)
    : m_raw(raw)
    , m_smooth(smooth)
    , m_maxShown(qMax(16, maxShown))
    , m_alpha(smoothing)
{
}

void DecimatedSeries::add(double key, double value, bool smooth)
{
    if (!std::isfinite(value))
        return; // a diverged batch would wreck the axis range; the trainer reports divergence itself
    if (smooth) {
        m_average = (1 - m_alpha) * m_average + m_alpha * value;
        m_weight = (1 - m_alpha) * m_weight + m_alpha;
    } else {
        m_average = value;
        m_weight = 1;
    }
    const double smoothed = m_average / m_weight;
    m_keys.append(key);
    m_values.append(value);
    m_smoothed.append(smoothed);

    const int index = count() - 1;
    if (index % m_stride != 0)
        return;
    m_raw->addData(key, value);
    m_smooth->addData(key, smoothed);
    if (shownCount() > m_maxShown) {
        m_stride *= 2;
        rebuildGraphs();
    }
}

void DecimatedSeries::clear()
{
    m_keys.clear();
    m_values.clear();
    m_smoothed.clear();
    m_stride = 1;
    m_average = 0;
    m_weight = 0;
    m_raw->data()->clear();
    m_smooth->data()->clear();
}

int DecimatedSeries::shownCount() const
{
    return m_raw->data()->size();
}

void DecimatedSeries::rebuildGraphs()
{
    QVector<double> keys, values, smoothed;
    const int n = count();
    keys.reserve(n / m_stride + 1);
    values.reserve(n / m_stride + 1);
    smoothed.reserve(n / m_stride + 1);
    for (int i = 0; i < n; i += m_stride) {
        keys.append(m_keys[i]);
        values.append(m_values[i]);
        smoothed.append(m_smoothed[i]);
    }
    m_raw->setData(keys, values, /*alreadySorted=*/true);
    m_smooth->setData(keys, smoothed, /*alreadySorted=*/true);
}
