#include "training/threadgovernor_p.h"

#include <torch/torch.h>

#include <algorithm>

namespace {
constexpr int kWindow = 9;
constexpr double kTinyStepMs = 1.5;      // below this, thread start-up costs more than it saves
constexpr double kKeepRatio = 0.85;      // all cores must be at least 15 % faster to be kept
constexpr double kContentionRatio = 2.0; // two multi-threaded steps in a row this much slower than usual: contention
constexpr double kAbortRatio = 10.0;     // one step this much slower than one thread's: contention, at once
// Measured here (2 cores, MLP 784-512-32): the first 3-4 steps after a change of thread count take 1.5-6x a settled
// step (waking and spinning up OpenMP's team, oneDNN's per-thread buffers), so they do not count as evidence.
constexpr int kSettleSteps = 4;
constexpr qint64 kMaxBackoff = 3200;
constexpr int kJudgeSteps = 5; // settled all-core steps before they are compared with one thread

void remember(QVector<double> &window, double ms)
{
    window.append(ms);
    if (window.size() > kWindow)
        window.removeFirst();
}
} // namespace

ThreadGovernor::ThreadGovernor(int maxThreads)
    : m_max(std::max(1, maxThreads))
{
    m_disabled = m_max == 1;
    use(1);
}

double ThreadGovernor::median(QVector<double> values)
{
    if (values.isEmpty())
        return 0;
    std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
    return values[values.size() / 2];
}

void ThreadGovernor::use(int threads)
{
    if (threads != m_current)
        ++m_switches;
    m_current = threads;
    m_settling = kSettleSteps;
    m_slowInARow = 0;
    torch::set_num_threads(threads);
}

void ThreadGovernor::beforeStep()
{
    if (!m_disabled && m_current == 1 && m_step >= m_nextProbe && m_single.size() >= 3) {
        if (median(m_single) < kTinyStepMs) {
            m_disabled = true;
            return;
        }
        m_multi.clear();
        use(m_max);
    }
}

void ThreadGovernor::afterStep(double ms)
{
    ++m_step;
    const bool settling = m_settling > 0;
    if (settling)
        --m_settling;
    if (m_current == 1) {
        if (!settling)
            remember(m_single, ms);
        return;
    }
    const double single = median(m_single);
    if (ms > kAbortRatio * single) {
        fallBack();
        return;
    }
    if (settling)
        return;
    const double usual = m_multi.size() >= 3 ? median(m_multi) : single;
    m_slowInARow = ms > kContentionRatio * usual ? m_slowInARow + 1 : 0;
    remember(m_multi, ms);
    // Checked on every step, not only after the probe: moderate contention slows all-core steps gradually.
    const bool losing = m_multi.size() >= kJudgeSteps && median(m_multi) > kKeepRatio * single;
    if (m_slowInARow >= 2 || losing)
        fallBack();
    else if (m_multi.size() == kJudgeSteps)
        m_backoff = 100; // all cores won: probe again soon after a future fallback
}

void ThreadGovernor::fallBack()
{
    use(1);
    m_nextProbe = m_step + m_backoff;
    m_backoff = std::min(kMaxBackoff, m_backoff * 2);
}
