#include "util/runoutcome.h"

double RunProgress::etaFrom(double elapsedSeconds, double fraction)
{
    return fraction > 0.02 ? elapsedSeconds * (1.0 - fraction) / fraction : -1.0;
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
