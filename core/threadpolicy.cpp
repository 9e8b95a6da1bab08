#include "threadpolicy.h"

#include <torch/torch.h>

#include <QThread>

int defaultTrainingThreads()
{
    // Measured on the 2-core reference machine (docs/performance.md): see applyTrainingThreads.
    return qMax(1, QThread::idealThreadCount());
}

int applyTrainingThreads(int requested)
{
    const int threads = requested > 0 ? requested : defaultTrainingThreads();
    torch::set_num_threads(threads);
    return threads;
}
