// The launcher: Qt only. It decides between the command line and the GUI, shows the GUI's first window,
// and only then loads the engine module (LibTorch and the rest of the application); see engineabi.h.
#include "cli/cli.h"
#include "launcher/engineloader.h"
#include "launcher/gui.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

bool isSet(const char *name)
{
    const char *value = std::getenv(name);
    return value && *value;
}

/// Whether Qt can open a window at all. Without one, QApplication aborts (exit 134) with advice to reinstall,
/// which misleads someone who merely logged in over ssh; checked before any QApplication exists.
bool hasDisplay(int argc, char **argv)
{
    if (isSet("DISPLAY") || isSet("WAYLAND_DISPLAY") || isSet("QT_QPA_PLATFORM"))
        return true;
    for (int i = 1; i < argc; ++i)
        if (!std::strcmp(argv[i], "-platform") || !std::strcmp(argv[i], "--platform"))
            return true;
    return false;
}

/// `latent-explorer FILE.ckpt` (how a file manager opens a checkpoint) means the GUI, not a subcommand.
bool opensCheckpoint(int argc, char **argv)
{
    if (argc != 2)
        return false;
    const std::string arg = argv[1];
    constexpr char kSuffix[] = ".ckpt";
    constexpr size_t kSuffixLength = sizeof(kSuffix) - 1;
    return arg.size() > kSuffixLength && arg.compare(arg.size() - kSuffixLength, kSuffixLength, kSuffix) == 0;
}

} // namespace

int main(int argc, char **argv)
{
    const bool checkpoint = opensCheckpoint(argc, argv);
    // Subcommands (train, eval, generate, …) and --help need no display; anything else opens the window.
    if (!checkpoint && Cli::wantsCli(argc, argv)) {
        EngineModule engine;
        QString error;
        if (!loadEngine(&engine, &error)) {
            std::fprintf(stderr, "latent-explorer: %s\n", qPrintable(error));
            return Cli::Failure;
        }
        return engine.cliMain(argc, argv);
    }
    if (!hasDisplay(argc, argv)) {
        std::fprintf(stderr,
                     "latent-explorer: no display (neither DISPLAY nor WAYLAND_DISPLAY is set); "
                     "run `latent-explorer --help` for the command line, which needs none\n");
        return Cli::Failure;
    }
    return runGui(argc, argv, checkpoint ? argv[1] : nullptr);
}
