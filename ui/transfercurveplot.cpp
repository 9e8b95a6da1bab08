#include "transfercurveplot.h"

#include "plotinclude.h"
#include "transferplot_p.h"
#include "transferwizard.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSettings>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace {

constexpr double kHoverPixels = 12; // how near an epoch the pointer shows its figures

const QVector<QColor> kStrategyColors{QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44),
                                      QColor(214, 39, 40), QColor(148, 103, 189)};

QString nats(double value)
{
    return QString::number(value, 'f', 1);
}

} // namespace

TransferCurvePlot::TransferCurvePlot(QWidget *parent)
    : QWidget(parent)
{
    m_fitAdapted = new QCheckBox(tr("Scale to the adapted epochs"), this);
    m_fitAdapted->setToolTip(tr("Epoch 0 is each model before adapting: a model of another dataset starts far above "
                                "where the strategies end, which flattens their differences. Ticked, the axis "
                                "shows epochs 1 on and the lines from epoch 0 come down from above it; the results "
                                "table keeps epoch 0 as \"target −ELBO before\"."));
    m_fitAdapted->setChecked(
        QSettings().value(QLatin1String(TransferWizardSettings::kFitAdaptedEpochs), true).toBool());
    connect(m_fitAdapted, &QCheckBox::toggled, this, [this](bool on) {
        QSettings().setValue(QLatin1String(TransferWizardSettings::kFitAdaptedEpochs), on);
        fitAxes();
    });

    m_plot = new QCustomPlot(this);
    m_plot->xAxis->setLabel(tr("epoch"));
    m_plot->yAxis->setLabel(tr("target −ELBO (nats)"));
    auto epochTicks = QSharedPointer<QCPAxisTickerFixed>::create();
    epochTicks->setTickStep(1);
    epochTicks->setScaleStrategy(QCPAxisTickerFixed::ssMultiples); // whole epochs only
    m_plot->xAxis->setTicker(epochTicks);
    placeLegendBelow(m_plot);
    m_plot->setMinimumHeight(300);
    m_plot->setMouseTracking(true); // the epochs' figures on hover
    connect(m_plot, &QCustomPlot::mouseMove, this, &TransferCurvePlot::showReadout);

    // Beside the axes, not in them: inside, the lines that come down from epoch 0 would run through it.
    m_epochZeroNote = new QLabel(this);
    m_epochZeroNote->setObjectName(QStringLiteral("epochZeroNote"));
    m_epochZeroNote->setVisible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *tools = new QHBoxLayout;
    tools->addWidget(m_epochZeroNote);
    tools->addStretch(1);
    tools->addWidget(m_fitAdapted);
    layout->addLayout(tools);
    layout->addWidget(m_plot, 1);
}

void TransferCurvePlot::reset(const QVector<TransferStrategy> &strategies)
{
    m_plot->clearGraphs();
    m_graphs.clear();
    for (TransferStrategy s : strategies) {
        QCPGraph *graph = m_plot->addGraph();
        graph->setName(TransferWizard::strategyTitle(s));
        graph->setPen(QPen(kStrategyColors.value(int(s), Qt::black), 2));
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
        m_graphs.insert(s, m_plot->graphCount() - 1);
    }
    fitAxes();
}

void TransferCurvePlot::addPoint(TransferStrategy strategy, int epoch, double negElbo)
{
    const int index = m_graphs.value(strategy, -1);
    if (index < 0)
        return;
    m_plot->graph(index)->addData(epoch, negElbo);
    fitAxes();
}

bool TransferCurvePlot::scalesToAdaptedEpochs() const
{
    if (!m_fitAdapted->isChecked())
        return false;
    for (int i = 0; i < m_plot->graphCount(); ++i)
        if (!m_plot->graph(i)->data()->isEmpty() && (m_plot->graph(i)->data()->end() - 1)->key >= 1)
            return true;
    return false;
}

void TransferCurvePlot::fitAxes()
{
    const bool adaptedOnly = scalesToAdaptedEpochs();
    double lastEpoch = 1;
    double low = INFINITY, high = -INFINITY;
    double zeroLow = INFINITY, zeroHigh = -INFINITY;
    for (int i = 0; i < m_plot->graphCount(); ++i)
        for (const QCPGraphData &point : *m_plot->graph(i)->data()) {
            lastEpoch = std::max(lastEpoch, point.key);
            if (!std::isfinite(point.value))
                continue;
            if (point.key < 1) {
                zeroLow = std::min(zeroLow, point.value);
                zeroHigh = std::max(zeroHigh, point.value);
            }
            if (adaptedOnly && point.key < 1)
                continue;
            low = std::min(low, point.value);
            high = std::max(high, point.value);
        }
    // Epoch 0 is the model before adaptation; the padding keeps the end markers whole.
    m_plot->xAxis->setRange(-0.25, lastEpoch + 0.25);
    if (low <= high) {
        const double pad = std::max(0.08 * (high - low), 0.5);
        m_plot->yAxis->setRange(low - pad, high + pad);
    }
    // Said only where epoch 0 is out of sight, so the lines' climb off the top is not mistaken for the data.
    const bool zeroAbove = adaptedOnly && zeroHigh > m_plot->yAxis->range().upper;
    m_epochZeroNote->setVisible(zeroAbove);
    if (zeroAbove)
        m_epochZeroNote->setText(
            zeroLow < zeroHigh
                ? tr("Epoch 0, before adapting: %1–%2 nats, above the axis").arg(nats(zeroLow), nats(zeroHigh))
                : tr("Epoch 0, before adapting: %1 nats, above the axis").arg(nats(zeroHigh)));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString TransferCurvePlot::readoutAt(const QPointF &position) const
{
    const QRect axes = m_plot->axisRect()->rect();
    if (!axes.contains(position.toPoint()))
        return {};
    const int epoch = int(std::lround(m_plot->xAxis->pixelToCoord(position.x())));
    if (epoch < 0 || std::abs(m_plot->xAxis->coordToPixel(epoch) - position.x()) > kHoverPixels)
        return {};
    QVector<QPair<double, QString>> figures;
    for (int i = 0; i < m_plot->graphCount(); ++i) {
        const QCPGraph *graph = m_plot->graph(i);
        const auto point = graph->data()->findBegin(epoch, false);
        if (point != graph->data()->constEnd() && point->key == epoch)
            figures.append({point->value, graph->name()});
    }
    if (figures.isEmpty())
        return {};
    std::stable_sort(figures.begin(), figures.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; }); // lower is better
    QStringList lines{epoch == 0 ? tr("Epoch 0, before adapting") : tr("Epoch %1").arg(epoch)};
    for (const auto &[value, name] : figures)
        lines << tr("%1: %2 nats").arg(name, nats(value));
    return lines.join(QLatin1Char('\n'));
}

void TransferCurvePlot::showReadout(QMouseEvent *event)
{
    const QString text = readoutAt(event->position());
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, m_plot);
}
