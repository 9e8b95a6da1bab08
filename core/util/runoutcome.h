#pragma once

#include <QMetaType>
#include <QString>

/// How a long job (training, transfer, few-shot, fine-tuning) ended. Whatever finished before a stop or a failure
/// is still in the job's result.
enum class RunOutcome { Completed, Stopped, Failed };

/// Where a long job is, for a progress bar with an ETA.
struct RunProgress
{
    QString phase;          ///< what is running now, for people
    double fraction = 0;    ///< of the whole run, 0…1
    double etaSeconds = -1; ///< -1 = not known yet
    int stepIndex = -1;     ///< the job's own sub-step (a transfer's strategy index), -1 = none

    /// The time left at the rate so far, elapsed · (1 − fraction) / fraction; -1 (not known) until 2 % is done.
    static double etaFrom(double elapsedSeconds, double fraction);
};

/// "completed", "stopped" or "failed", as the CLI's JSON writes it. (Not toString(): QTest finds that by ADL.)
QString outcomeName(RunOutcome outcome);

Q_DECLARE_METATYPE(RunProgress)
