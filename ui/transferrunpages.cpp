#include "transferrunpages.h"

#include "plotinclude.h"
#include "transferplot_p.h"
#include "transferwizard.h"

#include <QAbstractButton>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>

namespace {

QString duration(double seconds)
{
    const int s = int(std::lround(seconds));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

const QVector<QColor> kStrategyColors{QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44),
                                      QColor(214, 39, 40), QColor(148, 103, 189)};

QColor colorOf(TransferStrategy s)
{
    return kStrategyColors.value(int(s), Qt::black);
}

} // namespace

// ---- Run ---------------------------------------------------------------------------------------------------

TransferRunPage::TransferRunPage(TransferWizard *wizard)
    : m_wizard(wizard)
{
    setTitle(tr("Run"));
    setCommitPage(true);
    // Qt's default "Commit" says nothing; this button leaves the run for its results, with no way back.
    setButtonText(QWizard::CommitButton, tr("Show results"));
    m_plot = new QCustomPlot(this);
    m_plot->xAxis->setLabel(tr("epoch"));
    m_plot->yAxis->setLabel(tr("target −ELBO (nats)"));
    auto epochTicks = QSharedPointer<QCPAxisTickerFixed>::create();
    epochTicks->setTickStep(1);
    epochTicks->setScaleStrategy(QCPAxisTickerFixed::ssMultiples); // whole epochs only
    m_plot->xAxis->setTicker(epochTicks);
    placeLegendBelow(m_plot);
    m_plot->setMinimumHeight(300);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_phase = new QLabel(this);
    m_cancel = new QPushButton(tr("Cancel run"), this);
    auto *row = new QHBoxLayout;
    row->addWidget(m_progress, 1);
    row->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_plot, 1);
    layout->addLayout(row);
    layout->addWidget(m_phase);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_cancel->setEnabled(false);
        m_phase->setText(tr("Stopping after the current batch…"));
        m_worker.requestStop();
    });
}

TransferRunPage::~TransferRunPage() = default;

void TransferRunPage::initializePage()
{
    m_done = false;
    m_wizard->outcome.reset();
    setSubTitle(tr("Target test −ELBO after each epoch, on the first %1 test images (the semi-supervised strategy: "
                   "its bound on all of them); lower is better.")
                    .arg(m_wizard->config.monitorImages));
    m_plot->clearGraphs();
    m_graphs.clear();
    for (TransferStrategy s : m_wizard->config.strategies) {
        QCPGraph *graph = m_plot->addGraph();
        graph->setName(TransferStrategies::name(s));
        graph->setPen(QPen(colorOf(s), 2));
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
        m_graphs.insert(s, m_plot->graphCount() - 1);
    }
    m_plot->replot();
    m_progress->setValue(0);
    m_cancel->setEnabled(true);
    m_phase->setText(tr("Starting…"));
    auto runner = std::make_unique<TransferRunner>(*m_wizard->source, m_wizard->sourceData, m_wizard->target,
                                                   m_wizard->targetName, m_wizard->config);
    connect(runner.get(), &TransferRunner::progress, this, &TransferRunPage::onProgress);
    connect(runner.get(), &TransferRunner::curvePoint, this, &TransferRunPage::onCurvePoint);
    connect(runner.get(), &TransferRunner::finished, this, &TransferRunPage::onFinished);
    m_worker.start(std::move(runner));
    Q_EMIT completeChanged();
}

void TransferRunPage::cleanupPage()
{
    m_worker.stop();
}

bool TransferRunPage::isComplete() const
{
    return m_done && m_wizard->outcome && !m_wizard->outcome->report.strategies.isEmpty();
}

void TransferRunPage::onProgress(const RunProgress &p)
{
    m_progress->setValue(int(1000 * p.fraction));
    m_phase->setText(p.etaSeconds >= 0 ? tr("%1 — about %2 left").arg(p.phase, duration(p.etaSeconds)) : p.phase);
}

void TransferRunPage::onCurvePoint(const TransferCurvePoint &point)
{
    const int index = m_graphs.value(point.strategy, -1);
    if (index < 0)
        return;
    m_plot->graph(index)->addData(point.epoch + 1, point.targetNegElbo);
    m_plot->rescaleAxes();
    // Epoch 0 is the model before adaptation; the padding keeps the end markers whole.
    m_plot->xAxis->setRange(-0.25, std::max(1.0, m_plot->xAxis->range().upper) + 0.25);
    const QCPRange y = m_plot->yAxis->range();
    const double pad = std::max(0.08 * y.size(), 0.5);
    m_plot->yAxis->setRange(y.lower - pad, y.upper + pad);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TransferRunPage::onFinished(const TransferOutcome &outcome)
{
    m_worker.stop();
    m_done = true;
    m_wizard->outcome = outcome;
    m_cancel->setEnabled(false);
    switch (outcome.outcome) {
    case RunOutcome::Completed:
        m_progress->setValue(1000);
        m_phase->setText(outcome.message);
        break;
    case RunOutcome::Stopped:
        m_phase->setText(outcome.report.strategies.isEmpty()
                             ? tr("Stopped before any strategy finished.")
                             : tr("Stopped; the results show the strategies that finished."));
        break;
    case RunOutcome::Failed:
        m_phase->setText(tr("Failed: %1").arg(outcome.message));
        break;
    }
    Q_EMIT completeChanged();
    // Disabling Cancel run moved the focus to Back, so Enter went back to the strategies instead of on to the
    // results: the way on takes the focus.
    if (QAbstractButton *next = m_wizard->button(QWizard::CommitButton); next && next->isEnabled())
        next->setFocus();
}
