#pragma once

#include <QStringList>

/// The `transfer` subcommand; returns a Cli::ExitCode.
namespace CliTransfer {

int transfer(const QStringList &arguments);

} // namespace CliTransfer
