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
    thread->start(QThread::LowPriority);
}
