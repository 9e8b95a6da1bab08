// The IDX reader: good raw and gzip files round trip; malformed files fail fast with a message naming the file.

#include "data/idxreader.h"
#include "datafiles.h"
#include "syntheticdata.h"

#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using SyntheticData::Pattern;

namespace {

QByteArray header(int type, const QVector<quint32> &dims)
{
    QByteArray out;
    out.append('\0').append('\0').append(char(type)).append(char(dims.size()));
    for (quint32 d : dims)
        out.append(char(d >> 24)).append(char(d >> 16)).append(char(d >> 8)).append(char(d));
    return out;
}

QByteArray gzipBytes(const QByteArray &raw, const QString &scratchPath)
{
    if (!DataFiles::writeGzip(scratchPath, raw))
        return {};
    QFile f(scratchPath);
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}

} // namespace

class TestIdxReader : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString path(const QString &name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void roundTrip_data()
    {
        QTest::addColumn<bool>("gzip");
        QTest::addColumn<QVector<int>>("dims");
        QTest::newRow("raw images") << false << QVector<int>{30, 28, 28};
        QTest::newRow("gz images") << true << QVector<int>{30, 28, 28};
        QTest::newRow("raw labels") << false << QVector<int>{30};
        QTest::newRow("gz labels") << true << QVector<int>{30};
        QTest::newRow("raw 4-d") << false << QVector<int>{2, 3, 4, 5};
    }

    void roundTrip()
    {
        QFETCH(bool, gzip);
        QFETCH(QVector<int>, dims);
        qint64 n = 1;
        for (int d : dims)
            n *= d;
        QByteArray data(n, Qt::Uninitialized);
        for (qint64 i = 0; i < n; ++i)
            data[i] = char((i * 37 + 11) % 256);
        const QByteArray bytes = Idx::encode(Idx::Array{dims, data});
        QCOMPARE(bytes.size(), 4 + 4 * dims.size() + n);

        const QString file = path(QStringLiteral("good-%1.idx%2").arg(QTest::currentDataTag()).arg(gzip ? ".gz" : ""));
        QVERIFY(gzip ? DataFiles::writeGzip(file, bytes) : DataFiles::writeBytes(file, bytes));
        const auto read = Idx::readFile(file);
        QVERIFY2(read.ok(), qPrintable(read.error()));
        QCOMPARE(read.value().dims, dims);
        QCOMPARE(read.value().data, data);

        const auto parsed = Idx::parse(bytes, QStringLiteral("memory"));
        QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
        QCOMPARE(parsed.value().dims, dims);
        QCOMPARE(parsed.value().data, data);
    }

    void datasetRoundTrip()
    {
        const Dataset ds = SyntheticData::generate(Pattern::DottedBars, 30, 7);
        const QString images = path(QStringLiteral("rt-images-idx3-ubyte"));
        const QString labels = path(QStringLiteral("rt-labels-idx1-ubyte"));
        const Status written = Idx::writeDataset(ds, images, labels);
        QVERIFY2(written.ok(), qPrintable(written.error()));
        const auto read = Idx::readImages(images, labels);
        QVERIFY2(read.ok(), qPrintable(read.error()));
        QCOMPARE(read.value().count(), 30);
        QCOMPARE(read.value().rows, 28);
        QCOMPARE(read.value().cols, 28);
        QCOMPARE(read.value().pixels, ds.pixels);
        QCOMPARE(read.value().labels, ds.labels);

        const auto withoutLabels = Idx::readImages(images, QString());
        QVERIFY2(withoutLabels.ok(), qPrintable(withoutLabels.error()));
        QVERIFY(!withoutLabels.value().hasLabels());
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("gzip");
        QTest::addColumn<QString>("expected"); // a word the message must contain

        const QByteArray good = Idx::encode(Idx::Array{{4, 28, 28}, QByteArray(4 * 28 * 28, '\x10')});
        QTest::newRow("empty file") << QByteArray() << false << "too short";
        QTest::newRow("three bytes") << QByteArray("\0\0\x08", 3) << false << "too short";
        QTest::newRow("bad magic") << (QByteArray("\x01\x02") + good.mid(2)) << false << "not an IDX file";
        QTest::newRow("text file") << QByteArray("hello, world, this is not IDX\n") << false << "not an IDX file";
        QTest::newRow("float elements") << (header(0x0D, {4, 28, 28}) + QByteArray(4 * 28 * 28 * 4, '\0')) << false
                                        << "0x0d";
        QTest::newRow("int32 elements") << (header(0x0C, {4}) + QByteArray(16, '\0')) << false << "unsigned bytes";
        QTest::newRow("0 dims") << header(0x08, {}) << false << "0 dimensions";
        QTest::newRow("5 dims") << (header(0x08, {1, 1, 1, 1, 1}) + QByteArray(1, '\0')) << false << "5 dimensions";
        QTest::newRow("header truncated") << good.left(10) << false << "ends inside its header";
        QTest::newRow("header truncated gz") << good.left(10) << true << "ends inside its header";
        // The message counts the data bytes present, not the whole file (which is larger than the data announced).
        QTest::newRow("data truncated") << good.left(good.size() - 1) << false << "only 3135";
        QTest::newRow("data truncated gz") << good.left(good.size() - 100) << true << "only 3036";
        QTest::newRow("trailing bytes") << (good + "xyz") << false << "unexpected bytes";
        QTest::newRow("trailing bytes gz") << (good + "xyz") << true << "unexpected bytes";
        QTest::newRow("zero dimension") << header(0x08, {0, 28, 28}) << false << "not plausible";
        QTest::newRow("2^31 elements claimed")
            << (header(0x08, {2048, 1024, 1024}) + QByteArray(64, '\0')) << false << "more than";
        QTest::newRow("2^31 elements claimed gz")
            << (header(0x08, {2048, 1024, 1024}) + QByteArray(64, '\0')) << true << "more than";
        // Under the cap, but far more than the file holds: must be refused before allocating 512 MiB.
        QTest::newRow("2^29 elements in a tiny file")
            << (header(0x08, {512, 1024, 1024}) + QByteArray(64, '\0')) << false << "truncated";
        QTest::newRow("2^29 elements in a tiny gz")
            << (header(0x08, {512, 1024, 1024}) + QByteArray(64, '\0')) << true << "truncated";
        QTest::newRow("huge single dimension")
            << (header(0x08, {0xFFFFFFFFu}) + QByteArray(8, '\0')) << false << "not plausible";
    }

    void malformed()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, gzip);
        QFETCH(QString, expected);
        const QString name =
            QStringLiteral("bad-%1.idx%2")
                .arg(QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('_')))
                .arg(gzip ? ".gz" : "");
        const QString file = path(name);
        QVERIFY(gzip ? DataFiles::writeGzip(file, bytes) : DataFiles::writeBytes(file, bytes));

        QElapsedTimer clock;
        clock.start();
        const auto read = Idx::readFile(file);
        QVERIFY2(!read.ok(), "a malformed file was accepted");
        qInfo("%s", qPrintable(read.error()));
        QVERIFY2(clock.elapsed() < 2000,
                 "rejecting a malformed file took too long (did it allocate what the header claims?)");
        QVERIFY2(read.error().contains(name), qPrintable(read.error()));
        QVERIFY2(read.error().contains(expected, Qt::CaseInsensitive), qPrintable(read.error()));

        if (!gzip) {
            const auto parsed = Idx::parse(bytes, QStringLiteral("buffer.idx"));
            QVERIFY(!parsed.ok());
            QVERIFY2(parsed.error().contains(QLatin1String("buffer.idx")), qPrintable(parsed.error()));
        }
    }

    void corruptGzip_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::newRow("crc flipped") << "crc";
        QTest::newRow("deflate stream damaged") << "stream";
        QTest::newRow("cut in half") << "half";
        QTest::newRow("gzip magic then garbage") << "garbage";
    }

    void corruptGzip()
    {
        QFETCH(QString, damage);
        const Dataset ds = SyntheticData::generate(Pattern::DottedBars, 50, 7);
        QByteArray gz = gzipBytes(DataFiles::imageBytes(ds), path(QStringLiteral("scratch.gz")));
        QVERIFY(gz.size() > 100);
        if (damage == QLatin1String("crc"))
            gz[gz.size() - 6] = char(gz[gz.size() - 6] ^ 0x5A); // CRC-32 of the data sits before the length
        else if (damage == QLatin1String("stream"))
            for (int i = 20; i < 60; ++i)
                gz[i] = char(0xFF);
        else if (damage == QLatin1String("half"))
            gz.truncate(gz.size() / 2);
        else
            gz = QByteArray("\x1f\x8b\x08\x00", 4) + QByteArray(200, '\xA5');

        const QString name = QStringLiteral("corrupt-%1-images-idx3-ubyte.gz").arg(damage);
        QVERIFY(DataFiles::writeBytes(path(name), gz));
        const auto read = Idx::readFile(path(name));
        QVERIFY2(!read.ok(), "a corrupt gzip file was accepted");
        qInfo("%s", qPrintable(read.error()));
        QVERIFY2(read.error().contains(name), qPrintable(read.error()));
        QVERIFY2(read.error().contains(QLatin1String("corrupt")) || read.error().contains(QLatin1String("truncated"))
                     || read.error().contains(QLatin1String("gzip"))
                     || read.error().contains(QLatin1String("not an IDX")),
                 qPrintable(read.error()));
    }

    void missingFile()
    {
        const QString file = path(QStringLiteral("does-not-exist-idx3-ubyte"));
        const auto read = Idx::readFile(file);
        QVERIFY(!read.ok());
        QVERIFY2(read.error().contains(file), qPrintable(read.error()));
        const auto images = Idx::readImages(file, QString());
        QVERIFY(!images.ok());
        QVERIFY2(images.error().contains(QLatin1String("does-not-exist-idx3-ubyte")), qPrintable(images.error()));
    }

    void directoryIsNotAFile()
    {
        const auto read = Idx::readFile(m_dir.path());
        QVERIFY(!read.ok());
        QVERIFY2(read.error().contains(m_dir.path()), qPrintable(read.error()));
    }

    // An IDX file of another size is padded to square (not stretched) and scaled to 28×28, as image folders are.
    void otherSizesAreResized()
    {
        QByteArray pixels(3 * 20 * 40, '\0');
        for (int i = 0; i < 3; ++i)
            for (int y = 0; y < 20; ++y)
                for (int x = 0; x < 20; ++x)
                    pixels[i * 800 + y * 40 + x] = char(255); // the left square of a 20×40 image bright
        const QString path = m_dir.filePath(QStringLiteral("wide-images-idx3-ubyte"));
        QVERIFY(DataFiles::writeBytes(path, Idx::encode(Idx::Array{{3, 20, 40}, pixels})));
        const auto loaded = Idx::readImages(path, QString());
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QCOMPARE(loaded.value().count(), 3);
        QCOMPARE(loaded.value().rows, 28);
        const uchar *image = loaded.value().imageData(2);
        QVERIFY(image[14 * 28 + 7] > 200); // inside the bright square
        QVERIFY(image[3 * 28 + 7] < 40);   // padding above it (a stretched image would be bright here)
        QVERIFY(image[14 * 28 + 21] < 40); // the dark right half
    }

    void badImageSets_data()
    {
        QTest::addColumn<QByteArray>("images");
        QTest::addColumn<QByteArray>("labels"); // empty = no label file
        QTest::addColumn<QString>("blamed");    // the file the message must name
        QTest::addColumn<QString>("expected");

        const Dataset ds = SyntheticData::generate(Pattern::DottedBars, 10, 7);
        const QByteArray images = DataFiles::imageBytes(ds);
        const QByteArray labels = DataFiles::labelBytes(ds);
        QTest::newRow("label count mismatch") << images << Idx::encode(Idx::Array{{9}, QByteArray(9, '\1')}) << "labels"
                                              << "9 labels";
        QTest::newRow("more labels than images")
            << images << Idx::encode(Idx::Array{{11}, QByteArray(11, '\1')}) << "labels"
            << "11 labels";
        QTest::newRow("images are 1-d") << labels << QByteArray() << "images"
                                        << "needs 3";
        QTest::newRow("labels are 3-d") << images << images << "labels"
                                        << "not a label file";
        QTest::newRow("labels malformed") << images << labels.left(labels.size() - 2) << "labels"
                                          << "truncated";
    }

    void badImageSets()
    {
        QFETCH(QByteArray, images);
        QFETCH(QByteArray, labels);
        QFETCH(QString, blamed);
        QFETCH(QString, expected);
        const QString tag = QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('_'));
        const QString imagesName = tag + QStringLiteral("-images-idx3-ubyte");
        const QString labelsName = tag + QStringLiteral("-labels-idx1-ubyte");
        QVERIFY(DataFiles::writeBytes(path(imagesName), images));
        if (!labels.isEmpty())
            QVERIFY(DataFiles::writeBytes(path(labelsName), labels));
        const auto read = Idx::readImages(path(imagesName), labels.isEmpty() ? QString() : path(labelsName));
        QVERIFY2(!read.ok(), "an inconsistent image set was accepted");
        QVERIFY2(read.error().contains(blamed == QLatin1String("labels") ? labelsName : imagesName),
                 qPrintable(read.error()));
        QVERIFY2(read.error().contains(expected), qPrintable(read.error()));
    }
};

QTEST_GUILESS_MAIN(TestIdxReader)
#include "tst_idxreader.moc"
