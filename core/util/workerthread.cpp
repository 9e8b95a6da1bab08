#include "util/workerthread.h"

#include "util/joinablethread_p.h"

#include <QPointer>

WorkerThread::WorkerThread(QObject *parent)
    : QObject(parent)
{ }

WorkerThread::~WorkerThread()
{
    stop();
}

void WorkerThread::start(std::function<void()> job, const QString &name, QThread::Priority priority)
{
    startJob(nullptr, std::move(job), {}, name, priority);
}

void WorkerThread::startJob(std::unique_ptr<QObject> worker, std::function<void()> run,
                            std::function<void()> requestStop, const QString &name, QThread::Priority priority)
{
    stop();
    // The job runs in the thread's run(), not from an event loop: a worker's loop never returns to one anyway, and
    // the thread ends the moment the job does.
    m_thread = std::make_unique<JoinableThread>(std::move(run));
    if (!name.isEmpty())
        m_thread->setObjectName(name);
    m_worker = std::move(worker);
    m_requestStop = std::move(requestStop);
    if (m_worker)
        m_worker->moveToThread(m_thread.get());
    // Queued behind everything the job emitted, so the owner sees the worker's own finished signal first. The
    // pointer guards against a thread that stop() already destroyed, or one started after it.
    QPointer<JoinableThread> thread(m_thread.get());
    connect(m_thread.get(), &QThread::finished, this, [this, thread] {
        if (thread)
            onThreadFinished(thread);
    });
    m_thread->start(priority);
}

void WorkerThread::onThreadFinished(const JoinableThread *thread)
{
    if (thread != m_thread.get())
        return;
    join();
    Q_EMIT finished();
}

void WorkerThread::requestStop()
{
    if (m_requestStop)
        m_requestStop();
}

void WorkerThread::stop()
{
    if (!m_thread)
        return;
    requestStop();
    join();
}

void WorkerThread::wait()
{
    if (m_thread)
        m_thread->wait();
}

void WorkerThread::join()
{
    m_thread->wait(); // finished() is emitted just before the thread really ends
    m_thread->join(); // everything the job wrote is visible from here on
    m_requestStop = {};
    m_worker.reset();
    m_thread.reset();
}
