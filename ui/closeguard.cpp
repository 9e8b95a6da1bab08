#include "closeguard.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QPushButton>

namespace CloseGuard {

namespace {

/// Save / Discard / Cancel about the unsaved model: `text`, then `informative` below it.
Answer askAboutUnsaved(QWidget *parent, const QString &text, const QString &informative,
                       const std::function<bool()> &save)
{
    QMessageBox box(QMessageBox::Question, QCoreApplication::translate("CloseGuard", "Latent Explorer"), text,
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, parent);
    box.setObjectName(QStringLiteral("unsavedModelQuestion"));
    box.setInformativeText(informative);
    box.setDefaultButton(QMessageBox::Save);
    switch (box.exec()) {
    case QMessageBox::Save:
        return save() ? Answer::Saved : Answer::Cancelled;
    case QMessageBox::Discard:
        return Answer::Discarded;
    default:
        return Answer::Cancelled;
    }
}

} // namespace

Answer confirm(QWidget *parent, const std::function<bool()> &save, bool training)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("CloseGuard", text); };
    return askAboutUnsaved(parent,
                           training ? tr("Training is still running, and the model has not been saved.")
                                    : tr("The trained model has not been saved."),
                           training ? tr("Closing stops it. Save the model as a checkpoint before closing? (The last "
                                         "finished epoch is also in the autosaves.)")
                                    : tr("Save it as a checkpoint before closing? (The last epoch is also in the "
                                         "autosaves.)"),
                           save);
}

Answer confirmReplace(QWidget *parent, const std::function<bool()> &save)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("CloseGuard", text); };
    return askAboutUnsaved(parent, tr("The trained model has not been saved."),
                           tr("The model you open takes its place in the window. Save it as a checkpoint first? (Its "
                              "last epoch is also in the autosaves: its row in the Runs panel opens it.)"),
                           save);
}

bool confirmStopRun(QWidget *parent)
{
    QMessageBox box(QMessageBox::Question, QCoreApplication::translate("CloseGuard", "Latent Explorer"),
                    QCoreApplication::translate("CloseGuard", "A transfer run is in progress."), QMessageBox::Cancel,
                    parent);
    box.setObjectName(QStringLiteral("runningJobQuestion"));
    box.setInformativeText(QCoreApplication::translate(
        "CloseGuard", "Quitting stops it, and the strategies it has not finished are lost. Quit anyway?"));
    QPushButton *quit = box.addButton(QCoreApplication::translate("CloseGuard", "Quit"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == quit;
}

} // namespace CloseGuard
