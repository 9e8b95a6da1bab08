// Dataset's value helpers and the image conversion every loader relies on.

#include "data/dataset.h"
#include "data/labelleddraw.h"
#include "data/labellist.h"
#include "syntheticdata.h"

#include <QStandardPaths>
#include <QTest>

using SyntheticData::Pattern;

class TestDataset : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void labelsAreNamedWhereTheDataNamesThem()
    {
        Dataset d;
        QCOMPARE(d.labelName(3), QStringLiteral("3")); // IDX digits: the number
        d.classNames = {QStringLiteral("cat"), QStringLiteral("dog")};
        QCOMPARE(d.labelName(1), QStringLiteral("dog")); // an image folder's subfolders
        QCOMPARE(d.labelName(2), QStringLiteral("2"));
        Dataset fashion;
        fashion.name = QStringLiteral("fashion-mnist"); // its IDX files carry no names; its authors fixed them
        QCOMPARE(fashion.labelName(4), QStringLiteral("Coat"));
        QCOMPARE(fashion.labelName(9), QStringLiteral("Ankle boot"));
        QCOMPARE(fashion.labelName(10), QStringLiteral("10"));
        QCOMPARE(fashion.labelName(-1), QStringLiteral("-1"));
        // What a checkpoint keeps: the name before translation, which translatedLabel turns back into labelName's.
        QCOMPARE(fashion.labelKey(4), QStringLiteral("Coat"));
        QCOMPARE(d.labelKey(1), QStringLiteral("dog"));
        QCOMPARE(d.labelKey(2), QStringLiteral("2"));
        QCOMPARE(Dataset::translatedLabel(fashion.labelKey(4)), fashion.labelName(4));
        QCOMPARE(Dataset::translatedLabel(QStringLiteral("7")), QStringLiteral("7"));
    }

    void keptClassNamesFindTheirLabelsAgain()
    {
        // Where a model that keeps its source's classes can be scored: the labels named by the keys it kept.
        Dataset fashion;
        fashion.name = QStringLiteral("fashion-mnist");
        fashion.labels = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        QCOMPARE(LabelledDraw::labelsWithKeys(fashion, {QStringLiteral("Trouser"), QStringLiteral("Coat")}),
                 QVector<int>({1, 4}));
        QVERIFY(LabelledDraw::labelsWithKeys(fashion, {QStringLiteral("Coat"), QStringLiteral("Trouser")}).isEmpty());
        QVERIFY(LabelledDraw::labelsWithKeys(fashion, {QStringLiteral("1")}).isEmpty()); // named data: not by number
        Dataset digits;
        digits.labels = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        QCOMPARE(LabelledDraw::labelsWithKeys(digits, {QStringLiteral("5"), QStringLiteral("9")}),
                 QVector<int>({5, 9}));
        QVERIFY(LabelledDraw::labelsWithKeys(digits, {QStringLiteral("Coat")}).isEmpty());
        QVERIFY(LabelledDraw::labelsWithKeys(Dataset(), {QStringLiteral("0")}).isEmpty()); // no labels
    }

    void labelListsAsPeopleTypeThem()
    {
        QCOMPARE(LabelList::format({5, 6, 7}), QStringLiteral("5,6,7"));
        QCOMPARE(LabelList::format({}), QString());
        QCOMPARE(LabelList::parse(QStringLiteral(" 4, 0,2,,2 ")).value(), (QVector<int>{4, 0, 2, 2}));
        QCOMPARE(LabelList::parse(QString()).value(), QVector<int>());
        QVERIFY(!LabelList::parse(QStringLiteral("1,x")).has_value());
        QVERIFY(!LabelList::parse(QStringLiteral("1, ,2")).has_value());
        QCOMPARE(LabelList::parse(QStringLiteral("-3")).value(), QVector<int>{-3}); // no range unless one is given
        QCOMPARE(LabelList::parse(QStringLiteral("0,255"), 0, 255).value(), (QVector<int>{0, 255}));
        QVERIFY(!LabelList::parse(QStringLiteral("0,256"), 0, 255).has_value());
        QVERIFY(!LabelList::parse(QStringLiteral("-1,3"), 0, 255).has_value());
    }

    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void counts()
    {
        const Dataset ds = SyntheticData::generate(Pattern::DottedBars, 30, 7);
        QCOMPARE(ds.count(), 30);
        QCOMPARE(ds.pixelCount(), 784);
        QCOMPARE(ds.classCount(), 10);
        QVERIFY(ds.hasLabels());
        const Dataset empty;
        QCOMPARE(empty.count(), 0);
        QCOMPARE(empty.classCount(), 0);
    }

    void selectHeadSubset()
    {
        const Dataset ds = SyntheticData::generate(Pattern::DottedBars, 30, 7);
        const Dataset picked = ds.select({5, 0, 5});
        QCOMPARE(picked.count(), 3);
        QCOMPARE(picked.labels, (QVector<int>{5, 0, 5}));
        QCOMPARE(picked.image(0), ds.image(5));
        QCOMPARE(picked.image(1), ds.image(0));

        QCOMPARE(ds.head(4).count(), 4);
        QCOMPARE(ds.head(4).pixels, ds.pixels.left(4 * 784));
        QCOMPARE(ds.head(0).count(), 30);
        QCOMPARE(ds.head(1000).count(), 30);

        const Dataset odd = ds.subset({1, 3});
        QCOMPARE(odd.count(), 6);
        QCOMPARE(odd.labels, (QVector<int>{1, 3, 1, 3, 1, 3}));
        QCOMPARE(odd.image(1), ds.image(3));
        QCOMPARE(ds.subset({}).count(), 30);
        QCOMPARE(ds.subset({42}).count(), 0);
    }

    void imageIsADeepCopy()
    {
        Dataset ds = SyntheticData::generate(Pattern::DottedBars, 10, 7);
        const QImage img = ds.image(2);
        QCOMPARE(img.size(), QSize(28, 28));
        QCOMPARE(img.format(), QImage::Format_Grayscale8);
        QCOMPARE(img.pixelColor(7, 14).red(), int(ds.imageData(2)[14 * 28 + 7]));
        const int before = img.pixelColor(7, 14).red();
        QVERIFY(before != 0);
        ds.pixels.fill('\0');
        QCOMPARE(img.pixelColor(7, 14).red(), before);
        QCOMPARE(imageToPixels(img), SyntheticData::generate(Pattern::DottedBars, 10, 7).pixels.mid(2 * 784, 784));
    }

    void imageToPixelsConverts()
    {
        QImage rgb(56, 56, QImage::Format_RGB32);
        rgb.fill(qRgb(255, 255, 255));
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 56; ++x)
                rgb.setPixel(x, y, qRgb(0, 0, 0)); // top half black
        const QByteArray px = imageToPixels(rgb);
        QCOMPARE(px.size(), 784);
        QCOMPARE(uchar(px[0]), uchar(0)); // white-on-black kept as is
        QCOMPARE(uchar(px[27 * 28 + 27]), uchar(255));
    }
};

QTEST_GUILESS_MAIN(TestDataset)
#include "tst_dataset.moc"
