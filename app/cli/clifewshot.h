#pragma once

#include <QStringList>

/// The `fewshot` subcommand; returns a Cli::ExitCode.
namespace CliFewShot {

int fewshot(const QStringList &arguments);

} // namespace CliFewShot
