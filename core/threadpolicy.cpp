#include "threadpolicy.h"

#include <torch/torch.h>

// Measured on the 2-core reference machine (MLP 784-512-32, B=128, one 60k Fashion-MNIST epoch, training only):
//
//   other core idle,  2 threads:                   3.17 s
//   other core idle,  1 thread:                    4.16 s
//   other core busy,  2 threads:                 119.61 s   (OpenMP barriers wait for a descheduled thread)
//   other core busy,  2 threads, OMP passive:     10.39 s
//   other core busy,  1 thread:                    4.37 s
//
// The GUI thread, a second test process or a compiler is that "other core" often enough that two threads risk a
// 30x slowdown to gain 1.3x. One thread is the default; --threads 2 is there for an idle machine.
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
