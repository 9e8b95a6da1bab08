#pragma once

#include <QStringList>

/// The subcommands that meet other tools: `export`/`import` (PyTorch state dicts), `encode` (TensorBoard's
/// projector) and `info`; each returns a Cli::ExitCode.
namespace CliInterop {

int exportPyTorch(const QStringList &arguments);
int importPyTorch(const QStringList &arguments);
/// `encode`: a split's latent means as TensorBoard Embedding Projector files.
int encode(const QStringList &arguments);
/// `info`: what a checkpoint holds.
int info(const QStringList &arguments);

} // namespace CliInterop
