#include "launcher/engineloader.h"

#include <QDir>
#include <QFileInfo>
#include <QStringList>

#include <dlfcn.h>

namespace {

QString executableDir()
{
    // /proc/self/exe, not argv[0]: the launcher may be started through a symlink or from $PATH.
    return QFileInfo(QStringLiteral("/proc/self/exe")).canonicalFilePath().section(QLatin1Char('/'), 0, -2);
}

QStringList candidates()
{
    const QString fromEnv = qEnvironmentVariable("LATENT_EXPLORER_ENGINE");
    if (!fromEnv.isEmpty())
        return {fromEnv};
    const QString dir = executableDir();
    return {dir + QStringLiteral("/" LE_ENGINE_FILE),
            QDir::cleanPath(dir + QStringLiteral("/" LE_ENGINE_INSTALL_RELATIVE_DIR "/" LE_ENGINE_FILE))};
}

} // namespace

bool loadEngine(EngineModule *engine, QString *error)
{
    QStringList tried;
    const QStringList paths = candidates();
    for (const QString &path : paths) {
        if (!QFileInfo::exists(path)) {
            tried << QStringLiteral("%1 (missing)").arg(path);
            continue;
        }
        void *handle = dlopen(QFile::encodeName(path).constData(), RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            *error = QStringLiteral("cannot load the training engine %1: %2. Check that LibTorch 1.13 "
                                    "(Debian package libtorch1.13) is installed.")
                         .arg(path, QString::fromLocal8Bit(dlerror()));
            return false;
        }
        auto version = reinterpret_cast<EngineAbi::VersionFn>(dlsym(handle, EngineAbi::kVersionSymbol));
        engine->cliMain = reinterpret_cast<EngineAbi::CliMainFn>(dlsym(handle, EngineAbi::kCliMainSymbol));
        engine->createMainWindow =
            reinterpret_cast<EngineAbi::CreateMainWindowFn>(dlsym(handle, EngineAbi::kCreateMainWindowSymbol));
        if (!version || !engine->cliMain || !engine->createMainWindow || version() != EngineAbi::kVersion) {
            *error = QStringLiteral("%1 is not a training engine of this version of Latent Explorer "
                                    "(expected interface %2). Rebuild or reinstall the application.")
                         .arg(path)
                         .arg(EngineAbi::kVersion);
            return false;
        }
        return true;
    }
    *error = QStringLiteral("cannot find the training engine; looked for %1. Rebuild or reinstall the application.")
                 .arg(tried.join(QStringLiteral(", ")));
    return false;
}
