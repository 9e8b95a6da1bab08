#pragma once

#include <QtGlobal>

/// Every random stream a run draws from, derived from the run's one seed. Named here so that two streams never
/// share a derivation by accident; the formulas are the ones earlier versions used, so saved runs repeat exactly.
namespace SeedStreams {

/// What a stream is for.
enum class Stream : quint64 {
    TrainingBatches = 0,    ///< an epoch's shuffle and its ε draws
    TrainingEvaluation = 1, ///< an epoch's test-split evaluation
};

/// The trainer's per-epoch generator seeds: resuming at an epoch boundary repeats an uninterrupted run.
constexpr quint64 trainingEpoch(quint64 seed, int epoch, Stream stream)
{
    return seed * 1000003ULL + quint64(epoch) * 7919ULL + quint64(stream);
}

/// Fine-tuning (and the scratch baseline) of a transferred VAE: shuffles and ε.
constexpr quint64 finetuning(quint64 seed)
{
    return seed * 7919ULL + 17;
}

/// A downstream classifier's initialisation and minibatch order.
constexpr quint64 classifier(quint64 seed)
{
    return seed * 31ULL + 5;
}

/// Which training images keep their labels in a semi-supervised run (K per class).
constexpr quint64 labelledDraw(quint64 seed)
{
    return seed * 104729ULL + 3;
}

/// The label graph's patch dictionary: which images and patches it learns from, its k-means start (LabelGraph).
constexpr quint64 labelGraph(quint64 seed)
{
    return seed * 6700417ULL + 13;
}

/// Which training images a run holds out as its validation set (TrainConfig::validation).
constexpr quint64 validationSplit(quint64 seed)
{
    return seed * 15485863ULL + 11;
}

/// The episodes of one shot setting (`shotIndex` into the shot list) of a few-shot run.
constexpr quint64 episodes(quint64 seed, int shotIndex)
{
    return seed + 7919ULL * quint64(shotIndex);
}

} // namespace SeedStreams
