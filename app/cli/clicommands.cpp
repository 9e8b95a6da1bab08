#include "cli/clicommands.h"

#include "cli/cli.h"
#include "cli/clioptions.h"
#include "model/checkpoint.h"
#include "data/datasetloader.h"
#include "model/evaluator.h"
#include "model/inferencemodel.h"
#include "util/jsonio.h"
#include "cli/progressprinter.h"
#include "training/trainer.h"
#include "training/trainingcontroller.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonDocument>
#include <QPainter>
#include <QRandomGenerator>

#include <csignal>
#include <cstdio>
#include <random>

namespace CliCommands {
namespace {

using CliOutput::printErr;
using CliOutput::printJson;
using Options = CliOptions;

std::atomic<Trainer *> g_running{nullptr};

extern "C" void onInterrupt(int)
{
    // Only an atomic store: the trainer finishes its batch, and the checkpoint is saved as usual.
    if (Trainer *t = g_running.load())
        t->requestStop();
}

QJsonObject summaryJson(const Checkpoint &c, int epochsRun, double trainSeconds, qint64 samplesSeen)
{
    QJsonObject o{{QStringLiteral("type"), QStringLiteral("summary")}, {QStringLiteral("epochs"), c.epochsDone()}};
    o.insert(QStringLiteral("epochs_this_run"), epochsRun);
    if (!c.history.isEmpty()) {
        const EpochStats &last = c.history.last();
        o.insert(QStringLiteral("test_neg_elbo"), last.test.negElbo);
        o.insert(QStringLiteral("test_recon"), last.test.recon);
        o.insert(QStringLiteral("test_kl"), last.test.kl);
        o.insert(QStringLiteral("train_neg_elbo"), last.trainNegElbo);
        o.insert(QStringLiteral("active_units"), last.test.activeUnits);
    }
    o.insert(QStringLiteral("train_seconds"), trainSeconds);
    o.insert(QStringLiteral("train_samples_per_second"), trainSeconds > 0 ? samplesSeen / trainSeconds : 0.0);
    return o;
}

QString defaultCheckpointName(const TrainConfig &config)
{
    const QString dataset = QFileInfo(config.dataset).fileName().isEmpty() ? config.dataset : QFileInfo(config.dataset).fileName();
    return QStringLiteral("%1-%2-z%3.ckpt").arg(dataset, toString(config.model.architecture)).arg(config.model.latent);
}

} // namespace

int train(const QStringList &arguments)
{
    Options o(QStringLiteral("train"), QStringLiteral("Trains a VAE and saves a checkpoint."));
    o.add(QStringLiteral("dataset"), QStringLiteral("mnist, fashion-mnist, or a path (IDX folder/file, image folder)."), QStringLiteral("NAME|PATH"));
    o.add(QStringLiteral("model"), QStringLiteral("mlp (default) or conv."), QStringLiteral("mlp|conv"));
    o.add(QStringLiteral("hidden"), QStringLiteral("MLP hidden width (default 512)."), QStringLiteral("N"));
    o.add(QStringLiteral("latent"), QStringLiteral("Latent dimensions (default 32)."), QStringLiteral("N"));
    o.add(QStringLiteral("epochs"), QStringLiteral("Epochs to run (default 10; with --resume: further epochs)."), QStringLiteral("N"));
    o.add(QStringLiteral("batch"), QStringLiteral("Batch size (default 128)."), QStringLiteral("N"));
    o.add(QStringLiteral("lr"), QStringLiteral("Adam learning rate (default 1e-3)."), QStringLiteral("X"));
    o.add(QStringLiteral("beta"), QStringLiteral("KL weight β (default 1)."), QStringLiteral("X"));
    o.add(QStringLiteral("warmup"), QStringLiteral("Epochs of linear KL warm-up (default 0)."), QStringLiteral("N"));
    o.add(QStringLiteral("likelihood"), QStringLiteral("bernoulli (default) or gaussian (σ = 0.1)."), QStringLiteral("bernoulli|gaussian"));
    o.add(QStringLiteral("seed"), QStringLiteral("Random seed (default 1)."), QStringLiteral("N"));
    o.add(QStringLiteral("threads"), QStringLiteral("LibTorch threads, or 'auto' to time 1 vs all cores while training "
                                                    "(fastest; last digits may vary between runs). Default 1."), QStringLiteral("N|auto"));
    o.add(QStringLiteral("classes"), QStringLiteral("Train only on these labels, e.g. 0,1,2,3,4."), QStringLiteral("LIST"));
    o.add(QStringLiteral("resume"), QStringLiteral("Continue the run saved in this checkpoint."), QStringLiteral("FILE"));
    o.add(QStringLiteral("out"), QStringLiteral("Checkpoint to write (default <dataset>-<model>-z<latent>.ckpt)."), QStringLiteral("FILE"));
    o.add(QStringLiteral("json"), QStringLiteral("One JSON object per line on stdout; the last is a summary."));
    if (int code = o.parse(arguments); code >= 0)
        return code;

    TrainConfig config;
    std::optional<Checkpoint> resume;
    if (o.isSet(QStringLiteral("resume"))) {
        auto loaded = CheckpointIo::load(o.value(QStringLiteral("resume")));
        if (!loaded) {
            printErr(QStringLiteral("latent-explorer train: %1").arg(loaded.error()));
            return Cli::Failure;
        }
        resume = loaded.value();
        config = resume->config;
    }
    const ModelSpec resumedModel = config.model;
    if (o.isSet(QStringLiteral("dataset")))
        config.dataset = o.value(QStringLiteral("dataset"));
    if (o.isSet(QStringLiteral("model")) && !parseArchitecture(o.value(QStringLiteral("model")), &config.model.architecture))
        return o.usage(QStringLiteral("--model must be mlp or conv"));
    if (o.isSet(QStringLiteral("likelihood")) && !parseLikelihood(o.value(QStringLiteral("likelihood")), &config.model.likelihood))
        return o.usage(QStringLiteral("--likelihood must be bernoulli or gaussian"));
    if (!o.integer(QStringLiteral("hidden"), &config.model.hidden, 1, 16384) || !o.integer(QStringLiteral("latent"), &config.model.latent, 1, 1024)
        || !o.integer(QStringLiteral("epochs"), &config.epochs, 1, 100000) || !o.integer(QStringLiteral("batch"), &config.batchSize, 1, 65536)
        || !o.real(QStringLiteral("lr"), &config.learningRate, 1e-12, 1e6) || !o.real(QStringLiteral("beta"), &config.beta, 0, 1e6)
        || !o.integer(QStringLiteral("warmup"), &config.warmupEpochs, 0, 100000)
        || !o.integer(QStringLiteral("seed"), &config.seed, 0, std::numeric_limits<qint64>::max())
        || (o.value(QStringLiteral("threads")) != QLatin1String("auto") && !o.integer(QStringLiteral("threads"), &config.threads, 1, 256)))
        return Cli::UsageError;
    if (o.value(QStringLiteral("threads")) == QLatin1String("auto"))
        config.threads = 0;
    if (o.isSet(QStringLiteral("classes"))) {
        config.classes.clear();
        for (const QString &part : o.value(QStringLiteral("classes")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            bool ok = false;
            const int k = part.trimmed().toInt(&ok);
            if (!ok || k < 0 || k > 255)
                return o.usage(QStringLiteral("--classes must be a comma-separated list of labels, e.g. 0,1,2"));
            config.classes.append(k);
        }
    }
    if (resume && config.model != resumedModel)
        return o.usage(QStringLiteral("the checkpoint holds a %1 model; --model/--hidden/--latent/--likelihood cannot change it on --resume")
                           .arg(resumedModel.describe()));

    auto data = DatasetLoader::load(config.dataset);
    if (!data) {
        printErr(QStringLiteral("latent-explorer train: %1").arg(data.error()));
        return Cli::Failure;
    }
    const bool json = o.isSet(QStringLiteral("json"));
    const QString outPath = o.isSet(QStringLiteral("out")) ? o.value(QStringLiteral("out"))
                                                           : (resume ? o.value(QStringLiteral("resume")) : defaultCheckpointName(config));
    printErr(QStringLiteral("Training %1 on %2 (%3 train / %4 test images), %5 epoch(s), batch %6, lr %7, β %8%9")
                 .arg(config.model.describe(), config.dataset).arg(data.value().train.count()).arg(data.value().test.count())
                 .arg(config.epochs).arg(config.batchSize).arg(config.learningRate).arg(config.beta)
                 .arg(config.warmupEpochs ? QStringLiteral(" (warm-up %1 epochs)").arg(config.warmupEpochs) : QString()));

    Trainer trainer(config, data.value(), resume);
    ProgressPrinter progress(config.epochs);
    double trainSeconds = 0;
    qint64 samplesSeen = 0;
    int epochsRun = 0;
    QObject::connect(&trainer, &Trainer::batchStats, &trainer, [&](const BatchStats &b) { progress.batch(b); });
    QObject::connect(&trainer, &Trainer::epochStats, &trainer, [&](const EpochStats &e) {
        progress.epoch(e);
        trainSeconds += e.trainSeconds;
        samplesSeen += qint64(std::llround(e.samplesPerSecond * e.trainSeconds));
        ++epochsRun;
        if (json) {
            QJsonObject line = JsonIo::toJson(e);
            line.insert(QStringLiteral("type"), QStringLiteral("epoch"));
            printJson(line);
        }
    });
    // Each epoch's state is written as it arrives, so an interrupted run loses at most one epoch.
    QString saveError;
    QObject::connect(&trainer, &Trainer::checkpoint, &trainer, [&](const Checkpoint &c) {
        if (Status s = CheckpointIo::save(c, outPath); !s)
            saveError = s.error();
    });
    g_running.store(&trainer);
    auto previousInt = std::signal(SIGINT, onInterrupt);
    auto previousTerm = std::signal(SIGTERM, onInterrupt);
    const TrainingResult result = trainer.runBlocking();
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);
    g_running.store(nullptr);
    progress.finish();

    if (result.outcome != RunOutcome::Failed || !result.checkpoint.weights.isEmpty()) {
        if (Status s = CheckpointIo::save(result.checkpoint, outPath); !s)
            saveError = s.error();
    }
    if (json)
        printJson(summaryJson(result.checkpoint, epochsRun, trainSeconds, samplesSeen));
    if (!saveError.isEmpty()) {
        printErr(QStringLiteral("latent-explorer train: %1").arg(saveError));
        return Cli::Failure;
    }
    switch (result.outcome) {
    case RunOutcome::Completed:
        printErr(QStringLiteral("%1 Checkpoint: %2").arg(result.message, outPath));
        return Cli::Success;
    case RunOutcome::Stopped:
        printErr(QStringLiteral("%1 Checkpoint with %2 finished epoch(s): %3").arg(result.message).arg(result.checkpoint.epochsDone()).arg(outPath));
        return Cli::Failure;
    case RunOutcome::Failed:
        printErr(QStringLiteral("latent-explorer train: %1").arg(result.message)
                 + (result.checkpoint.weights.isEmpty() ? QString() : QStringLiteral(" Last good state saved to %1.").arg(outPath)));
        return Cli::Failure;
    }
    return Cli::Failure;
}

int eval(const QStringList &arguments)
{
    Options o(QStringLiteral("eval"), QStringLiteral("Evaluates a checkpoint on a dataset's test split."));
    o.add(QStringLiteral("checkpoint"), QStringLiteral("Checkpoint to evaluate."), QStringLiteral("FILE"));
    o.add(QStringLiteral("dataset"), QStringLiteral("Dataset (default: the one it was trained on)."), QStringLiteral("NAME|PATH"));
    o.add(QStringLiteral("iw-samples"), QStringLiteral("Also the importance-weighted bound with K samples."), QStringLiteral("K"));
    o.add(QStringLiteral("seed"), QStringLiteral("Seed for the sampled z (default 1)."), QStringLiteral("N"));
    o.add(QStringLiteral("json"), QStringLiteral("Print the result as one JSON object."));
    if (int code = o.parse(arguments); code >= 0)
        return code;
    if (!o.isSet(QStringLiteral("checkpoint")))
        return o.usage(QStringLiteral("--checkpoint FILE is required"));
    int iw = 0;
    quint64 seed = 1;
    if (!o.integer(QStringLiteral("iw-samples"), &iw, 1, 100000) || !o.integer(QStringLiteral("seed"), &seed, 0, std::numeric_limits<qint64>::max()))
        return Cli::UsageError;
    auto checkpoint = CheckpointIo::load(o.value(QStringLiteral("checkpoint")));
    if (!checkpoint) {
        printErr(QStringLiteral("latent-explorer eval: %1").arg(checkpoint.error()));
        return Cli::Failure;
    }
    const Checkpoint &c = checkpoint.value();
    const QString datasetName = o.isSet(QStringLiteral("dataset")) ? o.value(QStringLiteral("dataset")) : c.config.dataset;
    auto data = DatasetLoader::load(datasetName);
    if (!data) {
        printErr(QStringLiteral("latent-explorer eval: %1").arg(data.error()));
        return Cli::Failure;
    }
    const Dataset test = data.value().test.subset(o.isSet(QStringLiteral("dataset")) ? QVector<int>() : c.config.classes);
    auto summary = Evaluator::evaluate(c.config.model, c.weights, test, iw, seed);
    if (!summary) {
        printErr(QStringLiteral("latent-explorer eval: %1").arg(summary.error()));
        return Cli::Failure;
    }
    const ElboSummary &s = summary.value();
    if (o.isSet(QStringLiteral("json"))) {
        QJsonObject line = JsonIo::toJson(s);
        line.insert(QStringLiteral("type"), QStringLiteral("summary"));
        line.insert(QStringLiteral("dataset"), datasetName);
        line.insert(QStringLiteral("test_neg_elbo"), s.negElbo);
        line.insert(QStringLiteral("test_recon"), s.recon);
        line.insert(QStringLiteral("test_kl"), s.kl);
        printJson(line);
    } else {
        std::printf("%s\n", QStringLiteral("%1 on %2 (%3 test images): -ELBO %4 nats (recon %5 + KL %6), active units %7/%8%9")
                               .arg(c.config.model.describe(), datasetName).arg(s.samples).arg(s.negElbo, 0, 'f', 3)
                               .arg(s.recon, 0, 'f', 3).arg(s.kl, 0, 'f', 3).arg(s.activeUnits).arg(c.config.model.latent)
                               .arg(iw > 0 ? QStringLiteral(", IW-%1 NLL %2 nats").arg(iw).arg(s.iwNll, 0, 'f', 3) : QString())
                               .toLocal8Bit().constData());
    }
    return Cli::Success;
}

int generate(const QStringList &arguments)
{
    Options o(QStringLiteral("generate"), QStringLiteral("Decodes samples from the prior N(0, I) into a PNG grid."));
    o.add(QStringLiteral("checkpoint"), QStringLiteral("Checkpoint to sample from."), QStringLiteral("FILE"));
    o.add(QStringLiteral("count"), QStringLiteral("Number of samples (default 64)."), QStringLiteral("N"));
    o.add(QStringLiteral("seed"), QStringLiteral("Random seed (default 1)."), QStringLiteral("N"));
    o.add(QStringLiteral("out"), QStringLiteral("PNG to write (default samples.png)."), QStringLiteral("FILE.png"));
    if (int code = o.parse(arguments); code >= 0)
        return code;
    if (!o.isSet(QStringLiteral("checkpoint")))
        return o.usage(QStringLiteral("--checkpoint FILE is required"));
    int count = 64;
    quint64 seed = 1;
    if (!o.integer(QStringLiteral("count"), &count, 1, 10000) || !o.integer(QStringLiteral("seed"), &seed, 0, std::numeric_limits<qint64>::max()))
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
    const QVector<QImage> images = model.value().decode(zs);
    const int columns = int(std::ceil(std::sqrt(double(count))));
    const int rows = (count + columns - 1) / columns;
    QImage grid(columns * 29 + 1, rows * 29 + 1, QImage::Format_Grayscale8);
    grid.fill(64);
    {
        QPainter painter(&grid);
        for (int i = 0; i < images.size(); ++i)
            painter.drawImage(1 + (i % columns) * 29, 1 + (i / columns) * 29, images[i]);
    }
    const QString out = o.isSet(QStringLiteral("out")) ? o.value(QStringLiteral("out")) : QStringLiteral("samples.png");
    if (!grid.save(out, "PNG")) {
        printErr(QStringLiteral("latent-explorer generate: could not write %1 (check the folder exists and is writable)").arg(out));
        return Cli::Failure;
    }
    printErr(QStringLiteral("%1 samples written to %2").arg(count).arg(out));
    return Cli::Success;
}

} // namespace CliCommands
