#pragma once

#include <QObject>
#include <QVector>

#include <functional>
#include <memory>
#include <optional>
#include <utility>

class WorkerThread;

/// Runs work off the GUI thread and delivers its value back on the owner's thread.
/// The destructor joins every running job, so results never outlive the widgets that asked for them.
///
/// Each job runs on a WorkerThread, whose join hands the value over in a way ThreadSanitizer can see; the callbacks
/// are created, called and destroyed on the owner's thread only.
class BackgroundJobs final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackgroundJobs)

public:
    explicit BackgroundJobs(QObject *parent = nullptr);
    ~BackgroundJobs() override;

    /// The nice value every job's thread runs at: it yields to the GUI and the trainer, but still runs on a busy machine.
    static constexpr int kNice = 10;

    /// `work` runs on a new thread and must only touch what it captured by value; `done` runs on this
    /// object's thread unless the object is destroyed first.
    template <typename T> void run(std::function<T()> work, std::function<void(const T &)> done)
    {
        auto value = std::make_shared<std::optional<T>>();
        start([work = std::move(work), value]() { value->emplace(work()); },
              [done = std::move(done), value]() {
                  if (value->has_value())
                      done(**value);
              });
    }

    /// Blocks until every job has finished (their `done` callbacks still arrive through the event loop).
    void waitForAll();

private:
    /// `job` runs on a new thread; `finished` on this object's thread once that thread has been joined.
    void start(std::function<void()> job, std::function<void()> finished);

    QVector<WorkerThread *> m_threads;
};
