#include "backgroundjobs.h"

#include "joinablethread.h"

BackgroundJobs::BackgroundJobs(QObject *parent)
    : QObject(parent)
{
}

BackgroundJobs::~BackgroundJobs()
{
    waitForAll();
    for (JoinableThread *thread : std::as_const(m_threads)) {
        thread->join();
        delete thread;
    }
}

void BackgroundJobs::waitForAll()
{
    for (JoinableThread *thread : std::as_const(m_threads))
        thread->wait();
}

void BackgroundJobs::start(std::function<void()> job, std::function<void()> finished)
{
    auto *thread = new JoinableThread(std::move(job));
    m_threads.append(thread);
    connect(thread, &QThread::finished, this, [this, thread, finished = std::move(finished)]() {
        thread->wait(); // finished() is emitted just before the thread ends
        thread->join(); // the job's value is visible from here on
        m_threads.removeOne(thread);
        thread->deleteLater();
        finished();
    });
    // IdlePriority is SCHED_IDLE on Linux (LowPriority changes nothing under SCHED_OTHER): while training holds one
    // core, a map projection competing with the GUI thread for the other one stalled repaints by up to 58 ms
    // (bench_gui). Idle, the job runs only when a core is free, which it mostly is.
    thread->start(QThread::IdlePriority);
}
