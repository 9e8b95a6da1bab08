#pragma once

/// How many intra-op threads LibTorch uses for training when the user does not say.
/// The measurements behind the choice are in threadpolicy.cpp.
int defaultTrainingThreads();

/// Applies the thread count to the calling OS thread (LibTorch's setting is per thread). 0 = default.
/// Returns the count applied.
int applyTrainingThreads(int requested);
