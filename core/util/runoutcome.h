#pragma once

#include <QElapsedTimer>
#include <QMetaType>
#include <QString>

#include <optional>

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
    /// A first phase of a longer run (a training's label graph before its epochs), whose `fraction` and `etaSeconds`
    /// are the phase's own: its part of the whole run's expected time (1 = the phase is the run) and the expected
    /// seconds of what follows it, so that a bar can show the whole run and its time left from the start.
    double share = 1;
    double secondsAfter = 0;

    /// The time left at the rate so far, elapsed · (1 − fraction) / fraction; -1 (not known) until 2 % is done.
    static double etaFrom(double elapsedSeconds, double fraction);
};

/// A long job's clock: its elapsed time, and progress reports paced to one per 100 ms (a bar needs no more, and a
/// signal per step would flood the GUI's event queue).
class ProgressPacer
{
public:
    void start();
    double elapsedSeconds() const { return m_clock.elapsed() / 1000.0; }
    /// The progress at `fraction` of the whole (clamped to 0…1) with its time left; nullopt when the last report is
    /// under 100 ms old, unless `force`.
    std::optional<RunProgress> report(const QString &phase, double fraction, bool force = false);

private:
    QElapsedTimer m_clock;
    QElapsedTimer m_sinceReport;
};

/// "completed", "stopped" or "failed", as the CLI's JSON writes it. (Not toString(): QTest finds that by ADL.)
QString outcomeName(RunOutcome outcome);

Q_DECLARE_METATYPE(RunProgress)
