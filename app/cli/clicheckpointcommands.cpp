#include "cli/clicommands.h"

#include "analysis/imagetiles.h"
#include "cli/cli.h"
#include "cli/clidata.h"
#include "cli/clioptions.h"
#include "cli/progressprinter.h"
#include "data/datasetloader.h"
#include "data/labelleddraw.h"
#include "model/checkpoint.h"
#include "model/evaluator.h"
#include "model/inferencemodel.h"
#include "util/jsonio.h"

#include <QFileInfo>
#include <QImageWriter>
#include <QJsonArray>

#include <cmath>
#include <cstdio>
#include <limits>
#include <random>

// The subcommands that read a checkpoint: eval and generate (train is in clicommands.cpp).

using CliOutput::printErr;
using CliOutput::printJson;
using Options = CliOptions;

namespace CliCommands {
namespace {

/// Prior samples as a square-ish grid of tiles with a 1-pixel frame: the same PNG as before ImageTiles was shared.
QImage sampleGrid(const QVector<QImage> &images)
{
    const int columns = int(std::ceil(std::sqrt(double(images.size()))));
    return ImageTiles::grid(images, columns, /*gap=*/1, QColor(64, 64, 64), /*margin=*/1, QImage::Format_Grayscale8);
}

/// The classifier's three most frequent mistakes, "Coat taken for Pullover (52)" (empty when it made none).
QString mistakesLine(const ConfusionMatrix &matrix, const QStringList &names)
{
    QStringList parts;
    for (const ConfusionMatrix::Mistake &m : matrix.largestMistakes(3))
        parts
            << QStringLiteral("%1 taken for %2 (%3)").arg(names.value(m.truth), names.value(m.predicted)).arg(m.count);
    return parts.isEmpty() ? QString() : QStringLiteral("most frequent mistakes: ") + parts.join(QStringLiteral("; "));
}

/// A model adapted to `adaptedTo` that keeps its source's classes (TrainConfig::sourceClassNames): their names, and
/// whether its classifier was scored (on its source's data) or not (anywhere else).
struct SourceClasses
{
    QStringList names;
    QString adaptedTo;
    bool scored = false;

    QString line() const
    {
        const QString classes = names.join(QStringLiteral(", "));
        return scored ? QStringLiteral("its classes are its source's (%1), scored on this data's test images of "
                                       "those classes; adapted to %2 without labels")
                            .arg(classes, adaptedTo)
                      : QStringLiteral("its classes are its source's (%1), not %2's: adapted to %2 without labels, "
                                       "its classifier is not scored")
                            .arg(classes, adaptedTo);
    }
};

/// The summary of `eval`: one JSON object, or one line for people (and why IW-1 differs, when asked for it);
/// `classNames` names the classifier's classes for its most frequent mistakes.
void printEvaluation(const ElboSummary &s, const ModelSpec &model, const QString &datasetName, int iw, bool json,
                     const QStringList &classNames, const SourceClasses &source)
{
    if (json) {
        QJsonObject line = JsonIo::toJson(s);
        line.insert(QStringLiteral("type"), QStringLiteral("summary"));
        line.insert(QStringLiteral("dataset"), datasetName);
        line.insert(QStringLiteral("test_neg_elbo"), s.negElbo);
        line.insert(QStringLiteral("test_recon"), s.recon);
        line.insert(QStringLiteral("test_kl"), s.kl);
        if (!std::isnan(s.accuracy))
            line.insert(QStringLiteral("test_accuracy"), s.accuracy);
        if (!std::isnan(s.graphAccuracy)) { // test_accuracy is their product's
            line.insert(QStringLiteral("test_classifier_accuracy"), s.classifierAccuracy);
            line.insert(QStringLiteral("test_graph_accuracy"), s.graphAccuracy);
        }
        if (!source.names.isEmpty()) {
            line.insert(QStringLiteral("source_classes"), QJsonArray::fromStringList(source.names));
            line.insert(QStringLiteral("scored_on_source"), source.scored);
        }
        printJson(line);
    } else {
        std::printf(
            "%s\n",
            QStringLiteral("%1 on %2 (%3 test images): -ELBO %4 nats (recon %5 + KL %6), active units %7/%8%9")
                .arg(model.describe(), datasetName)
                .arg(s.samples)
                .arg(s.negElbo, 0, 'f', 3)
                .arg(s.recon, 0, 'f', 3)
                .arg(s.kl, 0, 'f', 3)
                .arg(s.activeUnits)
                .arg(model.latent)
                .arg((iw > 0 ? QStringLiteral(", IW-%1 NLL %2 nats").arg(iw).arg(s.iwNll, 0, 'f', 3) : QString())
                     + (std::isnan(s.accuracy) ? QString()
                            : std::isnan(s.graphAccuracy)
                            ? QStringLiteral(", classifier accuracy %1 %").arg(100.0 * s.accuracy, 0, 'f', 2)
                            : QStringLiteral(", accuracy %1 % (label graph × classifier; the classifier alone %2 %, "
                                             "the graph alone %3 %)")
                                  .arg(100.0 * s.accuracy, 0, 'f', 2)
                                  .arg(100.0 * s.classifierAccuracy, 0, 'f', 2)
                                  .arg(100.0 * s.graphAccuracy, 0, 'f', 2)))
                .toLocal8Bit()
                .constData());
        if (const QString mistakes = mistakesLine(s.confusion, classNames); !mistakes.isEmpty())
            std::printf("%s\n", mistakes.toLocal8Bit().constData());
        if (!source.names.isEmpty())
            std::printf("%s\n", source.line().toLocal8Bit().constData());
        if (iw == 1)
            printErr(QStringLiteral("note: IW-1 is the -ELBO estimated from one z per image with a sampled KL term "
                                    "(its own noise); the -ELBO above uses the analytic KL, so the two differ "
                                    "slightly"));
    }
}

/// The label graph's vote for `test` as the run of `config` built it: from the run's data, labelled draw and seed.
/// About two minutes for 60,000 images: its progress and time left on a terminal, as `train` shows them.
Result<LabelGraph::Vote> rebuildVote(const TrainConfig &config, const DataSplit &data, const Dataset &test)
{
    auto runData = config.runData(data);
    if (!runData)
        return Result<LabelGraph::Vote>::failure(runData.error());
    const auto phase = [&](LabelGraph::Step step) {
        return QStringLiteral("Rebuilding the run's label graph: %2 (%1 training images)…")
            .arg(runData.value().train.count())
            .arg(LabelGraph::stepName(step));
    };
    RunProgress graph{phase(LabelGraph::Step::Features)};
    ProgressPrinter progress(0);
    progress.preparing(graph);
    auto built = LabelGraph::vote(config, runData.value().train, test,
                                  [&](double fraction, double etaSeconds, LabelGraph::Step step) {
                                      graph.phase = phase(step);
                                      graph.fraction = fraction;
                                      graph.etaSeconds = etaSeconds;
                                      progress.preparing(graph);
                                      return false;
                                  });
    progress.finish();
    return built;
}

} // namespace

int eval(const QStringList &arguments)
{
    Options o(QStringLiteral("eval"), QStringLiteral("Evaluates a checkpoint on a dataset's test split."));
    o.add(QStringLiteral("checkpoint"), QStringLiteral("Checkpoint to evaluate."), QStringLiteral("FILE"));
    o.add(QStringLiteral("dataset"), QStringLiteral("Dataset (default: the one it was trained on)."),
          QStringLiteral("NAME|PATH"));
    o.add(QStringLiteral("iw-samples"), QStringLiteral("Also the importance-weighted bound with K samples."),
          QStringLiteral("K"));
    o.add(QStringLiteral("seed"), QStringLiteral("Seed for the sampled z (default 1)."), QStringLiteral("N"));
    o.add(QStringLiteral("json"), QStringLiteral("Print the result as one JSON object."));
    if (int code = o.parse(arguments); code >= 0)
        return code;
    if (!o.isSet(QStringLiteral("checkpoint")))
        return o.usage(QStringLiteral("--checkpoint FILE is required"));
    int iw = 0;
    quint64 seed = 1;
    if (!o.integer(QStringLiteral("iw-samples"), &iw, 1, 100000)
        || !o.integer(QStringLiteral("seed"), &seed, 0, std::numeric_limits<qint64>::max()))
        return Cli::UsageError;
    auto checkpoint = CheckpointIo::load(o.value(QStringLiteral("checkpoint")));
    if (!checkpoint) {
        printErr(QStringLiteral("latent-explorer eval: %1").arg(checkpoint.error()));
        return Cli::Failure;
    }
    const Checkpoint &c = checkpoint.value();
    const QString datasetName =
        o.isSet(QStringLiteral("dataset")) ? o.value(QStringLiteral("dataset")) : c.config.dataset;
    auto data = CliData::load(datasetName);
    if (!data) {
        printErr(QStringLiteral("latent-explorer eval: %1").arg(data.error()));
        return Cli::Failure;
    }
    // On the data it was trained on, the run's classes only (as training measured it); on other data, every image.
    // A model that keeps its source's classes (a plain transfer strategy's of a semi-supervised source) is scored on
    // its source's data, on the images of those classes; elsewhere there are no labels for it: its bound alone.
    const bool sameData = datasetName == c.config.dataset;
    const QStringList &sourceKeys = c.config.sourceClassNames;
    const bool sourceClasses = !sourceKeys.isEmpty();
    const QVector<int> sourceLabels = sourceClasses && datasetName == c.config.sourceDataset
        ? LabelledDraw::labelsWithKeys(data.value().train, sourceKeys)
        : QVector<int>();
    const QVector<int> modelClasses = sourceClasses ? sourceLabels : c.config.classes; // the labels they stand for
    Dataset test = data.value().test.subset(sameData || !sourceLabels.isEmpty() ? modelClasses : QVector<int>());
    if (sourceClasses && sourceLabels.isEmpty())
        test.labels.clear();
    // A run that reported the label graph's product is scored the same way: its graph rebuilt from the run's data,
    // labelled draw and seed (on other data there is no such graph: q(y|x) alone).
    LabelGraph::Vote vote;
    if (sameData && !sourceClasses && c.config.labelGraphInEffect()) {
        auto built = rebuildVote(c.config, data.value(), test);
        if (!built) {
            printErr(QStringLiteral("latent-explorer eval: %1").arg(built.error()));
            return Cli::Failure;
        }
        vote = std::move(built.value());
    }
    auto summary = Evaluator::evaluate(c.config.model, c.weights, test, iw, seed, 500, modelClasses, vote,
                                       c.config.labelGraphWeight);
    if (!summary) {
        printErr(QStringLiteral("latent-explorer eval: %1").arg(summary.error()));
        return Cli::Failure;
    }
    const QStringList sourceNames = LabelledDraw::translatedNames(sourceKeys);
    printEvaluation(summary.value(), c.config.model, datasetName, iw, o.isSet(QStringLiteral("json")),
                    sourceClasses
                        ? sourceNames
                        : LabelledDraw::modelClassNames(data.value().train, c.config.classes, c.config.model.classes),
                    SourceClasses{sourceNames, c.config.dataset, !sourceLabels.isEmpty()});
    return Cli::Success;
}

int generate(const QStringList &arguments)
{
    Options o(QStringLiteral("generate"), QStringLiteral("Decodes samples from the prior N(0, I) into an image grid."));
    o.add(QStringLiteral("checkpoint"), QStringLiteral("Checkpoint to sample from."), QStringLiteral("FILE"));
    o.add(QStringLiteral("count"), QStringLiteral("Number of samples (default 64)."), QStringLiteral("N"));
    o.add(QStringLiteral("seed"), QStringLiteral("Random seed (default 1)."), QStringLiteral("N"));
    o.add(QStringLiteral("out"),
          QStringLiteral("Image to write, its format from the suffix: .png, .jpg, .bmp, ... (default samples.png)."),
          QStringLiteral("FILE"));
    o.add(QStringLiteral("scale"), QStringLiteral("Enlarge the grid N times, pixels kept sharp (default 1)."),
          QStringLiteral("N"));
    if (int code = o.parse(arguments); code >= 0)
        return code;
    if (!o.isSet(QStringLiteral("checkpoint")))
        return o.usage(QStringLiteral("--checkpoint FILE is required"));
    int count = 64, scale = 1;
    quint64 seed = 1;
    if (!o.integer(QStringLiteral("count"), &count, 1, 10000) || !o.integer(QStringLiteral("scale"), &scale, 1, 64)
        || !o.integer(QStringLiteral("seed"), &seed, 0, std::numeric_limits<qint64>::max()))
        return Cli::UsageError;
    auto checkpoint = CheckpointIo::load(o.value(QStringLiteral("checkpoint")));
    if (!checkpoint) {
        printErr(QStringLiteral("latent-explorer generate: %1").arg(checkpoint.error()));
        return Cli::Failure;
    }
    auto model = InferenceModel::create(checkpoint.value().snapshot());
    if (!model) {
        printErr(QStringLiteral("latent-explorer generate: %1").arg(model.error()));
        return Cli::Failure;
    }
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> normal;
    QVector<QVector<float>> zs(count, QVector<float>(model.value().latentDim()));
    for (auto &z : zs)
        for (float &v : z)
            v = normal(rng);
    const QImage grid = ImageTiles::scaledCrisp(sampleGrid(model.value().decode(zs)), scale);
    const QString out = o.isSet(QStringLiteral("out")) ? o.value(QStringLiteral("out")) : QStringLiteral("samples.png");
    // The format follows the suffix (a .jpg holds JPEG data); without a known suffix, PNG.
    const QByteArray suffix = QFileInfo(out).suffix().toLower().toLatin1();
    const char *format = QImageWriter::supportedImageFormats().contains(suffix) ? suffix.constData() : "PNG";
    if (!grid.save(out, format, suffix == "jpg" || suffix == "jpeg" ? 95 : -1)) {
        printErr(
            QStringLiteral("latent-explorer generate: could not write %1 (check the folder exists and is writable)")
                .arg(out));
        return Cli::Failure;
    }
    printErr(QStringLiteral("%1 samples written to %2").arg(count).arg(out));
    return Cli::Success;
}

} // namespace CliCommands
