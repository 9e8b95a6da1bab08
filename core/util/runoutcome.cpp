#include "util/runoutcome.h"

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
