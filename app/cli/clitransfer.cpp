#include "cli/clitransfer.h"

#include "cli/cli.h"
#include "cli/clidata.h"
#include "cli/clioptions.h"
#include "cli/progressprinter.h"
#include "cli/scopedinterrupthandler.h"
#include "data/datasetloader.h"
#include "model/checkpoint.h"
#include "transfer/transferrunner.h"
#include "util/filewrite.h"

#include <QFileInfo>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>
#include <limits>

namespace CliTransfer {
namespace {

using CliOutput::printErr;
using CliOutput::printJson;
using CliOutput::printOut;
using Options = CliOptions;

QString outPathFor(const QString &out, const QString &strategy, bool several)
{
    if (!several)
        return out;
    const QFileInfo info(out);
    const QString suffix = info.suffix().isEmpty() ? QStringLiteral("ckpt") : info.suffix();
    return info.path() + QLatin1Char('/') + info.completeBaseName() + QLatin1Char('-') + strategy + QLatin1Char('.')
        + suffix;
}

void addTransferOptions(Options &o)
{
    o.add(QStringLiteral("from"), QStringLiteral("Source checkpoint."), QStringLiteral("CKPT"));
    o.add(QStringLiteral("dataset"),
          QStringLiteral("Target: mnist, fashion-mnist, or a path (IDX folder/file, image folder)."),
          QStringLiteral("NAME|PATH"));
    o.add(QStringLiteral("strategy"),
          QStringLiteral("finetune-all, freeze-encoder, freeze-decoder, scratch, semi-supervised, all, or a comma "
                         "list."),
          QStringLiteral("NAME"));
    o.add(QStringLiteral("labels-per-class"),
          QStringLiteral("Labelled target images per class for the classifiers (default 10)."), QStringLiteral("K"));
    o.add(QStringLiteral("repeats"),
          QStringLiteral("Label draws; every accuracy is their mean with a 95 % interval (default 3)."),
          QStringLiteral("N"));
    o.add(QStringLiteral("unlabelled"), QStringLiteral("Unlabelled target training images to adapt on (default: all)."),
          QStringLiteral("N"));
    o.add(QStringLiteral("epochs"), QStringLiteral("Epochs of adaptation (default 5)."), QStringLiteral("N"));
    o.add(QStringLiteral("lr"), QStringLiteral("Adam learning rate of the adaptation (default 1e-3)."),
          QStringLiteral("X"));
    o.add(QStringLiteral("seed"), QStringLiteral("Random seed (default 1)."), QStringLiteral("N"));
    o.add(QStringLiteral("out"),
          QStringLiteral("Write the adapted checkpoint here (with several strategies: FILE-<strategy>.ckpt)."),
          QStringLiteral("FILE"));
    o.add(QStringLiteral("report"), QStringLiteral("Write the report as CSV or JSON (by the file's extension)."),
          QStringLiteral("FILE"));
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
            return o.usage(
                QStringLiteral("unknown strategy '%1' (finetune-all, freeze-encoder, freeze-decoder, scratch, "
                               "semi-supervised or all)")
                    .arg(part));
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
        return o.usage(QStringLiteral("--strategy is required (finetune-all, freeze-encoder, freeze-decoder, scratch, "
                                      "semi-supervised or all)"));
    if (int code = readStrategies(o, &config->strategies); code >= 0)
        return code;
    // The report's format is its extension's: another one wrote CSV without a word (a user's r.txt).
    if (const QString report = o.value(QStringLiteral("report")); o.isSet(QStringLiteral("report"))
        && !report.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)
        && !report.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        return o.usage(QStringLiteral("--report takes a file ending in .csv or .json: %1").arg(report));
    if (!o.integer(QStringLiteral("labels-per-class"), &config->labelsPerClass, 1, 100000)
        || !o.integer(QStringLiteral("repeats"), &config->repeats, 1, 1000)
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
    auto loadedTarget = CliData::load(targetName);
    if (!loadedTarget)
        return o.failure(loadedTarget.error());
    if (!loadedTarget.value().train.hasLabels())
        return o.failure(QStringLiteral("%1 has no labels; the downstream task needs them").arg(targetName));
    *target = loadedTarget.value();
    if (auto loaded = CliData::load(source->config.dataset))
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
        summary.insert(QStringLiteral("outcome"),
                       outcome.outcome == RunOutcome::Completed     ? QStringLiteral("completed")
                           : outcome.outcome == RunOutcome::Stopped ? QStringLiteral("stopped")
                                                                    : QStringLiteral("failed"));
        printJson(summary);
        return;
    }
    if (report.strategies.isEmpty() && outcome.outcome != RunOutcome::Completed)
        return;
    const auto accuracy = [](const AccuracyEstimate &a) {
        return std::isfinite(a.ci95)
            ? QStringLiteral("%1 ± %2").arg(formatPercent(a.mean), formatFigure(100 * a.ci95, 1))
            : formatPercent(a.mean);
    };
    const auto row = [](const QString &name, const QString &before, const QString &after, const QString &source,
                        const QString &probe, const QString &knn, const QString &tuned) {
        printOut(QStringLiteral("%1 %2 %3 %4 %5 %6 %7")
                     .arg(name, -18)
                     .arg(before, 14)
                     .arg(after, 13)
                     .arg(source, 13)
                     .arg(probe, 14)
                     .arg(knn, 14)
                     .arg(tuned, 14));
    };
    row(QStringLiteral("strategy"), QStringLiteral("target before"), QStringLiteral("target after"),
        QStringLiteral("source after"), QStringLiteral("probe acc"), QStringLiteral("k-NN acc"),
        QStringLiteral("finetune acc"));
    for (const StrategyResult &s : report.strategies)
        row(TransferStrategies::name(s.strategy), formatFigure(s.targetNegElboBefore, 2),
            formatFigure(s.targetNegElboAfter, 2), formatFigure(s.sourceNegElboAfter, 2), accuracy(s.probe),
            accuracy(s.knn), accuracy(s.finetune));
    const QString none = formatFigure(std::numeric_limits<double>::quiet_NaN(), 2);
    row(QStringLiteral("(source encoder)"), none, none, formatFigure(report.sourceNegElboBefore, 2),
        accuracy(report.sourceProbe), accuracy(report.sourceKnn), none);
    row(QStringLiteral("(scratch classif.)"), none, none, none, none, none, accuracy(report.scratchClassifier));
    row(QStringLiteral("(raw pixels)"), none, none, none, accuracy(report.pixelProbe), accuracy(report.pixelKnn), none);
    const bool graph = std::any_of(report.strategies.cbegin(), report.strategies.cend(),
                                   [](const StrategyResult &s) { return s.labelGraph; });
    const QString own = !report.ranSemiSupervised()
        ? QString()
        : QStringLiteral("; semi-supervised's probe acc is its own classifier q(y|x)%1, not a probe on μ")
              .arg(graph ? QStringLiteral(" × the label graph's vote") : QString());
    printOut(QStringLiteral("accuracies: mean ± 95 % interval half-width (points) over %1 label draw(s) of %2 per "
                            "class%5; %3 target test images, %4 classes")
                 .arg(report.repeats)
                 .arg(report.labelsPerClass)
                 .arg(report.targetTestCount)
                 .arg(report.classCount)
                 .arg(own));
    if (const TransferVerdict v = report.verdict(); v.strategy >= 0) {
        const TransferStrategy strategy = report.strategies[v.strategy].strategy;
        const QString paired = std::isfinite(v.difference.ci95)
            ? QStringLiteral(" (± %1 on the same %2 draws%3)")
                  .arg(formatFigure(100 * v.difference.ci95, 1))
                  .arg(v.difference.draws)
                  .arg(v.undecided() ? QStringLiteral(": not told apart") : QString())
            : QString();
        const int half = TestAccuracy::reportHalfCount(report.targetTestCount);
        printOut(
            QStringLiteral("best: %3's %4 %5 against raw pixels (%6) %7: %8 points%9, on %2 test images; both were "
                           "chosen on the other half, the VAE figure among %1%10")
                .arg(QString::number(v.candidates), QString::number(half), TransferStrategies::name(strategy),
                     TransferVerdict::figureName(v.figure, strategy, report.strategies[v.strategy].labelGraph),
                     accuracy(v.best), v.pixelFigureName(), accuracy(v.pixels),
                     (v.gain() >= 0 ? QStringLiteral("+") : QString()) + formatFigure(100 * v.gain(), 1), paired,
                     report.ranSemiSupervised()
                         ? QString()
                         : QStringLiteral("; the semi-supervised strategy, which also trains its classifier on "
                                          "the unlabelled images, was not run (--strategy semi-supervised)")));
    }
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
        const QByteArray bytes = path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)
            ? QJsonDocument(report.toJson()).toJson()
            : report.toCsv().toUtf8();
        if (Status s = FileWrite::wholeOrNothing(path, bytes); !s)
            return o.failure(s.error());
    }
    return -1;
}

} // namespace

int transfer(const QStringList &arguments)
{
    Options o(
        QStringLiteral("transfer"),
        QStringLiteral("Adapts a VAE to a target dataset with one or all strategies and measures the transfer:\n"
                       "target/source test -ELBO and downstream accuracy with K labels per class, beside baselines."));
    addTransferOptions(o);
    if (int code = o.parse(arguments); code >= 0)
        return code;
    TransferConfig config;
    if (int code = readTransferConfig(o, &config); code >= 0)
        return code;
    // The adapted checkpoints (FILE-<strategy>.ckpt with several) share --out's folder: check it before any work.
    for (const char *option : {"out", "report"})
        if (o.isSet(QLatin1String(option)))
            if (const QString problem = CliOptions::checkOutputFile(o.value(QLatin1String(option))); !problem.isEmpty())
                return o.failure(problem);
    Checkpoint source;
    DataSplit target, sourceData;
    if (int code = loadTransferInputs(o, &source, &target, &sourceData); code >= 0)
        return code;
    const QString targetName = o.value(QStringLiteral("dataset"));
    printErr(
        QStringLiteral(
            "Transferring %1 (trained on %2) to %3: %4 unlabelled image(s), %5 label(s) per class (%8 draw(s)), %6 "
            "epoch(s), lr %7; expected time about %9 min (timed on this machine; longer when it is busy)")
            .arg(source.config.model.describe(), source.config.dataset, targetName)
            .arg(config.adaptedImages(target.train.count()))
            .arg(config.labelsPerClass)
            .arg(config.epochs)
            .arg(config.learningRate)
            .arg(config.repeats)
            .arg(TransferPlan::onThisMachine(config, source.config.model, targetName, target.train, target.test.count())
                     .minutes()));

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

} // namespace CliTransfer
