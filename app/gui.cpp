#include "gui.h"

#include "mainwindow.h"

#include <QApplication>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTimer>
#include <QTranslator>

namespace {

/// The language chosen in View ▸ Language, else the system's.
QLocale chosenLocale()
{
    const QString code = QSettings().value(MainWindow::languageSettingsKey()).toString();
    return code.isEmpty() ? QLocale::system() : QLocale(code);
}

void installTranslators(QApplication &app, const QLocale &locale)
{
    // Qt's own strings (dialog buttons, context menus) first, then ours; a missing file just means English.
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    auto *ours = new QTranslator(&app);
    if (ours->load(locale, QStringLiteral("latent-explorer"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(ours);
}

} // namespace

int runGui(int &argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("latent-explorer"));
    QApplication::setApplicationDisplayName(QStringLiteral("Latent Explorer"));
    QApplication::setOrganizationName(QStringLiteral("LatentExplorer"));
    QApplication::setApplicationVersion(QStringLiteral(LE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("latent-explorer"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/latent-explorer.png")));
    installTranslators(app, chosenLocale());

    MainWindow window;
    window.show();
    // For the launch-time benchmark: quit as soon as the first frame has been painted.
    if (qEnvironmentVariableIsSet("LATENT_EXPLORER_QUIT_AFTER_FIRST_FRAME"))
        QTimer::singleShot(0, &app, &QCoreApplication::quit);
    return app.exec();
}
