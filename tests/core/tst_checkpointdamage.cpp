// Damaged checkpoints: every kind of damage is refused with a message naming the file and saying what is wrong.

#include "checkpointfixture.h"
#include "datafiles.h"
#include "model/checkpoint.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <cmath>

using namespace CheckpointFixture;

namespace {

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

} // namespace

class TestCheckpointDamage : public QObject
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
};

QTEST_GUILESS_MAIN(TestCheckpointDamage)
#include "tst_checkpointdamage.moc"
