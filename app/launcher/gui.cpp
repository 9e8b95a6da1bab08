#include "launcher/gui.h"

#include "apptranslation.h"
#include "launcher/engineloader.h"
#include "launcher/startupwindow.h"
#include "mainwindow.h" // languageSettingsKey() only: inline, links nothing from the engine

#include <QApplication>
#include <QFile>
#include <QIcon>
#include <QLocale>
#include <QMessageBox>
#include <QSettings>
#include <QTimer>
#include <QWindow>

#include <cstdio>
#include <memory>
#include <time.h>

namespace {

/// The language chosen in View ▸ Language, else the system's.
QLocale chosenLocale()
{
    const QString code = QSettings().value(MainWindow::languageSettingsKey()).toString();
    return code.isEmpty() ? QLocale::system() : QLocale(code);
}

/// For the launch benchmark (LATENT_EXPLORER_LAUNCH_TRACE set): prints "<event> <CLOCK_MONOTONIC ns>"
/// lines on stdout as the startup window, the engine and the main window arrive, then quits.
class LaunchTrace : public QObject
{
public:
    static bool enabled()
    {
        static const bool on = qEnvironmentVariableIsSet("LATENT_EXPLORER_LAUNCH_TRACE");
        return on;
    }

    /// Prints the event's time when tracing; nothing otherwise.
    static void mark(const char *event)
    {
        if (!enabled())
            return;
        timespec now{};
        clock_gettime(CLOCK_MONOTONIC, &now);
        std::printf("%s %lld\n", event, static_cast<long long>(now.tv_sec) * 1000000000LL + now.tv_nsec);
        std::fflush(stdout);
    }

    /// Marks "main-window" and quits once `window` has been exposed and painted for the first time.
    explicit LaunchTrace(QWidget *window)
        : QObject(window)
    {
        window->winId(); // creates the QWindow, so the filter sees its first expose event
        window->windowHandle()->installEventFilter(this);
    }

    bool done() const { return m_seen; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Expose && !m_seen && static_cast<QWindow *>(watched)->isExposed()) {
            m_seen = true;
            // The widgets paint and flush while this expose event is handled; mark right after it.
            QTimer::singleShot(0, this, [this] {
                mark("main-window");
                std::printf("window-title %s\n", qPrintable(static_cast<QWidget *>(parent())->windowTitle()));
                std::fflush(stdout);
                QCoreApplication::quit();
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    bool m_seen = false;
};

} // namespace

int runGui(int &argc, char **argv, const char *checkpoint)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("latent-explorer"));
    QApplication::setApplicationDisplayName(QStringLiteral("Latent Explorer"));
    QApplication::setOrganizationName(QStringLiteral("LatentExplorer"));
    QApplication::setApplicationVersion(QStringLiteral(LE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("latent-explorer"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/latent-explorer.png")));
    AppTranslation::install(app, chosenLocale());
    // In the chosen language: the window system appends it to titles that lack it ("semi.ckpt — 潜空间探索器 — Latent
    // Explorer"), and the startup window's title is it.
    QApplication::setApplicationDisplayName(QCoreApplication::translate("MainWindow", "Latent Explorer"));

    StartupWindow startup;
    startup.showAndWaitUntilPainted();
    LaunchTrace::mark("first-window");

    EngineModule engine;
    QString error;
    if (!loadEngine(&engine, &error)) {
        std::fprintf(stderr, "latent-explorer: %s\n", qPrintable(error));
        startup.close();
        if (!LaunchTrace::enabled())
            QMessageBox::critical(nullptr, StartupWindow::tr("Latent Explorer cannot start"), error);
        return 1;
    }
    LaunchTrace::mark("engine-loaded");
    const std::unique_ptr<QWidget> window(engine.createMainWindow());
    if (checkpoint) // MainWindow::openCheckpoint is a slot: the launcher links nothing from the engine
        QMetaObject::invokeMethod(window.get(), "openCheckpoint", Qt::DirectConnection,
                                  Q_ARG(QString, QFile::decodeName(checkpoint)));
    LaunchTrace::mark("main-window-built");
    LaunchTrace *trace = LaunchTrace::enabled() ? new LaunchTrace(window.get()) : nullptr;
    window->show();
    startup.finish(window.get()); // waits for the main window to be exposed
    if (trace && trace->done())
        return 0; // exposed inside finish(), before any event loop ran that quit() could end
    return app.exec();
}
