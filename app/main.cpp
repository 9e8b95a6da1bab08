#include "cli.h"
#include "gui.h"

int main(int argc, char **argv)
{
    // Subcommands (train, eval, generate, …) need no display; anything else opens the window.
    if (Cli::wantsCli(argc, argv))
        return Cli::run(argc, argv);
    return runGui(argc, argv);
}
