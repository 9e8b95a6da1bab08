#pragma once

// Private to core: a rate limit for the trainer's reports to the GUI.

#include <QElapsedTimer>
#include <QtGlobal>

/// Says "now" at most `perSecond` times a second, so the GUI gets a bounded number of updates whatever the step time.
class Throttle
{
public:
    void start(double perSecond)
    {
        m_intervalMs = qint64(1000.0 / perSecond);
        m_clock.start();
    }
    /// True (and the interval starts again) when it has passed, or when forced.
    bool due(bool force = false)
    {
        if (!force && m_clock.elapsed() < m_intervalMs)
            return false;
        m_clock.restart();
        return true;
    }
    void restart() { m_clock.restart(); }

private:
    qint64 m_intervalMs = 0;
    QElapsedTimer m_clock;
};
