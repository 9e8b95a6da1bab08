#include "transfer/fewshotrunner.h"

#include "data/datasetloader.h"
#include "model/evaluator.h"
#include "model/inferencemodel.h"
#include "training/threadpolicy.h"
#include "transfer/episodesampler.h"
#include "transfer/vaefinetune.h"
#include "util/seedstreams.h"

#include <QJsonArray>

#include <algorithm>
#include <functional>

namespace {

QJsonValue number(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}

QJsonObject toJson(const MeanWithCi &m)
{
    return QJsonObject{{QStringLiteral("mean"), m.mean},
                       {QStringLiteral("ci95"), m.ci95},
                       {QStringLiteral("sd"), m.sd},
                       {QStringLiteral("episodes"), m.count}};
}

/// Pixels in [0, 1] as rows of 784 floats.
QVector<float> pixelRows(const Dataset &data)
{
    QVector<float> out(qsizetype(data.count()) * data.pixelCount());
    const uchar *src = data.count() ? data.imageData(0) : nullptr;
    for (qsizetype i = 0; i < out.size(); ++i)
        out[i] = src[i] / 255.0f;
    return out;
}

Dataset imagesToDataset(const QVector<QImage> &images, const QVector<int> &labels)
{
    Dataset out;
    out.labels = labels;
    for (const QImage &image : images)
        out.pixels.append(imageToPixels(image));
    return out;
}

/// Which classes of `dataset` (a name or path; empty = the data it trained on) the model of `trained` saw, as a test
/// per class: its Classes (every class when it named none) on its own data, none on other data. The data are compared
/// once, not per class.
std::function<bool(int)> seenOn(const TrainConfig &trained, const QString &dataset)
{
    const bool sameData = dataset.isEmpty() || DatasetLoader::sameSource(dataset, trained.dataset);
    return
        [sameData, classes = trained.classes](int c) { return sameData && (classes.isEmpty() || classes.contains(c)); };
}

} // namespace

QString FewShotConfig::validate() const
{
    if (ways < 2)
        return FewShotRunner::tr("An episode needs 2 ways or more.");
    if (shots.isEmpty() || *std::min_element(shots.begin(), shots.end()) < 1)
        return FewShotRunner::tr("Shots must be 1 or more.");
    if (queries < 1 || episodes < 1)
        return FewShotRunner::tr("Queries and episodes must be 1 or more.");
    if (augment < 0 || adaptSteps < 0 || !(adaptLearningRate > 0))
        return FewShotRunner::tr("Augmentation and adaptation settings must not be negative.");
    return {};
}

SeenClasses SeenClasses::of(const TrainConfig &trained, const FewShotConfig &config, int classCount)
{
    const std::function<bool(int)> seen = seenOn(trained, config.dataset);
    if (!config.classes.isEmpty()) {
        SeenClasses out;
        for (int c : config.classes)
            if (seen(c))
                out.classes.append(c);
        return out;
    }
    // No classes chosen: the episodes take those the model did not see, or all of them when it saw every one.
    if (classCount == 0) // not known: only a model that named no classes is known to have seen them all
        return SeenClasses{trained.classes.isEmpty() && seen(0), {}};
    bool every = true;
    for (int c = 0; c < classCount; ++c)
        every = every && seen(c);
    return SeenClasses{every, {}};
}

QJsonObject FewShotReport::toJson() const
{
    // Columns that were not run (augmentation off, no classifier) have no episodes: null.
    const auto ifRun = [](const MeanWithCi &m, const QJsonValue &value) {
        return m.count ? value : QJsonValue(QJsonValue::Null);
    };
    QJsonArray rows;
    for (const FewShotResult &r : results) {
        rows.append(QJsonObject{
            {QStringLiteral("shots"), r.shots},
            {QStringLiteral("latent_accuracy"), r.latent.mean},
            {QStringLiteral("pixel_accuracy"), r.pixel.mean},
            {QStringLiteral("augmented_accuracy"), ifRun(r.augmented, r.augmented.mean)},
            {QStringLiteral("classifier_accuracy"), ifRun(r.classifier, r.classifier.mean)},
            {QStringLiteral("ci95"),
             QJsonObject{{QStringLiteral("latent"), r.latent.ci95},
                         {QStringLiteral("pixel"), r.pixel.ci95},
                         {QStringLiteral("augmented"), ifRun(r.augmented, r.augmented.ci95)},
                         {QStringLiteral("classifier"), ifRun(r.classifier, r.classifier.ci95)}}},
            {QStringLiteral("latent"), ::toJson(r.latent)},
            {QStringLiteral("pixel"), ::toJson(r.pixel)},
            {QStringLiteral("classifier"), ifRun(r.classifier, ::toJson(r.classifier))},
            {QStringLiteral("query_neg_elbo_before"), number(r.queryNegElboBefore)},
            {QStringLiteral("query_neg_elbo_after"), number(r.queryNegElboAfter)},
            {QStringLiteral("adapted_episodes"), r.adaptedEpisodes},
        });
    }
    QJsonArray classList;
    for (int c : classes)
        classList.append(c);
    return QJsonObject{{QStringLiteral("results"), rows},
                       {QStringLiteral("classes"), classList},
                       {QStringLiteral("ways"), ways},
                       {QStringLiteral("queries"), queries},
                       {QStringLiteral("episodes"), episodes},
                       {QStringLiteral("augment"), augment},
                       {QStringLiteral("adapt_steps"), adaptSteps},
                       {QStringLiteral("adapt_lr"), adaptLearningRate}};
}

struct FewShotRunner::Impl
{
    Checkpoint checkpoint;
    DataSplit data;
    FewShotConfig config;
};

FewShotRunner::FewShotRunner(Checkpoint checkpoint, DataSplit data, FewShotConfig config)
    : d(std::make_unique<Impl>(Impl{std::move(checkpoint), std::move(data), std::move(config)}))
{ }

FewShotRunner::~FewShotRunner() = default;

void FewShotRunner::run()
{
    Q_EMIT finished(runBlocking());
}

/// One runBlocking() call: features once, then per shot setting its episodes. The functions return false when the
/// run ends early, with the outcome set.
class FewShotRunner::Run
{
public:
    Run(FewShotRunner &runner, const Impl &impl)
        : q(runner)
        , d(impl)
        , config(impl.config)
        , spec(impl.checkpoint.config.model)
        , report(m_outcome.report)
    { }

    FewShotOutcome exec();

private:
    /// One shot setting's sums over its episodes.
    struct Tally
    {
        QVector<double> latent, pixel, augmented, classifier;
        double negElboBefore = 0, negElboAfter = 0;
        int adapted = 0;
    };

    bool prepare();
    QVector<int> episodeClasses() const;
    bool runShots(int shotIndex);
    bool runEpisode(const Episode &episode, int e, int shotIndex, Tally &tally);
    void augment(const Episode &episode, const QVector<float> &supportMu, const QVector<float> &queryMu, int e,
                 bool keepExample, Tally &tally);
    bool adapt(const Episode &episode, int e, Tally &tally);
    void tell(const QString &phase, bool force);
    bool fail(const QString &message);

    FewShotRunner &q;
    const Impl &d;
    const FewShotConfig &config;
    const ModelSpec spec;
    FewShotOutcome m_outcome;
    FewShotReport &report;
    Dataset pool;
    InferenceModel model;
    QVector<float> means, pixels, classifierRows;
    double adaptUnits = 0, totalUnits = 1, unitsDone = 0;
    ProgressPacer pacer;
};

FewShotOutcome FewShotRunner::Run::exec()
{
    if (!prepare())
        return m_outcome;
    for (int shotIndex = 0; shotIndex < config.shots.size(); ++shotIndex)
        if (!runShots(shotIndex))
            return m_outcome;
    m_outcome.outcome = RunOutcome::Completed;
    m_outcome.message =
        FewShotRunner::tr("Few-shot evaluation finished in %1 s.").arg(pacer.elapsedSeconds(), 0, 'f', 1);
    return m_outcome;
}

bool FewShotRunner::Run::prepare()
{
    if (const QString problem = config.validate(); !problem.isEmpty())
        return fail(problem);
    const Dataset &test = d.data.test;
    if (!test.hasLabels())
        return fail(FewShotRunner::tr("Few-shot episodes need a labelled dataset."));
    applyTrainingThreads(0);
    report.classes = episodeClasses();
    report.ways = config.ways;
    report.queries = config.queries;
    report.episodes = config.episodes;
    report.augment = config.augment;
    report.adaptSteps = config.adaptSteps;
    report.adaptLearningRate = config.adaptLearningRate;
    // Episodes come from the test split of the held-out classes; features are computed once for all of them.
    pool = test.subset(report.classes);
    auto created = InferenceModel::create(spec, d.checkpoint.weights);
    if (!created)
        return fail(created.error());
    model = created.value();
    means = model.encodeMeans(pool);
    pixels = pixelRows(pool);
    classifierRows = model.classifierFeatures(pool);
    adaptUnits = config.adaptSteps > 0 ? 1.0 + config.adaptSteps / 10.0 : 0.0; // rough cost of one adaptation
    const double unitsPerShots = config.episodes * (1.0 + (config.augment > 0 ? 1.0 : 0.0))
        + std::min(config.adaptEpisodes, config.episodes) * adaptUnits;
    totalUnits = unitsPerShots * config.shots.size();
    pacer.start();
    return true;
}

QVector<int> FewShotRunner::Run::episodeClasses() const
{
    const Dataset &test = d.data.test;
    if (!config.classes.isEmpty())
        return config.classes;
    const std::function<bool(int)> seen = seenOn(d.checkpoint.config, config.dataset);
    QVector<int> unseen, every;
    for (int c = 0; c < test.classCount(); ++c) {
        every.append(c);
        if (!seen(c))
            unseen.append(c);
    }
    return unseen.isEmpty() ? every : unseen; // the model saw every class: the report and its callers say so
}

bool FewShotRunner::Run::runShots(int shotIndex)
{
    const int shots = config.shots[shotIndex];
    EpisodeSampler sampler(pool.labels, report.classes, config.ways, shots, config.queries,
                           SeedStreams::episodes(config.seed, shotIndex));
    if (!sampler.problem().isEmpty())
        return fail(sampler.problem());
    const QString phase = FewShotRunner::tr("%1-way %2-shot episodes").arg(config.ways).arg(shots);
    Tally tally;
    for (int e = 0; e < config.episodes; ++e) {
        if (q.m_stopRequested.load()) {
            m_outcome.outcome = RunOutcome::Stopped;
            m_outcome.message = FewShotRunner::tr("Stopped; the report holds the settings that finished.");
            return false;
        }
        if (!runEpisode(sampler.next(), e, shotIndex, tally))
            return false;
        tell(phase, false);
    }
    FewShotResult r;
    r.shots = shots;
    r.latent = FewShotMath::meanWithCi(tally.latent);
    r.pixel = FewShotMath::meanWithCi(tally.pixel);
    r.augmented = FewShotMath::meanWithCi(tally.augmented);
    r.classifier = FewShotMath::meanWithCi(tally.classifier);
    r.adaptedEpisodes = tally.adapted;
    if (tally.adapted > 0) {
        r.queryNegElboBefore = tally.negElboBefore / tally.adapted;
        r.queryNegElboAfter = tally.negElboAfter / tally.adapted;
    }
    report.results.append(r);
    tell(phase, true);
    return true;
}

bool FewShotRunner::Run::runEpisode(const Episode &ep, int e, int shotIndex, Tally &tally)
{
    const int latent = spec.latent;
    const QVector<float> supportMu = FewShotMath::gatherRows(means, latent, ep.support);
    const QVector<float> queryMu = FewShotMath::gatherRows(means, latent, ep.query);
    tally.latent.append(
        FewShotMath::prototypeAccuracy(supportMu, ep.supportLabels, queryMu, ep.queryLabels, latent, config.ways));
    // Prototypes on other features of the same images: rows of `width` floats, one per pool image.
    const auto onRows = [&](const QVector<float> &rows, int width) {
        return FewShotMath::prototypeAccuracy(FewShotMath::gatherRows(rows, width, ep.support), ep.supportLabels,
                                              FewShotMath::gatherRows(rows, width, ep.query), ep.queryLabels, width,
                                              config.ways);
    };
    tally.pixel.append(onRows(pixels, pool.pixelCount()));
    if (!classifierRows.isEmpty())
        tally.classifier.append(onRows(classifierRows, model.classifierFeatureWidth()));
    unitsDone += 1;
    if (config.augment > 0) {
        // The last shot setting's first episode is the example the dialog shows.
        augment(ep, supportMu, queryMu, e, e == 0 && shotIndex == config.shots.size() - 1, tally);
        unitsDone += 1;
    }
    if (config.adaptSteps > 0 && e < config.adaptEpisodes) {
        if (!adapt(ep, e, tally))
            return false;
        unitsDone += adaptUnits;
    }
    return true;
}

void FewShotRunner::Run::augment(const Episode &ep, const QVector<float> &supportMu, const QVector<float> &queryMu,
                                 int e, bool keepExample, Tally &tally)
{
    const Dataset support = pool.select(ep.support);
    const QVector<QImage> generated = model.sampleReconstructions(support, config.augment, config.seed + e);
    QVector<int> generatedLabels;
    for (int label : ep.supportLabels)
        generatedLabels.append(QVector<int>(config.augment, label));
    const Dataset extra = imagesToDataset(generated, generatedLabels);
    const QVector<float> augmentedMu = supportMu + model.encodeMeans(extra);
    tally.augmented.append(FewShotMath::prototypeAccuracy(augmentedMu, ep.supportLabels + generatedLabels, queryMu,
                                                          ep.queryLabels, spec.latent, config.ways));
    if (!keepExample)
        return;
    QVector<int> originalLabels;
    for (int label : ep.supportLabels)
        originalLabels.append(ep.classes[label]);
    QVector<int> extraLabels;
    for (int label : generatedLabels)
        extraLabels.append(ep.classes[label]);
    report.augmentedExample = support;
    report.augmentedExample.labels = originalLabels;
    report.augmentedExample.pixels.append(extra.pixels);
    report.augmentedExample.labels.append(extraLabels);
    report.augmentedExample.name = QStringLiteral("augmented");
    report.augmentedExampleOriginals = support.count();
}

bool FewShotRunner::Run::adapt(const Episode &ep, int e, Tally &tally)
{
    const Dataset support = pool.select(ep.support);
    const Dataset query = pool.select(ep.query);
    VaeFinetuneConfig vc;
    vc.spec = spec;
    vc.initialWeights = d.checkpoint.weights;
    vc.epochs = config.adaptSteps;
    vc.maxSteps = config.adaptSteps;
    vc.batchSize = support.count();
    vc.learningRate = config.adaptLearningRate;
    vc.seed = config.seed + e;
    auto adapted = VaeFinetune::run(vc, support, [&](int, int) { return !q.m_stopRequested.load(); });
    if (!adapted)
        return fail(adapted.error());
    auto before = Evaluator::evaluate(spec, d.checkpoint.weights, query, 0, config.seed + e);
    auto after = Evaluator::evaluate(spec, adapted.value(), query, 0, config.seed + e);
    if (before && after) {
        tally.negElboBefore += before.value().negElbo;
        tally.negElboAfter += after.value().negElbo;
        ++tally.adapted;
    }
    return true;
}

void FewShotRunner::Run::tell(const QString &phase, bool force)
{
    if (const std::optional<RunProgress> p = pacer.report(phase, unitsDone / std::max(1.0, totalUnits), force))
        Q_EMIT q.progress(*p);
}

bool FewShotRunner::Run::fail(const QString &message)
{
    m_outcome.outcome = RunOutcome::Failed;
    m_outcome.message = message;
    return false;
}

FewShotOutcome FewShotRunner::runBlocking()
{
    return Run(*this, *d).exec();
}
