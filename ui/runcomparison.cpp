#include "runcomparison.h"

#include <QStringList>

QString RunComparison::labelsText(const TrainConfig &config)
{
    if (!config.isSemiSupervised())
        return tr("labels off");
    return config.labelsPerClass == TrainConfig::kAllLabels ? tr("all labels")
                                                            : tr("%1 labels per class").arg(config.labelsPerClass);
}

bool RunComparison::comparable(const TrainConfig &a, const TrainConfig &b)
{
    return a.dataset == b.dataset && a.classes == b.classes && a.model.likelihood == b.model.likelihood
        && a.validation == b.validation && (a.validation == 0 || a.seed == b.seed);
}

TrainConfig RunComparison::continuing(TrainConfig chosen, const TrainConfig &saved)
{
    chosen.model.classifierInput = saved.model.classifierInput;
    chosen.trainingImages = saved.trainingImages;
    chosen.trainingImagesSeed = saved.trainingImagesSeed;
    chosen.adaptedFrom = saved.adaptedFrom; // more epochs of an adapted model: still adapted
    return chosen;
}

QString RunComparison::differences(const TrainConfig &before, const TrainConfig &now)
{
    QStringList said;
    if (before.model.architecture != now.model.architecture)
        said << toString(before.model.architecture);
    if (before.model.latent != now.model.latent)
        said << tr("latent %1").arg(before.model.latent);
    if (before.model.hidden != now.model.hidden)
        said << tr("hidden %1").arg(before.model.hidden);
    if (before.beta != now.beta)
        said << tr("β %1").arg(before.beta);
    if (before.warmupEpochs != now.warmupEpochs)
        said << tr("warm-up %1").arg(before.warmupEpochs);
    if (labelsText(before) != labelsText(now))
        said << labelsText(before);
    if (before.batchSize != now.batchSize)
        said << tr("batch %1").arg(before.batchSize);
    if (before.learningRate != now.learningRate)
        said << tr("learning rate %1").arg(before.learningRate);
    if (before.seed != now.seed)
        said << tr("seed %1").arg(before.seed);
    return said.join(tr(", "));
}
