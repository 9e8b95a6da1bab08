#include "training/machinespeed.h"

#include "data/batching_p.h"
#include "model/labelgraph.h"
#include "model/vae_p.h"
#include "training/adam_p.h"
#include "training/threadpolicy.h"
#include "training/trainingloop_p.h"

#include <QElapsedTimer>
#include <QThreadPool>

#include <algorithm>
#include <cmath>
#include <future>
#include <limits>
#include <memory>
#include <mutex>

namespace {

// What the step probe takes on the plans' machine: the plans' unit itself (a plain MLP VAE step of 128 images, one
// thread). On session 35's machine the probe's ratio (1.41-1.47) matched a real Fashion-MNIST epoch's (1.34-1.49;
// `bench --plan`, docs/performance.md).
constexpr double kPlannedStepSeconds = 0.0085;
constexpr int kProbeSteps = 6;                    // the fastest after the first counts: the others met a busy moment
constexpr double kSlowest = 8.0, kFastest = 0.25; // a ratio beyond these is a broken clock, not a machine

double fastestStepSeconds()
{
    ModelSpec spec;
    spec.latent = 8;
    auto model = makeVae(spec, 1);
    Adam adam(model->parameters(), 1e-3);
    Dataset data;
    data.pixels = QByteArray(128 * data.pixelCount(), '\0');
    for (int i = 0; i < data.pixels.size(); ++i)
        data.pixels[i] = char((i * 37) % 251);
    const Batcher batches(data);
    auto generator = at::detail::createCPUGenerator(1);
    double fastest = std::numeric_limits<double>::infinity();
    QElapsedTimer clock;
    TrainingLoop::EpochPlan plan;
    for (int step = 0; step < kProbeSteps; ++step) {
        clock.start();
        TrainingLoop::trainEpoch(*model, adam, batches, spec.likelihood, generator, plan);
        if (step > 0)
            fastest = std::min(fastest, clock.nsecsElapsed() / 1e9);
    }
    return fastest;
}

double bounded(double ratio)
{
    return std::isfinite(ratio) ? std::clamp(ratio, kFastest, kSlowest) : 1.0;
}

std::shared_future<MachineSpeed> &measurement()
{
    static std::shared_future<MachineSpeed> future;
    return future;
}

std::mutex &measurementMutex()
{
    static std::mutex mutex;
    return mutex;
}

} // namespace

MachineSpeed MachineSpeed::measure()
{
    const ThreadCountGuard threads(1);
    MachineSpeed speed;
    speed.steps = bounded(fastestStepSeconds() / kPlannedStepSeconds);
    speed.graph = bounded(LabelGraph::timedAgainstPlan());
    return speed;
}

void MachineSpeed::startMeasuring()
{
    const std::lock_guard<std::mutex> lock(measurementMutex());
    if (measurement().valid())
        return;
    // On Qt's global pool, which QCoreApplication's destructor waits for while LibTorch is whole. A std::async
    // future joined its thread in the exit handlers instead, and a measurement still running there deadlocked in
    // at::set_num_threads (a test that closed its wizard at once).
    auto result = std::make_shared<std::promise<MachineSpeed>>();
    measurement() = result->get_future().share();
    QThreadPool::globalInstance()->start([result] { result->set_value(measure()); });
}

void MachineSpeed::assume(const MachineSpeed &speed)
{
    std::promise<MachineSpeed> given;
    given.set_value(speed);
    const std::lock_guard<std::mutex> lock(measurementMutex());
    measurement() = given.get_future().share();
}

MachineSpeed MachineSpeed::measured()
{
    startMeasuring();
    std::shared_future<MachineSpeed> future;
    {
        const std::lock_guard<std::mutex> lock(measurementMutex());
        future = measurement();
    }
    return future.get();
}

MachineSpeed MachineSpeed::forPlanOf(double plannedSeconds)
{
    return plannedSeconds < 20 ? MachineSpeed{} : measured();
}
