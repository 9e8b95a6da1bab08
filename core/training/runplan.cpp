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

double RunPlan::evaluationUnits(const ModelSpec &model)
{
    // Measured on the digits' models over Fashion-MNIST's 10,000 test images, 2 cores (session 29).
    ModelSpec plain = model;
    plain.classes = 0;
    const double perImage = 0.0053 * stepUnits(plain);
    return model.isSemiSupervised() ? perImage * (1.07 * model.classes + 1) : perImage;
}

RunPlan RunPlan::of(const TrainConfig &config, int trainImages, int testImages, const MachineSpeed &speed)
{
    RunPlan plan;
    if (config.labelGraphInEffect())
        plan.graphSeconds = LabelGraph::expectedSeconds(trainImages, testImages) * speed.graph;
    const int batch = std::max(1, std::min(config.batchSize, trainImages));
    const double steps = double(config.epochs) * ((trainImages + batch - 1) / batch);
    // A step's cost grows with its images: the units are of 128.
    // Each epoch ends with the test images' bound (and accuracy): a semi-supervised model's sums over every class, as
    // long as 70 of its steps on Fashion-MNIST; unplanned, a transfer's semi-supervised strategy on 2,000 images said
    // "about 1 min" and took 3 (session 35).
    const double evaluation = double(config.epochs) * testImages * evaluationUnits(config.model);
    plan.trainingSeconds =
        (steps * stepUnits(config.model) * (batch / 128.0) + evaluation) * kSecondsPerUnit * speed.steps;
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
