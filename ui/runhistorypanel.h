#pragma once

// The Runs panel: every run that ended with at least one epoch, one row each, kept across sessions.

#include "runrecord.h"

#include <QElapsedTimer>
#include <QWidget>

#include <functional>

class QLabel;
class QTableWidget;

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
    /// Where the model the window shows is autosaved (empty: nowhere), asked when a row's menu opens: the rows whose
    /// autosave it is are that model, and "Compare on the ELBO plot" is not offered for them.
    void setShownAutosave(std::function<QString()> shownAutosave) { m_shownAutosave = std::move(shownAutosave); }
    QString toCsv() const;

Q_SIGNALS:
    /// A row was double-clicked and its checkpoint still exists.
    void openRequested(const QString &checkpoint);
    /// "Compare on the ELBO plot" on a row whose checkpoint still exists; `name` names the run ("run of 12-07 00:15").
    void compareRequested(const QString &checkpoint, const QString &name);
    void statusMessage(const QString &text);

private:
    /// The right-click menu of a row: open its autosave, compare it on the ELBO plot.
    void createRowMenu();
    void rebuild();
    void save() const;
    void exportCsv();
    void clearRuns();
    void activate(int row);
    /// The chosen row's run, if its autosave is still there (else says so and returns -1).
    int chosenRunWithCheckpoint();

    QVector<RunRecord> m_runs; ///< newest first
    QTableWidget *m_table;
    QLabel *m_empty;
    /// The index in m_runs of the table's row `row` (rows are sorted), or -1.
    int recordAt(int row) const;
    /// Whether the row at `row` is the model the window shows (its autosave is that model's).
    bool isShownModel(int row) const;

    QElapsedTimer m_clock;
    int m_epochsThisRun = 0;
    std::function<QString()> m_shownAutosave;
};
