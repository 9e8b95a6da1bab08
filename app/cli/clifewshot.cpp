#include "cli/clifewshot.h"

#include "cli/cli.h"
#include "cli/clidata.h"
#include "cli/clioptions.h"
#include "cli/progressprinter.h"
#include "cli/scopedinterrupthandler.h"
#include "data/datasetloader.h"
#include "data/idxreader.h"
#include "data/imagefolderreader.h"
#include "data/labellist.h"
#include "model/checkpoint.h"
#include "transfer/fewshotrunner.h"

#include <limits>

namespace CliFewShot {
namespace {

using CliOutput::printErr;
using CliOutput::printJson;
using CliOutput::printOut;
using Options = CliOptions;

void addFewShotOptions(Options &o)
{
    o.add(QStringLiteral("checkpoint"),
          QStringLiteral("Checkpoint (ideally trained with train --classes on other classes)."),
          QStringLiteral("CKPT"));
    o.add(QStringLiteral("dataset"),
          QStringLiteral("Dataset whose test split supplies the episodes (default: the checkpoint's)."),
          QStringLiteral("NAME|PATH"));
    o.add(QStringLiteral("classes"),
          QStringLiteral(
              "Labels to draw episodes from (default: those the checkpoint did not train on; on other data than "
              "its own, every label)."),
          QStringLiteral("LIST"));
    o.add(QStringLiteral("ways"), QStringLiteral("Classes per episode (default 5)."), QStringLiteral("N"));
    o.add(QStringLiteral("shots"), QStringLiteral("Support images per class, e.g. 1,5 (default 1,5)."),
          QStringLiteral("LIST"));
    o.add(QStringLiteral("queries"), QStringLiteral("Query images per class (default 15)."), QStringLiteral("Q"));
    o.add(QStringLiteral("episodes"), QStringLiteral("Episodes per shot count (default 600)."), QStringLiteral("E"));
    o.add(QStringLiteral("augment"),
          QStringLiteral("Latent augmentation: decoded samples of q(z|x) per support image (default 0)."),
          QStringLiteral("M"));
    o.add(QStringLiteral("adapt-steps"), QStringLiteral("Fast adaptation: Adam steps on the support set (default 0)."),
          QStringLiteral("S"));
    o.add(QStringLiteral("adapt-lr"), QStringLiteral("Learning rate of the fast adaptation (default 1e-4)."),
          QStringLiteral("X"));
    o.add(QStringLiteral("adapt-episodes"), QStringLiteral("Adapt on the first this-many episodes (default 100)."),
          QStringLiteral("N"));
    o.add(QStringLiteral("seed"), QStringLiteral("Random seed (default 1)."), QStringLiteral("N"));
    o.add(QStringLiteral("export"),
          QStringLiteral("Write the first episode's support and augmented images as an image folder."),
          QStringLiteral("DIR"));
    o.add(QStringLiteral("export-idx"),
          QStringLiteral("Write them as IDX: PREFIX-images-idx3-ubyte and PREFIX-labels-idx1-ubyte."),
          QStringLiteral("PREFIX"));
    o.add(QStringLiteral("json"), QStringLiteral("Print the summary as one JSON object."));
}

/// Returns -1 to go on, or the exit code (usage printed).
int readFewShotConfig(Options &o, FewShotConfig *config)
{
    if (!o.isSet(QStringLiteral("checkpoint")))
        return o.usage(QStringLiteral("--checkpoint CKPT is required"));
    if (!o.integer(QStringLiteral("ways"), &config->ways, 2, 1000)
        || !o.integerList(QStringLiteral("shots"), &config->shots, 1, 10000)
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
    printOut(QStringLiteral(
                 "%1-way episodes on classes %2, %3 queries per class, %4 episodes per row; mean accuracy ± 95% CI")
                 .arg(report.ways)
                 .arg(LabelList::format(report.classes))
                 .arg(report.queries)
                 .arg(report.episodes));
    for (const FewShotResult &r : report.results) {
        QString line = QStringLiteral("%1-shot: latent mu %2 ± %3, raw pixels %4 ± %5")
                           .arg(r.shots)
                           .arg(formatPercent(r.latent.mean), formatPercent(r.latent.ci95))
                           .arg(formatPercent(r.pixel.mean), formatPercent(r.pixel.ci95));
        if (r.classifier.count)
            line += QStringLiteral(", classifier features %1 ± %2")
                        .arg(formatPercent(r.classifier.mean), formatPercent(r.classifier.ci95));
        if (r.augmented.count)
            line += QStringLiteral(", latent + %1 augmentations %2 ± %3")
                        .arg(report.augment)
                        .arg(formatPercent(r.augmented.mean), formatPercent(r.augmented.ci95));
        if (r.adaptedEpisodes)
            line += QStringLiteral("; query -ELBO %1 -> %2 nats after %3 adaptation step(s) (%4 episodes)")
                        .arg(formatFigure(r.queryNegElboBefore, 2), formatFigure(r.queryNegElboAfter, 2))
                        .arg(report.adaptSteps)
                        .arg(r.adaptedEpisodes);
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
                     .arg(report.augmentedExample.count())
                     .arg(report.augmentedExampleOriginals)
                     .arg(o.value(QStringLiteral("export"))));
    }
    if (o.isSet(QStringLiteral("export-idx"))) {
        const QString prefix = o.value(QStringLiteral("export-idx"));
        if (Status s = Idx::writeDataset(report.augmentedExample, prefix + QStringLiteral("-images-idx3-ubyte"),
                                         prefix + QStringLiteral("-labels-idx1-ubyte"));
            !s)
            return o.failure(s.error());
    }
    return -1;
}

} // namespace

int fewshot(const QStringList &arguments)
{
    Options o(QStringLiteral("fewshot"),
              QStringLiteral(
                  "N-way K-shot episodes on held-out classes: nearest-prototype accuracy on the encoder's mu versus\n"
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
    const QString datasetName =
        o.isSet(QStringLiteral("dataset")) ? o.value(QStringLiteral("dataset")) : checkpoint.value().config.dataset;
    auto data = CliData::load(datasetName);
    if (!data)
        return o.failure(data.error());
    config.dataset = datasetName;
    // Episodes come from the test split: a class it lacks is named (class 77 read as "only 2 classes have 16 images").
    if (!config.classes.isEmpty())
        if (const QString problem = data.value().test.classesProblem(config.classes); !problem.isEmpty())
            return o.failure(problem);
    const SeenClasses seen = SeenClasses::of(checkpoint.value().config, config, data.value().test.classCount());
    if (seen.every)
        printErr(QStringLiteral("warning: the checkpoint was trained on every class, so no class is held out; "
                                "train with --classes to measure few-shot learning of new classes"));
    else if (!seen.isEmpty())
        printErr(QStringLiteral("warning: the checkpoint was trained on class(es) %1 of %2, so accuracy on them does "
                                "not measure learning from a few examples")
                     .arg(LabelList::format(seen.classes), checkpoint.value().config.dataset));

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

} // namespace CliFewShot
