#pragma once

#include <QVector>

class QCPGraph;

/// One quantity drawn twice: faint raw points and a smoothed line. Every value is kept (for export), but
/// the graphs only get every `stride`-th one, and the stride doubles whenever more than `maxShown`
/// points would be drawn, so a long run costs the plot the same as a short one.
///
/// The smoothed line is an exponential average over the key (the fractional epoch), not over reports: batch
/// reports are throttled by wall-clock time, so a constant per report would smooth over a different span of
/// training on every machine. Each average is drawn at the average of its own keys (its centre of mass), so a
/// steadily falling loss is drawn on the points, not one time constant above them.
class DecimatedSeries
{
public:
    /// `timeConstant`: the smoothing span, in key units (epochs).
    DecimatedSeries(QCPGraph *raw, QCPGraph *smooth, int maxShown, double timeConstant);

    /// Appends a value; with `smooth` false the smoothed line restarts at it (restored epoch averages).
    void add(double key, double value, bool smooth = true);
    void clear();
    /// Forgets the values after `key` (a failed or stopped epoch that a continued run trains again).
    void dropAfter(double key);

    int count() const { return int(m_keys.size()); }
    int shownCount() const;
    int stride() const { return m_stride; }
    double timeConstant() const { return m_timeConstant; }
    const QVector<double> &keys() const { return m_keys; }
    const QVector<double> &values() const { return m_values; }
    /// The smoothed value after each key, and the key it is drawn at.
    const QVector<double> &smoothed() const { return m_smoothed; }
    const QVector<double> &smoothedKeys() const { return m_smoothedKeys; }

private:
    /// How much of the average the newest value replaces.
    double weightOfNew(double key) const;
    void rebuildGraphs();

    QCPGraph *m_raw;
    QCPGraph *m_smooth;
    int m_maxShown;
    double m_timeConstant;
    int m_stride = 1;
    double m_average = 0;
    double m_averageKey = 0;
    double m_startKey = 0; ///< where the average last (re)started
    QVector<double> m_keys;
    QVector<double> m_values;
    QVector<double> m_smoothed;
    QVector<double> m_smoothedKeys;
};
