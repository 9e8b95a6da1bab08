// The command line keeps its word: output paths checked before any work, default names and stored dataset paths
// that work from another folder, help for every subcommand, defaults that hold, no option silently ignored.

#include "clirun.h"
#include "datafiles.h"
#include "model/checkpoint.h"
#include "syntheticdata.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace CliRun;

class TestCliIo : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_data;       // a tiny IDX folder
    QString m_checkpoint; // one epoch on it
    QString m_garbage;    // a file that is not a checkpoint

    QStringList trainArguments(const QString &dataset, int epochs) const
    {
        return {QStringLiteral("train"),    QStringLiteral("--dataset"), dataset,
                QStringLiteral("--hidden"), QStringLiteral("16"),        QStringLiteral("--latent"),
                QStringLiteral("2"),        QStringLiteral("--epochs"),  QString::number(epochs),
                QStringLiteral("--batch"),  QStringLiteral("32"),        QStringLiteral("--json")};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_data = m_dir.filePath(QStringLiteral("tiny"));
        QVERIFY(QDir().mkpath(m_data));
        const DataSplit split = SyntheticData::split(SyntheticData::Pattern::DottedBars, 200, 50, 7);
        QVERIFY(DataFiles::writeIdxPair(split.train, m_data, QStringLiteral("train")));
        QVERIFY(DataFiles::writeIdxPair(split.test, m_data, QStringLiteral("t10k")));
        m_garbage = m_dir.filePath(QStringLiteral("garbage.ckpt"));
        QVERIFY(DataFiles::writeBytes(m_garbage, QByteArray(4096, '\x42')));
        m_checkpoint = m_dir.filePath(QStringLiteral("one.ckpt"));
        const Run r = run(trainArguments(m_data, 1) << QStringLiteral("--out") << m_checkpoint, m_dir.path());
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    }

    void everyCommandSaysWhichImagesItSkipped()
    {
        // An image folder with one corrupt file among good ones: train and eval both name it (it must not vanish).
        const QString folder = m_dir.filePath(QStringLiteral("withbroken"));
        const DataSplit split = SyntheticData::split(SyntheticData::Pattern::DottedBars, 40, 10, 3);
        for (int i = 0; i < split.train.count(); ++i) {
            const QString dir = QStringLiteral("%1/c%2").arg(folder).arg(split.train.labels.at(i));
            QVERIFY(QDir().mkpath(dir));
            QVERIFY(split.train.image(i).save(QStringLiteral("%1/%2.png").arg(dir).arg(i)));
        }
        QVERIFY(DataFiles::writeBytes(folder + QStringLiteral("/c0/broken.png"), QByteArray("not a png")));
        const QString checkpoint = m_dir.filePath(QStringLiteral("folder.ckpt"));
        const Run trained = run(trainArguments(folder, 1) << QStringLiteral("--out") << checkpoint, m_dir.path());
        QVERIFY2(trained.exitCode == 0, qPrintable(describe(trained)));
        QVERIFY2(trained.err.contains("1 image file(s) skipped: c0/broken.png"), trained.err.constData());
        const Run evaluated = run({QStringLiteral("eval"), QStringLiteral("--checkpoint"), checkpoint}, m_dir.path());
        QVERIFY2(evaluated.exitCode == 0, qPrintable(describe(evaluated)));
        QVERIFY2(evaluated.err.contains("1 image file(s) skipped: c0/broken.png"), evaluated.err.constData());
    }

    void failsAtOnce_data()
    {
        QTest::addColumn<QStringList>("arguments"); // "@garbage", "@data", "@dir" are replaced by paths
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("stderrContains");
        QTest::newRow("train --out in a missing folder's folder")
            << QStringList{"train", "--dataset", "@data", "--out", "/nonexistent/deeper/x.ckpt"} << 1
            << "/nonexistent/deeper does not exist";
        QTest::newRow("train --out a folder")
            << QStringList{"train", "--dataset", "@data", "--out", "@dir"} << 1 << "is a folder";
        QTest::newRow("train --out a device")
            << QStringList{"train", "--dataset", "@data", "--out", "/dev/null"} << 1 << "not a regular file";
        QTest::newRow("transfer --out in a missing folder's folder")
            << QStringList{"transfer",  "--from", "@garbage",
                           "--dataset", "@data",  "--strategy",
                           "scratch",   "--out",  "/nonexistent/deeper/x.ckpt"}
            << 1 << "/nonexistent/deeper does not exist";
        QTest::newRow("train --classes a label the data lacks")
            << QStringList{"train", "--dataset", "@data", "--classes", "3,77"} << 1 << "no label 77";
        QTest::newRow("train --model conv --hidden 64")
            << QStringList{"train", "--dataset", "/nonexistent", "--model", "conv", "--hidden", "64"} << 1
            << "--hidden is ignored for --model conv";
        // --ways and --shots have defaults (5; 1,5): the run gets as far as reading the checkpoint.
        QTest::newRow("fewshot without --ways/--shots")
            << QStringList{"fewshot", "--checkpoint", "@garbage"} << 1 << "garbage.ckpt";
    }

    void failsAtOnce()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, stderrContains);
        for (QString &a : arguments)
            a.replace(QLatin1String("@garbage"), m_garbage)
                .replace(QLatin1String("@data"), m_data)
                .replace(QLatin1String("@dir"), m_dir.path());
        const Run r = run(arguments, m_dir.path());
        QVERIFY2(r.exitStatus == QProcess::NormalExit && r.exitCode == exitCode, qPrintable(describe(r)));
        QVERIFY2(QString::fromLocal8Bit(r.err).contains(stderrContains), qPrintable(describe(r)));
        QVERIFY2(!r.out.contains("\"epoch\""), qPrintable(describe(r))); // failed before the first epoch
    }

    void outFolderIsCreatedWhenItsParentExists()
    {
        const QString out = m_dir.filePath(QStringLiteral("new/run.ckpt"));
        const Run r = run(trainArguments(m_data, 1) << QStringLiteral("--out") << out, m_dir.path());
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY(CheckpointIo::load(out).ok());
    }

    void classesCountTheSubset()
    {
        const QString out = m_dir.filePath(QStringLiteral("classes.ckpt"));
        const Run r = run(trainArguments(m_data, 1)
                              << QStringLiteral("--classes") << QStringLiteral("0,1") << QStringLiteral("--out") << out,
                          m_dir.path());
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(r.err.contains("(40 train / 10 test images)"), qPrintable(describe(r))); // 2 of 10 classes
    }

    // Tab completion writes "tiny/": the checkpoint is tiny-mlp-z2.ckpt here, and stores the dataset absolute.
    void trailingSlashAndAnotherFolder()
    {
        QDir work(m_dir.filePath(QStringLiteral("work")));
        QVERIFY(QDir().mkpath(work.path()));
        const Run r = run(trainArguments(QStringLiteral("../tiny/"), 1), work.path());
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(r.err.contains("on ../tiny/"), qPrintable(describe(r))); // shown as given
        const QString written = work.filePath(QStringLiteral("tiny-mlp-z2.ckpt"));
        QVERIFY2(QFileInfo::exists(written), qPrintable(describe(r)));
        QVERIFY(QDir(m_data).entryList({QStringLiteral("*.ckpt")}).isEmpty());
        const auto loaded = CheckpointIo::load(written);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded.value().config.dataset, QDir(m_data).canonicalPath());
        // From another folder, eval finds the dataset the checkpoint names.
        const Run e = run({QStringLiteral("eval"), QStringLiteral("--checkpoint"), written}, QDir::rootPath());
        QVERIFY2(e.exitCode == 0, qPrintable(describe(e)));
    }

    void exportNeverReplacesADevice()
    {
        // Saving goes through a temporary file renamed over the target: as root, that rename would have turned
        // /dev/null into a regular file (it did to /dev/full once, from `export --pytorch`).
        const Run r = run({QStringLiteral("export"), QStringLiteral("--checkpoint"), m_checkpoint,
                           QStringLiteral("--pytorch"), QStringLiteral("/dev/null")},
                          m_dir.path());
        QVERIFY2(r.exitStatus == QProcess::NormalExit && r.exitCode == 1, qPrintable(describe(r)));
        QVERIFY2(r.err.contains("not a regular file"), qPrintable(describe(r)));
        QVERIFY(!QFileInfo(QStringLiteral("/dev/null")).isFile());
    }

    void helpForEverySubcommand_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("flag");
        for (const char *command :
             {"train", "eval", "generate", "transfer", "fewshot", "export", "import", "encode", "info"})
            for (const char *flag : {"--help", "--help-all", "-h"})
                QTest::addRow("%s %s", command, flag) << QString::fromLatin1(command) << QString::fromLatin1(flag);
    }

    // Help prints and exits 0, never trains; its usage line names the command even when the binary's own path
    // contains "latent-explorer" twice.
    void helpForEverySubcommand()
    {
        QFETCH(QString, command);
        QFETCH(QString, flag);
        const QString folder = m_dir.filePath(QStringLiteral("latent-explorer-1.0"));
        QVERIFY(QDir().mkpath(folder));
        const QString binary = folder + QStringLiteral("/latent-explorer");
        QVERIFY(QFileInfo::exists(binary) || QFile::link(QStringLiteral(LE_APP_PATH), binary));
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("LATENT_EXPLORER_ENGINE"), QStringLiteral(LE_ENGINE_PATH));
        const QString cwd = m_dir.filePath(QStringLiteral("help-") + command);
        QVERIFY(QDir().mkpath(cwd));
        const Run r = run({command, flag}, cwd, env, binary);
        QVERIFY2(r.exitStatus == QProcess::NormalExit && r.exitCode == 0, qPrintable(describe(r)));
        const QString firstLine = QString::fromLocal8Bit(r.out).section(QLatin1Char('\n'), 0, 0);
        QCOMPARE(firstLine, QStringLiteral("Usage: latent-explorer %1 [options]").arg(command));
        QVERIFY2(!r.out.contains("\"epoch\"") && QDir(cwd).isEmpty(), qPrintable(describe(r)));
    }

    // The −ELBO does not depend on whether the importance-weighted bound is also computed.
    void evalAgreesWithAndWithoutImportanceSamples()
    {
        const QStringList base{QStringLiteral("eval"), QStringLiteral("--checkpoint"), m_checkpoint,
                               QStringLiteral("--json")};
        const Run plain = run(base, m_dir.path());
        const Run iw = run(QStringList(base) << QStringLiteral("--iw-samples") << QStringLiteral("1"), m_dir.path());
        QVERIFY2(plain.exitCode == 0, qPrintable(describe(plain)));
        QVERIFY2(iw.exitCode == 0, qPrintable(describe(iw)));
        bool allJson = false;
        const double a = jsonLines(plain.out, &allJson).value(0).value(QLatin1String("test_neg_elbo")).toDouble();
        const double b = jsonLines(iw.out, &allJson).value(0).value(QLatin1String("test_neg_elbo")).toDouble();
        QVERIFY(a > 0);
        QCOMPARE(a, b);
        const Run people = run({QStringLiteral("eval"), QStringLiteral("--checkpoint"), m_checkpoint,
                                QStringLiteral("--iw-samples"), QStringLiteral("1")},
                               m_dir.path());
        QVERIFY2(people.err.contains("analytic KL"), qPrintable(describe(people))); // why IW-1 differs
    }

    // What TensorBoard's Embedding Projector loads: one row of mu per image, a metadata header, a square sprite.
    void encodeWritesProjectorFiles()
    {
        const QString out = m_dir.filePath(QStringLiteral("projector"));
        const Run r =
            run({QStringLiteral("encode"), QStringLiteral("--checkpoint"), m_checkpoint, QStringLiteral("--out"), out},
                m_dir.path());
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const auto lines = [&](const QString &name) {
            QFile f(QDir(out).filePath(name));
            return f.open(QIODevice::ReadOnly)
                ? QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts)
                : QStringList();
        };
        const QStringList tensors = lines(QStringLiteral("tensors.tsv"));
        QCOMPARE(tensors.size(), 50);                                 // the test split
        QCOMPARE(tensors.first().split(QLatin1Char('\t')).size(), 2); // latent 2
        const QStringList metadata = lines(QStringLiteral("metadata.tsv"));
        QCOMPARE(metadata.size(), 51);
        QCOMPARE(metadata.first(), QStringLiteral("label\tclass"));
        QCOMPARE(metadata.at(1).split(QLatin1Char('\t')).size(), 2);
        QImage sprite;
        QVERIFY(sprite.load(QDir(out).filePath(QStringLiteral("sprite.png"))));
        QCOMPARE(sprite.size(), QSize(8 * 28, 8 * 28)); // 50 images in an 8 × 8 grid
        const QString config = lines(QStringLiteral("projector_config.pbtxt")).join(QLatin1Char('\n'));
        QVERIFY2(config.contains(QLatin1String("tensor_path: \"tensors.tsv\""))
                     && config.contains(QLatin1String("single_image_dim: 28")),
                 qPrintable(config));
    }

    void infoDescribesACheckpoint()
    {
        const Run r =
            run({QStringLiteral("info"), QStringLiteral("--checkpoint"), m_checkpoint, QStringLiteral("--json")},
                m_dir.path());
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        bool allJson = false;
        const QJsonObject o = jsonLines(r.out, &allJson).value(0);
        QVERIFY(allJson);
        QCOMPARE(o.value(QLatin1String("model")).toString(), QStringLiteral("mlp"));
        QCOMPARE(o.value(QLatin1String("likelihood")).toString(), QStringLiteral("bernoulli"));
        QCOMPARE(o.value(QLatin1String("dataset")).toString(), m_data);
        QCOMPARE(o.value(QLatin1String("epochs")).toInt(), 1);
        QCOMPARE(o.value(QLatin1String("history_length")).toInt(), 1);
        QVERIFY(o.value(QLatin1String("test_neg_elbo")).toDouble() > 0);
        const Run people = run({QStringLiteral("info"), QStringLiteral("--checkpoint"), m_checkpoint}, m_dir.path());
        QVERIFY2(people.exitCode == 0 && people.out.contains("test -ELBO"), qPrintable(describe(people)));
    }

    // The suffix chooses the format (JPEG data in a .jpg); --scale enlarges the 3 × 3 grid of 29-pixel cells.
    void generateWritesAJpegAtScale()
    {
        const QString jpg = m_dir.filePath(QStringLiteral("g.jpg"));
        const Run r =
            run({QStringLiteral("generate"), QStringLiteral("--checkpoint"), m_checkpoint, QStringLiteral("--count"),
                 QStringLiteral("9"), QStringLiteral("--scale"), QStringLiteral("3"), QStringLiteral("--out"), jpg},
                m_dir.path());
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QFile f(jpg);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.read(3) == QByteArray("\xff\xd8\xff")); // a JPEG's start-of-image marker
        QImage image;
        QVERIFY(image.load(jpg));
        QCOMPARE(image.size(), QSize(3 * (3 * 29 + 1), 3 * (3 * 29 + 1)));
    }

    void aRunStoppedInItsFirstEpochLeavesTheFileAlone()
    {
        // `--out` names a file that exists (an earlier model): stopped before any epoch finished, the run trained
        // nothing, and its untrained weights must not replace it. 5,000 images one at a time through 2,048 hidden
        // units: the first epoch takes seconds.
        const QString data = m_dir.filePath(QStringLiteral("slow"));
        const DataSplit split = SyntheticData::split(SyntheticData::Pattern::DottedBars, 5000, 50, 3);
        QVERIFY(QDir().mkpath(data) && DataFiles::writeIdxPair(split.train, data, QStringLiteral("train"))
                && DataFiles::writeIdxPair(split.test, data, QStringLiteral("t10k")));
        const QString out = m_dir.filePath(QStringLiteral("earlier.ckpt"));
        const QByteArray earlier("an earlier model");
        QVERIFY(DataFiles::writeBytes(out, earlier));
        QStringList args = trainArguments(data, 1)
            << QStringLiteral("--out") << out << QStringLiteral("--threads") << QStringLiteral("1");
        args.replace(args.indexOf(QStringLiteral("--hidden")) + 1, QStringLiteral("2048"));
        args.replace(args.indexOf(QStringLiteral("--batch")) + 1, QStringLiteral("1"));
        QProcess p;
        p.setProcessEnvironment(environment());
        p.start(QStringLiteral(LE_APP_PATH), args);
        QVERIFY(p.waitForStarted(10000));
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT(
            (err += p.readAllStandardError()).contains("Training ") || p.state() != QProcess::Running, kTimeoutMs);
        QTest::qWait(1000); // the interrupt handler is in place; the first epoch is under way
        QCOMPARE(p.state(), QProcess::Running);
        p.terminate();
        QVERIFY(p.waitForFinished(kTimeoutMs));
        err += p.readAllStandardError();
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 1);
        QVERIFY2(err.contains("nothing was saved") && err.contains("earlier.ckpt is unchanged"), err.constData());
        QFile kept(out);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), earlier);
    }
};

QTEST_GUILESS_MAIN(TestCliIo)
#include "tst_cli_io.moc"
