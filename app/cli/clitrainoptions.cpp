#include "cli/clitrainoptions.h"

#include "cli/cli.h"
#include "cli/clioptions.h"
#include "data/datasetloader.h"
#include "data/labelleddraw.h"
#include "data/labellist.h"
#include "model/checkpoint.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <limits>

namespace CliTrainOptions {
namespace {

using CliOutput::printErr;
using Options = CliOptions;

/// --classes: labels 0 to 255. Returns -1 to go on, or the exit code.
int readClasses(Options &o, QVector<int> *classes)
{
    if (!o.isSet(QStringLiteral("classes")))
        return -1;
    const std::optional<QVector<int>> parsed = LabelList::parse(o.value(QStringLiteral("classes")), 0, 255);
    if (!parsed)
        return o.usage(QStringLiteral("--classes must be a comma-separated list of labels, e.g. 0,1,2"));
    *classes = *parsed;
    return -1;
}

/// A number from 0 to `max`, or 'auto' (TrainConfig::kAutomatic). False after a usage message.
bool realOrAuto(Options &o, const QString &name, double *value, double max)
{
    if (o.value(name) == QLatin1String("auto")) {
        *value = TrainConfig::kAutomatic;
        return true;
    }
    return o.real(name, value, 0, max);
}

/// --labels-per-class K|all and the semi-supervised weights. The class count is set once the data is loaded
/// (prepareSemiSupervised). Returns -1 to go on, or the exit code.
int readLabelsPerClass(Options &o, TrainConfig *config)
{
    if (!o.real(QStringLiteral("alpha"), &config->alpha, 0, 1e6)
        || !o.real(QStringLiteral("adversarial"), &config->adversarial, 0, 1e6)
        || !o.real(QStringLiteral("entropy"), &config->entropy, 0, 1e6)
        || !o.real(QStringLiteral("balance"), &config->balance, 0, 1e6)
        || !o.real(QStringLiteral("class-sampling"), &config->classSampling, 0, 1))
        return Cli::UsageError;
    if (!realOrAuto(o, QStringLiteral("consistency"), &config->consistency, 1e6)
        || !realOrAuto(o, QStringLiteral("perturbation"), &config->perturbation, 3))
        return Cli::UsageError;
    if (o.isSet(QStringLiteral("classifier-input"))) {
        const QString input = o.value(QStringLiteral("classifier-input"));
        ClassifierInput chosen = ClassifierInput::Pixels;
        if (input == QLatin1String("auto"))
            config->classifierInput.reset();
        else if (parseClassifierInput(input, &chosen))
            config->classifierInput = chosen;
        else
            return o.usage(QStringLiteral("--classifier-input must be pixels, gradients or auto"));
    }
    if (o.isSet(QStringLiteral("label-graph"))) {
        const QString graph = o.value(QStringLiteral("label-graph"));
        if (graph == QLatin1String("auto"))
            config->labelGraph.reset();
        else if (graph == QLatin1String("on") || graph == QLatin1String("off"))
            config->labelGraph = graph == QLatin1String("on");
        else
            return o.usage(QStringLiteral("--label-graph must be on, off or auto"));
    }
    if (!o.real(QStringLiteral("graph-weight"), &config->labelGraphWeight, 0, 1e6))
        return Cli::UsageError;
    if (!o.isSet(QStringLiteral("labels-per-class")))
        return -1;
    const QString value = o.value(QStringLiteral("labels-per-class"));
    bool ok = false;
    const int k = value.toInt(&ok);
    if (value == QLatin1String("all"))
        config->labelsPerClass = TrainConfig::kAllLabels;
    else if (ok && k >= 1)
        config->labelsPerClass = k;
    else
        return o.usage(QStringLiteral("--labels-per-class must be a number of images of at least 1, or 'all'"));
    if (!config->isSemiSupervised())
        config->model.classes = 1; // a placeholder until the data says how many (prepareSemiSupervised)
    return -1;
}

/// The options over `config` (the defaults, or the resumed run's settings). Returns -1 to go on, or the exit code.
int readTrainOptions(Options &o, TrainConfig *config)
{
    if (o.isSet(QStringLiteral("dataset")))
        config->dataset = o.value(QStringLiteral("dataset"));
    if (o.isSet(QStringLiteral("model"))
        && !parseArchitecture(o.value(QStringLiteral("model")), &config->model.architecture))
        return o.usage(QStringLiteral("--model must be mlp or conv"));
    if (!o.likelihood(&config->model.likelihood))
        return Cli::UsageError;
    const bool autoThreads = o.value(QStringLiteral("threads")) == QLatin1String("auto");
    if (!o.integer(QStringLiteral("hidden"), &config->model.hidden, 1, ModelSpec::kMaxHidden)
        || !o.integer(QStringLiteral("latent"), &config->model.latent, 1, ModelSpec::kMaxLatent)
        || !o.integer(QStringLiteral("epochs"), &config->epochs, 1, 100000)
        || !o.integer(QStringLiteral("batch"), &config->batchSize, 1, 65536)
        || !o.real(QStringLiteral("lr"), &config->learningRate, 1e-12, 1e6)
        || !o.real(QStringLiteral("beta"), &config->beta, 0, 1e6)
        || !o.integer(QStringLiteral("warmup"), &config->warmupEpochs, 0, 100000)
        || !o.integer(QStringLiteral("seed"), &config->seed, 0, std::numeric_limits<qint64>::max())
        || !o.integer(QStringLiteral("validation"), &config->validation, 0, std::numeric_limits<int>::max())
        || (!autoThreads && !o.integer(QStringLiteral("threads"), &config->threads, 1, 256)))
        return Cli::UsageError;
    if (autoThreads)
        config->threads = 0;
    if (int code = readLabelsPerClass(o, config); code >= 0)
        return code;
    // The semi-supervised conv model's encoder and decoder are MLPs of this width; only its classifier is conv.
    if (o.isSet(QStringLiteral("hidden")) && config->model.architecture == Architecture::Conv
        && !config->isSemiSupervised())
        printErr(QStringLiteral("warning: --hidden is ignored for --model conv (its layers have fixed widths)"));
    return readClasses(o, &config->classes);
}

/// --labels-per-class and the semi-supervised model's settings.
void addSemiSupervised(CliOptions &o)
{
    o.add(QStringLiteral("labels-per-class"),
          QStringLiteral(
              "Train the semi-supervised VAE (a classifier q(y|x) beside the VAE): K labelled images per class "
              "drawn with the seed, every image also used unlabelled; 'all' keeps every label."),
          QStringLiteral("K|all"));
    o.add(QStringLiteral("alpha"),
          QStringLiteral("Semi-supervised: weight α of the labelled images' classification term, per labelled image "
                         "(default 0.1: Kingma et al.'s 0.1·N)."),
          QStringLiteral("X"));
    o.add(QStringLiteral("consistency"),
          QStringLiteral("Semi-supervised: weight λ of the consistency term on unlabelled images (default auto: 10 on "
                         "mnist, 1 elsewhere)."),
          QStringLiteral("X|auto"));
    o.add(QStringLiteral("adversarial"),
          QStringLiteral("Semi-supervised: radius ε of virtual adversarial training (default 2; 0 = off)."),
          QStringLiteral("X"));
    o.add(
        QStringLiteral("perturbation"),
        QStringLiteral("Semi-supervised: strength of the classifier's random image perturbation, 0 to 3; 1 = rotations "
                       "up to 35 degrees, zoom 20 %, shear 0.3, shifts up to 2 pixels; 0 = shifts only (default auto: "
                       "1 on mnist, 0 elsewhere, 2 for a conv few-shot base)."),
        QStringLiteral("X|auto"));
    o.add(
        QStringLiteral("classifier-input"),
        QStringLiteral("Semi-supervised: what the MLP classifier q(y|x) reads: pixels, or gradients (histograms of "
                       "oriented gradients beside the pixels) (default auto: pixels on mnist and for a few-shot base, "
                       "gradients elsewhere)."),
        QStringLiteral("pixels|gradients|auto"));
    o.add(QStringLiteral("label-graph"),
          QStringLiteral("Semi-supervised with K labels per class: also spread the labels over a graph of the training "
                         "images (nearest neighbours in learned patch features) and report the product of its vote and "
                         "q(y|x) (default auto: on except on mnist; it takes about a minute for 60,000 images)."),
          QStringLiteral("on|off|auto"));
    o.add(QStringLiteral("graph-weight"),
          QStringLiteral("Semi-supervised with the label graph: weight γ of log q(y|x) added to the graph's log vote "
                         "(default 0.03)."),
          QStringLiteral("X"));
    o.add(QStringLiteral("entropy"),
          QStringLiteral("Semi-supervised: weight of entropy minimisation on unlabelled images (default 1; 0 = off)."),
          QStringLiteral("X"));
    o.add(QStringLiteral("balance"),
          QStringLiteral("Semi-supervised: weight of class balance, KL(the unlabelled batch's mean q(y|x) || uniform), "
                         "so that every class is predicted about as often (default 3; 0 = off)."),
          QStringLiteral("X"));
    o.add(QStringLiteral("class-sampling"),
          QStringLiteral("Semi-supervised: estimate the unlabelled images' bound from their likely classes, the most "
                         "likely always and class y with probability min(1, q(y|x)/T), unbiased (default 0.3; 0 = "
                         "every class, Kingma's exact sum, about half the speed)."),
          QStringLiteral("T"));
}

} // namespace

QString defaultCheckpointName(const TrainConfig &config)
{
    QString dataset = QFileInfo(QDir::cleanPath(QDir::current().absoluteFilePath(config.dataset))).fileName();
    if (DatasetLoader::builtinNames().contains(config.dataset))
        dataset = config.dataset;
    if (dataset.isEmpty())
        dataset = QStringLiteral("dataset");
    return QStringLiteral("%1-%2-z%3.ckpt").arg(dataset, toString(config.model.architecture)).arg(config.model.latent);
}

void add(CliOptions &o)
{
    o.add(QStringLiteral("dataset"), QStringLiteral("mnist, fashion-mnist, or a path (IDX folder/file, image folder)."),
          QStringLiteral("NAME|PATH"));
    o.add(QStringLiteral("model"),
          QStringLiteral("mlp (default) or conv. With --labels-per-class, conv gives the semi-supervised model a "
                         "convolutional classifier (its encoder and decoder stay MLPs of --hidden). A few-shot base "
                         "(--labels-per-class all with --classes) defaults to conv, 30 epochs, perturbation 2."),
          QStringLiteral("mlp|conv"));
    o.add(QStringLiteral("hidden"), QStringLiteral("MLP hidden width (default 512)."), QStringLiteral("N"));
    o.add(QStringLiteral("latent"), QStringLiteral("Latent dimensions (default 32)."), QStringLiteral("N"));
    o.add(QStringLiteral("epochs"),
          QStringLiteral("Epochs to run (default 10, 30 for a few-shot base; with --resume: further epochs)."),
          QStringLiteral("N"));
    o.add(QStringLiteral("batch"), QStringLiteral("Batch size (default 128)."), QStringLiteral("N"));
    o.add(QStringLiteral("lr"), QStringLiteral("Adam learning rate (default 1e-3)."), QStringLiteral("X"));
    o.add(QStringLiteral("beta"), QStringLiteral("KL weight β (default 1)."), QStringLiteral("X"));
    o.add(QStringLiteral("warmup"), QStringLiteral("Epochs of linear KL warm-up (default 0)."), QStringLiteral("N"));
    o.addLikelihood(QStringLiteral("The reconstruction term"));
    o.add(QStringLiteral("seed"), QStringLiteral("Random seed (default 1)."), QStringLiteral("N"));
    o.add(QStringLiteral("threads"),
          QStringLiteral("LibTorch threads, or 'auto' to time 1 vs all cores while training "
                         "(fastest; last digits may vary between runs). Default 1."),
          QStringLiteral("N|auto"));
    o.add(QStringLiteral("classes"), QStringLiteral("Train only on these labels, e.g. 0,1,2,3,4."),
          QStringLiteral("LIST"));
    addSemiSupervised(o);
    o.add(QStringLiteral("validation"),
          QStringLiteral("Hold out N training images (drawn with the seed, never trained on or labelled) and evaluate "
                         "on them instead of the test split: for choosing settings without looking at the test split "
                         "(default 0 = the test split). eval still reports the test split."),
          QStringLiteral("N"));
    o.add(QStringLiteral("resume"), QStringLiteral("Continue the run saved in this checkpoint."),
          QStringLiteral("FILE"));
    o.add(QStringLiteral("out"), QStringLiteral("Checkpoint to write (default <dataset>-<model>-z<latent>.ckpt)."),
          QStringLiteral("FILE"));
    o.add(QStringLiteral("json"), QStringLiteral("One JSON object per line on stdout; the last is a summary."));
}

int read(CliOptions &o, TrainConfig *config, std::optional<Checkpoint> *resume)
{
    if (o.isSet(QStringLiteral("resume"))) {
        auto loaded = CheckpointIo::load(o.value(QStringLiteral("resume")));
        if (!loaded)
            return o.failure(loaded.error());
        *resume = loaded.value();
        *config = (*resume)->config;
    }
    const ModelSpec resumedModel = config->model;
    if (int code = readTrainOptions(o, config); code >= 0)
        return code;
    if (!*resume
        && config->applyFewShotBaseRecipe(o.isSet(QStringLiteral("model")), o.isSet(QStringLiteral("epochs")))) {
        printErr(QStringLiteral("Few-shot base (every label of classes %1, the others held out): the recipe measured "
                                "best for few-shot on the held-out classes, %2 classifier, %3 epochs, perturbation "
                                "%4. --model, --epochs and --perturbation override it.")
                     .arg(LabelList::format(config->classes), toString(config->model.architecture))
                     .arg(config->epochs)
                     .arg(config->perturbationStrength()));
    }
    if (*resume && !resumedModel.isSemiSupervised() && config->isSemiSupervised())
        return o.usage(QStringLiteral("the checkpoint holds a plain VAE (%1), not the semi-supervised model "
                                      "--labels-per-class trains; it cannot change it on --resume (start a new run)")
                           .arg(resumedModel.describe()));
    if (*resume && resumedModel.isSemiSupervised() && config->classifierInputInEffect() != resumedModel.classifierInput)
        return o.usage(QStringLiteral("the checkpoint's classifier reads %1; --classifier-input cannot change it on "
                                      "--resume")
                           .arg(toString(resumedModel.classifierInput)));
    if (!*resume)
        config->model.classifierInput = config->classifierInputInEffect();
    if (*resume)
        if (const QString problem = config->continuationProblem((*resume)->config, (*resume)->epochsDone());
            !problem.isEmpty())
            return o.usage(QStringLiteral("--resume continues the same run. %1 Start a new run instead (without "
                                          "--resume).")
                               .arg(problem));
    if (*resume && config->model != resumedModel)
        return o.usage(
            QStringLiteral(
                "the checkpoint holds a %1 model; --model/--hidden/--latent/--likelihood cannot change it on --resume")
                .arg(resumedModel.describe()));
    return -1;
}

int checkClasses(CliOptions &o, const QVector<int> &classes, const DataSplit &data)
{
    const QString problem = data.train.classesProblem(classes);
    return problem.isEmpty() ? -1 : o.failure(QStringLiteral("--classes: %1").arg(problem));
}

int prepareSemiSupervised(CliOptions &o, TrainConfig *config, const DataSplit &runData, int *labelled)
{
    if (!config->isSemiSupervised())
        return -1;
    const Dataset &train = runData.train;
    const QVector<int> classLabels = LabelledDraw::classLabels(train, config->classes);
    const auto draw = LabelledDraw::draw(train, classLabels, config->labelsPerClass, 0);
    if (!draw)
        return o.failure(draw.error());
    if (config->model.classes != 1 && config->model.classes != classLabels.size()) // resumed: the model is fixed
        return o.failure(QStringLiteral("the checkpoint's model distinguishes %1 classes, but the data has %2")
                             .arg(config->model.classes)
                             .arg(classLabels.size()));
    config->model.classes = int(classLabels.size());
    *labelled = int(draw.value().size());
    return -1;
}

} // namespace CliTrainOptions
