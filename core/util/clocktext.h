#pragma once

#include <QString>

#include <cmath>

/// A duration as a clock reads it: "7:05", or "1:02:03" from an hour on; "--:--" when unknown (NaN, negative).
/// The training panel's time left, the Runs panel's run times and the command line's progress.
inline QString clockText(double seconds)
{
    if (!std::isfinite(seconds) || seconds < 0)
        return QStringLiteral("--:--");
    const qint64 s = qint64(std::llround(seconds));
    if (s >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(s / 3600)
            .arg(s / 60 % 60, 2, 10, QLatin1Char('0'))
            .arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}
