#include "cliinterop.h"

#include "checkpoint.h"
#include "cli.h"
#include "pytorchinterop.h"

#include <QCommandLineParser>
#include <QFileInfo>

#include <cstdio>

namespace CliInterop {
namespace {

void printErr(const QString &text)
{
    std::fputs((text + QLatin1Char('\n')).toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
}

/// The other subcommands' contract: parse failures are usage errors (exit 2), --help exits 0, failures exit 1.
class Options
{
public:
    Options(const QString &command, const QString &description) : m_command(command)
    {
        m_parser.setApplicationDescription(description);
        m_parser.addHelpOption();
    }
    void add(const QString &name, const QString &help, const QString &valueName = {})
    {
        m_parser.addOption(QCommandLineOption(name, help, valueName));
    }
    /// Returns -1 to continue, or the exit code (help printed, or a usage error).
    int parse(const QStringList &arguments)
    {
        if (!m_parser.parse(arguments))
            return usage(m_parser.errorText());
        if (m_parser.isSet(QStringLiteral("help"))) {
            std::fputs(m_parser.helpText().replace(QStringLiteral("latent-explorer"), QStringLiteral("latent-explorer ") + m_command)
                           .toLocal8Bit().constData(), stdout);
            return Cli::Success;
        }
        if (!m_parser.positionalArguments().isEmpty())
            return usage(QStringLiteral("unexpected argument '%1'").arg(m_parser.positionalArguments().first()));
        return -1;
    }
    int usage(const QString &message)
    {
        printErr(QStringLiteral("latent-explorer %1: %2\nRun 'latent-explorer %1 --help' for the options.").arg(m_command, message));
        return Cli::UsageError;
    }
    int failure(const QString &message)
    {
        printErr(QStringLiteral("latent-explorer %1: %2").arg(m_command, message));
        return Cli::Failure;
    }
    bool isSet(const QString &name) const { return m_parser.isSet(name); }
    QString value(const QString &name) const { return m_parser.value(name); }
    /// Reads an integer option in [lo, hi] into `out` (unchanged when absent); false = usage error printed.
    bool integer(const QString &name, int *out, int lo, int hi)
    {
        if (!isSet(name))
            return true;
        bool ok = false;
        const int v = value(name).toInt(&ok);
        if (!ok || v < lo || v > hi) {
            usage(QStringLiteral("--%1 must be an integer from %2 to %3, not '%4'").arg(name).arg(lo).arg(hi).arg(value(name)));
            return false;
        }
        *out = v;
        return true;
    }

private:
    QString m_command;
    QCommandLineParser m_parser;
};

} // namespace

int exportPyTorch(const QStringList &arguments)
{
    Options o(QStringLiteral("export"),
              QStringLiteral("Writes a checkpoint's weights as a PyTorch state dict (torch.load reads it; "
                             "the matching modules are in docs/pytorch.md)."));
    o.add(QStringLiteral("checkpoint"), QStringLiteral("Checkpoint to export."), QStringLiteral("FILE"));
    o.add(QStringLiteral("pytorch"), QStringLiteral("State-dict file to write (e.g. vae.pt)."), QStringLiteral("OUT.pt"));
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
    printErr(QStringLiteral("%1 (%2 weights) written to %3 as a PyTorch state dict")
                 .arg(snapshot.spec.describe()).arg(snapshot.weights.size()).arg(out));
    return Cli::Success;
}

int importPyTorch(const QStringList &arguments)
{
    Options o(QStringLiteral("import"),
              QStringLiteral("Reads a PyTorch state dict of the modules in docs/pytorch.md into a checkpoint "
                             "(no training history, no optimizer state)."));
    o.add(QStringLiteral("pytorch"), QStringLiteral("State dict written by torch.save(model.state_dict(), ...)."), QStringLiteral("IN.pt"));
    o.add(QStringLiteral("model"), QStringLiteral("mlp or conv."), QStringLiteral("mlp|conv"));
    o.add(QStringLiteral("hidden"), QStringLiteral("MLP hidden width (default: read from the tensors)."), QStringLiteral("N"));
    o.add(QStringLiteral("latent"), QStringLiteral("Latent dimensions (default: read from the tensors)."), QStringLiteral("N"));
    o.add(QStringLiteral("likelihood"), QStringLiteral("bernoulli (default) or gaussian: how the model was trained."),
          QStringLiteral("bernoulli|gaussian"));
    o.add(QStringLiteral("dataset"), QStringLiteral("Dataset recorded in the checkpoint, used by eval (default mnist)."),
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
    if (o.isSet(QStringLiteral("likelihood")) && !parseLikelihood(o.value(QStringLiteral("likelihood")), &spec.likelihood))
        return o.usage(QStringLiteral("--likelihood must be bernoulli or gaussian"));
    if (!o.integer(QStringLiteral("hidden"), &spec.hidden, 1, 16384) || !o.integer(QStringLiteral("latent"), &spec.latent, 1, 1024))
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
    printErr(QStringLiteral("%1 imported from %2 into %3").arg(checkpoint.config.model.describe(),
                                                               QFileInfo(o.value(QStringLiteral("pytorch"))).fileName(), out));
    return Cli::Success;
}

} // namespace CliInterop
