#pragma once

#include "training/trainstats.h"
#include "util/result.h"

#include <QMap>
#include <QWidget>

#include <memory>

class DecimatedSeries;
class QCheckBox;
class QCPGraph;
class QCPRange;
class QCustomPlot;
class QHBoxLayout;
class QMouseEvent;

/// −ELBO, reconstruction and KL per batch (faint raw points under a smoothed line) with the test
/// values of each epoch as markers. A semi-supervised run adds its classifier's test accuracy per epoch, in % on a
/// second axis at the right. Zoom and pan with the mouse; exports PNG, PDF and CSV.
class ElboPlotPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ElboPlotPanel)

public:
    explicit ElboPlotPanel(QWidget *parent = nullptr);
    ~ElboPlotPanel() override;

    void addBatch(const BatchStats &stats);
    void addEpoch(const EpochStats &stats);
    /// Replaces everything with a run's per-epoch history (train averages and test values).
    void setHistory(const QVector<EpochStats> &history);
    /// Clears the run's series; the previous run stays.
    void clear();
    /// Forgets the training batches after `epochs` finished epochs: a continued run trains that epoch again (a
    /// failed run's diverged batches stood as a spike under it, and set the axis).
    void dropBatchesAfter(int epochs);
    /// Another run's −ELBO per epoch on the same evaluation images, drawn faint and dashed to compare with (its
    /// figure also in each epoch's hover): by default the previous run; `name` names another ("run of 12-07 00:15").
    /// `settings` says what it did differently ("β 1, latent 8"). An empty history removes it.
    void setReference(const QVector<EpochStats> &history, const QString &settings, const QString &name = {});
    void clearReference();
    int referencePointCount() const;

    /// Every batch value received (−ELBO series), whether drawn or not.
    int pointCount() const;
    /// Raw points the −ELBO graph actually draws (capped).
    int shownPointCount() const;
    int testPointCount() const;
    /// Epochs with a test accuracy (the semi-supervised model's); the accuracy axis shows only when there are some.
    int accuracyPointCount() const;

    /// The whole evaluation of the epoch whose markers stand within a few pixels of `position` (in the plot's
    /// coordinates, inside its axes), as the tooltip shows it on hover; empty away from every epoch.
    QString readoutAt(const QPointF &position) const;

    /// Names the evaluation series "(validation)" rather than "(test)": for a run that held training images out
    /// (TrainConfig::validation).
    void setEvaluatedOnValidation(bool validation);
    /// The legend's name of the test −ELBO series.
    QString evaluationName() const;

    bool isLogScale() const;
    void setLogScale(bool on);
    /// Whether the loss axis leaves out the highest batch values once a run spans two epochs (on by default): the first
    /// batches' losses, several times the later ones, otherwise flatten the rest of the run. The epochs' markers
    /// always stay in view.
    bool ignoresOutliers() const;
    void setIgnoreOutliers(bool on);
    bool isFollowingLatest() const;
    void setFollowLatest(bool on);

    Status exportImage(const QString &path); ///< PNG or PDF by the file's suffix
    Status exportCsv(const QString &path) const;
    /// Asks for a file name and exports in the format chosen there.
    void exportInteractively();
    QCustomPlot *plot() const { return m_plot; }

private:
    enum Series { NegElbo, Recon, Kl, SeriesCount };

    void createPlot();
    void buildLegend();
    static QStringList seriesNames(); ///< the three series' names, translated
    void createSeries();
    void createAccuracySeries();
    void showAccuracy(bool shown);
    void arrangeLegend();
    void createReferenceSeries();
    QHBoxLayout *buildTools();
    void fitAll();
    void followLatest();
    bool lossRange(const QCPRange &keys, QCPRange *range) const;
    void requestReplot();
    void showReadout(QMouseEvent *event);

    QCustomPlot *m_plot = nullptr;
    QCheckBox *m_logScale = nullptr;
    QCheckBox *m_follow = nullptr;
    QCheckBox *m_ignoreOutliers = nullptr;
    std::unique_ptr<DecimatedSeries> m_series[SeriesCount];
    QCPGraph *m_test[SeriesCount] = {};
    QCPGraph *m_accuracy = nullptr;      ///< test accuracy in %, on yAxis2
    QCPGraph *m_reference = nullptr;     ///< a previous run's evaluation −ELBO per epoch
    QMap<int, double> m_referenceEpochs; ///< its −ELBO by 0-based epoch, for the hover
    QString m_referenceLabel;            ///< "Previous run (latent 8)"
    double m_followWidth = 0;            ///< 0: show the whole run; else the width of the window that scrolls along
    QVector<EpochStats> m_epochs; ///< what each epoch's markers measured, for the tooltip (no per-image predictions)
    bool m_validation = false;
};
