#pragma once

#include "joinablethread.h"

#include <memory>

/// Owns one worker (TransferRunner or FewShotRunner) on its own QThread. The worker's run() slot starts with the
/// thread; stop() raises its atomic flag and joins, so the destructor never leaves a thread running. The worker is
/// destroyed on the owner's thread only after JoinableThread::join(), which ThreadSanitizer can follow.
template <typename Runner>
class TransferWorkerThread
{
public:
    TransferWorkerThread() = default;
    TransferWorkerThread(const TransferWorkerThread &) = delete;
    TransferWorkerThread &operator=(const TransferWorkerThread &) = delete;
    ~TransferWorkerThread() { stop(); }

    /// Takes the worker, moves it to a new thread and starts it; connect to its signals before calling.
    void start(std::unique_ptr<Runner> runner)
    {
        stop();
        m_runner = std::move(runner);
        m_thread = std::make_unique<JoinableThread>(); // an event loop, like a plain QThread
        m_runner->moveToThread(m_thread.get());
        QObject::connect(m_thread.get(), &QThread::started, m_runner.get(), &Runner::run);
        m_thread->start();
    }
    /// Asks the worker to stop after its current batch; finished() still follows.
    void requestStop()
    {
        if (m_runner)
            m_runner->requestStop();
    }
    /// Requests a stop and waits for the thread to end.
    void stop()
    {
        if (!m_thread)
            return;
        m_runner->requestStop();
        m_thread->quit(); // takes effect once run() returns
        m_thread->wait();
        m_thread->join();
        m_runner.reset();
        m_thread.reset();
    }
    bool isRunning() const { return m_thread && m_thread->isRunning(); }
    Runner *runner() const { return m_runner.get(); }

private:
    std::unique_ptr<JoinableThread> m_thread;
    std::unique_ptr<Runner> m_runner;
};
