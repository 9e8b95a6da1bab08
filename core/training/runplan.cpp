#include "training/runplan.h"

#include "model/labelgraph.h"

#include <algorithm>

double RunPlan::stepUnits(const ModelSpec &model)
{
    const double plain = model.architecture == Architecture::Conv ? 7.5 : 1.0;
    if (!model.isSemiSupervised())
        return plain;
    const double semiSupervisedMlp = model.classifierInput == ClassifierInput::Gradients ? 11.4 : 4.5;
    return model.architecture == Architecture::Conv ? plain + (4.5 - 1.0) : semiSupervisedMlp;
}

RunPlan RunPlan::of(const TrainConfig &config, int trainImages, int testImages, const MachineSpeed &speed)
{
    RunPlan plan;
    if (config.labelGraphInEffect())
        plan.graphSeconds = LabelGraph::expectedSeconds(trainImages, testImages) * speed.graph;
    const int batch = std::max(1, std::min(config.batchSize, trainImages));
    const double steps = double(config.epochs) * ((trainImages + batch - 1) / batch);
    // A step's cost grows with its images: the units are of 128.
    plan.trainingSeconds = steps * stepUnits(config.model) * (batch / 128.0) * kSecondsPerUnit * speed.steps;
    return plan;
}

RunPlan RunPlan::onThisMachine(const TrainConfig &config, int trainImages, int testImages)
{
    return of(config, trainImages, testImages, MachineSpeed::forPlanOf(of(config, trainImages, testImages).seconds()));
}

double RunPlan::graphShare() const
{
    return seconds() > 0 ? graphSeconds / seconds() : 0.0;
}
