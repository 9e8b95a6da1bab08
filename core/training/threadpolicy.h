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

/// Keeps freed tensor memory in the process instead of returning it to the kernel after every step
/// (measured: page faults from glibc trimming and re-growing the heap cost 10-25 % of an MLP step). Idempotent.
void tuneAllocatorForTraining();
