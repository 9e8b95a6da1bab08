#include "checkpointdialog.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QMessageBox>

namespace CheckpointDialog {

std::optional<Checkpoint> open(QWidget *parent, QString *path)
{
    const QString title = QCoreApplication::translate("CheckpointDialog", "Open checkpoint");
    const QString chosen = QFileDialog::getOpenFileName(
        parent, title, QString(),
        QCoreApplication::translate("CheckpointDialog", "Checkpoints (*.ckpt);;All files (*)"));
    if (chosen.isEmpty())
        return std::nullopt;
    auto loaded = CheckpointIo::load(chosen);
    if (!loaded) {
        QMessageBox::warning(parent, title, loaded.error());
        return std::nullopt;
    }
    if (path)
        *path = chosen;
    return std::move(loaded).value();
}

} // namespace CheckpointDialog
