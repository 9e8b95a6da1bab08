#include "cli/scopedinterrupthandler.h"

#include <atomic>
#include <csignal>

namespace {

std::atomic<const ScopedInterruptHandler::Stop *> g_stop{nullptr};

extern "C" void onInterrupt(int)
{
    // Only the job's atomic store: the job finishes its batch, and its results are saved and printed as usual.
    if (const ScopedInterruptHandler::Stop *stop = g_stop.load())
        stop->request(stop->job);
}

} // namespace

ScopedInterruptHandler::ScopedInterruptHandler(Stop stop)
    : m_stop(stop)
{
    g_stop.store(&m_stop);
    m_previousInt = std::signal(SIGINT, onInterrupt);
    m_previousTerm = std::signal(SIGTERM, onInterrupt);
}

ScopedInterruptHandler::~ScopedInterruptHandler()
{
    std::signal(SIGINT, m_previousInt);
    std::signal(SIGTERM, m_previousTerm);
    g_stop.store(nullptr);
}
