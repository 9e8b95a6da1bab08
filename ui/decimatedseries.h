#pragma once

#include <QVector>

class QCPGraph;

/// One quantity drawn twice: faint raw points and a smoothed line. Every value is kept (for export), but
/// the graphs only get every `stride`-th one, and the stride doubles whenever more than `maxShown`
/// points would be drawn, so a long run costs the plot the same as a short one.
class DecimatedSeries
{
public:
    DecimatedSeries(QCPGraph *raw, QCPGraph *smooth, int maxShown, double smoothing);

    /// Appends a value; with `smooth` false the smoothed line restarts at it (restored epoch averages).
    void add(double key, double value, bool smooth = true);
    void clear();

    int count() const { return int(m_keys.size()); }
    int shownCount() const;
    int stride() const { return m_stride; }
    const QVector<double> &keys() const { return m_keys; }
    const QVector<double> &values() const { return m_values; }
    const QVector<double> &smoothed() const { return m_smoothed; }

private:
    void rebuildGraphs();

    QCPGraph *m_raw;
    QCPGraph *m_smooth;
    int m_maxShown;
    double m_alpha;
    int m_stride = 1;
    double m_average = 0; ///< exponential moving average, debiased by m_weight (as TensorBoard does)
    double m_weight = 0;
    QVector<double> m_keys;
    QVector<double> m_values;
    QVector<double> m_smoothed;
};
