#include "transfer/transferreport.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace TransferStrategies {

QVector<TransferStrategy> all()
{
    return {TransferStrategy::FinetuneAll, TransferStrategy::FreezeEncoder, TransferStrategy::FreezeDecoder,
            TransferStrategy::Scratch, TransferStrategy::SemiSupervised};
}

QString name(TransferStrategy strategy)
{
    switch (strategy) {
    case TransferStrategy::FinetuneAll:
        return QStringLiteral("finetune-all");
    case TransferStrategy::FreezeEncoder:
        return QStringLiteral("freeze-encoder");
    case TransferStrategy::FreezeDecoder:
        return QStringLiteral("freeze-decoder");
    case TransferStrategy::Scratch:
        return QStringLiteral("scratch");
    case TransferStrategy::SemiSupervised:
        return QStringLiteral("semi-supervised");
    }
    return {};
}

QString title(TransferStrategy strategy)
{
    return QCoreApplication::translate("TransferWizard", name(strategy).toLatin1().constData());
}

bool parse(const QString &text, TransferStrategy *out)
{
    for (TransferStrategy s : all()) {
        if (text.trimmed().compare(name(s), Qt::CaseInsensitive) == 0) {
            *out = s;
            return true;
        }
    }
    return false;
}

ModelSpec semiSupervisedSpec(const ModelSpec &source, int classes)
{
    ModelSpec spec;
    if (source.architecture == Architecture::Mlp)
        spec.hidden = source.hidden;
    spec.latent = source.latent;
    spec.likelihood = source.likelihood;
    spec.classes = classes;
    return spec;
}

} // namespace TransferStrategies

double AccuracyEstimate::t95(int dof)
{
    // Two-sided 95 % quantiles of Student's t for 1-30 degrees of freedom; beyond, the normal's 1.96 plus the
    // first terms of the Cornish-Fisher expansion (within 1e-3 of the exact quantile).
    static constexpr double kTable[] = {12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060,
                                        2.2622,  2.2281, 2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199,
                                        2.1098,  2.1009, 2.0930, 2.0860, 2.0796, 2.0739, 2.0687, 2.0639,
                                        2.0595,  2.0555, 2.0518, 2.0484, 2.0452, 2.0423};
    if (dof < 1)
        return std::numeric_limits<double>::quiet_NaN();
    if (dof <= 30)
        return kTable[dof - 1];
    const double z = 1.959964, n = dof;
    return z + (z * z * z + z) / (4 * n) + (5 * std::pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * n * n);
}

AccuracyEstimate AccuracyEstimate::of(const QVector<double> &accuracies)
{
    AccuracyEstimate e;
    e.values = accuracies;
    double sum = 0;
    for (double a : accuracies)
        if (std::isfinite(a)) {
            sum += a;
            ++e.draws;
        }
    if (e.draws == 0)
        return e;
    e.mean = sum / e.draws;
    if (e.draws < 2)
        return e;
    double squares = 0;
    for (double a : accuracies)
        if (std::isfinite(a))
            squares += (a - e.mean) * (a - e.mean);
    const double sd = std::sqrt(squares / (e.draws - 1));
    e.ci95 = t95(e.draws - 1) * sd / std::sqrt(double(e.draws));
    return e;
}

AccuracyEstimate AccuracyEstimate::ofTests(const QVector<TestAccuracy> &draws)
{
    QVector<double> all;
    for (const TestAccuracy &d : draws)
        all.append(d.all);
    AccuracyEstimate e = of(all);
    for (const TestAccuracy &d : draws) {
        e.pickHalf.append(d.pickHalf);
        e.reportHalf.append(d.reportHalf);
    }
    return e;
}

TestAccuracy TestAccuracy::of(const QVector<int> &predicted, const QVector<int> &labels)
{
    TestAccuracy t;
    if (predicted.isEmpty() || predicted.size() != labels.size())
        return t;
    qsizetype correct[2] = {0, 0};
    for (qsizetype i = 0; i < predicted.size(); ++i)
        correct[i % 2] += predicted[i] == labels[i];
    const qsizetype odd = predicted.size() / 2, even = predicted.size() - odd;
    t.all = double(correct[0] + correct[1]) / predicted.size();
    t.pickHalf = double(correct[0]) / even;
    if (odd > 0)
        t.reportHalf = double(correct[1]) / odd;
    return t;
}

namespace {

QJsonValue number(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}

QString cell(double v)
{
    return std::isfinite(v) ? QString::number(v, 'g', 6) : QString();
}

/// The mean of a figure's draws on the test split's pick half (NaN when it has none).
double pickMean(const AccuracyEstimate &e)
{
    return AccuracyEstimate::of(e.pickHalf).mean;
}

/// Each label draw's accuracy, in draw order (null where a draw has none).
QJsonArray draws(const AccuracyEstimate &accuracy)
{
    QJsonArray values;
    for (double v : accuracy.values)
        values.append(number(v));
    return values;
}

/// `key`_accuracy, `key`_accuracy_ci95 and, when measured, `key`_accuracy_draws.
void insertAccuracy(QJsonObject &json, const QString &key, const AccuracyEstimate &accuracy)
{
    json.insert(key + QStringLiteral("_accuracy"), number(accuracy.mean));
    json.insert(key + QStringLiteral("_accuracy_ci95"), number(accuracy.ci95));
    if (!accuracy.values.isEmpty())
        json.insert(key + QStringLiteral("_accuracy_draws"), draws(accuracy));
}

} // namespace

QJsonObject TransferReport::toJson() const
{
    QJsonArray rows;
    for (const StrategyResult &s : strategies) {
        QJsonArray curveJson;
        for (double v : s.curve)
            curveJson.append(number(v));
        QJsonObject row{
            {QStringLiteral("strategy"), TransferStrategies::name(s.strategy)},
            {QStringLiteral("target_neg_elbo_before"), number(s.targetNegElboBefore)},
            {QStringLiteral("target_neg_elbo_after"), number(s.targetNegElboAfter)},
            {QStringLiteral("source_neg_elbo_after"), number(s.sourceNegElboAfter)},
            {QStringLiteral("target_neg_elbo_curve"), curveJson},
            {QStringLiteral("seconds"), s.seconds},
        };
        if (s.strategy == TransferStrategy::SemiSupervised)
            row.insert(QStringLiteral("label_graph"), s.labelGraph);
        insertAccuracy(row, QStringLiteral("probe"), s.probe);
        insertAccuracy(row, QStringLiteral("knn"), s.knn);
        insertAccuracy(row, QStringLiteral("finetune"), s.finetune);
        rows.append(row);
    }
    QJsonArray classes;
    for (int c : sourceClasses)
        classes.append(c);
    QJsonObject json{
        {QStringLiteral("strategies"), rows},
        {QStringLiteral("source_neg_elbo_before"), number(sourceNegElboBefore)},
        {QStringLiteral("model"), spec.describe()},
        {QStringLiteral("source_dataset"), sourceDataset},
        {QStringLiteral("source_classes"), classes},
        {QStringLiteral("target_dataset"), targetDataset},
        {QStringLiteral("classes"), classCount},
        {QStringLiteral("labels_per_class"), labelsPerClass},
        {QStringLiteral("repeats"), repeats},
        {QStringLiteral("unlabelled"), unlabelled},
        {QStringLiteral("epochs"), epochs},
        {QStringLiteral("lr"), learningRate},
        {QStringLiteral("target_test_images"), targetTestCount},
    };
    insertAccuracy(json, QStringLiteral("scratch_classifier"), scratchClassifier);
    insertAccuracy(json, QStringLiteral("pixel_probe"), pixelProbe);
    insertAccuracy(json, QStringLiteral("pixel_knn"), pixelKnn);
    insertAccuracy(json, QStringLiteral("source_probe"), sourceProbe);
    insertAccuracy(json, QStringLiteral("source_knn"), sourceKnn);
    if (const TransferVerdict v = verdict(); v.strategy >= 0) {
        const TransferStrategy strategy = strategies[v.strategy].strategy;
        json.insert(QStringLiteral("best"),
                    QJsonObject{
                        {QStringLiteral("strategy"), TransferStrategies::name(strategy)},
                        {QStringLiteral("figure"),
                         TransferVerdict::figureName(v.figure, strategy, strategies[v.strategy].labelGraph)},
                        {QStringLiteral("accuracy"), number(v.best.mean)},
                        {QStringLiteral("accuracy_ci95"), number(v.best.ci95)},
                        {QStringLiteral("accuracy_draws"), draws(v.best)},
                        {QStringLiteral("chosen_from"), v.candidates},
                        // Chosen on the test images at even positions; every figure here is on the odd ones.
                        {QStringLiteral("measured_on_images"), TestAccuracy::reportHalfCount(targetTestCount)},
                        {QStringLiteral("pixel_figure"), v.pixelFigureName()},
                        {QStringLiteral("pixel_accuracy"), number(v.pixels.mean)},
                        {QStringLiteral("pixel_accuracy_ci95"), number(v.pixels.ci95)},
                        {QStringLiteral("pixel_accuracy_draws"), draws(v.pixels)},
                        {QStringLiteral("gain_points"), number(100 * v.gain())},
                        {QStringLiteral("gain_points_ci95"), number(100 * v.difference.ci95)},
                    });
    }
    return json;
}

bool TransferVerdict::undecided() const
{
    return std::isfinite(difference.ci95) && std::abs(difference.mean) <= difference.ci95;
}

QString TransferVerdict::pixelFigureName() const
{
    return pixelsByKnn ? QStringLiteral("k-NN") : QStringLiteral("probe");
}

QString TransferVerdict::figureName(Figure figure, TransferStrategy strategy, bool labelGraph)
{
    switch (figure) {
    case Figure::Probe:
        if (strategy != TransferStrategy::SemiSupervised)
            return QStringLiteral("linear probe");
        return labelGraph ? QStringLiteral("label graph × classifier q(y|x)") : QStringLiteral("classifier q(y|x)");
    case Figure::Knn:
        return QStringLiteral("k-NN");
    case Figure::Finetuned:
        return QStringLiteral("fine-tuned classifier");
    }
    return QString();
}

TransferVerdict TransferReport::verdict() const
{
    TransferVerdict v;
    double bestPick = 0;
    for (int i = 0; i < strategies.size(); ++i) {
        const StrategyResult &s = strategies[i];
        const std::pair<TransferVerdict::Figure, const AccuracyEstimate &> figures[] = {
            {TransferVerdict::Figure::Probe, s.probe},
            {TransferVerdict::Figure::Knn, s.knn},
            {TransferVerdict::Figure::Finetuned, s.finetune},
        };
        for (const auto &[figure, accuracy] : figures) {
            const double pick = pickMean(accuracy);
            if (!std::isfinite(pick))
                continue;
            ++v.candidates;
            if (v.strategy < 0 || pick > bestPick) {
                v.strategy = i;
                v.figure = figure;
                v.best = AccuracyEstimate::of(accuracy.reportHalf);
                bestPick = pick;
            }
        }
    }
    const double knnPick = pickMean(pixelKnn), probePick = pickMean(pixelProbe);
    v.pixelsByKnn = std::isfinite(knnPick) && (!std::isfinite(probePick) || knnPick > probePick);
    v.pixels = AccuracyEstimate::of((v.pixelsByKnn ? pixelKnn : pixelProbe).reportHalf);
    // Both sides saw the same labels in each draw: the draw-to-draw spread they share cancels in the difference.
    if (v.strategy >= 0 && !v.best.values.isEmpty() && v.best.values.size() == v.pixels.values.size()) {
        QVector<double> differences;
        for (int d = 0; d < v.best.values.size(); ++d)
            differences.append(v.best.values[d] - v.pixels.values[d]);
        v.difference = AccuracyEstimate::of(differences);
    }
    return v;
}

bool TransferReport::ranSemiSupervised() const
{
    return std::any_of(strategies.cbegin(), strategies.cend(),
                       [](const StrategyResult &s) { return s.strategy == TransferStrategy::SemiSupervised; });
}

QString TransferReport::toCsv() const
{
    QString csv = QStringLiteral("row,target_neg_elbo_before,target_neg_elbo_after,source_neg_elbo_after,"
                                 "probe_accuracy,probe_accuracy_ci95,knn_accuracy,knn_accuracy_ci95,"
                                 "finetune_accuracy,finetune_accuracy_ci95\n");
    const auto row = [&csv](const QString &name, double before, double after, double source,
                            const AccuracyEstimate &probe, const AccuracyEstimate &knn, const AccuracyEstimate &tuned) {
        csv += QStringLiteral("%1,%2,%3,%4,%5,%6,%7,%8,%9,%10\n")
                   .arg(name, cell(before), cell(after), cell(source), cell(probe.mean), cell(probe.ci95),
                        cell(knn.mean), cell(knn.ci95), cell(tuned.mean))
                   .arg(cell(tuned.ci95));
    };
    const double none = std::numeric_limits<double>::quiet_NaN();
    const AccuracyEstimate notMeasured;
    for (const StrategyResult &s : strategies)
        row(TransferStrategies::name(s.strategy), s.targetNegElboBefore, s.targetNegElboAfter, s.sourceNegElboAfter,
            s.probe, s.knn, s.finetune);
    row(QStringLiteral("source-encoder"), none, none, sourceNegElboBefore, sourceProbe, sourceKnn, notMeasured);
    row(QStringLiteral("scratch-classifier"), none, none, none, notMeasured, notMeasured, scratchClassifier);
    row(QStringLiteral("pixels"), none, none, none, pixelProbe, pixelKnn, notMeasured);
    return csv;
}

Checkpoint TransferReport::adaptedCheckpoint(int index, const Checkpoint &source) const
{
    Checkpoint c;
    c.config = source.config;
    c.config.dataset = targetDataset;
    c.config.classes.clear();
    c.config.learningRate = learningRate;
    c.config.epochs = epochs;
    c.config.sourceClassNames = spec.isSemiSupervised() ? sourceClassNames : QStringList();
    // Where those classes are labelled: the source's data, or for a source that kept its own source's classes, that.
    c.config.sourceDataset = c.config.sourceClassNames.isEmpty() ? QString()
        : source.config.sourceClassNames.isEmpty()               ? source.config.dataset
                                                                 : source.config.sourceDataset;
    if (index < 0 || index >= strategies.size())
        return c;
    const StrategyResult &result = strategies[index];
    c.weights = result.weights;
    if (TransferStrategies::startsFromSource(result.strategy))
        c.config.adaptedFrom = source.config.dataset;
    // Its own model, trained on the target's labels (the target's classes): its weights with the settings they were
    // trained with, and its trainer's epochs.
    if (result.strategy == TransferStrategy::SemiSupervised && result.trainedWith) {
        c.config = *result.trainedWith;
        c.history = result.history;
        return c;
    }
    // The run measured the target −ELBO and its two terms after each epoch, no training averages (NaN: not drawn).
    for (int epoch = 0; epoch < result.curve.size(); ++epoch) {
        EpochStats stats;
        stats.epoch = epoch;
        stats.trainNegElbo = stats.trainRecon = stats.trainKl = std::numeric_limits<double>::quiet_NaN();
        stats.test.negElbo = result.curve[epoch];
        stats.test.recon = result.curveRecon.value(epoch, stats.test.recon);
        stats.test.kl = result.curveKl.value(epoch, stats.test.kl);
        c.history.append(stats);
    }
    // The last epoch gets the run's whole evaluation on the target test split: latent health's per-dimension KL.
    if (result.targetEvaluation && !c.history.isEmpty())
        c.history.last().test = *result.targetEvaluation;
    return c;
}
