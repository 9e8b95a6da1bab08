#pragma once

#include "data/dataset.h"
#include "training/trainconfig.h"
#include "util/result.h"

#include <QVector>

#include <functional>

/// A second opinion beside the semi-supervised model's classifier q(y|x), for runs with few labels: the labelled
/// images' classes spread over a graph of all training images (Zhou et al. 2004), built on features learned from the
/// unlabelled images themselves (Coates & Ng 2011), and each evaluation image's vote from its nearest training images.
/// The run reports the product, log vote + γ·log q(y|x) (TrainConfig::labelGraphWeight): on Fashion-MNIST's
/// validation splits it beat both; docs/performance.md, sessions 20-21.
///
///  1. 5 × 5 patches, each normalised to zero mean and unit variance (+0.01), ZCA-whitened (ε 0.1); spherical k-means,
///     32 centroids, 10 iterations, on 200,000 patches of 20,000 training images (drawn with the seed).
///  2. An image's features: at each patch position the "triangle" activation max(0, mean_k d_k − d_k) (d_k: distance
///     of the whitened patch to centroid k), averaged over 4 × 4 regions: 512 values, standardised with the training
///     images' statistics.
///  3. The 10 nearest neighbours of each training image (cosine similarity), weighted exp(−(1 − s)/mean(1 − s)),
///     symmetrised; label spreading, α 0.99, 30 iterations, from the labelled images' one-hot classes.
///  4. An evaluation image: the weighted sum of its 10 nearest training images' spread labels, normalised.
namespace LabelGraph {

/// Each evaluation image's vote: log-probabilities, `count` rows of `classes`, row-major.
struct Vote
{
    int classes = 0;
    QVector<float> logProbability;
    int count() const { return classes == 0 ? 0 : int(logProbability.size() / classes); }
};

/// The steps of `vote`, in order (1-4 above): the first two take nearly all of its time.
enum class Step {
    Features,   ///< the dictionary, then every image's patch features
    Neighbours, ///< each training image's nearest neighbours
    Spreading,  ///< the labels spread over the graph
    Votes,      ///< each evaluation image's nearest training images
};
/// What a step does, for people (translated): "patch features", "nearest neighbours", …
QString stepName(Step step);

/// Called between blocks of work with the fraction done so far (0…1, weighed by expectedSeconds' cost model), the
/// time left at the rate so far (RunProgress::etaFrom; -1 = not known yet) and the step the work is in; true ends the
/// computation early (the result then fails with an empty message).
using Progress = std::function<bool(double fraction, double etaSeconds, Step step)>;

/// The vote for `eval`'s images from a graph of `train`'s images with the labelled images `config` draws (K per class
/// with its seed, as the trainer draws them; `train` is the run's training split, TrainConfig::runData). Fails with a
/// message when the data cannot be drawn from, or with an empty message when `progress` said stop.
Result<Vote> vote(const TrainConfig &config, const Dataset &train, const Dataset &eval, const Progress &progress = {});

/// How long `vote` takes for 28 × 28 images on one thread of the reference machine (two cores, quiet; measured on
/// Fashion-MNIST's 60,000 + 10,000 images, docs/performance.md, session 22), in seconds: for plans and progress bars.
/// The neighbour search grows with trainCount × (trainCount + evalCount), the features with the image count.
double expectedSeconds(int trainCount, int evalCount);

/// How long a block of the two costly steps (patch features of 250 images, nearest neighbours of 256 among 32,768)
/// takes on the calling thread, against what expectedSeconds' cost model gives it: 1 = as planned (MachineSpeed).
double timedAgainstPlan();

} // namespace LabelGraph
