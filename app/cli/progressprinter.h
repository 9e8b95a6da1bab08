#pragma once

#include "training/trainstats.h"

#include <QElapsedTimer>
#include <QString>

/// Training progress for people, on stderr: a redrawn bar with ETA on a terminal, a line per epoch otherwise.
class ProgressPrinter
{
public:
    explicit ProgressPrinter(int totalEpochs);

    void batch(const BatchStats &stats);
    void epoch(const EpochStats &stats);
    void finish();

private:
    void write(const QString &text);

    int m_totalEpochs;
    int m_firstEpoch = -1;
    bool m_terminal;
    bool m_lineOpen = false;
};

/// "1:02:03" / "2:03" for a number of seconds.
QString formatDuration(double seconds);
