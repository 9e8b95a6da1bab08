#include "elboplotpanel.h"

#include "decimatedseries.h"
#include "plotinclude.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QMenu>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace {

// Enough to look dense at any window width; far below what makes QCustomPlot sluggish.
constexpr int kMaxShownPoints = 6000;
constexpr double kSmoothing = 0.2; // the smoothed lines' time constant, in epochs (DecimatedSeries)

const QColor kColors[] = {QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44)};
const QColor kAccuracyColor(148, 103, 189);

double epochKey(const BatchStats &stats)
{
    return stats.epoch + (stats.stepsPerEpoch > 0 ? double(stats.step) / stats.stepsPerEpoch : 0.0);
}

} // namespace

ElboPlotPanel::ElboPlotPanel(QWidget *parent)
    : QWidget(parent)
{
    createPlot();
    buildLegend();
    createSeries();
    createReferenceSeries();
    createAccuracySeries();
    QHBoxLayout *tools = buildTools();
    connect(m_plot, &QCustomPlot::mousePress, this, [this]() { m_follow->setChecked(false); });
    connect(m_plot, &QCustomPlot::mouseWheel, this, [this]() { m_follow->setChecked(false); });
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, &ElboPlotPanel::fitAll);
    connect(m_plot, &QCustomPlot::mouseMove, this, &ElboPlotPanel::showReadout);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(tools);
    layout->addWidget(m_plot, 1);
    fitAll();
}

void ElboPlotPanel::createPlot()
{
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("elboPlot"));
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->setNoAntialiasingOnDrag(true);
    m_plot->setMouseTracking(true); // the epochs' figures on hover
    m_plot->setMinimumHeight(150);
    m_plot->xAxis->setLabel(tr("Epoch"));
    m_plot->yAxis->setLabel(tr("nats per image"));
}

void ElboPlotPanel::buildLegend()
{
    m_plot->legend->setVisible(true);
    QFont legendFont = font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.85);
    m_plot->legend->setFont(legendFont);
    m_plot->legend->setBrush(QColor(255, 255, 255, 210));
    // Above the axes, not inside: in any corner it covered points (top right: the newest, where one looks).
    // Three columns, training lines over test markers; the row keeps the legend's own height.
    m_plot->axisRect()->insetLayout()->take(m_plot->legend);
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, m_plot->legend);
    m_plot->plotLayout()->setRowStretchFactor(0, 0.001);
    m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    m_plot->legend->setWrap(SeriesCount);
    m_plot->legend->setMargins(QMargins(4, 2, 4, 2));
    m_plot->legend->setBorderPen(Qt::NoPen);
}

QStringList ElboPlotPanel::seriesNames()
{
    return {tr("−ELBO"), tr("Reconstruction"), tr("KL")}; // in Series order
}

/// Per series: faint raw points and their smoothed line (the training batches), then the test markers, so the
/// legend lists the three training lines before the three test series.
void ElboPlotPanel::createSeries()
{
    const QStringList names = seriesNames();
    for (int s = 0; s < SeriesCount; ++s) {
        QColor faint = kColors[s];
        faint.setAlpha(45);
        QCPGraph *raw = m_plot->addGraph();
        raw->setLineStyle(QCPGraph::lsNone);
        raw->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, faint, faint, 2.5));
        raw->removeFromLegend();
        QCPGraph *smooth = m_plot->addGraph();
        smooth->setPen(QPen(kColors[s], 2));
        smooth->setName(tr("%1 (train)").arg(names[s]));
        m_series[s] = std::make_unique<DecimatedSeries>(raw, smooth, kMaxShownPoints, kSmoothing);
    }
    for (int s = 0; s < SeriesCount; ++s) {
        m_test[s] = m_plot->addGraph();
        m_test[s]->setLineStyle(QCPGraph::lsNone);
        m_test[s]->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssDiamond, QPen(kColors[s].darker(130), 1.5), QBrush(Qt::white), 9));
    }
}

void ElboPlotPanel::setEvaluatedOnValidation(bool validation)
{
    m_validation = validation;
    const QStringList names = seriesNames();
    for (int s = 0; s < SeriesCount; ++s)
        m_test[s]->setName(validation ? tr("%1 (validation)").arg(names[s]) : tr("%1 (test)").arg(names[s]));
    m_accuracy->setName(validation ? tr("Accuracy (validation, %)") : tr("Accuracy (test, %)"));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString ElboPlotPanel::evaluationName() const
{
    return m_test[NegElbo]->name();
}

void ElboPlotPanel::createAccuracySeries()
{
    // Its own axis, in %: on the nats axis a value near 100 would flatten the losses. Not dragged or zoomed with
    // them (the axis rect's range drag and zoom act on the bottom and left axes only).
    m_plot->yAxis2->setLabel(tr("Accuracy (%)"));
    m_plot->yAxis2->ticker()->setTickCount(3); // the plot is often short; five labels would overlap
    m_plot->yAxis2->setTickLabelColor(kAccuracyColor.darker(120));
    m_plot->yAxis2->setLabelColor(kAccuracyColor.darker(120));
    m_accuracy = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
    m_accuracy->setPen(QPen(kAccuracyColor, 2, Qt::DashLine));
    m_accuracy->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(kAccuracyColor, 1.5), QBrush(Qt::white), 7));
    setEvaluatedOnValidation(false); // names the test series too, now that every series exists
    showAccuracy(false);
}

void ElboPlotPanel::showAccuracy(bool shown)
{
    m_plot->yAxis2->setVisible(shown);
    arrangeLegend();
}

void ElboPlotPanel::arrangeLegend()
{
    // The accuracy and the previous run take a fourth column after the training lines, so the legend keeps its two
    // rows (a third took the plot's height): the test markers leave the legend and come back after them.
    const bool accuracy = m_plot->yAxis2->visible();
    const bool reference = !m_reference->data()->isEmpty();
    for (QCPGraph *test : m_test)
        test->removeFromLegend();
    m_accuracy->removeFromLegend();
    m_reference->removeFromLegend();
    if (accuracy)
        m_accuracy->addToLegend();
    if (reference && !accuracy)
        m_reference->addToLegend();
    for (QCPGraph *test : m_test)
        test->addToLegend();
    if (reference && accuracy)
        m_reference->addToLegend();
    m_plot->legend->setWrap(accuracy || reference ? SeriesCount + 1 : SeriesCount);
    m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, /*rearrange=*/true); // setWrap moves nothing
}

void ElboPlotPanel::createReferenceSeries()
{
    const QColor grey(120, 120, 120);
    m_reference = m_plot->addGraph();
    m_reference->setPen(QPen(grey, 1.5, Qt::DashLine));
    m_reference->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, QPen(grey, 1.2), QBrush(Qt::white), 6));
    m_reference->removeFromLegend();
}

void ElboPlotPanel::setReference(const QVector<EpochStats> &history, const QString &settings, const QString &name)
{
    m_reference->data()->clear();
    m_referenceEpochs.clear();
    for (const EpochStats &stats : history)
        if (std::isfinite(stats.test.negElbo)) {
            m_reference->addData(stats.epoch + 1, stats.test.negElbo);
            m_referenceEpochs.insert(stats.epoch, stats.test.negElbo);
        }
    m_referenceLabel = name.isEmpty() ? tr("Previous run") : name;
    if (!settings.isEmpty())
        m_referenceLabel = tr("%1 (%2)", "a run and what it did differently").arg(m_referenceLabel, settings);
    m_reference->setName(tr("%1: %2", "a run: a series").arg(m_referenceLabel, seriesNames()[NegElbo]));
    arrangeLegend();
    followLatest();
}

void ElboPlotPanel::clearReference()
{
    setReference({}, QString(), QString());
}

int ElboPlotPanel::referencePointCount() const
{
    return m_reference->data()->size();
}

QHBoxLayout *ElboPlotPanel::buildTools()
{
    m_logScale = new QCheckBox(tr("Log scale"), this);
    connect(m_logScale, &QCheckBox::toggled, this, &ElboPlotPanel::setLogScale);
    m_ignoreOutliers = new QCheckBox(tr("Ignore outliers"), this);
    m_ignoreOutliers->setChecked(true);
    m_ignoreOutliers->setToolTip(tr("From the second epoch on, scale the loss axis without the highest 3 % of the "
                                    "batch values: the first batches' losses no longer flatten the rest of the run. "
                                    "The epochs' markers always stay in view."));
    connect(m_ignoreOutliers, &QCheckBox::toggled, this, [this]() { followLatest(); });
    m_follow = new QCheckBox(tr("Follow latest"), this);
    m_follow->setChecked(true);
    m_follow->setToolTip(tr("Keep the newest values in view; dragging or zooming turns this off"));
    connect(m_follow, &QCheckBox::toggled, this, [this](bool on) {
        // Re-enabling keeps the zoom the user chose and scrolls it along.
        if (on) {
            m_followWidth = m_plot->xAxis->range().size();
            followLatest();
        }
    });
    auto *fit = new QToolButton(this);
    fit->setText(tr("Fit"));
    fit->setToolTip(tr("Show the whole run (or double-click the plot)"));
    connect(fit, &QToolButton::clicked, this, &ElboPlotPanel::fitAll);
    auto *exportButton = new QToolButton(this);
    exportButton->setText(tr("Export…"));
    exportButton->setToolTip(tr("Save the plot as PNG or PDF, or its values as CSV"));
    connect(exportButton, &QToolButton::clicked, this, &ElboPlotPanel::exportInteractively);

    auto *tools = new QHBoxLayout;
    tools->addWidget(m_logScale);
    tools->addWidget(m_ignoreOutliers);
    tools->addWidget(m_follow);
    tools->addStretch(1);
    tools->addWidget(fit);
    tools->addWidget(exportButton);
    return tools;
}

ElboPlotPanel::~ElboPlotPanel() = default;

void ElboPlotPanel::addBatch(const BatchStats &stats)
{
    const double key = epochKey(stats);
    m_series[NegElbo]->add(key, stats.negElbo);
    m_series[Recon]->add(key, stats.recon);
    m_series[Kl]->add(key, stats.kl);
    followLatest();
}

void ElboPlotPanel::addEpoch(const EpochStats &stats)
{
    const double key = stats.epoch + 1;
    const double values[SeriesCount] = {stats.test.negElbo, stats.test.recon, stats.test.kl};
    for (int s = 0; s < SeriesCount; ++s)
        if (std::isfinite(values[s]))
            m_test[s]->addData(key, values[s]);
    if (std::isfinite(stats.test.accuracy)) {
        if (m_accuracy->data()->isEmpty())
            showAccuracy(true);
        m_accuracy->addData(key, 100.0 * stats.test.accuracy);
    }
    EpochStats kept = stats;
    kept.test.predictions.clear();
    m_epochs.append(kept);
    followLatest();
}

void ElboPlotPanel::setHistory(const QVector<EpochStats> &history)
{
    clear();
    // A checkpoint keeps epoch averages only: they stand in for the batch values, unsmoothed.
    for (const EpochStats &stats : history) {
        const double key = stats.epoch + 1;
        m_series[NegElbo]->add(key, stats.trainNegElbo, false);
        m_series[Recon]->add(key, stats.trainRecon, false);
        m_series[Kl]->add(key, stats.trainKl, false);
        addEpoch(stats);
    }
    fitAll();
}

void ElboPlotPanel::clear()
{
    for (int s = 0; s < SeriesCount; ++s) {
        m_series[s]->clear();
        m_test[s]->data()->clear();
    }
    m_accuracy->data()->clear();
    m_epochs.clear();
    showAccuracy(false);
    m_followWidth = 0;
    requestReplot();
}

void ElboPlotPanel::dropBatchesAfter(int epochs)
{
    const int before = pointCount();
    for (int s = 0; s < SeriesCount; ++s)
        m_series[s]->dropAfter(epochs);
    if (pointCount() != before)
        fitAll();
}

int ElboPlotPanel::pointCount() const
{
    return m_series[NegElbo]->count();
}

int ElboPlotPanel::shownPointCount() const
{
    return m_series[NegElbo]->shownCount();
}

int ElboPlotPanel::testPointCount() const
{
    return m_test[NegElbo]->data()->size();
}

int ElboPlotPanel::accuracyPointCount() const
{
    return m_accuracy->data()->size();
}

bool ElboPlotPanel::isLogScale() const
{
    return m_logScale->isChecked();
}

void ElboPlotPanel::setLogScale(bool on)
{
    m_logScale->setChecked(on);
    if (on) {
        m_plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    } else {
        m_plot->yAxis->setScaleType(QCPAxis::stLinear);
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    }
    fitAll();
}

bool ElboPlotPanel::ignoresOutliers() const
{
    return m_ignoreOutliers->isChecked();
}

void ElboPlotPanel::setIgnoreOutliers(bool on)
{
    m_ignoreOutliers->setChecked(on);
}

bool ElboPlotPanel::isFollowingLatest() const
{
    return m_follow->isChecked();
}

void ElboPlotPanel::setFollowLatest(bool on)
{
    m_follow->setChecked(on);
}
