#include "transferrunpages.h"

#include "transfercurveplot.h"
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

} // namespace

// ---- Run ---------------------------------------------------------------------------------------------------

TransferRunPage::TransferRunPage(TransferWizard *wizard)
    : m_wizard(wizard)
{
    setTitle(tr("Run"));
    setCommitPage(true);
    // Qt's default "Commit" says nothing; this button leaves the run for its results, with no way back.
    setButtonText(QWizard::CommitButton, tr("Show results"));
    m_plot = new TransferCurvePlot(this);
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
    // The semi-supervised strategy's clause only when it runs (a new user read it on every run).
    setSubTitle(m_wizard->config.strategies.contains(TransferStrategy::SemiSupervised)
                    ? tr("Target test −ELBO after each epoch, on the first %1 test images (the semi-supervised "
                         "strategy: its bound on all of them); lower is better.")
                          .arg(m_wizard->config.monitorImages)
                    : tr("Target test −ELBO after each epoch, on the first %1 test images; lower is better.")
                          .arg(m_wizard->config.monitorImages));
    m_plot->reset(m_wizard->config.strategies);
    m_progress->setValue(0);
    m_cancel->setEnabled(true);
    m_phase->setText(tr("Starting…"));
    m_clock.start();
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
    m_plot->addPoint(point.strategy, point.epoch + 1, point.targetNegElbo);
}

void TransferRunPage::onFinished(const TransferOutcome &outcome)
{
    m_worker.stop();
    m_done = true;
    m_wizard->outcome = outcome;
    if (outcome.outcome != RunOutcome::Failed)
        m_wizard->keepOutcome(m_clock.elapsed() / 1000.0); // closing the wizard then loses nothing
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
