#pragma once

#include <QtGlobal>

/// While it lives, SIGINT and SIGTERM (Ctrl+C, kill) ask a long job to stop, then the previous handlers come back.
/// The job finishes its batch and reports what it has, so an interrupted run still saves and prints its results.
/// One at a time: a command runs one job.
class ScopedInterruptHandler final
{
public:
    /// `job.requestStop()` must do no more than an atomic store: it runs inside the signal handler.
    template <typename Job>
    explicit ScopedInterruptHandler(Job &job)
        : ScopedInterruptHandler(Stop{&job, [](void *j) { static_cast<Job *>(j)->requestStop(); }})
    { }
    ~ScopedInterruptHandler();
    Q_DISABLE_COPY_MOVE(ScopedInterruptHandler)

    /// A job and the function that asks it to stop (a template's lambda, so the handler itself needs no type).
    struct Stop
    {
        void *job;
        void (*request)(void *job);
    };

private:
    explicit ScopedInterruptHandler(Stop stop);

    using SignalHandler = void (*)(int);
    const Stop m_stop;
    SignalHandler m_previousInt = nullptr;
    SignalHandler m_previousTerm = nullptr;
};
