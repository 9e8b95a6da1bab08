#pragma once

// Private to core: chooses between one and all cores for training by timing steps, because the right answer
// depends on what else the machine is doing (see threadpolicy.cpp for the measurements).

#include <QVector>

/// Automatic intra-op thread count. Call `beforeStep()` before each step and `afterStep(ms)` after it.
/// Starts on one thread, probes all cores, keeps whichever is faster (judged on settled steps: the first few after
/// a switch pay for the switch), falls back to one thread as soon as multi-threaded steps are much slower than
/// usual (another process or the GUI took a core), and re-probes with exponential back-off.
class ThreadGovernor
{
public:
    explicit ThreadGovernor(int maxThreads);

    void beforeStep();
    void afterStep(double milliseconds);
    int threads() const { return m_current; }
    /// How many times it changed its mind (for tests and the log).
    int switches() const { return m_switches; }

private:
    void use(int threads);
    void fallBack();
    static double median(QVector<double> values);

    int m_max;
    int m_current = 1;
    int m_switches = 0;
    qint64 m_step = 0;
    qint64 m_nextProbe = 5;            ///< step at which to try all cores
    qint64 m_backoff = 100;            ///< steps until the next probe after a failed one
    bool m_disabled = false;           ///< steps too short for threads to help
    int m_settling = 0;                ///< steps left after a switch that are not taken as evidence
    int m_slowInARow = 0;              ///< consecutive all-core steps far slower than usual
    QVector<double> m_single, m_multi; ///< recent step times per mode
};
