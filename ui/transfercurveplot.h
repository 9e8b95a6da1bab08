#pragma once

// The transfer wizard's run page plot: each strategy's target −ELBO after each epoch.

#include "transfer/transferreport.h"

#include <QWidget>

#include <QMap>

class QCheckBox;
class QCustomPlot;
class QLabel;
class QMouseEvent;

/// Target −ELBO per strategy and epoch (epoch 0: the model before adapting). A model of another dataset starts
/// hundreds of nats above where every strategy ends, so by default the axis is scaled to the adapted epochs
/// and a note says where epoch 0 lies; hovering an epoch lists every strategy's figure there, lowest first.
class TransferCurvePlot final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferCurvePlot)
public:
    explicit TransferCurvePlot(QWidget *parent = nullptr);

    /// Empties the plot and gives it one curve per strategy, in this order.
    void reset(const QVector<TransferStrategy> &strategies);
    /// `epoch` counts adapted epochs: 0 is the model before adapting.
    void addPoint(TransferStrategy strategy, int epoch, double negElbo);
    /// Whether the loss axis leaves epoch 0 out (when there is anything after it).
    bool scalesToAdaptedEpochs() const;
    /// What hovering at `position` (plot coordinates) shows: the nearest epoch's figures, or nothing.
    QString readoutAt(const QPointF &position) const;
    QCustomPlot *plot() const { return m_plot; }

private:
    void fitAxes();
    void showReadout(QMouseEvent *event);

    QCustomPlot *m_plot;
    QCheckBox *m_fitAdapted;
    QLabel *m_epochZeroNote;
    QMap<TransferStrategy, int> m_graphs;
};
