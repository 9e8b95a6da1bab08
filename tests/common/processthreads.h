#pragma once

// The threads of this process as the kernel lists them: what a test sees of a job's threads without knowing how
// the job manages them.

#include <QDir>
#include <QSet>
#include <QString>

namespace ProcessThreads {

/// The ids of this process's threads now (Linux: /proc/self/task).
inline QSet<QString> ids()
{
    const QStringList tasks = QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    return QSet<QString>(tasks.begin(), tasks.end());
}

} // namespace ProcessThreads
