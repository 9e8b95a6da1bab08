// What ElboPlotPanel shows of its series: the ranges that follow the run (the loss axis without its outliers when asked)
// and the figures of the epoch under the pointer. The series themselves are in elboplotpanel.cpp, the exports in
// elboplotexport.cpp.
#include "elboplotpanel.h"

#include "decimatedseries.h"
#include "epochreadout.h"
#include "plotinclude.h"

#include <QCheckBox>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace {

constexpr double kHoverPixels = 8; // how near an epoch's markers the pointer shows its figures
// Ignoring outliers: past this span the loss axis stops at this quantile of each batch series' shown values.
constexpr double kOutlierSpanEpochs = 2;
constexpr double kOutlierQuantile = 0.97;
constexpr int kOutlierMinPoints = 50;

} // namespace

void ElboPlotPanel::fitAll()
{
    m_followWidth = 0;
    const bool blocked = m_follow->blockSignals(true);
    m_follow->setChecked(true);
    m_follow->blockSignals(blocked);
    followLatest();
}

void ElboPlotPanel::followLatest()
{
    if (!m_follow->isChecked()) {
        requestReplot();
        return;
    }
    const DecimatedSeries &series = *m_series[NegElbo];
    double last = series.count() > 0 ? series.keys().last() : 0.0;
    if (testPointCount() > 0)
        last = qMax(last, (m_test[NegElbo]->data()->constEnd() - 1)->key);
    if (!m_reference->data()->isEmpty()) // the previous run's whole length: where this one stands against it
        last = qMax(last, (m_reference->data()->constEnd() - 1)->key);
    const double first = series.count() > 0 ? qMin(series.keys().first(), 0.0) : 0.0;
    QCPRange keys(first, qMax(last, first + 1.0));
    if (m_followWidth > 0 && keys.size() > m_followWidth)
        keys = QCPRange(last - m_followWidth, last);
    m_plot->xAxis->setRange(keys.lower, keys.upper + keys.size() * 0.02);

    QCPRange values;
    if (lossRange(keys, &values)) {
        if (isLogScale())
            m_plot->yAxis->setRange(values.lower / 1.2, values.upper * 1.2);
        else {
            const double pad = qMax(values.size() * 0.05, 1e-3);
            m_plot->yAxis->setRange(values.lower - pad, values.upper + pad);
        }
    } else {
        m_plot->yAxis->setRange(isLogScale() ? QCPRange(0.1, 1000) : QCPRange(0, 1));
    }
    bool foundAccuracy = false;
    const QCPRange accuracy = m_accuracy->getValueRange(foundAccuracy, QCP::sdBoth, keys);
    if (foundAccuracy) {
        // Room around the values, but never beyond what a percentage can be.
        const double pad = qMax(accuracy.size() * 0.1, 1.0);
        m_plot->yAxis2->setRange(qMax(0.0, accuracy.lower - pad), qMin(100.0, accuracy.upper + pad));
    }
    requestReplot();
}

QString ElboPlotPanel::readoutAt(const QPointF &position) const
{
    const QRect axes = m_plot->axisRect()->rect();
    if (position.y() < axes.top() || position.y() > axes.bottom())
        return {};
    // The nearest epoch of this run or of the previous one (which may have run longer).
    int epoch = -1;
    double nearestDistance = kHoverPixels;
    const auto consider = [&](int candidate) {
        const double distance = std::abs(m_plot->xAxis->coordToPixel(candidate + 1) - position.x());
        if (distance <= nearestDistance) {
            epoch = candidate;
            nearestDistance = distance;
        }
    };
    for (const EpochStats &stats : m_epochs)
        consider(stats.epoch);
    for (auto it = m_referenceEpochs.cbegin(); it != m_referenceEpochs.cend(); ++it)
        consider(it.key());
    if (epoch < 0)
        return {};
    const auto stats =
        std::find_if(m_epochs.cbegin(), m_epochs.cend(), [epoch](const EpochStats &s) { return s.epoch == epoch; });
    QString text =
        stats != m_epochs.cend() ? EpochReadout::detailed(*stats, m_validation) : tr("Epoch %1").arg(epoch + 1);
    if (const auto previous = m_referenceEpochs.constFind(epoch); previous != m_referenceEpochs.cend()) {
        const QString value = QString::number(previous.value(), 'f', 2);
        text += QLatin1Char('\n') + tr("%1: −ELBO %2 nats").arg(m_referenceLabel, value);
    }
    return text;
}

void ElboPlotPanel::showReadout(QMouseEvent *event)
{
    if (event->buttons() != Qt::NoButton)
        return; // a drag pans the plot
    const QString text = readoutAt(event->position());
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, m_plot);
}

/// The loss axis's range over `keys`: every value, or, ignoring outliers over a long enough span, each batch series
/// up to its kOutlierQuantile; the test markers and the previous run whole either way.
bool ElboPlotPanel::lossRange(const QCPRange &keys, QCPRange *range) const
{
    const QCP::SignDomain domain = isLogScale() ? QCP::sdPositive : QCP::sdBoth;
    const bool trim = m_ignoreOutliers->isChecked() && keys.size() >= kOutlierSpanEpochs;
    bool have = false;
    auto include = [&](const QCPRange &r) {
        *range = have ? QCPRange(qMin(range->lower, r.lower), qMax(range->upper, r.upper)) : r;
        have = true;
    };
    QVector<double> shown;
    for (int g = 0; g < m_plot->graphCount(); ++g) {
        const QCPGraph *graph = m_plot->graph(g);
        if (graph == m_accuracy)
            continue; // its own axis
        const bool marker =
            graph == m_reference || std::find(std::begin(m_test), std::end(m_test), graph) != std::end(m_test);
        shown.clear();
        if (trim && !marker) {
            const auto data = graph->data();
            for (auto it = data->findBegin(keys.lower, false); it != data->findEnd(keys.upper, false); ++it)
                if (std::isfinite(it->value) && (domain == QCP::sdBoth || it->value > 0))
                    shown.append(it->value);
        }
        if (shown.size() >= kOutlierMinPoints) {
            const auto cut = shown.begin() + qsizetype(kOutlierQuantile * (shown.size() - 1));
            std::nth_element(shown.begin(), cut, shown.end());
            include(QCPRange(*std::min_element(shown.begin(), cut + 1), *cut));
            continue;
        }
        bool found = false;
        const QCPRange r = graph->getValueRange(found, domain, keys);
        if (found)
            include(r);
    }
    return have;
}

void ElboPlotPanel::requestReplot()
{
    // Queued: many batches arriving in one event-loop turn cost one repaint.
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}
