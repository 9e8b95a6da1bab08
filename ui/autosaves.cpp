#include "autosaves.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>

namespace Autosaves {

namespace {

const QString kLastSavedKey = QStringLiteral("autosave/lastExplicitSave");
const QString kLastOfferedKey = QStringLiteral("autosave/lastOffered");

QFileInfoList newestFirst(const QString &pattern = QStringLiteral("autosave-*.ckpt"))
{
    return QDir(directory()).entryInfoList({pattern}, QDir::Files, QDir::Time);
}

QString stampedPath(const QString &kind, int serial)
{
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    return QDir(directory())
        .filePath(
            QStringLiteral("%1-%2-%3-%4.ckpt").arg(kind, stamp).arg(QCoreApplication::applicationPid()).arg(serial));
}

} // namespace

QString directory()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("autosaves"));
}

QString newPath()
{
    static int runs = 0;
    return stampedPath(QStringLiteral("autosave"), ++runs);
}

QString newTransferPath()
{
    static int transfers = 0;
    return stampedPath(QStringLiteral("transfer"), ++transfers);
}

QString transferReportPath(const QString &checkpoint)
{
    const QFileInfo file(checkpoint);
    return file.dir().filePath(file.completeBaseName() + QStringLiteral(".json"));
}

void pruneTransfers(int keep)
{
    const QFileInfoList files = newestFirst(QStringLiteral("transfer-*.ckpt"));
    for (qsizetype i = keep; i < files.size(); ++i) {
        QFile::remove(files[i].absoluteFilePath());
        QFile::remove(transferReportPath(files[i].absoluteFilePath()));
    }
}

void prune(const QString &inUse, int keep)
{
    int kept = 0;
    for (const QFileInfo &file : newestFirst()) {
        if (file.absoluteFilePath() == QFileInfo(inUse).absoluteFilePath() || kept < keep)
            ++kept;
        else
            QFile::remove(file.absoluteFilePath());
    }
}

QString newest()
{
    const QFileInfoList files = newestFirst();
    return files.isEmpty() ? QString() : files.first().absoluteFilePath();
}

void noteExplicitSave()
{
    QSettings().setValue(kLastSavedKey, QDateTime::currentDateTimeUtc());
}

void noteDiscarded()
{
    QSettings().setValue(kLastOfferedKey, QDateTime::currentDateTimeUtc());
}

QString worthRestoring()
{
    const QString path = newest();
    if (path.isEmpty())
        return {};
    const QDateTime written = QFileInfo(path).lastModified().toUTC();
    const QSettings settings;
    const QDateTime saved = settings.value(kLastSavedKey).toDateTime();
    const QDateTime offered = settings.value(kLastOfferedKey).toDateTime();
    if ((saved.isValid() && written <= saved) || (offered.isValid() && written <= offered))
        return {};
    return path;
}

QMessageBox *offerRestore(QWidget *parent, const QString &path, const std::function<void(const QString &)> &restore)
{
    const QDateTime written = QFileInfo(path).lastModified();
    auto *box =
        new QMessageBox(QMessageBox::Question, QCoreApplication::translate("Autosaves", "Restore autosave?"),
                        QCoreApplication::translate(
                            "Autosaves", "An autosave from %1 is newer than the last checkpoint you saved. Open it?")
                            .arg(QLocale().toString(written, QLocale::ShortFormat)),
                        QMessageBox::NoButton, parent);
    box->addButton(QCoreApplication::translate("Autosaves", "Open Autosave"), QMessageBox::AcceptRole);
    box->addButton(QCoreApplication::translate("Autosaves", "Not Now"), QMessageBox::RejectRole);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("autosaveOffer"));
    QObject::connect(box, &QMessageBox::buttonClicked, box, [box, path, restore](QAbstractButton *button) {
        // Asked once per autosave: a refusal is remembered, and a restored one needs no second offer.
        QSettings().setValue(kLastOfferedKey, QFileInfo(path).lastModified().toUTC());
        if (box->buttonRole(button) == QMessageBox::AcceptRole)
            restore(path);
    });
    box->open(); // not modal to the app: the window stays usable behind it
    return box;
}

} // namespace Autosaves
