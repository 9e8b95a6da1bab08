#include "analysis/latentmath.h"
#include "analysis/pca.h"

#include <QTest>

/// The latent map's projection: a small PCA by power iteration, and the activity measure.
class TestPca final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findsTheDominantDirection()
    {
        // Points spread along (1, 1, 0) with little noise elsewhere.
        QVector<float> data;
        for (int i = 0; i < 200; ++i) {
            const float t = float(i - 100) / 10.0f;
            data << t + 0.01f * float(i % 3) << t - 0.01f * float(i % 5) << 0.02f * float(i % 7);
        }
        const Pca pca = Pca::fit(data, 3);
        QVERIFY(pca.isValid());
        QVERIFY(pca.explainedVariance(0) > 0.99);
        const QPointF a = pca.project(QVector<float>{1, 1, 0});
        const QPointF b = pca.project(QVector<float>{-1, -1, 0});
        QVERIFY(qAbs(a.x() - b.x()) > 2.5); // ≈ 2√2 apart along the first axis
    }

    void inverseReturnsToTheLatentSpace()
    {
        QVector<float> data;
        for (int i = 0; i < 50; ++i)
            data << float(i) << float(2 * i) << float(i % 3) << 1.0f;
        const Pca pca = Pca::fit(data, 4);
        const QVector<float> z = pca.inverse(pca.project(data.mid(40, 4)));
        QCOMPARE(z.size(), 4);
        QVERIFY(qAbs(z[0] - 10.0f) < 0.5f);
        QVERIFY(qAbs(z[1] - 20.0f) < 0.5f);
    }

    void twoDimensionsAreShownAsTheyAre()
    {
        const Pca pca = Pca::fit({0.5f, -1.0f, 2.0f, 3.0f}, 2);
        QCOMPARE(pca.project(QVector<float>{0.5f, -1.0f}), QPointF(0.5, -1.0));
        QCOMPARE(pca.inverse(QPointF(2, 3)), (QVector<float>{2.0f, 3.0f}));
    }

    void activityIsTheVarianceOfTheMean_data()
    {
        QTest::addColumn<QVector<float>>("means");
        QTest::addColumn<int>("active");
        QTest::newRow("both vary") << QVector<float>{0, 0, 1, 1, -1, -1} << 2;
        QTest::newRow("second constant") << QVector<float>{0, 5, 1, 5, -1, 5} << 1;
        QTest::newRow("collapsed") << QVector<float>{0.001f, 0, 0, 0.001f, 0, 0} << 0;
    }

    void activityIsTheVarianceOfTheMean()
    {
        QFETCH(QVector<float>, means);
        QFETCH(int, active);
        QCOMPARE(LatentMath::activeCount(LatentMath::meanVariance(means, 2)), active);
    }

    void ordersDimsByKl()
    {
        QCOMPARE(LatentMath::dimsByKl({0.1, 3.0, 0.0, 1.0}, 4), (QVector<int>{1, 3, 0, 2}));
        QCOMPARE(LatentMath::dimsByKl({}, 3), (QVector<int>{0, 1, 2}));
    }
};

QTEST_MAIN(TestPca)
#include "tst_pca.moc"
