#pragma once
// Running the built binary from a test (the CLI tests, the launcher test): exit code, stdout and stderr, JSON lines.

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QVector>

namespace CliRun {

constexpr int kTimeoutMs = 120000;

struct Run
{
    int exitCode = -1;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    QByteArray out, err;
};

inline QProcessEnvironment environment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    return env;
}

inline Run run(const QStringList &arguments, const QString &workingDir = QString(),
               const QProcessEnvironment &env = environment(), const QString &program = QStringLiteral(LE_APP_PATH))
{
    QProcess p;
    p.setProcessEnvironment(env);
    if (!workingDir.isEmpty())
        p.setWorkingDirectory(workingDir);
    p.start(program, arguments);
    Run r;
    if (!p.waitForStarted(10000))
        return r;
    p.closeWriteChannel();
    if (!p.waitForFinished(kTimeoutMs)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitCode();
    r.exitStatus = p.exitStatus();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

/// Every non-empty stdout line parsed as a JSON object; fails the test on any other line.
inline QVector<QJsonObject> jsonLines(const QByteArray &out, bool *allJson)
{
    QVector<QJsonObject> objects;
    *allJson = true;
    for (const QByteArray &line : out.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (!doc.isObject()) {
            *allJson = false;
            qWarning("not a JSON object: %s", line.constData());
            continue;
        }
        objects.append(doc.object());
    }
    return objects;
}

inline QString describe(const Run &r)
{
    return QStringLiteral("exit %1 (%2)\nstdout:\n%3\nstderr:\n%4")
        .arg(r.exitCode)
        .arg(r.exitStatus == QProcess::NormalExit ? QStringLiteral("normal") : QStringLiteral("crash/timeout"))
        .arg(QString::fromLocal8Bit(r.out.left(3000)), QString::fromLocal8Bit(r.err.left(3000)));
}

} // namespace CliRun
