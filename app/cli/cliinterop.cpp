#include "cli/cliinterop.h"

#include "cli/cli.h"
#include "cli/clioptions.h"
#include "interop/pytorchinterop.h"
#include "model/checkpoint.h"

#include <QFileInfo>

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
    o.add(QStringLiteral("likelihood"), QStringLiteral("bernoulli (default) or gaussian: how the model was trained."),
          QStringLiteral("bernoulli|gaussian"));
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
    if (o.isSet(QStringLiteral("likelihood"))
        && !parseLikelihood(o.value(QStringLiteral("likelihood")), &spec.likelihood))
        return o.usage(QStringLiteral("--likelihood must be bernoulli or gaussian"));
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

} // namespace CliInterop
