#pragma once

#include <QMetaObject>
#include <QObject>
#include <QThread>
#include <QVector>

#include <functional>
#include <utility>

/// Runs work off the GUI thread and delivers its value back on the owner's thread.
/// The destructor joins every running job, so results never outlive the widgets that asked for them.
class BackgroundJobs final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackgroundJobs)

public:
    explicit BackgroundJobs(QObject *parent = nullptr);
    ~BackgroundJobs() override;

    /// `work` runs on a new thread and must only touch what it captured by value; `done` runs on this
    /// object's thread unless the object is destroyed first.
    template <typename T>
    void run(std::function<T()> work, std::function<void(const T &)> done)
    {
        QThread *thread = QThread::create([this, work = std::move(work), done = std::move(done)]() {
            T value = work();
            QMetaObject::invokeMethod(
                this, [done, value = std::move(value)]() { done(value); }, Qt::QueuedConnection);
        });
        track(thread);
    }

    int runningCount() const { return int(m_threads.size()); }
    /// Blocks until every job has finished (their `done` callbacks still arrive through the event loop).
    void waitForAll();

private:
    void track(QThread *thread);

    QVector<QThread *> m_threads;
};
