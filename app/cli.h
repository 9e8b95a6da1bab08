#pragma once

/// The command-line front end: `latent-explorer <subcommand> [options]`, no display needed.
namespace Cli {

/// Exit codes: 0 success, 1 failure (message on stderr), 2 usage error.
enum ExitCode { Success = 0, Failure = 1, UsageError = 2 };

/// True when argv names a subcommand or asks for help/version (rather than GUI options).
bool wantsCli(int argc, char **argv);
/// Runs the subcommand with a QCoreApplication; never throws.
int run(int argc, char **argv);

} // namespace Cli
