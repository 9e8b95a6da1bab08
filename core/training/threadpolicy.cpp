#include "training/threadpolicy.h"

#include <torch/torch.h>

#include <malloc.h>

#include <mutex>

#include <QThread>

namespace {

void setTrainingAllocator()
{
    // Batches, activations and gradients are 0.1-2 MB: below 64 MB allocate from the heap, and trim it only when
    // 512 MB are free, so each step reuses the previous step's pages.
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
}

} // namespace

// Measured on the 2-core reference machine (MLP 784-512-32, B=128, one 60k Fashion-MNIST epoch, training only):
//
//   other core idle,  2 threads:                   3.17 s
//   other core idle,  1 thread:                    4.16 s
//   other core busy,  2 threads:                 119.61 s   (OpenMP barriers wait for a descheduled thread)
//   other core busy,  2 threads, OMP passive:     10.39 s
//   other core busy,  1 thread:                    4.37 s
//
// The GUI thread, a second test process or a compiler is that "other core" often enough that two fixed threads
// risk a 30x slowdown to gain 1.3x. So the default is one thread (also reproducible: 1 vs 2 threads differ in the
// ninth digit after one epoch), and training with threads = 0 ("--threads auto") times its own steps
// (ThreadGovernor): all cores while they are faster, one thread the moment a step shows contention.
int defaultTrainingThreads()
{
    return 1;
}

int applyTrainingThreads(int requested)
{
    const int threads = requested > 0 ? requested : defaultTrainingThreads();
    torch::set_num_threads(threads);
    return threads;
}

void useInteractiveThreads()
{
    // LibTorch's count is per OS thread; setting it again each call could rebuild its thread pool.
    thread_local const int applied = applyTrainingThreads(defaultTrainingThreads());
    Q_UNUSED(applied);
}

void tuneAllocatorForTraining()
{
    static std::once_flag once;
    std::call_once(once, setTrainingAllocator);
}

ThreadCountGuard::ThreadCountGuard(int threads)
    : m_previous(torch::get_num_threads())
{
    torch::set_num_threads(threads);
}

ThreadCountGuard::~ThreadCountGuard()
{
    torch::set_num_threads(m_previous);
}

LargeAllocationScope::LargeAllocationScope()
{
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 32 << 20);
}

LargeAllocationScope::~LargeAllocationScope()
{
    setTrainingAllocator();
    malloc_trim(0);
}

int maxTrainingThreads()
{
    return std::max(1, QThread::idealThreadCount());
}
