#include "util/runoutcome.h"

#include <algorithm>

double RunProgress::etaFrom(double elapsedSeconds, double fraction)
{
    return fraction > 0.02 ? elapsedSeconds * (1.0 - fraction) / fraction : -1.0;
}

void ProgressPacer::start()
{
    m_clock.start();
    m_sinceReport.invalidate(); // the first report goes out at once
}

std::optional<RunProgress> ProgressPacer::report(const QString &phase, double fraction, bool force)
{
    if (!force && m_sinceReport.isValid() && m_sinceReport.elapsed() < 100)
        return std::nullopt;
    m_sinceReport.start();
    RunProgress p;
    p.phase = phase;
    p.fraction = std::clamp(fraction, 0.0, 1.0);
    p.etaSeconds = RunProgress::etaFrom(elapsedSeconds(), p.fraction);
    return p;
}

QString outcomeName(RunOutcome outcome)
{
    switch (outcome) {
    case RunOutcome::Completed:
        return QStringLiteral("completed");
    case RunOutcome::Stopped:
        return QStringLiteral("stopped");
    case RunOutcome::Failed:
        break;
    }
    return QStringLiteral("failed");
}
