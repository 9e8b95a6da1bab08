#pragma once

#include "training/trainstats.h"

#include <QWidget>

class QCPBars;
class QCustomPlot;
class QLabel;

/// Per-dimension KL as bars, the active-unit count, and a warning when the posterior has collapsed.
class LatentHealthPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LatentHealthPanel)

public:
    explicit LatentHealthPanel(QWidget *parent = nullptr);

    /// Shows one evaluation's test figures: per-dim KL and the evaluator's active-unit count.
    void setSummary(const ElboSummary &summary, int epoch);
    /// Per-dim variance of μ (from the latent map): colours the bars of inactive dims grey.
    void setActivity(const QVector<double> &muVariance);
    void clear();

    int activeUnits() const { return m_activeUnits; }
    int dimCount() const { return int(m_kl.size()); }
    bool isCollapseWarningShown() const;

private:
    void updateBars();

    QCustomPlot *m_plot = nullptr;
    QCPBars *m_active = nullptr;
    QCPBars *m_inactive = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_warning = nullptr;
    QVector<double> m_kl;
    QVector<double> m_activity;
    int m_activeUnits = 0;
};
