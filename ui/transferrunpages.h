#pragma once

// Pages 4 and 5 of the transfer wizard; pages 1-3 are in transferwizardpages.h.

#include "transfer/transferrunner.h"
#include "util/workerthread.h"

#include <QWizardPage>

#include <QMap>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QTextBrowser;
class TransferWizard;

/// Page 4: the run, with live target −ELBO curves per strategy, progress with ETA, and cancel.
class TransferRunPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferRunPage)
public:
    explicit TransferRunPage(TransferWizard *wizard);
    ~TransferRunPage() override;
    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;

private:
    void onProgress(const RunProgress &progress);
    void onCurvePoint(const TransferCurvePoint &point);
    void onFinished(const TransferOutcome &outcome);

    TransferWizard *m_wizard;
    QCustomPlot *m_plot;
    QProgressBar *m_progress;
    QLabel *m_phase;
    QPushButton *m_cancel;
    QMap<TransferStrategy, int> m_graphs;
    WorkerThread m_worker;
    bool m_done = false;
};

/// Page 5: the table, the bar chart, one sentence per number, saving and exporting.
class TransferResultsPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferResultsPage)
public:
    explicit TransferResultsPage(TransferWizard *wizard);
    void initializePage() override;
    /// Finish: with "Explore the adapted model" ticked, hands the chosen model to the main window.
    bool validatePage() override;

private:
    void fillTable(const TransferReport &report);
    void fillChart(const TransferReport &report);
    QString explanations(const TransferReport &report) const;
    /// The chosen strategy's model with a per-epoch history built from what the run measured.
    std::optional<Checkpoint> chosenCheckpoint() const;
    void saveModel();
    void exportReport(const QString &format);

    TransferWizard *m_wizard;
    QTableWidget *m_table;
    QCustomPlot *m_chart;
    QTextBrowser *m_explanations;
    QComboBox *m_modelChoice;
    QCheckBox *m_explore;
};
