#include "backgroundjobs.h"

#include "util/workerthread.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace {

/// Lowers the calling thread's share of a busy core to about a tenth (Linux's nice value is per thread).
void lowerThisThreadsWeight()
{
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), BackgroundJobs::kNice);
}

} // namespace

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
    // Nice 10, not SCHED_IDLE: an idle-class thread runs only when a core is free, so on a machine busy with other
    // work the map's projection took 29-36 s instead of 0.2 s and a model build 6 s instead of 15 ms (the map stayed
    // epochs behind, and an autosave could wait as long). At nice 10 they took 0.8-1.0 s and 0.09 s under the same
    // load; the GUI's longest stall there rose from 12-20 ms to 23-46 ms, and on a quiet machine nothing changed
    // (docs/performance.md, session 10).
    thread->start(
        [job = std::move(job)]() {
            lowerThisThreadsWeight();
            job();
        },
        QString(), QThread::InheritPriority);
}
