// MainWindow's file actions (checkpoints, datasets, recent files, image exports), kept apart from the panel
// assembly and signal wiring in mainwindow.cpp.
#include "mainwindow.h"

#include "checkpointdialog.h"
#include "closeguard.h"
#include "model/checkpoint.h"
#include "recentfiles.h"
#include "session.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QStatusBar>

namespace {

const QString kCheckpointSuffix = CheckpointDialog::kSuffix;

} // namespace

bool MainWindow::openCheckpoint(const QString &path)
{
    m_userRequestedLoad = false; // the checkpoint's own data may follow: its failure gets the checkpoint's message
    if (const Status status = m_session->openCheckpoint(path); !status) {
        showError(tr("Could not open the checkpoint %1:\n%2").arg(QDir::toNativeSeparators(path), status.error()));
        return false;
    }
    m_recent->add(path);
    setWindowTitle(tr("%1[*] — Latent Explorer").arg(QFileInfo(path).fileName()));
    updateActions();
    statusBar()->showMessage(tr("Opened %1: press F5 to continue training.").arg(QFileInfo(path).fileName()),
                             kStatusTimeoutMs);
    return true;
}

bool MainWindow::saveCheckpoint(const QString &path)
{
    if (const Status status = m_session->saveCheckpoint(path); !status) {
        showError(tr("Could not save the checkpoint:\n%1").arg(status.error()));
        return false;
    }
    m_recent->add(path);
    setWindowTitle(tr("%1[*] — Latent Explorer").arg(QFileInfo(path).fileName()));
    updateActions();
    statusBar()->showMessage(tr("Saved %1.").arg(QDir::toNativeSeparators(path)), kStatusTimeoutMs);
    return true;
}

void MainWindow::openCheckpointInteractively()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open checkpoint"), QString(),
                                     tr("Latent Explorer checkpoints (*.%1);;All files (*)").arg(kCheckpointSuffix));
    if (!path.isEmpty() && mayReplaceModel(path))
        openCheckpoint(path);
}

bool MainWindow::mayReplaceModel(const QString &path)
{
    if (m_session->isRunning() || !m_session->hasUnsavedModel())
        return true; // a run refuses the new model itself, with its own message
    if (!path.isEmpty() && QFileInfo(path) == QFileInfo(m_session->autosavePath()))
        return true; // its own autosave (its Runs row): the same model, nothing lost
    return CloseGuard::confirmReplace(this, [this]() { return saveCheckpointInteractively(); })
        != CloseGuard::Answer::Cancelled;
}

bool MainWindow::saveCheckpointInteractively()
{
    QString path =
        QFileDialog::getSaveFileName(this, tr("Save checkpoint"), QStringLiteral("vae.%1").arg(kCheckpointSuffix),
                                     tr("Latent Explorer checkpoints (*.%1)").arg(kCheckpointSuffix));
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + kCheckpointSuffix;
    return saveCheckpoint(path);
}

bool MainWindow::exploreCheckpoint(const Checkpoint &checkpoint, const QString &name)
{
    m_userRequestedLoad = false;
    if (!mayReplaceModel())
        return false;
    if (const Status status = m_session->openCheckpoint(checkpoint); !status) {
        // The wizard that made the model has closed: offer the file route so the result is not lost.
        const auto answer = QMessageBox::question(
            this, tr("Explore the adapted model"),
            tr("The adapted model cannot be opened now:\n%1\n\nSave it to a file, to open it later?")
                .arg(status.error()),
            QMessageBox::Save | QMessageBox::Discard, QMessageBox::Save);
        if (answer != QMessageBox::Save)
            return false;
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save checkpoint"), QStringLiteral("adapted.%1").arg(kCheckpointSuffix),
            tr("Latent Explorer checkpoints (*.%1)").arg(kCheckpointSuffix));
        if (path.isEmpty())
            return false;
        if (const Status saved = CheckpointIo::save(checkpoint, path); !saved)
            showError(tr("Could not save the checkpoint:\n%1").arg(saved.error()));
        return false;
    }
    // Which one: a new user explored freeze-decoder's while the Runs panel's new row was finetune-all's.
    setWindowTitle(name.isEmpty() ? tr("Adapted model[*] — Latent Explorer")
                                  : tr("Adapted model (%1)[*] — Latent Explorer").arg(name));
    updateActions();
    statusBar()->showMessage(tr("Exploring the adapted model (not saved yet: Ctrl+S saves it)."), kStatusTimeoutMs);
    return true;
}

void MainWindow::loadDataset(const QString &nameOrPath, bool userRequested)
{
    if (m_session->isRunning()) {
        showError(tr("Stop the training before changing the dataset."));
        return;
    }
    m_userRequestedLoad = userRequested;
    m_session->loadDataset(nameOrPath);
}

void MainWindow::openDatasetFolder()
{
    const QString dir =
        QFileDialog::getExistingDirectory(this, tr("Open dataset folder (IDX files or one subfolder per class)"));
    if (!dir.isEmpty())
        loadDataset(dir, true);
}

void MainWindow::openDatasetFile()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open dataset file"), QString(),
                                     tr("IDX images (*-idx3-ubyte *-idx3-ubyte.gz *.idx *.gz);;All files (*)"));
    if (!path.isEmpty())
        loadDataset(path, true);
}

void MainWindow::openRecent(const QString &path)
{
    if (QFileInfo(path).suffix() == kCheckpointSuffix) {
        if (mayReplaceModel(path))
            openCheckpoint(path);
    } else
        loadDataset(path, true);
}

void MainWindow::exportImage(const QString &title, const QString &fileName,
                             const std::function<bool(const QString &)> &save)
{
    QString path = QFileDialog::getSaveFileName(this, title, fileName, tr("PNG image (*.png)"));
    if (!path.isEmpty() && QFileInfo(path).suffix().isEmpty())
        path += QLatin1String(".png"); // the format comes from the suffix: without one, nothing was written
    if (!path.isEmpty() && !save(path))
        showError(tr("Could not write %1.").arg(QDir::toNativeSeparators(path)));
}
