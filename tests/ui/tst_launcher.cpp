// What happens before the main window: the translators the launcher installs, and the launcher binary run as a
// user runs it (without a display, with --help, with a checkpoint to open).

#include "apptranslation.h"
#include "clirun.h"
#include "datafiles.h"
#include "syntheticdata.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

namespace {

using CliRun::Run;

/// The launcher with `env` (nothing inherited but what `env` holds).
Run runLauncher(const QStringList &arguments, const QProcessEnvironment &env)
{
    return CliRun::run(arguments, QString(), env);
}

/// An environment with no display of any kind: what a login over ssh without X forwarding has.
QProcessEnvironment headless()
{
    QProcessEnvironment env;
    const QProcessEnvironment system = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"PATH", "HOME", "LD_LIBRARY_PATH", "ASAN_OPTIONS", "UBSAN_OPTIONS", "TSAN_OPTIONS"})
        if (system.contains(QString::fromLatin1(name)))
            env.insert(QString::fromLatin1(name), system.value(QString::fromLatin1(name)));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), QDir::tempPath() + QStringLiteral("/le-launcher-test-config"));
    return env;
}

} // namespace

class TestLauncher final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void withoutADisplayTheGuiExitsWithOneLine()
    {
        const Run r = runLauncher({}, headless());
        QCOMPARE(r.exitStatus, QProcess::NormalExit);
        QCOMPARE(r.exitCode, 1); // not Qt's abort (134)
        QCOMPARE(r.err.trimmed().count('\n'), 0);
        QVERIFY2(r.err.contains("no display"), r.err.constData());
    }

    void helpNeedsNoDisplay()
    {
        const Run r = runLauncher({QStringLiteral("--help")}, headless());
        QCOMPARE(r.exitStatus, QProcess::NormalExit);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("Usage"), r.out.constData());
    }

    void aCheckpointArgumentOpensIt()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("tiny"));
        QVERIFY(QDir().mkpath(data));
        const DataSplit split = SyntheticData::split(SyntheticData::Pattern::DottedBars, 64, 32, 7);
        QVERIFY(DataFiles::writeIdxPair(split.train, data, QStringLiteral("train")));
        QVERIFY(DataFiles::writeIdxPair(split.test, data, QStringLiteral("t10k")));
        const QString checkpoint = dir.filePath(QStringLiteral("digits run.ckpt"));
        QProcessEnvironment env = headless();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        const Run trained =
            runLauncher({QStringLiteral("train"), QStringLiteral("--dataset"), data, QStringLiteral("--hidden"),
                         QStringLiteral("16"), QStringLiteral("--latent"), QStringLiteral("2"),
                         QStringLiteral("--epochs"), QStringLiteral("1"), QStringLiteral("--threads"),
                         QStringLiteral("1"), QStringLiteral("--out"), checkpoint},
                        env);
        QVERIFY2(trained.exitCode == 0, trained.err.constData());
        // The launch trace quits once the window is on screen and prints its title.
        env.insert(QStringLiteral("LATENT_EXPLORER_LAUNCH_TRACE"), QStringLiteral("1"));
        const Run r = runLauncher({checkpoint}, env);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("window-title digits run.ckpt"), r.out.constData());
    }

    void qtTranslatorInstalledForChinese()
    {
        const QString qm = AppTranslation::qtTranslationsPath() + QStringLiteral("/qtbase_zh_CN.qm");
        if (!QFileInfo::exists(qm))
            QSKIP(qPrintable(QStringLiteral("%1 is absent: install qt6-translations-l10n").arg(qm)));
        const AppTranslation::Installed installed =
            AppTranslation::install(*QCoreApplication::instance(), QLocale(QStringLiteral("zh_CN")));
        QVERIFY(installed.qt);
        // Qt's own button text now reads in Chinese (QPlatformTheme's "Cancel" as QDialogButtonBox shows it).
        QCOMPARE_NE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));
        for (QTranslator *translator : QCoreApplication::instance()->findChildren<QTranslator *>())
            QCoreApplication::removeTranslator(translator);
    }

    void englishInstallsNoQtTranslator()
    {
        const AppTranslation::Installed installed =
            AppTranslation::install(*QCoreApplication::instance(), QLocale(QStringLiteral("en")));
        QVERIFY(!installed.qt);
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));
    }
};

QTEST_GUILESS_MAIN(TestLauncher)
#include "tst_launcher.moc"
