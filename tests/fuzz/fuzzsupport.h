#pragma once

// Shared by the libFuzzer targets and by the corpus replay (replay_main.cpp), which calls the same entry points.

#include <QByteArray>
#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>

namespace FuzzSupport {

/// One application object and one scratch folder for the whole process (the readers take paths).
inline QTemporaryDir &scratch()
{
    static int argc = 1;
    static char name[] = "fuzz";
    static char *argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv);
    static QTemporaryDir dir;
    return dir;
}

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

/// Writes `content` to `path`, replacing it; aborts loudly if the scratch folder is unusable (not a finding).
inline void writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size())
        qFatal("fuzz harness: cannot write %s", qPrintable(path));
}

} // namespace FuzzSupport
