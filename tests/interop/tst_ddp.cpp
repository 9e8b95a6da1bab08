// The distributed path that docs/scaling.md describes, run for real: scripts/train_ddp.py started as two ranks
// (Gloo on CPU, the environment torchrun would set, a free port on 127.0.0.1) for one epoch on the built-in digits,
// its state dict imported with `latent-explorer import`, then evaluated with `latent-explorer eval` against the same
// epoch trained by the app. Needs Debian's python3-torch (skips without it) and the MNIST digits from set-up.

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmath>
#include <optional>

namespace {

const QString kPython = QStringLiteral("/usr/bin/python3"); // Debian's, with python3-torch
constexpr int kTimeoutMs = 240000;

/// A TCP port on 127.0.0.1 that nothing listened on a moment ago (the kernel's choice for port 0).
int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(addr);
    int port = -1;
    if (fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof(addr)) == 0
        && ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &length) == 0)
        port = ntohs(addr.sin_port);
    if (fd >= 0)
        ::close(fd);
    return port;
}

/// The last stdout line that is a JSON object (the summary of `train --json` / `eval --json`).
QJsonObject lastJson(const QByteArray &out)
{
    QJsonObject last;
    for (const QByteArray &line : out.split('\n')) {
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        if (doc.isObject())
            last = doc.object();
    }
    return last;
}

} // namespace

class TestDdp : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_data;

    /// The app's stdout, or nullopt (with its stderr logged) when it failed.
    std::optional<QByteArray> runApp(const QStringList &arguments)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(LE_APP_PATH), arguments);
        if (!p.waitForFinished(kTimeoutMs) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
            qWarning("latent-explorer %s failed: %s", qPrintable(arguments.join(QLatin1Char(' '))),
                     p.readAllStandardError().constData());
            return std::nullopt;
        }
        return p.readAllStandardOutput();
    }

    /// Two ranks of scripts/train_ddp.py on a free port; rank 0's stdout in `out`. Empty, or why they failed.
    QString runRanks(const QStringList &args, QByteArray *out)
    {
        const int port = freePort();
        if (port <= 0)
            return QStringLiteral("no free port");
        QProcess ranks[2];
        for (int r = 0; r < 2; ++r) {
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("RANK"), QString::number(r));
            env.insert(QStringLiteral("LOCAL_RANK"), QString::number(r));
            env.insert(QStringLiteral("WORLD_SIZE"), QStringLiteral("2"));
            env.insert(QStringLiteral("MASTER_ADDR"), QStringLiteral("127.0.0.1"));
            env.insert(QStringLiteral("MASTER_PORT"), QString::number(port));
            env.insert(QStringLiteral("OMP_NUM_THREADS"), QStringLiteral("1"));
            ranks[r].setProcessEnvironment(env);
            ranks[r].start(kPython, args);
        }
        QString why;
        for (int r = 0; r < 2; ++r) {
            if (!ranks[r].waitForFinished(kTimeoutMs)) {
                ranks[r].kill();
                ranks[r].waitForFinished();
                why += QStringLiteral("rank %1 timed out. ").arg(r);
            } else if (ranks[r].exitStatus() != QProcess::NormalExit || ranks[r].exitCode() != 0) {
                why += QStringLiteral("rank %1 exited %2: %3 ")
                           .arg(r)
                           .arg(ranks[r].exitCode())
                           .arg(QString::fromLocal8Bit(ranks[r].readAllStandardError()));
            }
        }
        *out = ranks[0].readAllStandardOutput();
        return why;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QProcess probe;
        probe.start(kPython, {QStringLiteral("-c"), QStringLiteral("import torch.distributed")});
        if (!probe.waitForFinished(60000) || probe.exitCode() != 0)
            QSKIP("/usr/bin/python3 cannot import torch.distributed (install python3-torch)");
        m_data = qEnvironmentVariable("LE_TEST_DATA_DIR") + QStringLiteral("/mnist");
        if (!QFile::exists(m_data + QStringLiteral("/train-images-idx3-ubyte")))
            QSKIP("the MNIST digits are not converted (run scripts/setup.sh)");
    }

    void twoRanksTrainAndTheAppReadsTheResult()
    {
        const QString pt = m_dir.filePath(QStringLiteral("ddp.pt"));
        // 2 ranks × 64 per process = the app's batch of 128: the same number of optimiser steps per epoch.
        const QStringList args{QStringLiteral(LE_SOURCE_DIR "/scripts/train_ddp.py"),
                               QStringLiteral("--data"),
                               m_data,
                               QStringLiteral("--hidden"),
                               QStringLiteral("64"),
                               QStringLiteral("--latent"),
                               QStringLiteral("8"),
                               QStringLiteral("--epochs"),
                               QStringLiteral("1"),
                               QStringLiteral("--batch"),
                               QStringLiteral("64"),
                               QStringLiteral("--out"),
                               pt};
        // A port found free can be taken before rank 0 binds it (another test's process): one more try on a new port,
        // with the first attempt's stderr in the log.
        QByteArray out;
        QString why = runRanks(args, &out);
        if (!why.isEmpty()) {
            qWarning("DDP ranks failed once, trying another port: %s", qPrintable(why));
            why = runRanks(args, &out);
        }
        QVERIFY2(why.isEmpty(), qPrintable(why));
        const QJsonObject epoch = lastJson(out);
        QCOMPARE(epoch.value(QStringLiteral("world_size")).toInt(), 2);
        QCOMPARE(epoch.value(QStringLiteral("samples")).toInt(), 8004); // both ranks' shares, each image once
        const double ddpTrain = epoch.value(QStringLiteral("train_neg_elbo")).toDouble();
        QVERIFY(std::isfinite(ddpTrain) && ddpTrain > 0);

        const QString imported = m_dir.filePath(QStringLiteral("ddp.ckpt"));
        QVERIFY(runApp({QStringLiteral("import"), QStringLiteral("--pytorch"), pt, QStringLiteral("--model"),
                        QStringLiteral("mlp"), QStringLiteral("--out"), imported}));
        const QJsonObject ddpEval = lastJson(runApp({QStringLiteral("eval"), QStringLiteral("--checkpoint"), imported,
                                                     QStringLiteral("--dataset"), m_data, QStringLiteral("--json")})
                                                 .value_or(QByteArray()));
        const QJsonObject appRun =
            lastJson(runApp({QStringLiteral("train"), QStringLiteral("--dataset"), m_data, QStringLiteral("--hidden"),
                             QStringLiteral("64"), QStringLiteral("--latent"), QStringLiteral("8"),
                             QStringLiteral("--epochs"), QStringLiteral("1"), QStringLiteral("--out"),
                             m_dir.filePath(QStringLiteral("app.ckpt")), QStringLiteral("--json")})
                         .value_or(QByteArray()));
        const double ddpTest = ddpEval.value(QStringLiteral("test_neg_elbo")).toDouble(-1);
        const double appTest = appRun.value(QStringLiteral("test_neg_elbo")).toDouble(-1);
        qInfo("one epoch, test -ELBO: DDP (2 ranks, imported) %.2f nats, app %.2f nats; DDP train %.2f", ddpTest,
              appTest, ddpTrain);
        QVERIFY2(std::isfinite(ddpTest) && ddpTest > 0, qPrintable(QJsonDocument(ddpEval).toJson()));
        QVERIFY2(appTest > 0, qPrintable(QJsonDocument(appRun).toJson()));
        // Same model, loss, data and number of steps; only the initial weights and the shuffles differ.
        QVERIFY2(std::abs(ddpTest - appTest) < 0.1 * appTest,
                 qPrintable(QStringLiteral("%1 vs %2").arg(ddpTest).arg(appTest)));
    }
};

QTEST_GUILESS_MAIN(TestDdp)
#include "tst_ddp.moc"
