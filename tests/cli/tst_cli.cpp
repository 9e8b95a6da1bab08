// The command line as a user and a script meet it: exit codes (0 ok, 1 failure, 2 usage), messages on stderr,
// one JSON object per stdout line with --json, checkpoints that resume, evaluate and generate.

#include "clifixture.h"
#include "clirun.h"
#include "datafiles.h"
#include "model/checkpoint.h"

#include <QDir>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace CliRun;

class TestCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_data;       // a tiny IDX folder
    QString m_checkpoint; // written by trainWithJson, used by the later tests
    QString m_garbage;    // a file that is not a checkpoint

    QStringList trainArguments(const QString &out, int epochs) const
    {
        return CliFixture::tinyTrainArguments(m_data, out, epochs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(QFileInfo(QStringLiteral(LE_APP_PATH)).isExecutable(), LE_APP_PATH);
        QVERIFY(CliFixture::writeTinyFiles(m_dir, &m_data, &m_garbage));
        m_checkpoint = m_dir.filePath(QStringLiteral("run.ckpt"));
    }

    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("arguments"); // "@garbage", "@data", "@dir" are replaced by paths
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("stderrContains");
        QTest::addColumn<QString>("stdoutContains");
        QTest::newRow("unknown command") << QStringList{"frobnicate"} << 2 << "unknown command 'frobnicate'"
                                         << "";
        QTest::newRow("--help") << QStringList{"--help"} << 0 << ""
                                << "train";
        QTest::newRow("--version") << QStringList{"--version"} << 0 << ""
                                   << "latent-explorer";
        QTest::newRow("train --help") << QStringList{"train", "--help"} << 0 << ""
                                      << "--dataset";
        QTest::newRow("eval --help") << QStringList{"eval", "--help"} << 0 << ""
                                     << "--iw-samples";
        QTest::newRow("train --epochs abc") << QStringList{"train", "--epochs", "abc"} << 2 << "--epochs"
                                            << "";
        QTest::newRow("train --epochs 0") << QStringList{"train", "--epochs", "0"} << 2 << "--epochs"
                                          << "";
        QTest::newRow("train --lr x") << QStringList{"train", "--lr", "x"} << 2 << "--lr"
                                      << "";
        QTest::newRow("train --lr nan") << QStringList{"train", "--lr", "nan"} << 2 << "--lr"
                                        << "";
        QTest::newRow("train --model rnn") << QStringList{"train", "--model", "rnn"} << 2 << "--model"
                                           << "";
        QTest::newRow("train --likelihood poisson")
            << QStringList{"train", "--likelihood", "poisson"} << 2 << "must be one of bernoulli, gaussian"
            << "";
        QTest::newRow("train --classes a,b") << QStringList{"train", "--classes", "a,b"} << 2 << "--classes"
                                             << "";
        QTest::newRow("train unknown option") << QStringList{"train", "--frobnicate"} << 2 << "frobnicate"
                                              << "";
        QTest::newRow("train positional argument") << QStringList{"train", "extra"} << 2 << "extra"
                                                   << "";
        QTest::newRow("train option without value") << QStringList{"train", "--dataset"} << 2 << "dataset"
                                                    << "";
        QTest::newRow("train --dataset /nonexistent")
            << QStringList{"train", "--dataset", "/nonexistent"} << 1 << "/nonexistent"
            << "";
        QTest::newRow("train --dataset garbage file")
            << QStringList{"train", "--dataset", "@garbage"} << 1 << "garbage.ckpt"
            << "";
        QTest::newRow("train --resume garbage") << QStringList{"train", "--resume", "@garbage"} << 1 << "garbage.ckpt"
                                                << "";
        QTest::newRow("eval without --checkpoint") << QStringList{"eval"} << 2 << "--checkpoint"
                                                   << "";
        QTest::newRow("eval --iw-samples x")
            << QStringList{"eval", "--checkpoint", "@garbage", "--iw-samples", "x"} << 2 << "--iw-samples"
            << "";
        QTest::newRow("eval missing checkpoint")
            << QStringList{"eval", "--checkpoint", "@dir/none.ckpt"} << 1 << "none.ckpt"
            << "";
        QTest::newRow("eval garbage checkpoint")
            << QStringList{"eval", "--checkpoint", "@garbage"} << 1 << "garbage.ckpt"
            << "";
        QTest::newRow("generate without --checkpoint") << QStringList{"generate"} << 2 << "--checkpoint"
                                                       << "";
        QTest::newRow("generate --count 0")
            << QStringList{"generate", "--checkpoint", "@garbage", "--count", "0"} << 2 << "--count"
            << "";
        QTest::newRow("generate garbage checkpoint")
            << QStringList{"generate", "--checkpoint", "@garbage"} << 1 << "garbage.ckpt"
            << "";
    }

    void exitCodes()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, stderrContains);
        QFETCH(QString, stdoutContains);
        for (QString &a : arguments)
            a.replace(QLatin1String("@garbage"), m_garbage).replace(QLatin1String("@dir"), m_dir.path());
        const Run r = run(arguments, m_dir.path());
        QVERIFY2(r.exitStatus == QProcess::NormalExit, qPrintable(describe(r)));
        QVERIFY2(r.exitCode == exitCode, qPrintable(describe(r)));
        if (!stderrContains.isEmpty())
            QVERIFY2(QString::fromLocal8Bit(r.err).contains(stderrContains), qPrintable(describe(r)));
        if (!stdoutContains.isEmpty())
            QVERIFY2(QString::fromLocal8Bit(r.out).contains(stdoutContains), qPrintable(describe(r)));
        if (exitCode != 0)
            QVERIFY2(!r.err.trimmed().isEmpty(), "a failure without a message on stderr");
    }

    // The launcher shows its first window before LibTorch loads, so it must not link LibTorch itself.
    void launcherDoesNotLinkLibTorch()
    {
        if (LE_ENGINE_LINKED_AT_START)
            QSKIP("sanitizer build: the launcher links the engine at start-up (app/CMakeLists.txt says why)");
        QProcess ldd;
        ldd.start(QStringLiteral("ldd"), {QStringLiteral(LE_APP_PATH)});
        QVERIFY(ldd.waitForFinished(30000));
        const QByteArray libs = ldd.readAllStandardOutput();
        QVERIFY2(libs.contains("libQt6Widgets"), libs.constData());
        QVERIFY2(!libs.contains("libtorch") && !libs.contains("libc10"), libs.constData());
    }

    void guiShowsTheStartupWindowBeforeTheMainWindow()
    {
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("LATENT_EXPLORER_LAUNCH_TRACE"), QStringLiteral("1"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("share")));
        const Run r = run({}, m_dir.path(), env);
        QVERIFY2(r.exitStatus == QProcess::NormalExit && r.exitCode == 0, qPrintable(describe(r)));
        qint64 first = -1, main = -1;
        for (const QByteArray &line : r.out.split('\n')) {
            const QList<QByteArray> f = line.split(' ');
            if (f.size() == 2 && f[0] == "first-window")
                first = f[1].toLongLong();
            if (f.size() == 2 && f[0] == "main-window")
                main = f[1].toLongLong();
        }
        QVERIFY2(first > 0 && main > 0, qPrintable(describe(r)));
        QVERIFY2(first < main, qPrintable(describe(r)));
    }

    void aMissingOrBrokenEngineIsReported_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("stderrContains");
        QTest::newRow("missing, CLI") << "@dir/none.so" << QStringList{"--version"}
                                      << "cannot find the training engine";
        QTest::newRow("missing, GUI") << "@dir/none.so" << QStringList{} << "cannot find the training engine";
        QTest::newRow("not a library") << "@garbage" << QStringList{"train", "--help"}
                                       << "cannot load the training engine";
    }

    void aMissingOrBrokenEngineIsReported()
    {
        QFETCH(QString, engine);
        QFETCH(QStringList, arguments);
        QFETCH(QString, stderrContains);
        engine.replace(QLatin1String("@garbage"), m_garbage).replace(QLatin1String("@dir"), m_dir.path());
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("LATENT_EXPLORER_ENGINE"), engine);
        env.insert(QStringLiteral("LATENT_EXPLORER_LAUNCH_TRACE"), QStringLiteral("1")); // no message box
        const Run r = run(arguments, m_dir.path(), env);
        QVERIFY2(r.exitStatus == QProcess::NormalExit && r.exitCode == 1, qPrintable(describe(r)));
        QVERIFY2(QString::fromLocal8Bit(r.err).contains(stderrContains), qPrintable(describe(r)));
        QVERIFY2(QString::fromLocal8Bit(r.err).contains(engine), qPrintable(describe(r)));
    }

    void trainWithJson()
    {
        const Run r = run(trainArguments(m_checkpoint, 2), m_dir.path());
        QVERIFY2(r.exitStatus == QProcess::NormalExit && r.exitCode == 0, qPrintable(describe(r)));
        bool allJson = false;
        const QVector<QJsonObject> lines = jsonLines(r.out, &allJson);
        QVERIFY2(allJson, qPrintable(describe(r)));
        QCOMPARE(lines.size(), 3); // two epochs, then the summary
        QCOMPARE(lines[0].value(QLatin1String("type")).toString(), QStringLiteral("epoch"));
        QCOMPARE(lines[1].value(QLatin1String("type")).toString(), QStringLiteral("epoch"));
        const QJsonObject summary = lines.last();
        QCOMPARE(summary.value(QLatin1String("type")).toString(), QStringLiteral("summary"));
        for (const char *key : {"test_neg_elbo", "test_recon", "test_kl", "train_neg_elbo", "active_units", "epochs",
                                "train_seconds", "train_samples_per_second"}) {
            QVERIFY2(summary.value(QLatin1String(key)).isDouble(), key);
            QVERIFY2(std::isfinite(summary.value(QLatin1String(key)).toDouble()), key);
        }
        QCOMPARE(summary.value(QLatin1String("epochs")).toInt(), 2);
        const double negElbo = summary.value(QLatin1String("test_neg_elbo")).toDouble();
        QVERIFY(negElbo > 0);
        QVERIFY(std::fabs(negElbo
                          - (summary.value(QLatin1String("test_recon")).toDouble()
                             + summary.value(QLatin1String("test_kl")).toDouble()))
                < 1e-6 * negElbo);
        QVERIFY(summary.value(QLatin1String("train_seconds")).toDouble() > 0);
        QVERIFY(summary.value(QLatin1String("train_samples_per_second")).toDouble() > 0);
        const int active = summary.value(QLatin1String("active_units")).toInt();
        QVERIFY(active >= 0 && active <= 2);
        QVERIFY2(!r.err.trimmed().isEmpty(), "no progress for people on stderr");

        const auto loaded = CheckpointIo::load(m_checkpoint);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QCOMPARE(loaded.value().epochsDone(), 2);
        QCOMPARE(loaded.value().config.model.hidden, 16);
        QCOMPARE(loaded.value().config.model.latent, 2);
        QCOMPARE(loaded.value().history.last().test.negElbo, negElbo);
    }

    void resumeContinues()
    {
        const QString resumed = m_dir.filePath(QStringLiteral("resumed.ckpt"));
        QVERIFY(QFile::copy(m_checkpoint, resumed));
        const Run r =
            run({QStringLiteral("train"), QStringLiteral("--resume"), resumed, QStringLiteral("--epochs"),
                 QStringLiteral("1"), QStringLiteral("--threads"), QStringLiteral("1"), QStringLiteral("--json")},
                m_dir.path());
        QVERIFY2(r.exitStatus == QProcess::NormalExit && r.exitCode == 0, qPrintable(describe(r)));
        bool allJson = false;
        const QVector<QJsonObject> lines = jsonLines(r.out, &allJson);
        QVERIFY(allJson);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.first().value(QLatin1String("epoch")).toInt(), 3); // 1-based, continuing the history
        QCOMPARE(lines.last().value(QLatin1String("epochs")).toInt(), 3);
        // People read the same numbering as the JSON: the third epoch of three, not "epoch 1/1".
        QVERIFY2(r.err.contains("epoch 3/3"), qPrintable(describe(r)));
        // Without --out, the resumed checkpoint is updated in place.
        const auto loaded = CheckpointIo::load(resumed);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QCOMPARE(loaded.value().epochsDone(), 3);
        QCOMPARE(loaded.value().config.model.hidden, 16);
    }

    void resumeCannotChangeTheModel()
    {
        const Run r =
            run({QStringLiteral("train"), QStringLiteral("--resume"), m_checkpoint, QStringLiteral("--latent"),
                 QStringLiteral("8"), QStringLiteral("--out"), m_dir.filePath(QStringLiteral("never.ckpt"))},
                m_dir.path());
        QVERIFY2(r.exitCode == 2, qPrintable(describe(r)));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("never.ckpt"))));
        QCOMPARE(CheckpointIo::load(m_checkpoint).value().epochsDone(), 2); // untouched
    }

    void resumeCannotChangeTheImages_data()
    {
        QTest::addColumn<QStringList>("change");
        QTest::addColumn<QString>("says");
        QTest::newRow("classes") << QStringList{"--classes", "0,1"} << "the same ones (classes 0,1 chosen)";
        QTest::newRow("validation") << QStringList{"--validation", "10"} << "hold out the same (10 chosen)";
        QTest::newRow("dataset") << QStringList{"--dataset", "fashion-mnist"} << "the same dataset";
    }

    void resumeCannotChangeTheImages()
    {
        // A continued run is the same run: other images would mix two histories, and other classes would leave a
        // checkpoint that names classes it did not see alone.
        QFETCH(QStringList, change);
        QFETCH(QString, says);
        const QString never = m_dir.filePath(QStringLiteral("never.ckpt"));
        const Run r = run(QStringList{QStringLiteral("train"), QStringLiteral("--resume"), m_checkpoint,
                                      QStringLiteral("--out"), never}
                              + change,
                          m_dir.path());
        QVERIFY2(r.exitCode == 2 && QString::fromLocal8Bit(r.err).contains(says), qPrintable(describe(r)));
        QVERIFY(!QFileInfo::exists(never));
        QCOMPARE(CheckpointIo::load(m_checkpoint).value().epochsDone(), 2); // untouched
    }

    void evalWithImportanceSamples()
    {
        const Run r = run({QStringLiteral("eval"), QStringLiteral("--checkpoint"), m_checkpoint,
                           QStringLiteral("--iw-samples"), QStringLiteral("5"), QStringLiteral("--json")},
                          m_dir.path());
        QVERIFY2(r.exitStatus == QProcess::NormalExit && r.exitCode == 0, qPrintable(describe(r)));
        bool allJson = false;
        const QVector<QJsonObject> lines = jsonLines(r.out, &allJson);
        QVERIFY(allJson);
        QCOMPARE(lines.size(), 1);
        const QJsonObject o = lines.first();
        QCOMPARE(o.value(QLatin1String("type")).toString(), QStringLiteral("summary"));
        QVERIFY2(o.value(QLatin1String("iw_nll")).isDouble(), qPrintable(describe(r)));
        const double iw = o.value(QLatin1String("iw_nll")).toDouble();
        const double negElbo = o.value(QLatin1String("test_neg_elbo")).toDouble();
        QVERIFY(std::isfinite(iw) && iw > 0);
        QVERIFY2(iw <= negElbo + 1.0, qPrintable(QStringLiteral("IW %1 vs -ELBO %2").arg(iw).arg(negElbo)));
        QCOMPARE(o.value(QLatin1String("iw_samples")).toInt(), 5);
        QVERIFY(o.value(QLatin1String("test_recon")).isDouble());
        QVERIFY(o.value(QLatin1String("test_kl")).isDouble());
    }

    void evalForPeople()
    {
        const Run r = run(
            {QStringLiteral("eval"), QStringLiteral("--checkpoint"), m_checkpoint, QStringLiteral("--dataset"), m_data},
            m_dir.path());
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(r.out.contains("-ELBO"), qPrintable(describe(r)));
    }

    void evalOnAMissingDataset()
    {
        const Run r = run({QStringLiteral("eval"), QStringLiteral("--checkpoint"), m_checkpoint,
                           QStringLiteral("--dataset"), QStringLiteral("/nonexistent")},
                          m_dir.path());
        QVERIFY2(r.exitCode == 1, qPrintable(describe(r)));
        QVERIFY(r.err.contains("/nonexistent"));
    }

    void generateWritesAPng()
    {
        const QString png = m_dir.filePath(QStringLiteral("g.png"));
        const Run r = run({QStringLiteral("generate"), QStringLiteral("--checkpoint"), m_checkpoint,
                           QStringLiteral("--count"), QStringLiteral("9"), QStringLiteral("--out"), png},
                          m_dir.path());
        QVERIFY2(r.exitStatus == QProcess::NormalExit && r.exitCode == 0, qPrintable(describe(r)));
        QImage image;
        QVERIFY(image.load(png, "PNG"));
        QCOMPARE(image.size(), QSize(3 * 29 + 1, 3 * 29 + 1)); // a 3×3 grid of 28×28 tiles with 1-pixel gaps
    }

    void generateToAnUnwritablePlace()
    {
        const Run r = run({QStringLiteral("generate"), QStringLiteral("--checkpoint"), m_checkpoint,
                           QStringLiteral("--out"), m_garbage + QStringLiteral("/g.png")},
                          m_dir.path());
        QVERIFY2(r.exitCode == 1, qPrintable(describe(r)));
        QVERIFY(r.err.contains("g.png"));
    }

    void trainToAnUnwritablePlace()
    {
        const QString out = m_garbage + QStringLiteral("/x.ckpt"); // under a regular file: fails even as root
        QStringList args = trainArguments(out, 1);
        const Run r = run(args, m_dir.path());
        QVERIFY2(r.exitStatus == QProcess::NormalExit && r.exitCode == 1, qPrintable(describe(r)));
        QVERIFY2(r.err.contains("x.ckpt"), qPrintable(describe(r)));
    }

    void interruptSavesTheCheckpoint()
    {
        // SIGTERM (as from a service manager or Ctrl+C's SIGINT) stops after the batch and still saves.
        const QString out = m_dir.filePath(QStringLiteral("interrupted.ckpt"));
        QStringList args = trainArguments(out, 100000);
        args << QStringLiteral("--batch") << QStringLiteral("1");
        QProcess p;
        p.setProcessEnvironment(environment());
        p.setWorkingDirectory(m_dir.path());
        p.start(QStringLiteral(LE_APP_PATH), args);
        QVERIFY(p.waitForStarted(10000));
        // Wait for the first epoch to be reported, so the signal handler is certainly installed.
        // (QTRY re-evaluates its condition, so the output read is accumulated rather than consumed.)
        QByteArray stdoutSoFar;
        QTRY_VERIFY_WITH_TIMEOUT((stdoutSoFar += p.readAllStandardOutput()).contains("\"epoch\"")
                                     || p.state() != QProcess::Running,
                                 kTimeoutMs);
        QCOMPARE(p.state(), QProcess::Running);
        p.terminate();
        QVERIFY(p.waitForFinished(kTimeoutMs));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 1); // stopped before the requested epochs: not a success
        const auto loaded = CheckpointIo::load(out);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QVERIFY(loaded.value().epochsDone() >= 1);
        const QString err = QString::fromLocal8Bit(p.readAllStandardError());
        QVERIFY(err.contains(QLatin1String("interrupted.ckpt")));
        // A long run says how long before it starts (100,000 epochs: many minutes); a short one does not.
        QVERIFY2(err.section(QLatin1Char('\n'), 0, 0).contains(QLatin1String("; expected time about ")),
                 qPrintable(err));
        const Run shortRun = run(trainArguments(m_dir.filePath(QStringLiteral("short.ckpt")), 1), m_dir.path());
        QVERIFY2(shortRun.exitCode == 0 && shortRun.err.startsWith("Training ")
                     && !shortRun.err.contains("expected time"),
                 qPrintable(describe(shortRun)));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
