#include "cli/cli.h"

#include "cli/clicommands.h"
#include "cli/clifewshot.h"
#include "cli/cliinterop.h"
#include "cli/clitransfer.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstring>
#include <exception>

namespace Cli {
namespace {

struct Command
{
    const char *name;
    int (*run)(const QStringList &);
    const char *summary;
};

const Command kCommands[] = {
    {"train", &CliCommands::train, "train a VAE and save a checkpoint"},
    {"eval", &CliCommands::eval, "evaluate a checkpoint's test -ELBO (optionally the importance-weighted bound)"},
    {"generate", &CliCommands::generate, "decode samples from the prior into a PNG grid"},
    {"transfer", &CliTransfer::transfer, "adapt a VAE to a target dataset and measure transfer against baselines"},
    {"fewshot", &CliFewShot::fewshot, "N-way K-shot episodes on held-out classes (prototypes on mu vs pixels)"},
    {"export", &CliInterop::exportPyTorch, "write a checkpoint's weights as a PyTorch state dict (--pytorch OUT.pt)"},
    {"import", &CliInterop::importPyTorch,
     "read a PyTorch state dict into a checkpoint (--pytorch IN.pt --model mlp|conv)"},
    {"encode", &CliInterop::encode, "write a split's latent means for TensorBoard's Embedding Projector (--out DIR)"},
    {"info", &CliInterop::info, "describe a checkpoint: model, data, epochs, test -ELBO, semi-supervised settings"},
};

void printUsage(QTextStream &out)
{
    out << "Usage: latent-explorer                 opens the GUI\n"
           "       latent-explorer <command> [options]\n\nCommands:\n";
    for (const Command &c : kCommands)
        out << "  " << QString::fromLatin1(c.name).leftJustified(10) << c.summary << "\n";
    out << "\nRun 'latent-explorer <command> --help' for the options of a command.\n";
}

} // namespace

int run(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("latent-explorer"));
    QCoreApplication::setOrganizationName(QStringLiteral("LatentExplorer"));
    QCoreApplication::setApplicationVersion(QStringLiteral("0.1.0"));
    QTextStream out(stdout), err(stderr);
    QStringList args = app.arguments();
    const QString command = args.value(1);
    if (command == QLatin1String("--help") || command == QLatin1String("-h") || command == QLatin1String("help")) {
        printUsage(out);
        return Success;
    }
    if (command == QLatin1String("--version")) {
        out << "latent-explorer " << QCoreApplication::applicationVersion() << "\n";
        return Success;
    }
    for (const Command &c : kCommands) {
        if (command == QLatin1String(c.name)) {
            args.removeAt(1); // leave "latent-explorer <options>" for the command's parser
            try {
                return c.run(args);
            } catch (const std::exception &e) {
                err << "latent-explorer " << command << ": unexpected error: " << e.what() << "\n";
                return Failure;
            }
        }
    }
    err << "latent-explorer: unknown command '" << command << "'\n\n";
    printUsage(err);
    return UsageError;
}

} // namespace Cli
