#include "backgroundjobs.h"

BackgroundJobs::BackgroundJobs(QObject *parent)
    : QObject(parent)
{
}

BackgroundJobs::~BackgroundJobs()
{
    waitForAll();
    for (QThread *thread : std::as_const(m_threads))
        delete thread;
}

void BackgroundJobs::waitForAll()
{
    for (QThread *thread : std::as_const(m_threads))
        thread->wait();
}

void BackgroundJobs::track(QThread *thread)
{
    m_threads.append(thread);
    connect(thread, &QThread::finished, this, [this, thread]() {
        m_threads.removeOne(thread);
        thread->deleteLater();
    });
    thread->start(QThread::LowPriority);
}
