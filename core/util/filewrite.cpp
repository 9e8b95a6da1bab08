#include "util/filewrite.h"

#include <QFileInfo>
#include <QSaveFile>

Status FileWrite::wholeOrNothing(const QString &path, const QByteArray &bytes, const QString &what)
{
    const QString name = what.isEmpty() ? path : what;
    if (const QFileInfo info(path); info.exists() && !info.isFile())
        return Status::failure(tr("Cannot write %1: it exists and is not a regular file.").arg(name));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Status::failure(tr("Cannot write %1: %2").arg(name, file.errorString()));
    if (const qint64 written = file.write(bytes); written != bytes.size()) {
        // A short write sets no system error (Qt says "Unknown error"): the count says more.
        const QString why =
            written >= 0 ? tr("only %1 of %2 bytes were written").arg(written).arg(bytes.size()) : file.errorString();
        file.cancelWriting();
        return Status::failure(
            tr("Writing %1 failed (is the disk full?): %2. The previous file is unchanged.").arg(name, why));
    }
    if (!file.commit())
        return Status::failure(
            tr("Saving %1 failed: %2. The previous file is unchanged.").arg(name, file.errorString()));
    return Status::success();
}
