#include "cli/clicommands.h"

#include "cli/cli.h"
#include "cli/clidata.h"
#include "cli/clioptions.h"
#include "cli/clitrainoptions.h"
#include "cli/progressprinter.h"
#include "cli/scopedinterrupthandler.h"
#include "model/checkpoint.h"
#include "training/runplan.h"
#include "training/trainer.h"
#include "training/trainingcontroller.h" // TrainingResult
#include "util/jsonio.h"

#include <QFileInfo>
#include <QJsonDocument>

#include <cmath>
#include <cstdio>
#include <optional>

namespace CliCommands {
namespace {

using CliOutput::printErr;
using CliOutput::printJson;
using Options = CliOptions;

/// What the epochs of a run add up to, for the JSON summary.
struct RunTotals
{
    double trainSeconds = 0;
    qint64 samplesSeen = 0;
    int epochsRun = 0;
    int labelled = -1; ///< the semi-supervised run's labelled training images (-1: not that model)
};

QJsonObject summaryJson(const Checkpoint &c, const RunTotals &totals)
{
    QJsonObject o{{QStringLiteral("type"), QStringLiteral("summary")}, {QStringLiteral("epochs"), c.epochsDone()}};
    o.insert(QStringLiteral("epochs_this_run"), totals.epochsRun);
    if (!c.history.isEmpty()) {
        const EpochStats &last = c.history.last();
        const QString split = CliData::evaluationSplit(c.config) + QLatin1Char('_');
        o.insert(split + QStringLiteral("neg_elbo"), last.test.negElbo);
        o.insert(split + QStringLiteral("recon"), last.test.recon);
        o.insert(split + QStringLiteral("kl"), last.test.kl);
        o.insert(QStringLiteral("train_neg_elbo"), last.trainNegElbo);
        o.insert(QStringLiteral("active_units"), last.test.activeUnits);
        if (!std::isnan(last.test.accuracy))
            o.insert(split + QStringLiteral("accuracy"), last.test.accuracy);
        if (!std::isnan(last.test.graphAccuracy)) { // the prediction above is the product of these two
            o.insert(split + QStringLiteral("classifier_accuracy"), last.test.classifierAccuracy);
            o.insert(split + QStringLiteral("graph_accuracy"), last.test.graphAccuracy);
        }
        if (!last.test.confusion.isEmpty()) // rows: true classes; columns: predicted ones
            o.insert(QStringLiteral("confusion"), JsonIo::toJson(last.test.confusion));
    }
    if (totals.labelled >= 0) {
        o.insert(QStringLiteral("labelled"), totals.labelled);
        o.insert(QStringLiteral("label_graph"), c.config.labelGraphInEffect());
    }
    o.insert(QStringLiteral("evaluation"), CliData::evaluationSplit(c.config));
    if (c.config.validation > 0)
        o.insert(QStringLiteral("validation_images"), c.config.validation);
    if (c.config.trainingImages > 0)
        o.insert(QStringLiteral("training_images"), c.config.trainingImages);
    o.insert(QStringLiteral("train_seconds"), totals.trainSeconds);
    o.insert(QStringLiteral("train_samples_per_second"),
             totals.trainSeconds > 0 ? totals.samplesSeen / totals.trainSeconds : 0.0);
    return o;
}

/// Runs the trainer to its end, saving each epoch's checkpoint to `outPath` as it arrives, so that an interrupted
/// run loses at most one epoch. Ctrl+C stops it after the current batch. The first save error lands in `saveError`.
TrainingResult runTrainer(Trainer &trainer, const TrainConfig &config, const QString &outPath, bool json,
                          RunTotals *totals, QString *saveError)
{
    ProgressPrinter progress(config.epochs, CliData::evaluationSplit(config));
    QObject::connect(&trainer, &Trainer::preparing, &trainer, [&](const RunProgress &p) { progress.preparing(p); });
    QObject::connect(&trainer, &Trainer::batchStats, &trainer, [&](const BatchStats &b) { progress.batch(b); });
    QObject::connect(&trainer, &Trainer::epochStats, &trainer, [&](const EpochStats &e) {
        progress.epoch(e);
        totals->trainSeconds += e.trainSeconds;
        totals->samplesSeen += qint64(std::llround(e.samplesPerSecond * e.trainSeconds));
        ++totals->epochsRun;
        if (json) {
            QJsonObject line = JsonIo::toJson(e);
            line.insert(QStringLiteral("type"), QStringLiteral("epoch"));
            printJson(line);
        }
    });
    QObject::connect(&trainer, &Trainer::checkpoint, &trainer, [&](const Checkpoint &c) {
        if (Status s = CheckpointIo::save(c, outPath); !s)
            *saveError = s.error();
    });
    const TrainingResult result = [&] {
        const ScopedInterruptHandler interrupt(trainer);
        return trainer.runBlocking();
    }();
    progress.finish();
    return result;
}

/// Saves the final state (a failed run's last good one too), prints the summary and the outcome; the exit code.
int finishTraining(const TrainingResult &result, const QString &outPath, bool json, const RunTotals &totals,
                   QString saveError)
{
    // A run that ended before its first epoch did trained nothing: its untrained weights must not replace the file
    // (perhaps an earlier model under the same name). A continued run has its checkpoint's epochs.
    const bool nothingTrained = result.checkpoint.epochsDone() == 0;
    if (!nothingTrained && (result.outcome != RunOutcome::Failed || !result.checkpoint.weights.isEmpty())) {
        if (Status s = CheckpointIo::save(result.checkpoint, outPath); !s)
            saveError = s.error();
    }
    const QString unsaved = QFileInfo::exists(outPath) ? QStringLiteral("%1 is unchanged").arg(outPath)
                                                       : QStringLiteral("%1 was not written").arg(outPath);
    if (json)
        printJson(summaryJson(result.checkpoint, totals));
    if (!saveError.isEmpty()) {
        printErr(QStringLiteral("latent-explorer train: %1").arg(saveError));
        return Cli::Failure;
    }
    switch (result.outcome) {
    case RunOutcome::Completed:
        printErr(QStringLiteral("%1 Checkpoint: %2").arg(result.message, outPath));
        return Cli::Success;
    case RunOutcome::Stopped:
        printErr(nothingTrained
                     ? QStringLiteral("%1 No epoch finished, so nothing was saved: %2.").arg(result.message, unsaved)
                     : QStringLiteral("%1 Checkpoint with %2 finished epoch(s): %3")
                           .arg(result.message)
                           .arg(result.checkpoint.epochsDone())
                           .arg(outPath));
        return Cli::Failure;
    case RunOutcome::Failed:
        printErr(QStringLiteral("latent-explorer train: %1").arg(result.message)
                 + (result.checkpoint.weights.isEmpty() ? QString()
                        : nothingTrained                ? QStringLiteral(" No epoch finished: %1.").arg(unsaved)
                                         : QStringLiteral(" Last good state saved to %1.").arg(outPath)));
        return Cli::Failure;
    }
    return Cli::Failure;
}

} // namespace

int train(const QStringList &arguments)
{
    Options o(QStringLiteral("train"), QStringLiteral("Trains a VAE and saves a checkpoint."));
    CliTrainOptions::add(o);
    if (int code = o.parse(arguments); code >= 0)
        return code;
    TrainConfig config;
    std::optional<Checkpoint> resume;
    if (int code = CliTrainOptions::read(o, &config, &resume); code >= 0)
        return code;
    const QString outPath = o.isSet(QStringLiteral("out"))
        ? o.value(QStringLiteral("out"))
        : (resume ? o.value(QStringLiteral("resume")) : CliTrainOptions::defaultCheckpointName(config));
    // Before any work: an hour of training must not end in "cannot write".
    if (const QString problem = CliOptions::checkOutputFile(outPath); !problem.isEmpty())
        return o.failure(problem);
    auto data = CliData::load(config.dataset);
    if (!data)
        return o.failure(data.error());
    if (int code = CliTrainOptions::checkClasses(o, config.classes, data.value()); code >= 0)
        return code;
    const Result<DataSplit> runData = config.runData(data.value());
    if (!runData)
        return o.failure(runData.error());
    RunTotals totals;
    if (int code = CliTrainOptions::prepareSemiSupervised(o, &config, runData.value(), &totals.labelled); code >= 0)
        return code;
    const bool json = o.isSet(QStringLiteral("json"));
    // A run of a minute or more says how long it will take, as `transfer` does (the plan the GUI's bar follows;
    // the options resolved the classifier's input into config.model), on this machine.
    const double plannedSeconds =
        RunPlan::onThisMachine(config, runData.value().train.count(), runData.value().test.count()).seconds();
    const QString expected = plannedSeconds < 60
        ? QString()
        : QStringLiteral("; expected time about %1 min (one thread, timed on this machine; longer when it is busy)")
              .arg(std::lround(plannedSeconds / 60));
    printErr(QStringLiteral("Training %1 on %2 (%3 train / %4 %10 images), %5 epoch(s), batch %6, lr %7, β %8%9%11")
                 .arg(config.model.describe(), config.dataset)
                 .arg(runData.value().train.count())
                 .arg(runData.value().test.count())
                 .arg(config.epochs)
                 .arg(config.batchSize)
                 .arg(config.learningRate)
                 .arg(config.beta)
                 .arg(config.warmupEpochs ? QStringLiteral(" (warm-up %1 epochs)").arg(config.warmupEpochs) : QString())
                 .arg(CliData::evaluationSplit(config), expected));
    Trainer trainer(config, data.value(), resume);
    QString saveError;
    const TrainingResult result = runTrainer(trainer, config, outPath, json, &totals, &saveError);
    return finishTraining(result, outPath, json, totals, saveError);
}

} // namespace CliCommands
