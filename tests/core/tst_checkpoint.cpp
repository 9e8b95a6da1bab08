// Checkpoints: a save/load round trip keeps everything; every kind of damage is refused with a message naming
// the file; a failed save leaves the previous file intact.

#include "datafiles.h"
#include "model/checkpoint.h"
#include "tinyconfig.h"
#include "training/trainer.h"
#include "training/trainingcontroller.h"
#include "util/jsonio.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <cmath>
#include <csignal>
#include <sys/resource.h>

using SyntheticData::Pattern;

namespace {

/// The number of floats in a model, counted from the architecture the issue describes (independently of core).
qint64 weightCount(const ModelSpec &spec)
{
    const qint64 l = spec.latent;
    if (spec.architecture == Architecture::Conv) {
        const qint64 encoder = (1 * 32 * 16 + 32) + (32 * 64 * 16 + 64) + (3136 * 256 + 256) + (256 * 2 * l + 2 * l);
        const qint64 decoder = (l * 256 + 256) + (256 * 3136 + 3136) + (64 * 32 * 16 + 32) + (32 * 1 * 16 + 1);
        return encoder + decoder;
    }
    const qint64 h = spec.hidden;
    return (784 * h + h) + (h * 2 * l + 2 * l) + (l * h + h) + (h * 784 + 784);
}

QVector<float> randomFloats(qint64 n, quint32 seed, double scale = 1.0)
{
    QRandomGenerator rng(seed);
    QVector<float> v(n);
    for (float &x : v)
        x = float((rng.generateDouble() * 2 - 1) * scale);
    return v;
}

EpochStats epochStats(int epoch, int latent)
{
    EpochStats e;
    e.epoch = epoch;
    e.beta = 0.5 + epoch;
    e.trainRecon = 200.25 - epoch;
    e.trainKl = 10.5 + epoch;
    e.trainNegElbo = e.trainRecon + e.trainKl;
    e.trainSeconds = 1.75;
    e.samplesPerSecond = 12345.5;
    e.globalStep = 100 * (epoch + 1);
    e.test.recon = 190.125;
    e.test.kl = 12.0625;
    e.test.negElbo = e.test.recon + e.test.kl;
    for (int d = 0; d < latent; ++d)
        e.test.klPerDim.append(0.25 * d);
    e.test.activeUnits = latent / 2;
    e.test.samples = 1000;
    if (epoch == 1) {
        e.test.iwNll = 195.5;
        e.test.iwSamples = 50;
    }
    return e;
}

Checkpoint makeCheckpoint(const ModelSpec &spec, bool withOptimizer, int epochs = 2)
{
    Checkpoint c;
    c.config.model = spec;
    c.config.dataset = QStringLiteral("/data/some folder/ünïcode");
    c.config.epochs = 7;
    c.config.batchSize = 64;
    c.config.learningRate = 2.5e-4;
    c.config.beta = 4.0;
    c.config.warmupEpochs = 3;
    c.config.seed = 18446744073709551557ULL; // larger than a double holds exactly
    c.config.classes = {1, 3, 5};
    for (int e = 0; e < epochs; ++e)
        c.history.append(epochStats(e, spec.latent));
    const qint64 n = weightCount(spec);
    c.weights = randomFloats(n, 1, 0.5);
    if (withOptimizer) {
        c.optimizer.firstMoment = randomFloats(n, 2, 1e-3);
        c.optimizer.secondMoment = randomFloats(n, 3, 1e-6);
        for (float &v : c.optimizer.secondMoment)
            v = std::fabs(v);
        c.optimizer.step = 4321;
    }
    c.globalStep = 4321;
    return c;
}

ModelSpec tinySpec()
{
    ModelSpec s;
    s.hidden = 4;
    s.latent = 2;
    return s;
}

/// A checkpoint file split into its JSON header and its payload, so a test can damage one and reassemble.
struct Parts
{
    QJsonObject header;
    QByteArray payload;
};

Parts splitFile(const QByteArray &bytes)
{
    const quint32 headerSize = qFromBigEndian<quint32>(bytes.constData() + 12);
    return {QJsonDocument::fromJson(bytes.mid(16, headerSize)).object(), bytes.mid(16 + headerSize)};
}

QByteArray assemble(const QByteArray &json, const QByteArray &payload, quint32 version = 1)
{
    QByteArray out("LEXCKPT\n");
    char word[4];
    qToBigEndian<quint32>(version, word);
    out.append(word, 4);
    qToBigEndian<quint32>(quint32(json.size()), word);
    out.append(word, 4);
    return out + json + payload;
}

QByteArray assemble(const QJsonObject &header, const QByteArray &payload)
{
    return assemble(QJsonDocument(header).toJson(QJsonDocument::Compact), payload);
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

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
    QByteArray m_good; // a valid serialized checkpoint of tinySpec()

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_good = CheckpointIo::serialize(makeCheckpoint(tinySpec(), true));
        QVERIFY(CheckpointIo::parse(m_good, QStringLiteral("good")).ok());
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

    void loadErrors_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected"); // a phrase the message must contain

        const QByteArray good = m_good;
        const Parts parts = splitFile(good);
        const qint64 headerEnd = good.size() - parts.payload.size();
        auto edited = [&](auto edit) {
            QJsonObject h = parts.header;
            edit(h);
            return assemble(h, parts.payload);
        };
        auto withConfig = [&](auto edit) {
            return edited([&](QJsonObject &h) {
                QJsonObject c = h[QLatin1String("config")].toObject();
                edit(c);
                h[QLatin1String("config")] = c;
            });
        };

        QTest::newRow("empty file") << QByteArray() << "signature";
        QTest::newRow("bad magic") << (QByteArray("LEXCKPT?") + good.mid(8)) << "signature";
        QTest::newRow("garbage") << QByteArray(3000, '\x5c') << "signature";
        QTest::newRow("text") << QByteArray("{\"format\": \"latent-explorer checkpoint\"}\n") << "signature";
        QTest::newRow("wrong version") << assemble(QJsonDocument(parts.header).toJson(), parts.payload, 2)
                                       << "version 2";
        QTest::newRow("version 0") << assemble(QJsonDocument(parts.header).toJson(), parts.payload, 0) << "version 0";
        QTest::newRow("truncated at 4") << good.left(4) << "signature";
        QTest::newRow("truncated at 12") << good.left(12) << "signature";
        QTest::newRow("truncated at 20") << good.left(20) << "truncated";
        QTest::newRow("truncated in the header") << good.left(headerEnd / 2) << "truncated";
        QTest::newRow("truncated after the header") << good.left(headerEnd) << "truncated";
        QTest::newRow("truncated in the weights") << good.left(headerEnd + 1001) << "truncated";
        QTest::newRow("last byte missing") << good.left(good.size() - 1) << "truncated";
        QTest::newRow("extra bytes") << (good + "abcd") << "unexpected bytes";
        QTest::newRow("absurd header size")
            << (good.left(12) + QByteArray("\xff\xff\xff\xf0", 4) + good.mid(16)) << "truncated";
        {
            QByteArray flipped = good;
            flipped[headerEnd + 777] = char(flipped[headerEnd + 777] ^ 0x01);
            QTest::newRow("one weight byte flipped") << flipped << "checksum";
            QByteArray last = good;
            last[last.size() - 1] = char(last[last.size() - 1] ^ 0x80);
            QTest::newRow("last optimizer byte flipped") << last << "checksum";
        }
        QTest::newRow("header is not JSON") << assemble(QByteArray("{ this is not json"), parts.payload) << "damaged";
        QTest::newRow("header is a JSON array") << assemble(QByteArray("[1, 2, 3]"), parts.payload) << "damaged";
        QTest::newRow("config is a string")
            << edited([](QJsonObject &h) { h[QLatin1String("config")] = QStringLiteral("mlp"); })
            << "training settings are missing";
        QTest::newRow("config missing") << edited([](QJsonObject &h) { h.remove(QLatin1String("config")); })
                                        << "training settings are missing";
        QTest::newRow("config without dataset")
            << withConfig([](QJsonObject &c) { c.remove(QLatin1String("dataset")); }) << "'dataset'";
        QTest::newRow("config without model")
            << withConfig([](QJsonObject &c) { c.remove(QLatin1String("model")); }) << "'model'";
        QTest::newRow("unknown architecture") << withConfig([](QJsonObject &c) {
            QJsonObject m = c[QLatin1String("model")].toObject();
            m[QLatin1String("architecture")] = QStringLiteral("transformer");
            c[QLatin1String("model")] = m;
        }) << "transformer";
        QTest::newRow("negative learning rate")
            << withConfig([](QJsonObject &c) { c[QLatin1String("learning_rate")] = -1.0; }) << "learning rate";
        QTest::newRow("seed not a number")
            << withConfig([](QJsonObject &c) { c[QLatin1String("seed")] = QStringLiteral("x"); }) << "'seed'";
        QTest::newRow("history missing") << edited([](QJsonObject &h) { h.remove(QLatin1String("history")); })
                                         << "history is missing";
        QTest::newRow("history entry is a number") << edited([](QJsonObject &h) {
            h[QLatin1String("history")] = QJsonArray{1, 2};
        }) << "history is damaged";
        QTest::newRow("history entry without test") << edited([](QJsonObject &h) {
            QJsonArray a = h[QLatin1String("history")].toArray();
            QJsonObject e = a[0].toObject();
            e.remove(QLatin1String("test"));
            a[0] = e;
            h[QLatin1String("history")] = a;
        }) << "'test'";
        QTest::newRow("model latent edited (shapes no longer match)") << withConfig([](QJsonObject &c) {
            QJsonObject m = c[QLatin1String("model")].toObject();
            m[QLatin1String("latent")] = 3;
            c[QLatin1String("model")] = m;
        }) << "names or shapes";
        QTest::newRow("a parameter shape edited") << edited([](QJsonObject &h) {
            QJsonArray params = h[QLatin1String("parameters")].toArray();
            QJsonObject p = params[0].toObject();
            p[QLatin1String("shape")] = QJsonArray{5, 784};
            params[0] = p;
            h[QLatin1String("parameters")] = params;
        }) << "names or shapes";
        QTest::newRow("parameters missing")
            << edited([](QJsonObject &h) { h.remove(QLatin1String("parameters")); }) << "names or shapes";
        QTest::newRow("wrong weight_count")
            << edited([](QJsonObject &h) { h[QLatin1String("weight_count")] = 7000; }) << "7000 weights";
        QTest::newRow("weight_count missing")
            << edited([](QJsonObject &h) { h.remove(QLatin1String("weight_count")); }) << "weights";
        QTest::newRow("weight_count is text")
            << edited([](QJsonObject &h) { h[QLatin1String("weight_count")] = QStringLiteral("7092"); }) << "weights";
        QTest::newRow("wrong adam_count")
            << edited([](QJsonObject &h) { h[QLatin1String("adam_count")] = 12; }) << "optimizer state has 12";
        QTest::newRow("checksum missing")
            << edited([](QJsonObject &h) { h.remove(QLatin1String("payload_sha256")); }) << "checksum";
        {
            // Valid in every respect except that a weight is NaN (checksum recomputed to match).
            QByteArray payload = parts.payload;
            const float nan = std::numeric_limits<float>::quiet_NaN();
            qToLittleEndian<float>(nan, payload.data() + 40);
            QJsonObject h = parts.header;
            h[QLatin1String("payload_sha256")] =
                QString::fromLatin1(QCryptographicHash::hash(payload, QCryptographicHash::Sha256).toHex());
            QTest::newRow("NaN weight") << assemble(h, payload) << "NaN";
        }
    }

    void loadErrors()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        const QString name =
            QStringLiteral("damaged-%1.ckpt")
                .arg(QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('_')));
        const QString path = m_dir.filePath(name);
        QVERIFY(DataFiles::writeBytes(path, bytes));
        const auto loaded = CheckpointIo::load(path);
        QVERIFY2(!loaded.ok(), "a damaged checkpoint was accepted");
        qInfo("%s", qPrintable(loaded.error()));
        QVERIFY2(loaded.error().contains(name), qPrintable(loaded.error()));
        QVERIFY2(loaded.error().contains(expected), qPrintable(loaded.error()));
        // Qt's parser reports "no error occurred" for valid JSON that is not an object: not a reason a person can use.
        QVERIFY2(!loaded.error().contains(QLatin1String("no error occurred")), qPrintable(loaded.error()));
    }

    void loadMissingFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("no-such.ckpt"));
        const auto loaded = CheckpointIo::load(path);
        QVERIFY(!loaded.ok());
        QVERIFY2(loaded.error().contains(path), qPrintable(loaded.error()));
        QVERIFY2(loaded.error().contains(QLatin1String("does not exist")), qPrintable(loaded.error()));
    }

    void loadDirectory()
    {
        const auto loaded = CheckpointIo::load(m_dir.path());
        QVERIFY(!loaded.ok());
        QVERIFY2(!loaded.error().isEmpty(), "no message");
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
        } else {
            path = QStringLiteral("/proc/latent-explorer-test.ckpt");
        }
        const Status saved = CheckpointIo::save(makeCheckpoint(tinySpec(), true), path);
        QVERIFY2(!saved.ok(), "saving to an impossible place succeeded");
        QVERIFY2(saved.error().contains(path), qPrintable(saved.error()));
        if (where == QLatin1String("directory"))
            QVERIFY(QFileInfo(path).isDir());
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
        QCOMPARE(fileBytes(path), before);
        QCOMPARE(CheckpointIo::load(path).value().epochsDone(), 1);
        // No temporary file left beside it.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("keep.ckpt")});
    }
};

QTEST_GUILESS_MAIN(TestCheckpoint)
#include "tst_checkpoint.moc"
