#include "kernels/fastpaths_p.h"

#include <atomic>

namespace FastPaths {
namespace {
std::atomic<bool> g_enabled{true};
std::atomic<bool> g_handDerivedStep{true};
} // namespace

void setEnabled(bool enabled)
{
    g_enabled.store(enabled, std::memory_order_relaxed);
}

bool enabled()
{
    return g_enabled.load(std::memory_order_relaxed);
}
void setHandDerivedStep(bool enabled)
{
    g_handDerivedStep.store(enabled, std::memory_order_relaxed);
}

bool handDerivedStep()
{
    return enabled() && g_handDerivedStep.load(std::memory_order_relaxed);
}
} // namespace FastPaths
