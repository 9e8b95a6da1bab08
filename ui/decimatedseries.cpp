#include "decimatedseries.h"

#include "plotinclude.h"

#include <cmath>

namespace {

/// Early on the span grows with the run, up to the time constant: the loss falls fastest in the first tenths of
/// an epoch, and a full-width average there would reach back to values far above today's.
constexpr double kWarmUpFraction = 0.25;

} // namespace

DecimatedSeries::DecimatedSeries(QCPGraph *raw, QCPGraph *smooth, int maxShown, double timeConstant)
    : m_raw(raw)
    , m_smooth(smooth)
    , m_maxShown(qMax(16, maxShown))
    , m_timeConstant(qMax(0.0, timeConstant))
{ }

double DecimatedSeries::weightOfNew(double key) const
{
    const double step = key - m_keys.last();
    const double span = qMin(m_timeConstant, kWarmUpFraction * (key - m_startKey));
    if (step <= 0)
        return 0.0; // a repeated key adds no time; the value still shows as a raw point
    return span > 0 ? 1.0 - std::exp(-step / span) : 1.0;
}

void DecimatedSeries::add(double key, double value, bool smooth)
{
    if (!std::isfinite(value) || !std::isfinite(key))
        return; // a diverged batch would wreck the axis range; the trainer reports divergence itself
    if (!smooth || m_keys.isEmpty()) {
        // Starts at the first value itself: an average started at 0 and debiased bends toward the early values.
        m_average = value;
        m_averageKey = key;
        m_startKey = key;
    } else {
        const double weight = weightOfNew(key);
        m_average += weight * (value - m_average);
        m_averageKey += weight * (key - m_averageKey);
    }
    m_keys.append(key);
    m_values.append(value);
    m_smoothed.append(m_average);
    m_smoothedKeys.append(m_averageKey);

    const int index = count() - 1;
    if (index % m_stride != 0)
        return;
    m_raw->addData(key, value);
    m_smooth->addData(m_averageKey, m_average);
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
    m_smoothedKeys.clear();
    m_stride = 1;
    m_average = 0;
    m_averageKey = 0;
    m_startKey = 0;
    m_raw->data()->clear();
    m_smooth->data()->clear();
}

void DecimatedSeries::dropAfter(double key)
{
    qsizetype kept = m_keys.size();
    while (kept > 0 && m_keys[kept - 1] > key)
        --kept;
    if (kept == m_keys.size())
        return;
    if (kept == 0)
        return clear();
    m_keys.resize(kept);
    m_values.resize(kept);
    m_smoothed.resize(kept);
    m_smoothedKeys.resize(kept);
    m_average = m_smoothed.last(); // the average goes on from where the kept values left it
    m_averageKey = m_smoothedKeys.last();
    rebuildGraphs();
}

int DecimatedSeries::shownCount() const
{
    return m_raw->data()->size();
}

void DecimatedSeries::rebuildGraphs()
{
    QVector<double> keys, values, smoothKeys, smoothed;
    const int n = count();
    const int shown = n / m_stride + 1;
    keys.reserve(shown);
    values.reserve(shown);
    smoothKeys.reserve(shown);
    smoothed.reserve(shown);
    for (int i = 0; i < n; i += m_stride) {
        keys.append(m_keys[i]);
        values.append(m_values[i]);
        smoothKeys.append(m_smoothedKeys[i]);
        smoothed.append(m_smoothed[i]);
    }
    m_raw->setData(keys, values, /*alreadySorted=*/true);
    m_smooth->setData(smoothKeys, smoothed, /*alreadySorted=*/true);
}
