#pragma once

#include <QStringList>

/// The `export` and `import` subcommands: checkpoints to and from PyTorch state dicts; each returns a Cli::ExitCode.
namespace CliInterop {

int exportPyTorch(const QStringList &arguments);
int importPyTorch(const QStringList &arguments);

} // namespace CliInterop
