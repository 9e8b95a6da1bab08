#include "backgroundjobs.h"

#include "util/workerthread.h"

BackgroundJobs::BackgroundJobs(QObject *parent)
    : QObject(parent)
{ }

BackgroundJobs::~BackgroundJobs()
{
    // Each WorkerThread joins its job as it is destroyed; no callback runs any more.
    qDeleteAll(m_threads);
}

void BackgroundJobs::waitForAll()
{
    for (WorkerThread *thread : std::as_const(m_threads))
        thread->wait();
}

void BackgroundJobs::start(std::function<void()> job, std::function<void()> finished)
{
    auto *thread = new WorkerThread;
    m_threads.append(thread);
    connect(thread, &WorkerThread::finished, this, [this, thread, finished = std::move(finished)]() {
        m_threads.removeOne(thread);
        thread->deleteLater();
        finished();
    });
    // IdlePriority is SCHED_IDLE on Linux (LowPriority changes nothing under SCHED_OTHER): while training holds one
    // core, a map projection competing with the GUI thread for the other one stalled repaints by up to 58 ms
    // (bench_gui). Idle, the job runs only when a core is free, which it mostly is.
    thread->start(std::move(job), QString(), QThread::IdlePriority);
}
