#include "analysis/latentmath.h"
#include "analysis/pca.h"

#include <QTest>

#include <cmath>

namespace {

QVector<float> unit(QVector<float> v)
{
    float norm = 0;
    for (float x : v)
        norm += x * x;
    for (float &x : v)
        x /= std::sqrt(norm);
    return v;
}

} // namespace

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

    void findsTheSecondDirectionAndItsShare()
    {
        // Spreads along three orthonormal directions on a full grid, so the sample covariance has no cross terms:
        // variances 20/3, 1/2 and 1/150 (mean zero), hence known shares of the total for the first two components.
        const QVector<float> first = unit({1, 1, 0, 0}), second = unit({1, -1, 2, 0}), third = unit({0, 0, 0, 1});
        QVector<float> data;
        for (int s = -4; s <= 4; ++s)
            for (int t = -2; t <= 2; ++t)
                for (int u = -1; u <= 1; ++u)
                    for (int i = 0; i < 4; ++i)
                        data << float(s) * first[i] + 0.5f * float(t) * second[i] + 0.1f * float(u) * third[i];
        const Pca pca = Pca::fit(data, 4);
        QVERIFY(pca.isValid());
        const double total = 20.0 / 3 + 0.5 + 1.0 / 150;
        QVERIFY(qAbs(pca.explainedVariance(0) - 20.0 / 3 / total) < 1e-4);
        QVERIFY(qAbs(pca.explainedVariance(1) - 0.5 / total) < 1e-4);
        // A unit step along each direction lands on its own axis only (either sign is a valid component).
        const QPointF alongFirst = pca.project(first), alongSecond = pca.project(second),
                      alongThird = pca.project(third);
        QVERIFY(qAbs(qAbs(alongFirst.x()) - 1) < 1e-4 && qAbs(alongFirst.y()) < 1e-4);
        QVERIFY(qAbs(alongSecond.x()) < 1e-4 && qAbs(qAbs(alongSecond.y()) - 1) < 1e-4);
        QVERIFY(qAbs(alongThird.x()) < 1e-4 && qAbs(alongThird.y()) < 1e-4);
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
