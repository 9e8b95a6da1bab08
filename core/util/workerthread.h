#pragma once

#include <QObject>
#include <QThread>

#include <functional>
#include <memory>

class JoinableThread;

/// One long job on a thread of its own: the one way training, transfer, few-shot and background work leave the
/// calling thread. Either a worker QObject (moved to the thread, its run() called when the thread starts, its
/// requestStop() called by stop()) or a plain function.
///
/// stop() and the destructor request a stop, then wait for the thread and join it, so no thread outlives its owner.
/// The worker is deleted on the owner's thread, after that join: JoinableThread's mutex makes the hand-over visible
/// to ThreadSanitizer, which cannot see QThread::wait()'s futex inside the uninstrumented Qt.
class WorkerThread final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkerThread)

public:
    explicit WorkerThread(QObject *parent = nullptr);
    ~WorkerThread() override;

    /// Moves `worker` to a new thread and runs `worker->run()` there; connect to its signals first. Stops a previous job.
    template <typename Worker>
    void start(std::unique_ptr<Worker> worker, const QString &name = {},
               QThread::Priority priority = QThread::InheritPriority)
    {
        Worker *w = worker.get();
        startJob(
            std::move(worker), [w] { w->run(); }, [w] { w->requestStop(); }, name, priority);
    }

    /// Runs `job` on a new thread; `job` must only touch what it owns or captured by value. Stops a previous job.
    void start(std::function<void()> job, const QString &name = {},
               QThread::Priority priority = QThread::InheritPriority);

    /// Asks the worker to stop after its current step and returns at once; its own finished signal still follows.
    void requestStop();
    /// Requests a stop, waits for the thread, joins it and deletes the worker. No finished() follows.
    void stop();
    /// Blocks until the job's thread has ended, without asking it to stop; finished() still arrives later.
    void wait();

    /// True from start() until the job has been joined (by stop() or just before finished()).
    bool isActive() const { return m_thread != nullptr; }
    /// The worker of the current job, or null.
    QObject *worker() const { return m_worker.get(); }

Q_SIGNALS:
    /// On this object's thread, after a job that ended by itself was joined: all it wrote is visible, the worker is gone.
    void finished();

private:
    void startJob(std::unique_ptr<QObject> worker, std::function<void()> run, std::function<void()> requestStop,
                  const QString &name, QThread::Priority priority);
    void onThreadFinished(const JoinableThread *thread);
    void join();

    std::unique_ptr<JoinableThread> m_thread;
    std::unique_ptr<QObject> m_worker;
    std::function<void()> m_requestStop;
};
