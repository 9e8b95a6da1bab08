#pragma once

#include "model/checkpoint.h"

#include <QString>

#include <optional>

class QWidget;

/// The one way the GUI's dialogs ask for a checkpoint file (same filter, same error reporting everywhere).
namespace CheckpointDialog {

/// Checkpoint files are `.ckpt`, as the CLI writes them.
inline const QString kSuffix = QStringLiteral("ckpt");

/// Asks for a checkpoint and loads it. On cancel returns nothing; on a bad file shows why and returns nothing.
/// `path` receives the chosen file when given.
std::optional<Checkpoint> open(QWidget *parent, QString *path = nullptr);

} // namespace CheckpointDialog
