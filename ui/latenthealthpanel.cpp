#include "latenthealthpanel.h"

#include "analysis/latentmath.h"
#include "plotinclude.h"

#include <QLabel>
#include <QVBoxLayout>

LatentHealthPanel::LatentHealthPanel(QWidget *parent)
    : QWidget(parent)
{
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("healthPlot"));
    m_plot->setMinimumHeight(120);
    m_plot->xAxis->setLabel(tr("latent dimension"));
    m_plot->yAxis->setLabel(tr("KL (nats)"));
    m_active = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    m_active->setBrush(QColor(44, 160, 44));
    m_active->setPen(Qt::NoPen);
    m_active->setName(tr("active"));
    m_inactive = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    m_inactive->setBrush(QColor(170, 170, 170));
    m_inactive->setPen(Qt::NoPen);
    m_inactive->setName(tr("inactive"));

    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_warning = new QLabel(this);
    m_warning->setWordWrap(true);
    m_warning->setAutoFillBackground(true);
    QPalette warningPalette = m_warning->palette();
    warningPalette.setColor(QPalette::Window, QColor(255, 228, 196));
    warningPalette.setColor(QPalette::WindowText, QColor(140, 30, 0));
    m_warning->setPalette(warningPalette);
    m_warning->setMargin(6);
    m_warning->setText(tr("<b>Posterior collapse:</b> no latent dimension carries information, so the decoder "
                          "ignores z. Try a smaller β, a longer KL warm-up or a smaller decoder."));
    m_warning->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_summary);
    layout->addWidget(m_warning);
    clear();
}

void LatentHealthPanel::setSummary(const ElboSummary &summary, int epoch)
{
    m_kl = summary.klPerDim;
    if (m_activity.size() != m_kl.size())
        m_activity.clear();
    m_activeUnits = summary.activeUnits;
    updateBars();
    m_summary->setText(tr("Epoch %1: %2 of %3 dims active (Var(μ) > %4); total KL %5 nats.")
                           .arg(epoch + 1)
                           .arg(m_activeUnits)
                           .arg(m_kl.size())
                           .arg(LatentMath::kActiveVarianceThreshold)
                           .arg(summary.kl, 0, 'f', 2));
    m_warning->setVisible(!m_kl.isEmpty() && m_activeUnits == 0);
}

void LatentHealthPanel::setActivity(const QVector<double> &muVariance)
{
    m_activity = muVariance.size() == m_kl.size() ? muVariance : QVector<double>();
    updateBars();
}

void LatentHealthPanel::updateBars()
{
    QVector<double> keys, active, inactive;
    double top = 0.05;
    for (int d = 0; d < m_kl.size(); ++d) {
        keys.append(d);
        const bool isActive = LatentMath::isActive(m_activity, d);
        active.append(isActive ? m_kl[d] : 0.0);
        inactive.append(isActive ? 0.0 : m_kl[d]);
        top = qMax(top, m_kl[d]);
    }
    m_active->setData(keys, active, /*alreadySorted=*/true);
    m_inactive->setData(keys, inactive, /*alreadySorted=*/true);
    m_plot->xAxis->setRange(-0.7, qMax(1.0, m_kl.size() - 0.3));
    m_plot->yAxis->setRange(0, top * 1.1);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void LatentHealthPanel::clear()
{
    m_kl.clear();
    m_activity.clear();
    m_activeUnits = 0;
    m_active->data()->clear();
    m_inactive->data()->clear();
    m_plot->xAxis->setRange(-0.7, 7.7);
    m_plot->yAxis->setRange(0, 1);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    m_summary->setText(tr("KL per latent dimension appears after the first epoch."));
    m_warning->hide();
}

bool LatentHealthPanel::isCollapseWarningShown() const
{
    return !m_warning->isHidden();
}
