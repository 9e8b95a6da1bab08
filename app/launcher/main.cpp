// The launcher: Qt only. It decides between the command line and the GUI, shows the GUI's first window,
// and only then loads the engine module (LibTorch and the rest of the application); see engineabi.h.
#include "cli/cli.h"
#include "launcher/engineloader.h"
#include "launcher/gui.h"

#include <cstdio>

int main(int argc, char **argv)
{
    // Subcommands (train, eval, generate, …) need no display; anything else opens the window.
    if (Cli::wantsCli(argc, argv)) {
        EngineModule engine;
        QString error;
        if (!loadEngine(&engine, &error)) {
            std::fprintf(stderr, "latent-explorer: %s\n", qPrintable(error));
            return Cli::Failure;
        }
        return engine.cliMain(argc, argv);
    }
    return runGui(argc, argv);
}
