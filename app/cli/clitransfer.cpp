#include "cli/clitransfer.h"

#include "cli/cli.h"
#include "cli/clioptions.h"
#include "cli/progressprinter.h"
#include "cli/scopedinterrupthandler.h"
#include "data/datasetloader.h"
#include "data/idxreader.h"
#include "data/imagefolderreader.h"
#include "model/checkpoint.h"
#include "transfer/fewshotrunner.h"
#include "transfer/transferrunner.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

#include <cmath>
#include <limits>

namespace CliTransfer {
namespace {

using CliOutput::printErr;
using CliOutput::printJson;
using CliOutput::printOut;
using Options = CliOptions;

QString figure(double v, int decimals)
{
    return std::isfinite(v) ? QString::number(v, 'f', decimals) : QStringLiteral("-");
}

QString percent(double v)
{
    return std::isfinite(v) ? QString::number(100.0 * v, 'f', 1) + QLatin1Char('%') : QStringLiteral("-");
}

/// Progress on stderr: one line per phase (the trainer's bar is epoch-based; this run is strategy-based).
class PhasePrinter
{
public:
    void show(const QString &phase, double fraction, double eta)
    {
        if (phase == m_lastPhase)
            return;
        m_lastPhase = phase;
        printErr(QStringLiteral("[%1%] %2%3").arg(int(100 * fraction), 3).arg(phase)
                     .arg(eta >= 0 ? QStringLiteral(" (ETA %1)").arg(formatDuration(eta)) : QString()));
    }

private:
    QString m_lastPhase;
};

QString outPathFor(const QString &out, const QString &strategy, bool several)
{
    if (!several)
        return out;
    const QFileInfo info(out);
    const QString suffix = info.suffix().isEmpty() ? QStringLiteral("ckpt") : info.suffix();
    return info.path() + QLatin1Char('/') + info.completeBaseName() + QLatin1Char('-') + strategy + QLatin1Char('.') + suffix;
}

void addTransferOptions(Options &o)
{
    o.add(QStringLiteral("from"), QStringLiteral("Source checkpoint."), QStringLiteral("CKPT"));
    o.add(QStringLiteral("dataset"), QStringLiteral("Target: mnist, fashion-mnist, or a path (IDX folder/file, image folder)."), QStringLiteral("NAME|PATH"));
    o.add(QStringLiteral("strategy"), QStringLiteral("finetune-all, freeze-encoder, freeze-decoder, scratch, all, or a comma list."), QStringLiteral("NAME"));
    o.add(QStringLiteral("labels-per-class"), QStringLiteral("Labelled target images per class for the classifiers (default 10)."), QStringLiteral("K"));
    o.add(QStringLiteral("unlabelled"), QStringLiteral("Unlabelled target training images to adapt on (default: all)."), QStringLiteral("N"));
    o.add(QStringLiteral("epochs"), QStringLiteral("Epochs of adaptation (default 5)."), QStringLiteral("N"));
    o.add(QStringLiteral("lr"), QStringLiteral("Adam learning rate of the adaptation (default 1e-3)."), QStringLiteral("X"));
    o.add(QStringLiteral("seed"), QStringLiteral("Random seed (default 1)."), QStringLiteral("N"));
    o.add(QStringLiteral("out"), QStringLiteral("Write the adapted checkpoint here (with several strategies: FILE-<strategy>.ckpt)."), QStringLiteral("FILE"));
    o.add(QStringLiteral("report"), QStringLiteral("Write the report as CSV or JSON (by the file's extension)."), QStringLiteral("FILE"));
    o.add(QStringLiteral("json"), QStringLiteral("One JSON object per line on stdout; the last is the summary."));
}

/// --strategy: names, a comma list, or "all". Returns -1 to go on, or the exit code.
int readStrategies(Options &o, QVector<TransferStrategy> *strategies)
{
    strategies->clear();
    for (const QString &part : o.value(QStringLiteral("strategy")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (part.trimmed() == QLatin1String("all")) {
            *strategies = TransferStrategies::all();
            break;
        }
        TransferStrategy s;
        if (!TransferStrategies::parse(part, &s))
            return o.usage(QStringLiteral("unknown strategy '%1' (finetune-all, freeze-encoder, freeze-decoder, scratch or all)").arg(part));
        if (!strategies->contains(s))
            strategies->append(s);
    }
    if (strategies->isEmpty())
        return o.usage(QStringLiteral("--strategy needs a value"));
    return -1;
}

/// Returns -1 to go on, or the exit code (usage printed).
int readTransferConfig(Options &o, TransferConfig *config)
{
    if (!o.isSet(QStringLiteral("from")))
        return o.usage(QStringLiteral("--from CKPT is required"));
    if (!o.isSet(QStringLiteral("dataset")))
        return o.usage(QStringLiteral("--dataset NAME|PATH is required"));
    if (!o.isSet(QStringLiteral("strategy")))
        return o.usage(QStringLiteral("--strategy is required (finetune-all, freeze-encoder, freeze-decoder, scratch or all)"));
    if (int code = readStrategies(o, &config->strategies); code >= 0)
        return code;
    if (!o.integer(QStringLiteral("labels-per-class"), &config->labelsPerClass, 1, 100000)
        || !o.integer(QStringLiteral("unlabelled"), &config->unlabelled, 1, 100000000)
        || !o.integer(QStringLiteral("epochs"), &config->epochs, 1, 100000)
        || !o.real(QStringLiteral("lr"), &config->learningRate, 1e-12, 1e6)
        || !o.integer(QStringLiteral("seed"), &config->seed, 0, std::numeric_limits<qint64>::max()))
        return Cli::UsageError;
    config->classifier.seed = config->seed;
    return -1;
}

/// The source checkpoint, the labelled target, and the source's own data when it can be loaded (to measure
/// forgetting). Returns -1 to go on, or the exit code.
int loadTransferInputs(Options &o, Checkpoint *source, DataSplit *target, DataSplit *sourceData)
{
    auto loadedSource = CheckpointIo::load(o.value(QStringLiteral("from")));
    if (!loadedSource)
        return o.failure(loadedSource.error());
    *source = loadedSource.value();
    const QString targetName = o.value(QStringLiteral("dataset"));
    auto loadedTarget = DatasetLoader::load(targetName);
    if (!loadedTarget)
        return o.failure(loadedTarget.error());
    if (!loadedTarget.value().train.hasLabels())
        return o.failure(QStringLiteral("%1 has no labels; the downstream task needs them").arg(targetName));
    *target = loadedTarget.value();
    if (auto loaded = DatasetLoader::load(source->config.dataset))
        *sourceData = loaded.value();
    else
        printErr(QStringLiteral("warning: the source dataset '%1' could not be loaded (%2); forgetting is not measured")
                     .arg(source->config.dataset, loaded.error()));
    return -1;
}

/// Runs every strategy; with --json, each epoch's target -ELBO as a line. Ctrl+C stops after the current batch.
TransferOutcome runTransfer(TransferRunner &runner, bool json)
{
    PhasePrinter phases;
    QObject::connect(&runner, &TransferRunner::progress, &runner,
                     [&](const RunProgress &p) { phases.show(p.phase, p.fraction, p.etaSeconds); });
    QObject::connect(&runner, &TransferRunner::curvePoint, &runner, [&](const TransferCurvePoint &p) {
        if (json)
            printJson(QJsonObject{{QStringLiteral("type"), QStringLiteral("epoch")},
                                  {QStringLiteral("strategy"), TransferStrategies::name(p.strategy)},
                                  {QStringLiteral("epoch"), p.epoch},
                                  {QStringLiteral("target_neg_elbo"), p.targetNegElbo}});
    });
    const ScopedInterruptHandler interrupt(runner);
    return runner.runBlocking();
}

/// The report on stdout: a JSON summary, or a table with the baselines (when there is anything to show).
void printTransferReport(const TransferOutcome &outcome, bool json)
{
    const TransferReport &report = outcome.report;
    if (json) {
        QJsonObject summary = report.toJson();
        summary.insert(QStringLiteral("type"), QStringLiteral("summary"));
        summary.insert(QStringLiteral("outcome"), outcome.outcome == RunOutcome::Completed ? QStringLiteral("completed")
                                                  : outcome.outcome == RunOutcome::Stopped ? QStringLiteral("stopped")
                                                                                           : QStringLiteral("failed"));
        printJson(summary);
        return;
    }
    if (report.strategies.isEmpty() && outcome.outcome != RunOutcome::Completed)
        return;
    printOut(QStringLiteral("%1 %2 %3 %4 %5 %6").arg(QStringLiteral("strategy"), -16).arg(QStringLiteral("target before"), 14)
                 .arg(QStringLiteral("target after"), 13).arg(QStringLiteral("source after"), 13)
                 .arg(QStringLiteral("probe acc"), 10).arg(QStringLiteral("finetune acc"), 13));
    for (const StrategyResult &s : report.strategies)
        printOut(QStringLiteral("%1 %2 %3 %4 %5 %6").arg(TransferStrategies::name(s.strategy), -16)
                     .arg(figure(s.targetNegElboBefore, 2), 14).arg(figure(s.targetNegElboAfter, 2), 13)
                     .arg(figure(s.sourceNegElboAfter, 2), 13).arg(percent(s.probeAccuracy), 10)
                     .arg(percent(s.finetuneAccuracy), 13));
    printOut(QStringLiteral("baselines: unadapted source encoder probe %1, scratch classifier %2, raw-pixel probe %3; "
                            "source -ELBO before adaptation %4 nats (%5 target test images, %6 classes)")
                 .arg(percent(report.sourceProbeAccuracy), percent(report.scratchClassifierAccuracy),
                      percent(report.pixelProbeAccuracy), figure(report.sourceNegElboBefore, 2))
                 .arg(report.targetTestCount).arg(report.classCount));
}

/// --out (the adapted checkpoints) and --report (CSV or JSON). Returns -1 to go on, or the exit code.
int writeTransferFiles(Options &o, const TransferReport &report, const Checkpoint &source)
{
    if (o.isSet(QStringLiteral("out"))) {
        const bool several = report.strategies.size() > 1;
        for (int i = 0; i < report.strategies.size(); ++i) {
            const QString name = TransferStrategies::name(report.strategies[i].strategy);
            const QString path = outPathFor(o.value(QStringLiteral("out")), name, several);
            if (Status s = CheckpointIo::save(report.adaptedCheckpoint(i, source), path); !s)
                return o.failure(s.error());
            printErr(QStringLiteral("Adapted model (%1) written to %2").arg(name, path));
        }
    }
    if (o.isSet(QStringLiteral("report"))) {
        const QString path = o.value(QStringLiteral("report"));
        QFile file(path);
        const QByteArray bytes = path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)
                                     ? QJsonDocument(report.toJson()).toJson()
                                     : report.toCsv().toUtf8();
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            return o.failure(QStringLiteral("could not write %1 (check the folder exists and is writable)").arg(path));
    }
    return -1;
}

void addFewShotOptions(Options &o)
{
    o.add(QStringLiteral("checkpoint"), QStringLiteral("Checkpoint (ideally trained with train --classes on other classes)."), QStringLiteral("CKPT"));
    o.add(QStringLiteral("dataset"), QStringLiteral("Dataset whose test split supplies the episodes (default: the checkpoint's)."), QStringLiteral("NAME|PATH"));
    o.add(QStringLiteral("classes"), QStringLiteral("Labels to draw episodes from (default: those the checkpoint did not train on)."), QStringLiteral("LIST"));
    o.add(QStringLiteral("ways"), QStringLiteral("Classes per episode (default 5)."), QStringLiteral("N"));
    o.add(QStringLiteral("shots"), QStringLiteral("Support images per class, e.g. 1,5 (default 1,5)."), QStringLiteral("LIST"));
    o.add(QStringLiteral("queries"), QStringLiteral("Query images per class (default 15)."), QStringLiteral("Q"));
    o.add(QStringLiteral("episodes"), QStringLiteral("Episodes per shot count (default 600)."), QStringLiteral("E"));
    o.add(QStringLiteral("augment"), QStringLiteral("Latent augmentation: decoded samples of q(z|x) per support image (default 0)."), QStringLiteral("M"));
    o.add(QStringLiteral("adapt-steps"), QStringLiteral("Fast adaptation: Adam steps on the support set (default 0)."), QStringLiteral("S"));
    o.add(QStringLiteral("adapt-lr"), QStringLiteral("Learning rate of the fast adaptation (default 1e-4)."), QStringLiteral("X"));
    o.add(QStringLiteral("adapt-episodes"), QStringLiteral("Adapt on the first this-many episodes (default 100)."), QStringLiteral("N"));
    o.add(QStringLiteral("seed"), QStringLiteral("Random seed (default 1)."), QStringLiteral("N"));
    o.add(QStringLiteral("export"), QStringLiteral("Write the first episode's support and augmented images as an image folder."), QStringLiteral("DIR"));
    o.add(QStringLiteral("export-idx"), QStringLiteral("Write them as IDX: PREFIX-images-idx3-ubyte and PREFIX-labels-idx1-ubyte."), QStringLiteral("PREFIX"));
    o.add(QStringLiteral("json"), QStringLiteral("Print the summary as one JSON object."));
}

/// Returns -1 to go on, or the exit code (usage printed).
int readFewShotConfig(Options &o, FewShotConfig *config)
{
    if (!o.isSet(QStringLiteral("checkpoint")))
        return o.usage(QStringLiteral("--checkpoint CKPT is required"));
    if (!o.isSet(QStringLiteral("ways")))
        return o.usage(QStringLiteral("--ways N is required"));
    if (!o.isSet(QStringLiteral("shots")))
        return o.usage(QStringLiteral("--shots LIST is required"));
    if (!o.integer(QStringLiteral("ways"), &config->ways, 2, 1000) || !o.integerList(QStringLiteral("shots"), &config->shots, 1, 10000)
        || !o.integerList(QStringLiteral("classes"), &config->classes, 0, 255)
        || !o.integer(QStringLiteral("queries"), &config->queries, 1, 100000)
        || !o.integer(QStringLiteral("episodes"), &config->episodes, 1, 10000000)
        || !o.integer(QStringLiteral("augment"), &config->augment, 0, 1000)
        || !o.integer(QStringLiteral("adapt-steps"), &config->adaptSteps, 0, 100000)
        || !o.real(QStringLiteral("adapt-lr"), &config->adaptLearningRate, 1e-12, 1e6)
        || !o.integer(QStringLiteral("adapt-episodes"), &config->adaptEpisodes, 1, 10000000)
        || !o.integer(QStringLiteral("seed"), &config->seed, 0, std::numeric_limits<qint64>::max()))
        return Cli::UsageError;
    if ((o.isSet(QStringLiteral("export")) || o.isSet(QStringLiteral("export-idx"))) && config->augment == 0)
        return o.usage(QStringLiteral("--export and --export-idx need --augment M"));
    return -1;
}

/// Runs the episodes; Ctrl+C stops after the current batch.
FewShotOutcome runFewShot(FewShotRunner &runner)
{
    PhasePrinter phases;
    QObject::connect(&runner, &FewShotRunner::progress, &runner,
                     [&](const RunProgress &p) { phases.show(p.phase, p.fraction, p.etaSeconds); });
    const ScopedInterruptHandler interrupt(runner);
    return runner.runBlocking();
}

/// The summary on stdout: one JSON object, or a line per shot count.
void printFewShotReport(const FewShotReport &report, bool json)
{
    if (json) {
        QJsonObject summary = report.toJson();
        summary.insert(QStringLiteral("type"), QStringLiteral("summary"));
        printJson(summary);
        return;
    }
    QStringList classes;
    for (int c : report.classes)
        classes << QString::number(c);
    printOut(QStringLiteral("%1-way episodes on classes %2, %3 queries per class, %4 episodes per row; mean accuracy ± 95% CI")
                 .arg(report.ways).arg(classes.join(QLatin1Char(','))).arg(report.queries).arg(report.episodes));
    for (const FewShotResult &r : report.results) {
        QString line = QStringLiteral("%1-shot: latent mu %2 ± %3, raw pixels %4 ± %5")
                           .arg(r.shots).arg(percent(r.latent.mean), percent(r.latent.ci95))
                           .arg(percent(r.pixel.mean), percent(r.pixel.ci95));
        if (r.augmented.count)
            line += QStringLiteral(", latent + %1 augmentations %2 ± %3").arg(report.augment).arg(percent(r.augmented.mean), percent(r.augmented.ci95));
        if (r.adaptedEpisodes)
            line += QStringLiteral("; query -ELBO %1 -> %2 nats after %3 adaptation step(s) (%4 episodes)")
                        .arg(figure(r.queryNegElboBefore, 2), figure(r.queryNegElboAfter, 2)).arg(report.adaptSteps).arg(r.adaptedEpisodes);
        printOut(line);
    }
}

/// --export (an image folder) and --export-idx. Returns -1 to go on, or the exit code.
int exportFewShotExample(Options &o, const FewShotReport &report)
{
    if (o.isSet(QStringLiteral("export"))) {
        if (Status s = ImageFolder::write(report.augmentedExample, o.value(QStringLiteral("export"))); !s)
            return o.failure(s.error());
        printErr(QStringLiteral("%1 images (%2 real, the rest generated) written to %3")
                     .arg(report.augmentedExample.count()).arg(report.augmentedExampleOriginals).arg(o.value(QStringLiteral("export"))));
    }
    if (o.isSet(QStringLiteral("export-idx"))) {
        const QString prefix = o.value(QStringLiteral("export-idx"));
        if (Status s = Idx::writeDataset(report.augmentedExample, prefix + QStringLiteral("-images-idx3-ubyte"),
                                         prefix + QStringLiteral("-labels-idx1-ubyte")); !s)
            return o.failure(s.error());
    }
    return -1;
}

} // namespace

int transfer(const QStringList &arguments)
{
    Options o(QStringLiteral("transfer"),
              QStringLiteral("Adapts a VAE to a target dataset with one or all strategies and measures the transfer:\n"
                             "target/source test -ELBO and downstream accuracy with K labels per class, beside baselines."));
    addTransferOptions(o);
    if (int code = o.parse(arguments); code >= 0)
        return code;
    TransferConfig config;
    if (int code = readTransferConfig(o, &config); code >= 0)
        return code;
    Checkpoint source;
    DataSplit target, sourceData;
    if (int code = loadTransferInputs(o, &source, &target, &sourceData); code >= 0)
        return code;
    const QString targetName = o.value(QStringLiteral("dataset"));
    printErr(QStringLiteral("Transferring %1 (trained on %2) to %3: %4 unlabelled image(s), %5 label(s) per class, %6 epoch(s), lr %7")
                 .arg(source.config.model.describe(), source.config.dataset, targetName)
                 .arg(config.unlabelled > 0 ? QString::number(std::min(config.unlabelled, target.train.count()))
                                            : QString::number(target.train.count()))
                 .arg(config.labelsPerClass).arg(config.epochs).arg(config.learningRate));

    TransferRunner runner(source, sourceData, target, targetName, config);
    const TransferOutcome outcome = runTransfer(runner, o.isSet(QStringLiteral("json")));
    printTransferReport(outcome, o.isSet(QStringLiteral("json")));
    if (int code = writeTransferFiles(o, outcome.report, source); code >= 0)
        return code;
    switch (outcome.outcome) {
    case RunOutcome::Completed:
        printErr(outcome.message);
        return Cli::Success;
    case RunOutcome::Stopped:
    case RunOutcome::Failed:
        return o.failure(outcome.message);
    }
    return Cli::Failure;
}

int fewshot(const QStringList &arguments)
{
    Options o(QStringLiteral("fewshot"),
              QStringLiteral("N-way K-shot episodes on held-out classes: nearest-prototype accuracy on the encoder's mu versus\n"
                             "raw pixels (mean and 95% CI), optional latent augmentation and fast adaptation."));
    addFewShotOptions(o);
    if (int code = o.parse(arguments); code >= 0)
        return code;
    FewShotConfig config;
    if (int code = readFewShotConfig(o, &config); code >= 0)
        return code;
    auto checkpoint = CheckpointIo::load(o.value(QStringLiteral("checkpoint")));
    if (!checkpoint)
        return o.failure(checkpoint.error());
    const QString datasetName = o.isSet(QStringLiteral("dataset")) ? o.value(QStringLiteral("dataset")) : checkpoint.value().config.dataset;
    auto data = DatasetLoader::load(datasetName);
    if (!data)
        return o.failure(data.error());
    if (config.classes.isEmpty() && checkpoint.value().config.classes.isEmpty())
        printErr(QStringLiteral("warning: the checkpoint was trained on every class, so no class is held out; "
                                "train with --classes to measure few-shot learning of new classes"));

    FewShotRunner runner(checkpoint.value(), data.value(), config);
    const FewShotOutcome outcome = runFewShot(runner);
    if (outcome.outcome != RunOutcome::Completed)
        return o.failure(outcome.message);
    printFewShotReport(outcome.report, o.isSet(QStringLiteral("json")));
    if (int code = exportFewShotExample(o, outcome.report); code >= 0)
        return code;
    printErr(outcome.message);
    return Cli::Success;
}

} // namespace CliTransfer
