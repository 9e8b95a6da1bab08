// The results page's chart (transferresultspage.cpp has the rest of the page): each row of the table as a group of
// bars, the raw pixels' figure as the line to beat.
#include "transferresultspage.h"

#include "plotinclude.h"
#include "transferwizard.h"

#include <cmath>
#include <limits>

void TransferResultsPage::fillChart(const TransferReport &report, const TransferVerdict &verdict)
{
    m_chart->clearPlottables(); // the bars and the pixels' line
    // One group of bars per row of the table, centred on its name: only the figures the row has (the semi-supervised
    // strategy's is its own classifier's, a series of its own; a classifier from scratch has one figure).
    struct Group
    {
        QString name;
        double probe, knn, tuned, own;
    };
    constexpr double kNotMeasured = std::numeric_limits<double>::quiet_NaN();
    QVector<Group> groups;
    for (const StrategyResult &s : report.strategies) {
        const bool own = s.strategy == TransferStrategy::SemiSupervised;
        groups.append({TransferWizard::strategyTitle(s.strategy), own ? kNotMeasured : s.probe.mean, s.knn.mean,
                       s.finetune.mean, own ? s.probe.mean : kNotMeasured});
    }
    // The baselines, as in the table: the unadapted source encoder, a classifier from scratch, raw pixels.
    groups.append({tr("unadapted source"), report.sourceProbe.mean, report.sourceKnn.mean, kNotMeasured, kNotMeasured});
    groups.append({tr("scratch clf."), kNotMeasured, kNotMeasured, report.scratchClassifier.mean, kNotMeasured});
    groups.append({tr("raw pixels"), report.pixelProbe.mean, report.pixelKnn.mean, kNotMeasured, kNotMeasured});
    const struct
    {
        QString name;
        QColor colour;
        double Group::*figure;
    } series[] = {{tr("linear probe"), QColor(31, 119, 180), &Group::probe},
                  {tr("k-NN"), QColor(44, 160, 44), &Group::knn},
                  {tr("fine-tuned classifier"), QColor(255, 127, 14), &Group::tuned},
                  {tr("own classifier (semi-supervised)"), QColor(148, 103, 189), &Group::own}};
    constexpr double kBarWidth = 0.26, kBarStep = 0.27;
    QVector<QCPBars *> bars;
    for (const auto &one : series) {
        auto *b = new QCPBars(m_chart->xAxis, m_chart->yAxis);
        b->setName(one.name);
        b->setBrush(one.colour);
        b->setWidth(kBarWidth);
        bars.append(b);
    }
    QVector<double> ticks;
    QVector<QString> labels;
    for (int g = 0; g < groups.size(); ++g) {
        const double tick = g + 1;
        ticks << tick;
        labels << groups[g].name;
        QVector<int> present;
        for (int k = 0; k < bars.size(); ++k)
            if (std::isfinite(groups[g].*series[k].figure))
                present << k;
        for (int i = 0; i < present.size(); ++i)
            bars[present[i]]->addData(tick + (i - (present.size() - 1) / 2.0) * kBarStep,
                                      100 * (groups[g].*series[present[i]].figure));
    }
    for (QCPBars *b : std::as_const(bars))
        if (b->dataCount() == 0) // a series no row has (the own classifier without the semi-supervised strategy)
            m_chart->removePlottable(b);
    const double end = groups.size() + 0.7;
    // The line to beat, across every group: the better classifier on the raw pixels (the answer's baseline).
    if (const double line = report.verdictPixels(verdict).mean; std::isfinite(line)) {
        QCPGraph *pixels = m_chart->addGraph(m_chart->xAxis, m_chart->yAxis);
        pixels->setName(tr("raw pixels (to beat)"));
        pixels->setPen(QPen(QColor(90, 90, 90), 1.5, Qt::DashLine));
        pixels->setData({0.3, end}, {100 * line, 100 * line});
    }
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    ticker->addTicks(ticks, labels);
    m_chart->xAxis->setTicker(ticker);
    m_chart->xAxis->setTickLabelRotation(-45); // each name ends under its group's centre
    m_chart->xAxis->setRange(0.3, end);
    m_chart->yAxis->setRange(0, 104); // a bar at 100 % stays clear of the frame
    m_chart->yAxis->setLabel(tr("test accuracy (%)"));
    m_chart->legend->setVisible(true);
    m_chart->replot();
}
