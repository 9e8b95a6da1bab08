#pragma once

// Private to core: the thread under WorkerThread.

#include <QThread>

#include <functional>
#include <mutex>
#include <utility>

/// A QThread whose end another thread can observe through a std::mutex: run() passes through it last, join() after
/// wait() or finished() passes through it too. That is a happens-before edge ThreadSanitizer sees; QThread's own
/// finished()/wait() hand-over is ordered by futexes inside the uninstrumented Qt, which it does not see, so
/// destroying or reading what the thread used right after wait() was reported as a race.
class JoinableThread final : public QThread
{
public:
    /// Runs `job`, or an event loop (QThread's default) when `job` is empty.
    explicit JoinableThread(std::function<void()> job = {})
        : m_job(std::move(job))
    { }

    /// Call after wait() returned or finished() arrived: everything the thread did is visible from here on.
    void join()
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        Q_ASSERT(m_ended);
    }

protected:
    void run() override
    {
        if (m_job)
            m_job();
        else
            QThread::run();
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_ended = true;
    }

private:
    std::function<void()> m_job;
    std::mutex m_mutex;
    bool m_ended = false;
};
