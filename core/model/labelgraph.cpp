#include "model/labelgraph.h"

#include "data/batching_p.h"
#include "data/labelleddraw.h"
#include "training/threadgovernor_p.h"
#include "training/threadpolicy.h"
#include "util/runoutcome.h"
#include "util/seedstreams.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <torch/torch.h>

#include <limits>
#include <optional>

namespace F = torch::nn::functional;

namespace LabelGraph {

namespace {

constexpr int kPatch = 5, kCentroids = 32, kPool = 4;
constexpr int kDictionaryImages = 20000, kPatchesPerImage = 10, kKMeansIterations = 10;
constexpr int kNeighbours = 10, kSpreadIterations = 30;
constexpr double kAlpha = 0.99, kWhiteningEpsilon = 0.1;
constexpr int kImageBlock = 250; // images per block of patch work (about 35 MB of patches and distances)
constexpr int kRowBlock = 256;   // rows per block of the similarity matrix (256 × 60,000 floats: 61 MB)
// expectedSeconds' cost model: Fashion-MNIST (60,000 + 10,000 images) on one thread of the two-core reference machine
// beside a training on the other core took 5.7 s for the dictionary (20,000 images), 48.2 s for the features,
// 42.9 + 7.5 s for the neighbours (train × train, eval × train) and 3.3 s for the spreading (docs/performance.md,
// session 22).
constexpr double kDictionarySecondsPerImage = 2.85e-4, kFeatureSecondsPerImage = 6.9e-4, kPairSeconds = 1.2e-8,
                 kSpreadSecondsPerImage = 5.5e-5;

QString tr(const char *text)
{
    return QCoreApplication::translate("LabelGraph", text);
}

/// Every 5 × 5 patch of `x`, each normalised to zero mean and unit variance: N × positions × 25.
torch::Tensor normalisedPatches(const torch::Tensor &x)
{
    auto u = F::unfold(x, F::UnfoldFuncOptions({kPatch, kPatch})).transpose(1, 2);
    u = u - u.mean(2, true);
    return u / torch::sqrt(u.var(2, /*unbiased=*/false, /*keepdim=*/true) + 0.01);
}

struct Dictionary
{
    torch::Tensor mean, whitening, centroids; // 25; 25 × 25; 32 × 25
};

/// ZCA whitening and spherical k-means on patches of up to `kDictionaryImages` training images (drawn with
/// replacement).
Dictionary learnDictionary(const Dataset &train, at::Generator &generator)
{
    const int pickedCount = std::min(kDictionaryImages, train.count());
    const auto picked = torch::randint(train.count(), {pickedCount}, generator, torch::kLong);
    const Batcher images(train);
    std::vector<torch::Tensor> blocks;
    for (int start = 0; start < pickedCount; start += kImageBlock) {
        const int count = std::min(kImageBlock, pickedCount - start);
        const auto u = normalisedPatches(images.gather(picked.narrow(0, start, count)));
        const auto pick = torch::randint(u.size(1), {count, kPatchesPerImage}, generator, torch::kLong);
        blocks.push_back(torch::gather(u, 1, pick.unsqueeze(2).expand({-1, -1, u.size(2)})).reshape({-1, u.size(2)}));
    }
    const auto patches = torch::cat(blocks);
    Dictionary d;
    d.mean = patches.mean(0);
    const auto centred = patches - d.mean;
    const auto covariance = centred.t().mm(centred) / double(patches.size(0) - 1);
    const auto [values, vectors] = torch::linalg::eigh(covariance, "L");
    d.whitening = vectors.mm(torch::diag(torch::rsqrt(values + kWhiteningEpsilon))).mm(vectors.t());
    const auto z = centred.mm(d.whitening);
    auto centroids =
        F::normalize(z.index_select(0, torch::randperm(z.size(0), generator, torch::kLong).narrow(0, 0, kCentroids)),
                     F::NormalizeFuncOptions().dim(1));
    for (int iteration = 0; iteration < kKMeansIterations; ++iteration) {
        const auto nearest = z.mm(centroids.t()).argmax(1);
        auto sums = torch::zeros({kCentroids, z.size(1)}).index_add_(0, nearest, z);
        const auto empty = torch::nonzero(torch::bincount(nearest, {}, kCentroids) == 0).flatten();
        if (empty.numel() > 0) // an empty cluster restarts at a random patch
            sums.index_copy_(0, empty,
                             z.index_select(0, torch::randint(z.size(0), {empty.numel()}, generator, torch::kLong)));
        centroids = F::normalize(sums, F::NormalizeFuncOptions().dim(1));
    }
    d.centroids = centroids;
    return d;
}

/// Pooled triangle activations of `x`'s patches: N × 512.
torch::Tensor patchFeatures(const torch::Tensor &x, const Dictionary &d)
{
    const auto z = (normalisedPatches(x) - d.mean).matmul(d.whitening);
    const auto distance =
        torch::sqrt(((z * z).sum(2, true) - 2 * z.matmul(d.centroids.t()) + 1).clamp_min(1e-6)); // unit centroids
    const auto active = torch::relu(distance.mean(2, true) - distance);
    return F::adaptive_avg_pool2d(
               active.transpose(1, 2).reshape({x.size(0), kCentroids, x.size(2) - kPatch + 1, x.size(3) - kPatch + 1}),
               F::AdaptiveAvgPool2dFuncOptions({kPool, kPool}))
        .flatten(1);
}

/// The blocks of the long loops (features, neighbours): tells the caller how far the work is and asks whether to
/// stop before each (once it said stop, stays stopped) and, for a run with automatic threads, lets a ThreadGovernor
/// time each one as a training step. Each block counts its expected seconds (expectedSeconds' cost model).
class Blocks
{
public:
    Blocks(const Progress &progress, int threads, double totalSeconds)
        : m_progress(progress)
        , m_total(std::max(totalSeconds, 1e-9))
    {
        if (threads == 0)
            m_governor.emplace(maxTrainingThreads());
        m_clock.start();
    }
    /// The step the next blocks belong to; says so at once (and asks whether to stop).
    bool begin(Step step)
    {
        m_step = step;
        return stopped();
    }
    bool stopped()
    {
        const double fraction = std::min(1.0, m_done / m_total);
        m_stopped = m_stopped
            || (m_progress && m_progress(fraction, RunProgress::etaFrom(m_clock.elapsed() / 1000.0, fraction), m_step));
        return m_stopped;
    }
    void advance(double seconds) { m_done += seconds; }
    template <typename Work> void run(double seconds, Work work)
    {
        if (m_governor)
            m_governor->beforeStep();
        QElapsedTimer clock;
        clock.start();
        work();
        if (m_governor)
            m_governor->afterStep(clock.nsecsElapsed() / 1e6);
        advance(seconds);
    }

private:
    const Progress &m_progress;
    const double m_total;
    double m_done = 0;
    Step m_step = Step::Features;
    QElapsedTimer m_clock;
    std::optional<ThreadGovernor> m_governor;
    bool m_stopped = false;
};

torch::Tensor features(const Dataset &data, const Dictionary &d, Blocks &blocks)
{
    const Batcher images(data);
    // Written block by block into one tensor: blocks kept apart and joined at the end held the features twice, and
    // their small allocations between the blocks' temporaries fragmented the heap.
    auto out = torch::empty({data.count(), kCentroids * kPool * kPool});
    for (int start = 0; start < data.count() && !blocks.stopped(); start += kImageBlock) {
        const int count = std::min(kImageBlock, data.count() - start);
        blocks.run(count * kFeatureSecondsPerImage,
                   [&] { out.narrow(0, start, count).copy_(patchFeatures(images.range(start, count), d)); });
    }
    return blocks.stopped() ? torch::Tensor() : out;
}

struct Neighbours
{
    torch::Tensor weights, indices; // queries × k
};

/// The `k` most cosine-similar rows of `base` (unit rows) for each row of `queries` (unit rows), weighted
/// exp(−(1 − s)/mean(1 − s)); `self` excludes a query's own row when queries are base.
Neighbours nearest(const torch::Tensor &queries, const torch::Tensor &base, int k, bool self, Blocks &blocks)
{
    std::vector<torch::Tensor> values, indices;
    // One block's similarities, written over for every block: a fresh 61 MB block each time cost 15,000 page faults.
    auto buffer = torch::empty({std::min<int64_t>(kRowBlock, queries.size(0)), base.size(0)});
    for (int64_t start = 0; start < queries.size(0) && !blocks.stopped(); start += kRowBlock) {
        const int64_t count = std::min<int64_t>(kRowBlock, queries.size(0) - start);
        blocks.run(double(count) * base.size(0) * kPairSeconds, [&] {
            auto similarity = buffer.narrow(0, 0, count);
            torch::mm_out(similarity, queries.narrow(0, start, count), base.t());
            if (self)
                similarity.narrow(1, start, count).diagonal().fill_(-1);
            auto [v, i] = similarity.topk(k, 1);
            values.push_back(v);
            indices.push_back(i);
        });
    }
    if (blocks.stopped())
        return {};
    const auto distance = 1 - torch::cat(values);
    return {torch::exp(-distance / distance.mean().clamp_min(1e-12)), torch::cat(indices)};
}

/// Zhou et al.'s spreading on the symmetrised graph W + Wᵀ of `graph`: rows normalised to class probabilities.
torch::Tensor spread(const Neighbours &graph, const torch::Tensor &seeds)
{
    const int64_t n = seeds.size(0), k = graph.indices.size(1);
    const auto rows = torch::arange(n, torch::kLong).repeat_interleave(k);
    const auto cols = graph.indices.flatten();
    const auto w = graph.weights.flatten();
    const auto degree = torch::zeros({n}).index_add_(0, rows, w).index_add_(0, cols, w);
    const auto scale = degree.clamp_min(1e-12).rsqrt().unsqueeze(1);
    const auto wColumn = w.unsqueeze(1);
    auto labels = seeds.clone();
    for (int iteration = 0; iteration < kSpreadIterations; ++iteration) {
        const auto s = scale * labels;
        auto m = torch::zeros_like(labels);
        m.index_add_(0, rows, wColumn * s.index_select(0, cols)).index_add_(0, cols, wColumn * s.index_select(0, rows));
        labels = kAlpha * scale * m + (1 - kAlpha) * seeds;
    }
    return labels / labels.sum(1, true).clamp_min(1e-12);
}

} // namespace

QString stepName(Step step)
{
    switch (step) {
    case Step::Features:
        return tr("patch features");
    case Step::Neighbours:
        return tr("nearest neighbours");
    case Step::Spreading:
        return tr("spreading the labels");
    case Step::Votes:
        return tr("the evaluation images' votes");
    }
    return {};
}

double expectedSeconds(int trainCount, int evalCount)
{
    const double n = trainCount, all = double(trainCount) + evalCount;
    return kDictionarySecondsPerImage * std::min(trainCount, kDictionaryImages) + kFeatureSecondsPerImage * all
        + kPairSeconds * n * all + kSpreadSecondsPerImage * n;
}

double timedAgainstPlan()
{
    torch::NoGradGuard noGrad;
    auto generator = at::detail::createCPUGenerator(1);
    const auto unitRows = [](const torch::Tensor &t) { return F::normalize(t, F::NormalizeFuncOptions().dim(1)); };
    const Dictionary dictionary{torch::zeros({kPatch * kPatch}), torch::eye(kPatch * kPatch),
                                unitRows(torch::randn({kCentroids, kPatch * kPatch}, generator))};
    const auto images = torch::rand({kImageBlock, 1, 28, 28}, generator);
    // More rows than a processor's cache holds, as the graph's 60,000 (a base that fitted ran 1.37 times the plan
    // where the graph's neighbours ran 1.6 times).
    const auto base = torch::rand({32768, kCentroids * kPool * kPool}, generator).sub_(0.5);
    const auto fastest = [](const std::function<void()> &work) { // of two: the first may meet a busy moment
        double best = std::numeric_limits<double>::infinity();
        for (int i = 0; i < 2; ++i) {
            QElapsedTimer clock;
            clock.start();
            work();
            best = std::min(best, clock.nsecsElapsed() / 1e9);
        }
        return best;
    };
    const double features = fastest([&] { patchFeatures(images, dictionary); });
    const double pairs = fastest([&] { base.narrow(0, 0, kRowBlock).mm(base.t()).topk(kNeighbours, 1); });
    // Each step's ratio, weighed as in Fashion-MNIST's graph: the features and the neighbours about half each.
    return 0.5 * features / (kImageBlock * kFeatureSecondsPerImage)
        + 0.5 * pairs / (double(kRowBlock) * base.size(0) * kPairSeconds);
}

Result<Vote> vote(const TrainConfig &config, const Dataset &train, const Dataset &eval, const Progress &progress)
{
    torch::NoGradGuard noGrad;
    const QVector<int> classLabels = LabelledDraw::classLabels(train, config.classes);
    const auto labelled =
        LabelledDraw::draw(train, classLabels, config.labelsPerClass, SeedStreams::labelledDraw(config.seed));
    if (!labelled)
        return Result<Vote>::failure(labelled.error());
    if (train.count() < 2 || train.rows < kPatch + kPool - 1 || train.cols < kPatch + kPool - 1
        || eval.rows != train.rows || eval.cols != train.cols)
        return Result<Vote>::failure(tr("The label graph needs at least two training images of at least 8 × 8 "
                                        "pixels, and evaluation images of the same size."));
    if (eval.count() == 0)
        return Result<Vote>::success(Vote{int(classLabels.size()), {}});
    // The run's thread count (TrainConfig::threads; 0: timed as training is). Measured on two cores: 52 s for
    // Fashion-MNIST's graph on two threads on a quiet machine, 99 s on one, and 268 s on two beside another busy
    // process (OpenMP waits for its descheduled thread), so a fixed count is never raised here.
    const ThreadCountGuard threads(config.threads > 0 ? config.threads : defaultTrainingThreads());
    Blocks blocks(progress, config.threads, expectedSeconds(train.count(), eval.count()));
    const LargeAllocationScope allocation;
    auto generator = at::detail::createCPUGenerator(SeedStreams::labelGraph(config.seed));
    const Dictionary dictionary = learnDictionary(train, generator);
    blocks.advance(kDictionarySecondsPerImage * std::min(train.count(), kDictionaryImages));
    auto trainFeatures = features(train, dictionary, blocks);
    auto evalFeatures = features(eval, dictionary, blocks);
    if (blocks.stopped())
        return Result<Vote>::failure({});
    const auto mean = trainFeatures.mean(0), deviation = trainFeatures.std(0) + 1e-6;
    for (torch::Tensor *f : {&trainFeatures, &evalFeatures}) { // standardised, then unit rows (in place: 123 MB each)
        f->sub_(mean).div_(deviation);
        f->div_(f->norm(2, 1, true).clamp_min(1e-12));
    }

    const int classes = classLabels.size();
    const QVector<int> targets = LabelledDraw::modelTargets(train, classLabels);
    auto seeds = torch::zeros({train.count(), classes});
    for (int i : labelled.value())
        seeds[i][targets.at(i)] = 1;
    blocks.begin(Step::Neighbours);
    const Neighbours graph =
        nearest(trainFeatures, trainFeatures, std::min(kNeighbours, train.count() - 1), /*self=*/true, blocks);
    if (blocks.begin(Step::Spreading))
        return Result<Vote>::failure({});
    const auto spreadLabels = spread(graph, seeds);
    blocks.advance(kSpreadSecondsPerImage * train.count());
    blocks.begin(Step::Votes);
    const int k = std::min(kNeighbours, train.count());
    const Neighbours voters = nearest(evalFeatures, trainFeatures, k, /*self=*/false, blocks);
    if (blocks.stopped())
        return Result<Vote>::failure({});
    auto votes = (voters.weights.unsqueeze(2)
                  * spreadLabels.index_select(0, voters.indices.flatten()).reshape({eval.count(), k, classes}))
                     .sum(1);
    votes = torch::log(votes / votes.sum(1, true).clamp_min(1e-12) + 1e-6).contiguous();
    Vote out;
    out.classes = classes;
    out.logProbability = QVector<float>(votes.data_ptr<float>(), votes.data_ptr<float>() + votes.numel());
    return Result<Vote>::success(std::move(out));
}

} // namespace LabelGraph
