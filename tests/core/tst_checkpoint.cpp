// Checkpoints: a save/load round trip keeps everything; a failed save leaves the previous file intact (damaged files:
// tst_checkpointdamage).

#include "checkpointfixture.h"
#include "datafiles.h"
#include "model/checkpoint.h"
#include "tinyconfig.h"
#include "training/trainer.h"
#include "training/trainingcontroller.h"
#include "util/jsonio.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <csignal>
#include <sys/resource.h>

using namespace CheckpointFixture;
using SyntheticData::Pattern;

namespace {

void compareHistories(const QVector<EpochStats> &a, const QVector<EpochStats> &b)
{
    QCOMPARE(a.size(), b.size());
    for (int i = 0; i < a.size(); ++i) {
        QCOMPARE(a[i].epoch, b[i].epoch);
        QCOMPARE(a[i].trainNegElbo, b[i].trainNegElbo);
        QCOMPARE(a[i].test.negElbo, b[i].test.negElbo);
        QCOMPARE(a[i].test.klPerDim, b[i].test.klPerDim);
        QCOMPARE(a[i].test.activeUnits, b[i].test.activeUnits);
        QCOMPARE(std::isnan(a[i].test.iwNll), std::isnan(b[i].test.iwNll));
        QCOMPARE(a[i].test.iwSamples, b[i].test.iwSamples);
        QCOMPARE(a[i].globalStep, b[i].globalStep);
        // Everything else, through the JSON form (NaN → null on both sides).
        QCOMPARE(JsonIo::toJson(a[i]), JsonIo::toJson(b[i]));
    }
}

} // namespace

class TestCheckpoint : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void roundTrip_data()
    {
        QTest::addColumn<int>("architecture");
        QTest::addColumn<int>("likelihood");
        QTest::addColumn<bool>("withOptimizer");
        QTest::addColumn<int>("epochs");
        QTest::newRow("mlp bernoulli with optimizer")
            << int(Architecture::Mlp) << int(Likelihood::Bernoulli) << true << 2;
        QTest::newRow("mlp gaussian, no optimizer, no history")
            << int(Architecture::Mlp) << int(Likelihood::Gaussian) << false << 0;
        QTest::newRow("conv bernoulli") << int(Architecture::Conv) << int(Likelihood::Bernoulli) << true << 1;
    }

    void roundTrip()
    {
        QFETCH(int, architecture);
        QFETCH(int, likelihood);
        QFETCH(bool, withOptimizer);
        QFETCH(int, epochs);
        ModelSpec spec = tinySpec();
        spec.architecture = Architecture(architecture);
        spec.likelihood = Likelihood(likelihood);
        const Checkpoint original = makeCheckpoint(spec, withOptimizer, epochs);

        const QString path = m_dir.filePath(QStringLiteral("roundtrip-%1.ckpt").arg(QTest::currentDataTag()));
        const Status saved = CheckpointIo::save(original, path);
        QVERIFY2(saved.ok(), qPrintable(saved.error()));
        const auto loaded = CheckpointIo::load(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        const Checkpoint &c = loaded.value();

        QCOMPARE(c.config.model, original.config.model);
        QCOMPARE(c.config.dataset, original.config.dataset);
        QCOMPARE(c.config.epochs, original.config.epochs);
        QCOMPARE(c.config.batchSize, original.config.batchSize);
        QCOMPARE(c.config.learningRate, original.config.learningRate);
        QCOMPARE(c.config.beta, original.config.beta);
        QCOMPARE(c.config.warmupEpochs, original.config.warmupEpochs);
        QCOMPARE(c.config.seed, original.config.seed);
        QCOMPARE(c.config.classes, original.config.classes);
        compareHistories(c.history, original.history);
        QCOMPARE(c.epochsDone(), epochs);
        QCOMPARE(c.weights, original.weights); // bit for bit
        QCOMPARE(c.optimizer.firstMoment, original.optimizer.firstMoment);
        QCOMPARE(c.optimizer.secondMoment, original.optimizer.secondMoment);
        QCOMPARE(c.optimizer.step, original.optimizer.step);
        QCOMPARE(c.globalStep, original.globalStep);

        // Serializing what was loaded gives the same bytes: nothing was lost or reinterpreted.
        QCOMPARE(CheckpointIo::serialize(c), fileBytes(path));

        const ModelSnapshot snap = c.snapshot();
        QCOMPARE(snap.spec, spec);
        QCOMPARE(snap.weights, original.weights);
        QCOMPARE(snap.epoch, epochs > 0 ? original.history.last().epoch : 0);
        QCOMPARE(snap.klPerDim, epochs > 0 ? original.history.last().test.klPerDim : QVector<double>());
    }

    void roundTripOfATrainedRun()
    {
        TrainConfig config = tinyConfig(Pattern::DottedBars, 1);
        config.model.hidden = 8;
        Trainer trainer(config, SyntheticData::split(Pattern::DottedBars, 50, 20, 7), std::nullopt);
        const TrainingResult result = trainer.runBlocking();
        QCOMPARE(result.outcome, RunOutcome::Completed);
        const QString path = m_dir.filePath(QStringLiteral("trained.ckpt"));
        QVERIFY(CheckpointIo::save(result.checkpoint, path).ok());
        const auto loaded = CheckpointIo::load(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QCOMPARE(loaded.value().config.model, config.model);
        QCOMPARE(loaded.value().config.seed, config.seed);
        QCOMPARE(loaded.value().weights, result.checkpoint.weights);
        QCOMPARE(loaded.value().weights.size(), weightCount(config.model));
        QCOMPARE(loaded.value().optimizer.firstMoment, result.checkpoint.optimizer.firstMoment);
        QCOMPARE(loaded.value().optimizer.step, result.checkpoint.optimizer.step);
        QCOMPARE(loaded.value().globalStep, result.checkpoint.globalStep);
        compareHistories(loaded.value().history, result.checkpoint.history);
    }

    void saveReplacesAnExistingFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("replace.ckpt"));
        QVERIFY(CheckpointIo::save(makeCheckpoint(tinySpec(), true, 1), path).ok());
        const Checkpoint second = makeCheckpoint(tinySpec(), false, 2);
        QVERIFY(CheckpointIo::save(second, path).ok());
        const auto loaded = CheckpointIo::load(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QCOMPARE(loaded.value().epochsDone(), 2);
        QVERIFY(loaded.value().optimizer.isEmpty());
    }

    void saveFailures_data()
    {
        QTest::addColumn<QString>("where");
        QTest::newRow("under a regular file") << "file";
        QTest::newRow("missing directory") << "missing";
        QTest::newRow("path is a directory") << "directory";
        QTest::newRow("under /proc") << "proc";
        QTest::newRow("a device") << "device"; // as root, the rename would replace /dev/null with a regular file
    }

    void saveFailures()
    {
        QFETCH(QString, where);
        QString path;
        if (where == QLatin1String("file")) {
            const QString file = m_dir.filePath(QStringLiteral("plain-file"));
            QVERIFY(DataFiles::writeBytes(file, "x"));
            path = file + QStringLiteral("/x.ckpt");
        } else if (where == QLatin1String("missing")) {
            path = m_dir.filePath(QStringLiteral("no/such/dir/x.ckpt"));
        } else if (where == QLatin1String("directory")) {
            path = m_dir.filePath(QStringLiteral("a-directory"));
            QVERIFY(QDir().mkpath(path));
        } else if (where == QLatin1String("device")) {
            path = QStringLiteral("/dev/null");
        } else {
            path = QStringLiteral("/proc/latent-explorer-test.ckpt");
        }
        const Status saved = CheckpointIo::save(makeCheckpoint(tinySpec(), true), path);
        QVERIFY2(!saved.ok(), "saving to an impossible place succeeded");
        QVERIFY2(saved.error().contains(path), qPrintable(saved.error()));
        if (where == QLatin1String("directory"))
            QVERIFY(QFileInfo(path).isDir());
        if (where == QLatin1String("device"))
            QVERIFY(!QFileInfo(path).isFile());
    }

    void failedSaveLeavesThePreviousFileIntact()
    {
        // Running as root, permissions cannot make a write fail; a file-size limit can (like a full disk).
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("keep.ckpt"));
        QVERIFY(CheckpointIo::save(makeCheckpoint(tinySpec(), true, 1), path).ok());
        const QByteArray before = fileBytes(path);
        QVERIFY(before.size() > 16384);

        rlimit old{};
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &old), 0);
        rlimit small = old;
        small.rlim_cur = 8192;
        const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
        const Status saved = CheckpointIo::save(makeCheckpoint(tinySpec(), true, 2), path);
        setrlimit(RLIMIT_FSIZE, &old);
        std::signal(SIGXFSZ, previousHandler);

        QVERIFY2(!saved.ok(), "a save that could not write everything reported success");
        QVERIFY2(saved.error().contains(path), qPrintable(saved.error()));
        QVERIFY2(saved.error().contains(QLatin1String("bytes were written")), qPrintable(saved.error()));
        QCOMPARE(fileBytes(path), before);
        QCOMPARE(CheckpointIo::load(path).value().epochsDone(), 1);
        // No temporary file left beside it.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("keep.ckpt")});
    }
};

QTEST_GUILESS_MAIN(TestCheckpoint)
#include "tst_checkpoint.moc"
