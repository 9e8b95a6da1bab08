#pragma once

#include <QStringList>

/// The `transfer` and `fewshot` subcommands; each returns a Cli::ExitCode.
namespace CliTransfer {

int transfer(const QStringList &arguments);
int fewshot(const QStringList &arguments);

} // namespace CliTransfer
