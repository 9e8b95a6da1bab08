#include "training/threadgovernor_p.h"

#include <torch/torch.h>

#include <algorithm>

namespace {
constexpr int kWindow = 9;
constexpr double kTinyStepMs = 1.5;      // below this, thread start-up costs more than it saves
constexpr double kKeepRatio = 0.85;      // all cores must be at least 15 % faster to be kept
constexpr double kContentionRatio = 2.0; // a multi-threaded step this much slower than usual means contention
constexpr qint64 kMaxBackoff = 3200;

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
    if (m_current == 1) {
        remember(m_single, ms);
        return;
    }
    const double single = median(m_single);
    const double usual = m_multi.size() >= 3 ? median(m_multi) : single;
    remember(m_multi, ms);
    const bool contention = ms > kContentionRatio * usual;
    // Checked on every step, not only after the probe: moderate contention slows all-core steps gradually.
    const bool losing = m_multi.size() >= 3 && median(m_multi) > kKeepRatio * single;
    if (contention || losing) {
        use(1);
        m_nextProbe = m_step + m_backoff;
        m_backoff = std::min(kMaxBackoff, m_backoff * 2);
    } else if (m_multi.size() == 3) {
        m_backoff = 100; // all cores won: probe again soon after a future fallback
    }
}
