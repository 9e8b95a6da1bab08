// Fault tests of saving: full and read-only disks and a process killed while saving (the runs' faults:
// tst_faulttraining). Each states what the user is promised.

#include "interop/pytorchinterop.h"
#include "model/checkpoint.h"
#include "tinyconfig.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstring>
#include <memory>
#include <sys/mount.h>
#include <unistd.h>

using SyntheticData::Pattern;

namespace {

/// Number of weights of the MLP VAE 784-hidden-latent, counted independently of core (the checkpoint format checks
/// it against the architecture).
constexpr qint64 mlpParameterCount(qint64 hidden, qint64 latent)
{
    return (784 * hidden + hidden) + (hidden * 2 * latent + 2 * latent) + (latent * hidden + hidden)
        + (hidden * 784 + 784);
}

/// A tmpfs of a given size mounted on a temporary folder (needs CAP_SYS_ADMIN); unmounted on destruction.
class TinyFilesystem
{
public:
    explicit TinyFilesystem(const QByteArray &options)
    {
        if (m_dir.isValid())
            m_mounted =
                ::mount("tmpfs", QFile::encodeName(m_dir.path()).constData(), "tmpfs", 0, options.constData()) == 0;
        if (!m_mounted)
            m_error = QString::fromLocal8Bit(std::strerror(errno));
    }
    ~TinyFilesystem()
    {
        if (m_mounted)
            ::umount2(QFile::encodeName(m_dir.path()).constData(), MNT_DETACH);
    }
    bool isMounted() const { return m_mounted; }
    QString error() const { return m_error; }
    QString path() const { return m_dir.path(); }
    QString filePath(const QString &name) const { return m_dir.filePath(name); }
    bool remountReadOnly()
    {
        return ::mount("tmpfs", QFile::encodeName(m_dir.path()).constData(), "tmpfs", MS_REMOUNT | MS_RDONLY, nullptr)
            == 0;
    }

private:
    QTemporaryDir m_dir;
    bool m_mounted = false;
    QString m_error;
};

/// A checkpoint with recognisable contents, without training (sizes fit the declared MLP).
Checkpoint syntheticCheckpoint(int hidden, int latent, float value, bool withOptimizer)
{
    Checkpoint c;
    c.config = tinyConfig(Pattern::Bars, 1, hidden, latent);
    c.weights = QVector<float>(mlpParameterCount(hidden, latent), value);
    if (withOptimizer) {
        c.optimizer.firstMoment = QVector<float>(c.weights.size(), value / 2);
        c.optimizer.secondMoment = QVector<float>(c.weights.size(), value / 4);
        c.optimizer.step = 7;
    }
    c.globalStep = qint64(value);
    return c;
}

QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name);
}

/// The child side of sigkillDuringSave: saves ever-newer checkpoints to one path until it is killed, announcing each
/// save before it starts and after it returns (stdout unbuffered, so the parent sees where the kill landed).
int saveForever(const QString &path)
{
    std::setvbuf(stdout, nullptr, _IONBF, 0);
    for (int i = 1;; ++i) {
        // ~5 M floats with the optimizer state: ~20 MB per save, so a kill often lands inside one.
        const Checkpoint c = syntheticCheckpoint(1024, 32, float(i), true);
        std::printf("begin %d\n", i);
        if (Status s = CheckpointIo::save(c, path); !s) {
            std::fprintf(stderr, "%s\n", qPrintable(s.error()));
            return 1;
        }
        std::printf("saved %d\n", i);
    }
}

} // namespace

class TestFault : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCOMPARE(mlpParameterCount(4, 2), qint64(7092)); // the formula agrees with the format's tests
    }

    // --- saving ------------------------------------------------------------------------------------------------

    void saveIntoFullFilesystemKeepsPreviousCheckpoint()
    {
        TinyFilesystem fs("size=256k");
        if (!fs.isMounted())
            QSKIP(qPrintable(
                QStringLiteral("cannot mount a tmpfs here (%1); needs root or CAP_SYS_ADMIN").arg(fs.error())));
        const QString path = fs.filePath(QStringLiteral("run.ckpt"));
        const Checkpoint previous = syntheticCheckpoint(4, 2, 1.5f, true);
        QVERIFY(CheckpointIo::save(previous, path).ok());

        // Fill the rest of the filesystem.
        QFile filler(fs.filePath(QStringLiteral("filler")));
        QVERIFY(filler.open(QIODevice::WriteOnly));
        const QByteArray block(4096, 'x');
        while (filler.write(block) == block.size() && filler.flush()) { }
        filler.close();

        const Status saved = CheckpointIo::save(syntheticCheckpoint(4, 2, 2.5f, true), path);
        QVERIFY(!saved.ok());
        qInfo("full filesystem: %s", qPrintable(saved.error()));
        QVERIFY2(saved.error().contains(path) && saved.error().contains(QLatin1String("previous file is unchanged")),
                 qPrintable(saved.error()));
        const auto reloaded = CheckpointIo::load(path);
        QVERIFY2(reloaded.ok(), qPrintable(reloaded.error()));
        QCOMPARE(reloaded.value().weights, previous.weights);
        QCOMPARE(filesIn(fs.path()),
                 QStringList({QStringLiteral("filler"), QStringLiteral("run.ckpt")})); // no temp file left

        // The PyTorch export takes the same care.
        const QString exportPath = fs.filePath(QStringLiteral("run.pt"));
        const Status exported = PyTorchInterop::exportStateDict(previous.snapshot(), exportPath);
        QVERIFY(!exported.ok());
        qInfo("full filesystem, export: %s", qPrintable(exported.error()));
        QVERIFY(!QFile::exists(exportPath));
    }

    void saveIntoReadOnlyLocationKeepsPreviousCheckpoint()
    {
        const Checkpoint previous = syntheticCheckpoint(4, 2, 3.0f, true);
        std::unique_ptr<TinyFilesystem> fs;
        QTemporaryDir dir;
        QString folder = dir.path();
        if (::geteuid() == 0) {
            // Permissions do not bind root: a read-only mount does.
            fs = std::make_unique<TinyFilesystem>("size=256k");
            if (!fs->isMounted())
                QSKIP(qPrintable(QStringLiteral("running as root and cannot mount a tmpfs (%1)").arg(fs->error())));
            folder = fs->path();
        }
        const QString path = QDir(folder).filePath(QStringLiteral("run.ckpt"));
        QVERIFY(CheckpointIo::save(previous, path).ok());
        if (fs) {
            QVERIFY2(fs->remountReadOnly(), std::strerror(errno));
        } else {
            QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner));
        }

        const Status saved = CheckpointIo::save(syntheticCheckpoint(4, 2, 4.0f, true), path);
        if (!fs)
            QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QVERIFY(!saved.ok());
        qInfo("read-only location: %s", qPrintable(saved.error()));
        QVERIFY2(saved.error().contains(path), qPrintable(saved.error()));
        const auto reloaded = CheckpointIo::load(path);
        QVERIFY2(reloaded.ok(), qPrintable(reloaded.error()));
        QCOMPARE(reloaded.value().weights, previous.weights);
        QCOMPARE(filesIn(folder), QStringList(QStringLiteral("run.ckpt")));
    }

    void sigkillDuringSaveLeavesALoadableCheckpoint()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("run.ckpt"));
        QRandomGenerator rng(42);
        constexpr int kKills = 12;
        int killedMidWrite = 0;
        for (int round = 0; round < kKills; ++round) {
            QProcess child;
            child.setProgram(QCoreApplication::applicationFilePath());
            child.setArguments({QStringLiteral("--save-forever"), path});
            child.start();
            QVERIFY(child.waitForStarted());
            // Wait for one finished save in this round, timing it; then wait for the next save to begin and kill at a
            // random moment up to 1.5 saves later: mostly inside it, sometimes just after. Timed, not fixed: under
            // ThreadSanitizer building the next checkpoint outlasted a fixed 20–400 ms window, so no kill landed in a save.
            QByteArray out;
            QElapsedTimer clock;
            clock.start();
            qint64 beganMs = -1;
            while (!out.contains("saved ")) { // the file exists and holds a complete save
                QVERIFY2(child.waitForReadyRead(60000), "the saving child reported nothing");
                out += child.readAllStandardOutput();
                if (beganMs < 0 && out.contains("begin "))
                    beganMs = clock.elapsed();
            }
            const qint64 saveMs = std::max<qint64>(2, clock.elapsed() - std::max<qint64>(0, beganMs));
            const int begunBefore = out.count("begin ");
            while (out.count("begin ") == begunBefore) {
                QVERIFY2(child.waitForReadyRead(60000), "the saving child did not begin another save");
                out += child.readAllStandardOutput();
            }
            QTest::qWait(int(rng.bounded(qint64(1), saveMs * 3 / 2 + 1)));
            out += child.readAllStandardOutput();
            ::kill(pid_t(child.processId()), SIGKILL);
            QVERIFY(child.waitForFinished(10000));
            QCOMPARE(child.exitStatus(), QProcess::CrashExit);
            out += child.readAllStandardOutput();
            const QList<QByteArray> lines = out.trimmed().split('\n');
            const QByteArray last = lines.last();
            const int lastNumber = last.mid(last.indexOf(' ') + 1).toInt();
            // "begin N" last: killed inside save N, so the file holds save N-1, or N if its rename had just happened.
            // "saved N" last: killed between saves; the file holds save N.
            const bool insideSave = last.startsWith("begin");
            killedMidWrite += insideSave ? 1 : 0;
            // Linux QSaveFile writes an unnamed O_TMPFILE and links it at commit: a kill leaves no temporary file.
            QCOMPARE(filesIn(dir.path()), QStringList(QStringLiteral("run.ckpt")));

            const auto loaded = CheckpointIo::load(path);
            QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
            const qint64 step = loaded.value().globalStep;
            QVERIFY2(insideSave ? (step == lastNumber - 1 || step == lastNumber) : step == lastNumber,
                     qPrintable(QStringLiteral("file holds save %1, child's last line '%2'")
                                    .arg(step)
                                    .arg(QString::fromLatin1(last))));
            QVERIFY(std::all_of(loaded.value().weights.begin(), loaded.value().weights.end(),
                                [&](float w) { return w == float(step); }));
        }
        qInfo("SIGKILL: %d kills, %d of them inside a save, the previous or the new checkpoint always loaded intact",
              kKills, killedMidWrite);
        QVERIFY2(killedMidWrite > 0, "no kill landed inside a save; the test did not test anything");
    }
};

int main(int argc, char **argv)
{
    // The SIGKILL test re-runs this executable as the process to kill.
    if (argc == 3 && std::strcmp(argv[1], "--save-forever") == 0) {
        QCoreApplication app(argc, argv);
        return saveForever(QString::fromLocal8Bit(argv[2]));
    }
    QCoreApplication app(argc, argv);
    TestFault test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_fault.moc"
