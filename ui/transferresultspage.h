#pragma once

// Page 5 of the transfer wizard.

#include "model/checkpoint.h"
#include "transfer/transferreport.h"

#include <QWizardPage>

#include <optional>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QTableWidget;
class QTextBrowser;
class TransferWizard;

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
    void fillChart(const TransferReport &report, const TransferVerdict &verdict);
    QString explanations(const TransferReport &report, const TransferVerdict &verdict) const;
    /// The run's answer first: the best VAE figure against the pixels, and a pointer to the semi-supervised strategy
    /// when it was not run.
    QString answer(const TransferReport &report, const TransferVerdict &verdict) const;
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
