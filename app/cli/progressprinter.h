#pragma once

#include "training/trainstats.h"
#include "util/runoutcome.h"

#include <QElapsedTimer>
#include <QString>

/// Training progress for people, on stderr: a redrawn bar with ETA on a terminal, a line per epoch otherwise.
class ProgressPrinter
{
public:
    /// `evaluation` names the split the epochs' second figures come from: "test", or "validation" for a run that
    /// holds some training images out (TrainConfig::validation).
    explicit ProgressPrinter(int totalEpochs, QString evaluation = QStringLiteral("test"));

    void batch(const BatchStats &stats);
    void epoch(const EpochStats &stats);
    /// A line of its own.
    void note(const QString &text);
    /// What the run does before its first epoch: a line for each step, and on a terminal its redrawn progress.
    void preparing(const RunProgress &progress);
    void finish();

private:
    void write(const QString &text);

    QString m_evaluation;
    int m_totalEpochs; ///< epochs of this run; shown added to the resumed ones, as the JSON numbers them
    int m_firstEpoch = -1;
    bool m_terminal;
    bool m_lineOpen = false;
    QString m_preparing; ///< the step before the first epoch that has its line
};

/// Progress on stderr for runs made of phases (transfer strategies, few-shot shot counts): one line per phase.
class PhasePrinter
{
public:
    void show(const QString &phase, double fraction, double eta);

private:
    QString m_lastPhase;
};

/// The redrawn terminal line of a step before the first epoch: its own percentage and time left, and the whole run's
/// when the step is the first part of a longer one (a label graph before the epochs: RunProgress::share < 1).
QString preparingLine(const RunProgress &progress);
/// "1:02:03" / "2:03" for a number of seconds.
QString formatDuration(double seconds);
/// `v` with `decimals` decimals, or "-" when it was not measured (NaN).
QString formatFigure(double v, int decimals);
/// A fraction as "12.3%", or "-" when it was not measured (NaN).
QString formatPercent(double v);
