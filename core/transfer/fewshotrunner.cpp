#include "transfer/fewshotrunner.h"

#include "transfer/episodesampler.h"
#include "model/evaluator.h"
#include "model/inferencemodel.h"
#include "training/threadpolicy.h"
#include "transfer/vaefinetune.h"

#include <QElapsedTimer>
#include <QJsonArray>

#include <algorithm>

namespace {

QJsonValue number(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}

QJsonObject toJson(const MeanWithCi &m)
{
    return QJsonObject{{QStringLiteral("mean"), m.mean}, {QStringLiteral("ci95"), m.ci95},
                       {QStringLiteral("sd"), m.sd}, {QStringLiteral("episodes"), m.count}};
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

QJsonObject FewShotReport::toJson() const
{
    QJsonArray rows;
    for (const FewShotResult &r : results) {
        rows.append(QJsonObject{
            {QStringLiteral("shots"), r.shots},
            {QStringLiteral("latent_accuracy"), r.latent.mean},
            {QStringLiteral("pixel_accuracy"), r.pixel.mean},
            {QStringLiteral("augmented_accuracy"), r.augmented.count ? QJsonValue(r.augmented.mean) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("ci95"), QJsonObject{{QStringLiteral("latent"), r.latent.ci95},
                                                  {QStringLiteral("pixel"), r.pixel.ci95},
                                                  {QStringLiteral("augmented"), r.augmented.count ? QJsonValue(r.augmented.ci95)
                                                                                                   : QJsonValue(QJsonValue::Null)}}},
            {QStringLiteral("latent"), ::toJson(r.latent)},
            {QStringLiteral("pixel"), ::toJson(r.pixel)},
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
{
}

FewShotRunner::~FewShotRunner() = default;

void FewShotRunner::run()
{
    Q_EMIT finished(runBlocking());
}

FewShotOutcome FewShotRunner::runBlocking()
{
    FewShotOutcome outcome;
    FewShotReport &report = outcome.report;
    const FewShotConfig &config = d->config;
    const ModelSpec spec = d->checkpoint.config.model;
    auto fail = [&](const QString &message) {
        outcome.outcome = RunOutcome::Failed;
        outcome.message = message;
        return outcome;
    };
    if (const QString problem = config.validate(); !problem.isEmpty())
        return fail(problem);
    const Dataset &test = d->data.test;
    if (!test.hasLabels())
        return fail(tr("Few-shot episodes need a labelled dataset."));
    applyTrainingThreads(0);

    QVector<int> classes = config.classes;
    if (classes.isEmpty())
        for (int c = 0; c < test.classCount(); ++c)
            if (!d->checkpoint.config.classes.isEmpty() && !d->checkpoint.config.classes.contains(c))
                classes.append(c);
    if (classes.isEmpty()) // the model saw every class: say so in the report, but still measure
        for (int c = 0; c < test.classCount(); ++c)
            classes.append(c);
    report.classes = classes;
    report.ways = config.ways;
    report.queries = config.queries;
    report.episodes = config.episodes;
    report.augment = config.augment;
    report.adaptSteps = config.adaptSteps;
    report.adaptLearningRate = config.adaptLearningRate;

    // Episodes come from the test split of the held-out classes; features are computed once for all of them.
    const Dataset pool = test.subset(classes);
    auto model = InferenceModel::create(spec, d->checkpoint.weights);
    if (!model)
        return fail(model.error());
    const int latent = spec.latent;
    const QVector<float> means = model.value().encodeMeans(pool);
    const QVector<float> pixels = pixelRows(pool);

    const double adaptUnits = config.adaptSteps > 0 ? 1.0 + config.adaptSteps / 10.0 : 0.0; // rough cost of one adaptation
    const double unitsPerShots = config.episodes * (1.0 + (config.augment > 0 ? 1.0 : 0.0))
                                 + std::min(config.adaptEpisodes, config.episodes) * adaptUnits;
    const double totalUnits = unitsPerShots * config.shots.size();
    double unitsDone = 0;
    QElapsedTimer clock, sinceProgress;
    clock.start();
    sinceProgress.start();
    auto tell = [&](const QString &phase, bool force) {
        if (!force && sinceProgress.elapsed() < 100)
            return;
        sinceProgress.restart();
        RunProgress p;
        p.phase = phase;
        p.fraction = std::clamp(unitsDone / std::max(1.0, totalUnits), 0.0, 1.0);
        if (p.fraction > 0.02)
            p.etaSeconds = clock.elapsed() / 1000.0 * (1.0 - p.fraction) / p.fraction;
        Q_EMIT progress(p);
    };

    for (int si = 0; si < config.shots.size(); ++si) {
        const int shots = config.shots[si];
        EpisodeSampler sampler(pool.labels, classes, config.ways, shots, config.queries, config.seed + 7919ULL * si);
        if (!sampler.problem().isEmpty())
            return fail(sampler.problem());
        const QString phase = tr("%1-way %2-shot episodes").arg(config.ways).arg(shots);
        QVector<double> latentAcc, pixelAcc, augmentedAcc;
        double beforeSum = 0, afterSum = 0;
        FewShotResult r;
        r.shots = shots;
        for (int e = 0; e < config.episodes; ++e) {
            if (m_stopRequested.load()) {
                outcome.outcome = RunOutcome::Stopped;
                outcome.message = tr("Stopped; the report holds the settings that finished.");
                return outcome;
            }
            const Episode ep = sampler.next();
            const QVector<float> supportMu = FewShotMath::gatherRows(means, latent, ep.support);
            const QVector<float> queryMu = FewShotMath::gatherRows(means, latent, ep.query);
            latentAcc.append(FewShotMath::prototypeAccuracy(supportMu, ep.supportLabels, queryMu, ep.queryLabels, latent, config.ways));
            const int p = pool.pixelCount();
            pixelAcc.append(FewShotMath::prototypeAccuracy(FewShotMath::gatherRows(pixels, p, ep.support), ep.supportLabels,
                                                           FewShotMath::gatherRows(pixels, p, ep.query), ep.queryLabels, p,
                                                           config.ways));
            unitsDone += 1;
            if (config.augment > 0) {
                const Dataset support = pool.select(ep.support);
                const QVector<QImage> generated = model.value().sampleReconstructions(support, config.augment, config.seed + e);
                QVector<int> generatedLabels;
                for (int label : ep.supportLabels)
                    generatedLabels.append(QVector<int>(config.augment, label));
                const Dataset extra = imagesToDataset(generated, generatedLabels);
                const QVector<float> augmentedMu = supportMu + model.value().encodeMeans(extra);
                augmentedAcc.append(FewShotMath::prototypeAccuracy(augmentedMu, ep.supportLabels + generatedLabels, queryMu,
                                                                   ep.queryLabels, latent, config.ways));
                if (e == 0 && si == config.shots.size() - 1) {
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
                unitsDone += 1;
            }
            if (config.adaptSteps > 0 && e < config.adaptEpisodes) {
                const Dataset support = pool.select(ep.support);
                const Dataset query = pool.select(ep.query);
                VaeFinetuneConfig vc;
                vc.spec = spec;
                vc.initialWeights = d->checkpoint.weights;
                vc.epochs = config.adaptSteps;
                vc.maxSteps = config.adaptSteps;
                vc.batchSize = support.count();
                vc.learningRate = config.adaptLearningRate;
                vc.seed = config.seed + e;
                auto adapted = VaeFinetune::run(vc, support, [&](int, int) { return !m_stopRequested.load(); });
                if (!adapted)
                    return fail(adapted.error());
                auto before = Evaluator::evaluate(spec, d->checkpoint.weights, query, 0, config.seed + e);
                auto after = Evaluator::evaluate(spec, adapted.value(), query, 0, config.seed + e);
                if (before && after) {
                    beforeSum += before.value().negElbo;
                    afterSum += after.value().negElbo;
                    ++r.adaptedEpisodes;
                }
                unitsDone += adaptUnits;
            }
            tell(phase, false);
        }
        r.latent = FewShotMath::meanWithCi(latentAcc);
        r.pixel = FewShotMath::meanWithCi(pixelAcc);
        r.augmented = FewShotMath::meanWithCi(augmentedAcc);
        if (r.adaptedEpisodes > 0) {
            r.queryNegElboBefore = beforeSum / r.adaptedEpisodes;
            r.queryNegElboAfter = afterSum / r.adaptedEpisodes;
        }
        report.results.append(r);
        tell(phase, true);
    }
    outcome.outcome = RunOutcome::Completed;
    outcome.message = tr("Few-shot evaluation finished in %1 s.").arg(clock.elapsed() / 1000.0, 0, 'f', 1);
    return outcome;
}
