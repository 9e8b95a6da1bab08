#pragma once

#include <cstring>

/// The command-line front end: `latent-explorer <subcommand> [options]`, no display needed.
namespace Cli {

/// Exit codes: 0 success, 1 failure (message on stderr), 2 usage error.
enum ExitCode { Success = 0, Failure = 1, UsageError = 2 };

/// True when argv names a subcommand or asks for help/version (rather than GUI options). Inline: the
/// launcher decides this before the engine (and LibTorch) is loaded.
inline bool wantsCli(int argc, char **argv)
{
    if (argc < 2)
        return false;
    const char *first = argv[1];
    // Options that begin with '-' belong to Qt (e.g. -platform) unless they ask for help or the version.
    if (first[0] == '-')
        return !std::strcmp(first, "--help") || !std::strcmp(first, "-h") || !std::strcmp(first, "--version");
    return true;
}
/// Runs the subcommand with a QCoreApplication; never throws.
int run(int argc, char **argv);

} // namespace Cli
