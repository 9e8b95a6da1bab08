#pragma once

#include <QStringList>

/// One function per subcommand; each parses its own options and returns a Cli::ExitCode.
namespace CliCommands {

int train(const QStringList &arguments);
int eval(const QStringList &arguments);
int generate(const QStringList &arguments);

} // namespace CliCommands
