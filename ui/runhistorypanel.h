#pragma once

// The Runs panel: every run that ended with at least one epoch, one row each, kept across sessions.

#include "model/checkpoint.h"
#include "training/trainingcontroller.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QWidget>

class QLabel;
class QTableWidget;

/// One ended run as the Runs panel keeps it: its settings and its last evaluation, in plain values.
struct RunRecord
{
    QDateTime finished;
    QString dataset; ///< name or path
    QVector<int> classes;
    QString architecture; ///< "mlp" or "conv"
    int hidden = 0;
    int latent = 0;
    double beta = 1;
    int labelsPerClass = 0; ///< 0: a plain VAE; TrainConfig::kAllLabels: every label
    int epochs = 0;         ///< epochs done, a continued run's earlier ones included
    int firstEpoch = 0;     ///< the epochs done when the run began (a continued run's)
    bool stopped = false;
    bool validation = false; ///< the figures are on held-out training images, not the test split
    double negElbo = 0, recon = 0, kl = 0;
    double accuracy = 0; ///< NaN: no classifier
    double seconds = 0;  ///< this run's wall time
    QString details;     ///< the evaluation and the settings in words (the row's tooltip)
    QString checkpoint;  ///< the run's autosave

    /// The record of a run that ended with `checkpoint` (its history not empty).
    static RunRecord of(const Checkpoint &checkpoint, RunOutcome outcome, double seconds, const QString &autosave);
    QJsonObject toJson() const;
    static RunRecord fromJson(const QJsonObject &json);
};

/// A table of the runs, newest first, so that settings can be compared by their figures rather than remembered:
/// when, dataset, model, β, labels, epochs, −ELBO, accuracy and time. Double-click a row to open its autosave
/// (the newest five are kept). Kept in the settings (the newest kMaxRuns); Export CSV… and Clear.
class RunHistoryPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunHistoryPanel)
public:
    static constexpr int kMaxRuns = 200;
    static constexpr char kSettingsKey[] = "runs/history";

    explicit RunHistoryPanel(QWidget *parent = nullptr);

    /// A run began: its time counts from now.
    void runStarted();
    /// One of the run's epochs ended.
    void epochEnded();
    /// A run ended; runs without an epoch and failed runs leave no row.
    void runEnded(const Checkpoint &checkpoint, RunOutcome outcome, const QString &autosave);
    void addRun(const RunRecord &record);
    const QVector<RunRecord> &runs() const { return m_runs; }
    QString toCsv() const;

Q_SIGNALS:
    /// A row was double-clicked and its checkpoint still exists.
    void openRequested(const QString &checkpoint);
    void statusMessage(const QString &text);

private:
    void rebuild();
    void save() const;
    void exportCsv();
    void clearRuns();
    void activate(int row);

    QVector<RunRecord> m_runs; ///< newest first
    QTableWidget *m_table;
    QLabel *m_empty;
    QElapsedTimer m_clock;
    int m_epochsThisRun = 0;
};
