#include "cli/cliinterop.h"

#include "analysis/projectorexport.h"
#include "cli/cli.h"
#include "cli/clidata.h"
#include "cli/clioptions.h"
#include "data/datasetloader.h"
#include "interop/pytorchinterop.h"
#include "model/checkpoint.h"
#include "model/inferencemodel.h"

#include <QDir>
#include <QFileInfo>

#include <cmath>

namespace CliInterop {

int exportPyTorch(const QStringList &arguments)
{
    CliOptions o(QStringLiteral("export"),
                 QStringLiteral("Writes a checkpoint's weights as a PyTorch state dict (torch.load reads it; "
                                "the matching modules are in docs/pytorch.md)."));
    o.add(QStringLiteral("checkpoint"), QStringLiteral("Checkpoint to export."), QStringLiteral("FILE"));
    o.add(QStringLiteral("pytorch"), QStringLiteral("State-dict file to write (e.g. vae.pt)."),
          QStringLiteral("OUT.pt"));
    if (int code = o.parse(arguments); code >= 0)
        return code;
    if (!o.isSet(QStringLiteral("checkpoint")))
        return o.usage(QStringLiteral("--checkpoint FILE is required"));
    if (!o.isSet(QStringLiteral("pytorch")))
        return o.usage(QStringLiteral("--pytorch OUT.pt is required"));
    const auto checkpoint = CheckpointIo::load(o.value(QStringLiteral("checkpoint")));
    if (!checkpoint)
        return o.failure(checkpoint.error());
    const ModelSnapshot snapshot = checkpoint.value().snapshot();
    const QString out = o.value(QStringLiteral("pytorch"));
    if (Status s = PyTorchInterop::exportStateDict(snapshot, out); !s)
        return o.failure(s.error());
    CliOutput::printErr(QStringLiteral("%1 (%2 weights) written to %3 as a PyTorch state dict")
                            .arg(snapshot.spec.describe())
                            .arg(snapshot.weights.size())
                            .arg(out));
    return Cli::Success;
}

int importPyTorch(const QStringList &arguments)
{
    CliOptions o(QStringLiteral("import"),
                 QStringLiteral("Reads a PyTorch state dict of the modules in docs/pytorch.md into a checkpoint "
                                "(no training history, no optimizer state)."));
    o.add(QStringLiteral("pytorch"), QStringLiteral("State dict written by torch.save(model.state_dict(), ...)."),
          QStringLiteral("IN.pt"));
    o.add(QStringLiteral("model"), QStringLiteral("mlp or conv."), QStringLiteral("mlp|conv"));
    o.add(QStringLiteral("hidden"), QStringLiteral("MLP hidden width (default: read from the tensors)."),
          QStringLiteral("N"));
    o.add(QStringLiteral("latent"), QStringLiteral("Latent dimensions (default: read from the tensors)."),
          QStringLiteral("N"));
    o.addLikelihood(QStringLiteral("How the model was trained"));
    o.add(QStringLiteral("dataset"),
          QStringLiteral("Dataset recorded in the checkpoint, used by eval (default mnist)."),
          QStringLiteral("NAME|PATH"));
    o.add(QStringLiteral("out"), QStringLiteral("Checkpoint to write."), QStringLiteral("FILE"));
    if (int code = o.parse(arguments); code >= 0)
        return code;
    if (!o.isSet(QStringLiteral("pytorch")))
        return o.usage(QStringLiteral("--pytorch IN.pt is required"));
    if (!o.isSet(QStringLiteral("model")))
        return o.usage(QStringLiteral("--model mlp|conv is required"));
    if (!o.isSet(QStringLiteral("out")))
        return o.usage(QStringLiteral("--out FILE is required"));
    PyTorchInterop::ImportSpec spec;
    if (!parseArchitecture(o.value(QStringLiteral("model")), &spec.architecture))
        return o.usage(QStringLiteral("--model must be mlp or conv"));
    if (!o.likelihood(&spec.likelihood))
        return Cli::UsageError;
    if (!o.integer(QStringLiteral("hidden"), &spec.hidden, 1, ModelSpec::kMaxHidden)
        || !o.integer(QStringLiteral("latent"), &spec.latent, 1, ModelSpec::kMaxLatent))
        return Cli::UsageError;
    if (spec.architecture == Architecture::Conv && o.isSet(QStringLiteral("hidden")))
        return o.usage(QStringLiteral("--hidden applies to mlp only (the conv model's width is fixed at 256)"));

    const auto imported = PyTorchInterop::importStateDict(o.value(QStringLiteral("pytorch")), spec);
    if (!imported)
        return o.failure(imported.error());
    Checkpoint checkpoint;
    checkpoint.config.model = imported.value().spec;
    if (o.isSet(QStringLiteral("dataset")))
        checkpoint.config.dataset = o.value(QStringLiteral("dataset"));
    checkpoint.weights = imported.value().weights;
    const QString out = o.value(QStringLiteral("out"));
    if (Status s = CheckpointIo::save(checkpoint, out); !s)
        return o.failure(s.error());
    CliOutput::printErr(
        QStringLiteral("%1 imported from %2 into %3")
            .arg(checkpoint.config.model.describe(), QFileInfo(o.value(QStringLiteral("pytorch"))).fileName(), out));
    return Cli::Success;
}

int encode(const QStringList &arguments)
{
    CliOptions o(QStringLiteral("encode"),
                 QStringLiteral("Encodes a dataset split to the latent means mu and writes what TensorBoard's "
                                "Embedding Projector loads:\ntensors.tsv, metadata.tsv, sprite.png and "
                                "projector_config.pbtxt."));
    o.add(QStringLiteral("checkpoint"), QStringLiteral("Checkpoint whose encoder to use."), QStringLiteral("FILE"));
    o.add(QStringLiteral("dataset"), QStringLiteral("Dataset (default: the one it was trained on)."),
          QStringLiteral("NAME|PATH"));
    o.add(QStringLiteral("split"), QStringLiteral("test (default) or train."), QStringLiteral("test|train"));
    o.add(QStringLiteral("out"), QStringLiteral("Folder to write (created if its parent exists)."),
          QStringLiteral("DIR"));
    if (int code = o.parse(arguments); code >= 0)
        return code;
    if (!o.isSet(QStringLiteral("checkpoint")))
        return o.usage(QStringLiteral("--checkpoint FILE is required"));
    if (!o.isSet(QStringLiteral("out")))
        return o.usage(QStringLiteral("--out DIR is required"));
    const QString split = o.isSet(QStringLiteral("split")) ? o.value(QStringLiteral("split")) : QStringLiteral("test");
    if (split != QLatin1String("test") && split != QLatin1String("train"))
        return o.usage(QStringLiteral("--split must be test or train"));
    const QString out = o.value(QStringLiteral("out"));
    if (QFileInfo(out).exists() && !QFileInfo(out).isDir())
        return o.failure(QStringLiteral("cannot write into %1: it is not a folder").arg(out));
    if (!QFileInfo(out).isDir() && !QDir().mkdir(out))
        return o.failure(QStringLiteral("cannot create the folder %1 (does its parent exist?)").arg(out));
    const auto checkpoint = CheckpointIo::load(o.value(QStringLiteral("checkpoint")));
    if (!checkpoint)
        return o.failure(checkpoint.error());
    const QString datasetName =
        o.isSet(QStringLiteral("dataset")) ? o.value(QStringLiteral("dataset")) : checkpoint.value().config.dataset;
    auto data = CliData::load(datasetName);
    if (!data)
        return o.failure(data.error());
    auto model = InferenceModel::create(checkpoint.value().snapshot());
    if (!model)
        return o.failure(model.error());
    const Dataset &images = split == QLatin1String("train") ? data.value().train : data.value().test;
    const QVector<float> flat = model.value().encodeMeans(images);
    const int latent = model.value().latentDim();
    QVector<QVector<float>> mus(images.count());
    for (int i = 0; i < images.count(); ++i)
        mus[i] = flat.mid(i * latent, latent);
    QVector<QImage> tiles;
    tiles.reserve(images.count());
    for (int i = 0; i < images.count(); ++i)
        tiles.append(images.image(i));
    if (Status s = ProjectorExport::write(out, mus, images.labels, images.classNames, tiles); !s)
        return o.failure(s.error());
    CliOutput::printErr(QStringLiteral("%1 %2 image(s) encoded to %3 dimensions in %4 (TensorBoard projector files)")
                            .arg(images.count())
                            .arg(split)
                            .arg(latent)
                            .arg(out));
    return Cli::Success;
}

namespace {

/// The semi-supervised run's settings as they were in effect ('auto' resolved), for `info`.
QJsonObject semiSupervisedSettings(const TrainConfig &c)
{
    return QJsonObject{{QStringLiteral("labels_per_class"),
                        c.labelsPerClass == TrainConfig::kAllLabels ? QJsonValue(QStringLiteral("all"))
                                                                    : QJsonValue(c.labelsPerClass)},
                       {QStringLiteral("alpha"), c.alpha},
                       {QStringLiteral("consistency"), c.consistencyWeight()},
                       {QStringLiteral("consistency_auto"), c.consistency == TrainConfig::kAutomatic},
                       {QStringLiteral("perturbation"), c.perturbationStrength()},
                       {QStringLiteral("perturbation_auto"), c.perturbation == TrainConfig::kAutomatic},
                       {QStringLiteral("adversarial"), c.adversarial},
                       {QStringLiteral("entropy"), c.entropy},
                       {QStringLiteral("balance"), c.balance},
                       {QStringLiteral("class_sampling"), c.classSampling},
                       {QStringLiteral("classifier_input"), toString(c.model.classifierInput)},
                       {QStringLiteral("label_graph"), c.labelGraphInEffect()},
                       {QStringLiteral("label_graph_weight"), c.labelGraphWeight}};
}

/// The lines `info` adds for the semi-supervised model: its labels, its settings and its classifier's accuracy.
QString semiSupervisedLines(const Checkpoint &c)
{
    const TrainConfig &t = c.config;
    const auto automatic = [](bool isAuto) { return isAuto ? QStringLiteral(" (auto)") : QString(); };
    const double accuracy = c.history.isEmpty() ? std::nan("") : c.history.last().test.accuracy;
    const bool allLabelled = t.labelsPerClass == TrainConfig::kAllLabels;
    QString settings = QStringLiteral("α %1, perturbation %2%3")
                           .arg(t.alpha)
                           .arg(t.perturbationStrength())
                           .arg(automatic(t.perturbation == TrainConfig::kAutomatic));
    // λ, ε, the entropy and the balance weigh terms on unlabelled images: with every image labelled there are none.
    if (!allLabelled)
        settings += QStringLiteral(", λ %1%2, adversarial ε %3, entropy %4, balance %5, class sampling %6")
                        .arg(t.consistencyWeight())
                        .arg(automatic(t.consistency == TrainConfig::kAutomatic))
                        .arg(t.adversarial)
                        .arg(t.entropy)
                        .arg(t.balance)
                        .arg(t.classSampling > 0 ? QString::number(t.classSampling) : QStringLiteral("off (exact)"))
            + (t.labelGraphInEffect() ? QStringLiteral(", label graph (weight of q(y|x) %1)").arg(t.labelGraphWeight)
                                      : QStringLiteral(", no label graph"));
    return QStringLiteral("\nlabels      %1\nsettings    %2\naccuracy    %3")
        .arg(
            allLabelled ? QStringLiteral("every training image") : QStringLiteral("%1 per class").arg(t.labelsPerClass),
            settings,
            std::isfinite(accuracy) ? QStringLiteral("%1 % on the %2 split (last epoch)%3")
                                          .arg(100 * accuracy, 0, 'f', 2)
                                          .arg(CliData::evaluationSplit(t))
                                          .arg(std::isfinite(c.history.last().test.graphAccuracy)
                                                   ? QStringLiteral("; label graph × q(y|x): q(y|x) alone %1 %, "
                                                                    "the graph alone %2 %")
                                                         .arg(100 * c.history.last().test.classifierAccuracy, 0, 'f', 2)
                                                         .arg(100 * c.history.last().test.graphAccuracy, 0, 'f', 2)
                                                   : QString())
                                    : QStringLiteral("-"));
}

} // namespace

int info(const QStringList &arguments)
{
    CliOptions o(QStringLiteral("info"), QStringLiteral("Describes a checkpoint."));
    o.add(QStringLiteral("checkpoint"), QStringLiteral("Checkpoint to describe."), QStringLiteral("FILE"));
    o.add(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    if (int code = o.parse(arguments); code >= 0)
        return code;
    if (!o.isSet(QStringLiteral("checkpoint")))
        return o.usage(QStringLiteral("--checkpoint FILE is required"));
    const auto loaded = CheckpointIo::load(o.value(QStringLiteral("checkpoint")));
    if (!loaded)
        return o.failure(loaded.error());
    const Checkpoint &c = loaded.value();
    const bool trained = !c.history.isEmpty();
    const double negElbo = trained ? c.history.last().test.negElbo : std::nan("");
    const bool semi = c.config.isSemiSupervised();
    const QString split = CliData::evaluationSplit(c.config);
    if (o.isSet(QStringLiteral("json"))) {
        QJsonObject object{{QStringLiteral("type"), QStringLiteral("info")},
                           {QStringLiteral("model"), toString(c.config.model.architecture)},
                           {QStringLiteral("description"), c.config.model.describe()},
                           {QStringLiteral("hidden"), c.config.model.hidden},
                           {QStringLiteral("latent"), c.config.model.latent},
                           {QStringLiteral("likelihood"), toString(c.config.model.likelihood)},
                           {QStringLiteral("dataset"), c.config.dataset},
                           {QStringLiteral("epochs"), c.epochsDone()},
                           {QStringLiteral("history_length"), int(c.history.size())}};
        if (trained)
            object.insert(split + QStringLiteral("_neg_elbo"), negElbo);
        if (c.config.validation > 0)
            object.insert(QStringLiteral("validation_images"), c.config.validation);
        if (c.config.trainingImages > 0)
            object.insert(QStringLiteral("training_images"), c.config.trainingImages);
        if (semi)
            object.insert(QStringLiteral("semi_supervised"), semiSupervisedSettings(c.config));
        if (semi && trained && std::isfinite(c.history.last().test.accuracy))
            object.insert(split + QStringLiteral("_accuracy"), c.history.last().test.accuracy);
        CliOutput::printJson(object);
        return Cli::Success;
    }
    CliOutput::printOut(
        QStringLiteral("model       %1\nlikelihood  %2\ndataset     %3\nepochs      %4\n"
                       "%7 -ELBO  %5\nhistory     %6 epoch record(s)")
            .arg(c.config.model.describe(), toString(c.config.model.likelihood),
                 c.config.dataset.isEmpty()        ? QStringLiteral("-")
                     : c.config.trainingImages > 0 ? QStringLiteral("%1 (%2 of its training images, drawn)")
                                                         .arg(c.config.dataset)
                                                         .arg(c.config.trainingImages)
                                                   : c.config.dataset)
            .arg(c.epochsDone())
            .arg(trained ? QStringLiteral("%1 nats%2")
                               .arg(negElbo, 0, 'f', 3)
                               .arg(c.config.validation > 0
                                        ? QStringLiteral(" (%1 training images held out)").arg(c.config.validation)
                                        : QString())
                         : QStringLiteral("-"))
            .arg(c.history.size())
            .arg(split)
        + (semi ? semiSupervisedLines(c) : QString()));
    return Cli::Success;
}

} // namespace CliInterop
