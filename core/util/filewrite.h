#pragma once

#include "util/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

/// Writing a file whole or not at all.
class FileWrite
{
    Q_DECLARE_TR_FUNCTIONS(FileWrite)

public:
    /// Writes `bytes` to `path` through a temporary file renamed over it (QSaveFile): a failed write, such as on a
    /// full disk, leaves the previous file as it was and no temporary file behind. A path that exists and is not a
    /// regular file (a folder; a device such as /dev/null) is refused, since the rename would replace its entry with a
    /// regular file (as root, even /dev/full's). `what` names the file in the messages; by default, its path.
    static Status wholeOrNothing(const QString &path, const QByteArray &bytes, const QString &what = {});
};
