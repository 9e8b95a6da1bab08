// DatasetLoader: every kind of source a user can name, the stratified split, and the messages for bad sources.

#include "data/datasetloader.h"
#include "data/idxreader.h"
#include "data/imagefolderreader.h"
#include "datafiles.h"
#include "syntheticdata.h"

#include <QDir>
#include <QImage>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using SyntheticData::Pattern;

namespace {

/// Per class, the images whose within-class index is 4 mod 5 form the test set.
DataSplit expectedSplit(const Dataset &all)
{
    QVector<int> train, test;
    QVector<int> seen(256, 0);
    for (int i = 0; i < all.count(); ++i) {
        const int label = all.hasLabels() ? all.labels[i] : 0;
        (seen[label]++ % 5 == 4 ? test : train).append(i);
    }
    return {all.select(train), all.select(test)};
}

} // namespace

class TestDatasetLoader : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString makeDir(const QString &name)
    {
        const QString p = m_dir.filePath(name);
        QDir().mkpath(p);
        return p;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void idxFolderWithTestFiles_data()
    {
        QTest::addColumn<bool>("gzip");
        QTest::newRow("raw") << false;
        QTest::newRow("gz") << true;
    }

    void idxFolderWithTestFiles()
    {
        QFETCH(bool, gzip);
        const QString dir = makeDir(QStringLiteral("with-t10k-%1").arg(gzip ? "gz" : "raw"));
        const DataSplit data = SyntheticData::split(Pattern::DottedBars, 100, 30, 7);
        QVERIFY(DataFiles::writeIdxPair(data.train, dir, QStringLiteral("train"), gzip));
        QVERIFY(DataFiles::writeIdxPair(data.test, dir, QStringLiteral("t10k"), gzip));

        const auto loaded = DatasetLoader::load(dir);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QCOMPARE(loaded.value().train.count(), 100);
        QCOMPARE(loaded.value().test.count(), 30);
        QCOMPARE(loaded.value().train.pixels, data.train.pixels);
        QCOMPARE(loaded.value().train.labels, data.train.labels);
        QCOMPARE(loaded.value().test.pixels, data.test.pixels);
        QCOMPARE(loaded.value().test.labels, data.test.labels);
        QCOMPARE(loaded.value().train.name, QDir(dir).dirName());
    }

    void idxFolderWithoutTestFilesIsSplitStratified()
    {
        const QString dir = makeDir(QStringLiteral("train-only"));
        // Unequal class sizes, so the split must be per class rather than every fifth image overall.
        Dataset all = SyntheticData::generate(Pattern::DottedBars, 100, 7);
        all = all.select([&] {
            QVector<int> keep;
            for (int i = 0; i < all.count(); ++i)
                if (all.labels[i] != 3 || i < 50) // class 3 keeps only 5 of its 10 images
                    keep.append(i);
            return keep;
        }());
        QVERIFY(DataFiles::writeIdxPair(all, dir, QStringLiteral("train")));

        const auto loaded = DatasetLoader::load(dir);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        const DataSplit expected = expectedSplit(all);
        QCOMPARE(loaded.value().train.count() + loaded.value().test.count(), all.count());
        QCOMPARE(loaded.value().test.count(), 19); // 9 classes × 2 + class 3 × 1
        QCOMPARE(loaded.value().test.labels, expected.test.labels);
        QCOMPARE(loaded.value().test.pixels, expected.test.pixels);
        QCOMPARE(loaded.value().train.pixels, expected.train.pixels);
        for (int k = 0; k < SyntheticData::classCount(Pattern::DottedBars); ++k)
            QCOMPARE(loaded.value().test.labels.count(k), k == 3 ? 1 : 2);

        // The public split function is the same rule.
        const DataSplit direct = DatasetLoader::stratifiedSplit(all);
        QCOMPARE(direct.test.pixels, expected.test.pixels);
        QCOMPARE(direct.train.labels, expected.train.labels);
    }

    void singleIdxFileWithLabelsBeside()
    {
        const QString dir = makeDir(QStringLiteral("single"));
        const Dataset all = SyntheticData::generate(Pattern::DottedBars, 50, 7);
        QVERIFY(DataFiles::writeIdxPair(all, dir, QStringLiteral("digits")));
        const auto loaded = DatasetLoader::load(QDir(dir).filePath(QStringLiteral("digits-images-idx3-ubyte")));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QCOMPARE(loaded.value().train.count(), 40);
        QCOMPARE(loaded.value().test.count(), 10);
        QVERIFY(loaded.value().train.hasLabels());
        QCOMPARE(loaded.value().test.labels, expectedSplit(all).test.labels);
    }

    void singleIdxFileWithoutLabels()
    {
        const QString dir = makeDir(QStringLiteral("unlabelled"));
        const Dataset all = SyntheticData::generate(Pattern::DottedBars, 20, 7);
        const QString file = QDir(dir).filePath(QStringLiteral("faces.idx"));
        QVERIFY(DataFiles::writeBytes(file, DataFiles::imageBytes(all)));
        const auto loaded = DatasetLoader::load(file);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QVERIFY(!loaded.value().train.hasLabels());
        QCOMPARE(loaded.value().train.count(), 16);
        QCOMPARE(loaded.value().test.count(), 4);
    }

    void imageFolder()
    {
        const QString dir = makeDir(QStringLiteral("pictures"));
        const QStringList classes = {QStringLiteral("circle"), QStringLiteral("cross"), QStringLiteral("square")};
        for (int k = 0; k < classes.size(); ++k) {
            QDir(dir).mkpath(classes[k]);
            for (int i = 0; i < 5; ++i) {
                // Not 28×28 and not grayscale: the loader converts.
                QImage img(56, 40, QImage::Format_RGB32);
                img.fill(Qt::black);
                for (int y = 0; y < 40; ++y)
                    for (int x = 0; x < 56; ++x)
                        if ((x / 8 + y / 8 + k) % 3 == 0)
                            img.setPixel(x, y, qRgb(255, 255, 255));
                QVERIFY(img.save(QDir(dir).filePath(QStringLiteral("%1/%2.png").arg(classes[k]).arg(i)), "PNG"));
            }
        }
        // Files that are not images are ignored.
        QVERIFY(DataFiles::writeBytes(QDir(dir).filePath(QStringLiteral("circle/README.txt")), "notes"));

        const auto loaded = DatasetLoader::load(dir);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        const DataSplit &split = loaded.value();
        QCOMPARE(split.train.count(), 12);
        QCOMPARE(split.test.count(), 3);
        QCOMPARE(split.train.rows, 28);
        QCOMPARE(split.train.cols, 28);
        QCOMPARE(split.train.classNames, classes);
        QCOMPARE(split.test.labels, (QVector<int>{0, 1, 2}));
        // White pixels survived the conversion to grayscale.
        const QByteArray &px = split.train.pixels;
        QVERIFY(std::any_of(px.cbegin(), px.cend(), [](char c) { return uchar(c) > 200; }));
        QVERIFY(std::any_of(px.cbegin(), px.cend(), [](char c) { return uchar(c) < 50; }));
    }

    void badSources_data()
    {
        QTest::addColumn<QString>("what"); // what to create under the temporary directory
        QTest::addColumn<QString>("expected");
        QTest::newRow("nonexistent path") << "nothing"
                                          << "neither a built-in dataset";
        QTest::newRow("empty folder") << "empty"
                                      << "no subfolders";
        QTest::newRow("class folders without images") << "hollow"
                                                      << "no readable images";
        QTest::newRow("unreadable image") << "broken-png"
                                          << "Unreadable";
        QTest::newRow("single image") << "one-image"
                                      << "at least 2";
        QTest::newRow("train images with bad labels") << "bad-labels"
                                                      << "labels";
        QTest::newRow("garbage idx file") << "garbage"
                                          << "not an IDX file";
    }

    void badSources()
    {
        QFETCH(QString, what);
        QFETCH(QString, expected);
        const QString base = m_dir.filePath(QStringLiteral("bad-") + what);
        QString source = base;
        if (what == QLatin1String("empty")) {
            QDir().mkpath(base);
        } else if (what == QLatin1String("hollow")) {
            QDir().mkpath(base + QStringLiteral("/a"));
            QDir().mkpath(base + QStringLiteral("/b"));
        } else if (what == QLatin1String("broken-png")) {
            QDir().mkpath(base + QStringLiteral("/a"));
            QVERIFY(DataFiles::writeBytes(base + QStringLiteral("/a/x.png"), "this is not a PNG"));
        } else if (what == QLatin1String("one-image")) {
            QDir().mkpath(base);
            source = base + QStringLiteral("/one-images-idx3-ubyte");
            QVERIFY(DataFiles::writeBytes(
                source, DataFiles::imageBytes(SyntheticData::generate(Pattern::DottedBars, 10, 7).head(1))));
        } else if (what == QLatin1String("bad-labels")) {
            QDir().mkpath(base);
            const Dataset ds = SyntheticData::generate(Pattern::DottedBars, 10, 7);
            QVERIFY(
                DataFiles::writeBytes(base + QStringLiteral("/train-images-idx3-ubyte"), DataFiles::imageBytes(ds)));
            QVERIFY(DataFiles::writeBytes(base + QStringLiteral("/train-labels-idx1-ubyte"),
                                          DataFiles::labelBytes(ds.head(4))));
        } else if (what == QLatin1String("garbage")) {
            QDir().mkpath(base);
            source = base + QStringLiteral("/train-images-idx3-ubyte");
            QVERIFY(DataFiles::writeBytes(source, QByteArray(5000, '\x7f')));
        }
        const auto loaded = DatasetLoader::load(source);
        QVERIFY2(!loaded.ok(), "a bad source was accepted");
        QVERIFY2(!loaded.error().isEmpty(), "no message");
        QVERIFY2(loaded.error().contains(expected), qPrintable(loaded.error()));
    }

    void unknownNameListsBuiltins()
    {
        const auto loaded = DatasetLoader::load(QStringLiteral("cifar-10"));
        QVERIFY(!loaded.ok());
        QVERIFY2(loaded.error().contains(QLatin1String("cifar-10")), qPrintable(loaded.error()));
        QVERIFY2(loaded.error().contains(QLatin1String("mnist")), qPrintable(loaded.error()));
        QVERIFY2(loaded.error().contains(QLatin1String("fashion-mnist")), qPrintable(loaded.error()));
    }

    void builtinMnist()
    {
        const QString dir = DatasetLoader::builtinDirectory(QStringLiteral("mnist"));
        if (!QFileInfo(dir).isDir())
            QSKIP("The MNIST digits have not been set up (scripts/setup.sh).");
        const auto loaded = DatasetLoader::load(QStringLiteral("mnist"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QCOMPARE(loaded.value().train.count(), 8004);
        QCOMPARE(loaded.value().test.count(), 1996);
        QCOMPARE(loaded.value().train.classCount(), 10);
        QCOMPARE(loaded.value().test.classCount(), 10);
        QCOMPARE(loaded.value().train.name, QStringLiteral("mnist"));
    }

    void builtinFashionMnist()
    {
        const QString dir = DatasetLoader::builtinDirectory(QStringLiteral("fashion-mnist"));
        if (!QFileInfo(dir).isDir())
            QSKIP("Fashion-MNIST is not installed (Debian package dataset-fashion-mnist).");
        const auto loaded = DatasetLoader::load(QStringLiteral("fashion-mnist"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QCOMPARE(loaded.value().train.count(), 60000);
        QCOMPARE(loaded.value().test.count(), 10000);
        QCOMPARE(loaded.value().train.classCount(), 10);
    }

    // Images as drawing tools and cameras give them: strokes on transparency, dark strokes on white, any format
    // QImageReader reads, any aspect ratio; an unreadable file is reported, not dropped in silence.
    void imageFoldersAsPeopleHaveThem()
    {
        QTemporaryDir dir;
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("a"))));
        QImage transparent(20, 40, QImage::Format_ARGB32);
        transparent.fill(Qt::transparent);
        for (int y = 0; y < 40; ++y)
            for (int x = 8; x < 12; ++x)
                transparent.setPixel(x, y, qRgba(0, 0, 0, 255)); // a black stroke
        QVERIFY(transparent.save(dir.filePath(QStringLiteral("a/0-transparent.png"))));
        QImage onWhite(28, 28, QImage::Format_RGB32);
        onWhite.fill(Qt::white);
        for (int y = 4; y < 24; ++y)
            for (int x = 12; x < 16; ++x)
                onWhite.setPixel(x, y, qRgb(0, 0, 0));
        QVERIFY(onWhite.save(dir.filePath(QStringLiteral("a/1-on-white.ppm")))); // not among the old suffixes
        QImage wide(56, 28, QImage::Format_Grayscale8);
        wide.fill(0);
        for (int y = 4; y < 24; ++y)
            std::fill_n(wide.scanLine(y) + 4, 20, uchar(255)); // a bright square in the left half
        QVERIFY(wide.save(dir.filePath(QStringLiteral("a/2-wide.png"))));
        QVERIFY(DataFiles::writeBytes(dir.filePath(QStringLiteral("a/3-corrupt.png")), QByteArray("\x89PNG broken")));

        QStringList skipped;
        const auto loaded = ImageFolder::read(dir.path(), &skipped);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        const Dataset &d = loaded.value();
        QCOMPARE(d.count(), 3);
        QCOMPARE(skipped.size(), 1);
        QVERIFY2(skipped.first().startsWith(QLatin1String("a/3-corrupt.png (")), qPrintable(skipped.first()));
        const auto at = [&](int image, int x, int y) { return int(d.imageData(image)[y * 28 + x]); };
        QVERIFY2(at(0, 14, 14) > 150 && at(0, 2, 14) < 40, "the stroke on transparency was lost");
        QVERIFY2(at(1, 13, 14) > 150 && at(1, 2, 2) < 40, "a light background was not inverted");
        QVERIFY2(at(2, 7, 14) > 200 && at(2, 7, 3) < 40 && at(2, 20, 14) < 40, "a wide image was stretched");
    }
};

QTEST_GUILESS_MAIN(TestDatasetLoader)
#include "tst_datasetloader.moc"
