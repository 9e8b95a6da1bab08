#pragma once

/// The thread count work other than automatic training starts with (evaluation, inference, the GUI's decoder).
/// The measurements behind the choice are in threadpolicy.cpp.
int defaultTrainingThreads();

/// Applies the thread count to the calling OS thread (LibTorch's setting is per thread). 0 = default.
/// Returns the count applied.
int applyTrainingThreads(int requested);

/// For short interactive work (the GUI's decoder, encodings, reconstructions) on the calling OS thread: one LibTorch
/// thread, set the first time the thread asks. With LibTorch's default, a thread per core would fight the trainer
/// for its cores and stall the GUI's event loop.
void useInteractiveThreads();

/// Cores the automatic policy may use.
int maxTrainingThreads();

/// Sets the calling OS thread's LibTorch thread count for its lifetime, then puts the previous one back.
class ThreadCountGuard
{
public:
    explicit ThreadCountGuard(int threads);
    ~ThreadCountGuard();
    ThreadCountGuard(const ThreadCountGuard &) = delete;
    ThreadCountGuard &operator=(const ThreadCountGuard &) = delete;

private:
    int m_previous;
};

/// For a one-off computation with large temporaries (the label graph): meanwhile every allocation of 32 MB or more
/// gets pages of its own, returned to the kernel when freed, rather than heap that tuneAllocatorForTraining() keeps
/// (measured: the graph of 60,000 images grew the heap to 1.1 GB that way, against 0.7 GB), and the heap is trimmed
/// past 32 MB free. Smaller blocks (the features' 14-18 MB temporaries) reuse the heap: from 1 MB up, their fresh
/// pages cost 13 million page faults and 48 s of the graph's 183 s (docs/performance.md, session 35). On leaving,
/// the training settings apply and the heap's free memory goes back to the kernel.
class LargeAllocationScope
{
public:
    LargeAllocationScope();
    ~LargeAllocationScope();
    LargeAllocationScope(const LargeAllocationScope &) = delete;
    LargeAllocationScope &operator=(const LargeAllocationScope &) = delete;
};

/// Keeps freed tensor memory in the process instead of returning it to the kernel after every step
/// (measured: page faults from glibc trimming and re-growing the heap cost 10-25 % of an MLP step). Idempotent.
void tuneAllocatorForTraining();
