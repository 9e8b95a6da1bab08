#include "transfer/episodesampler.h"
#include "transfer/fewshotmath.h"

#include <QSet>
#include <QTest>

class TestEpisodeSampler final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void episodesHaveNoLeaks_data()
    {
        QTest::addColumn<int>("ways");
        QTest::addColumn<int>("shots");
        QTest::addColumn<int>("queries");
        QTest::newRow("5-way 1-shot") << 5 << 1 << 15;
        QTest::newRow("5-way 5-shot") << 5 << 5 << 15;
        QTest::newRow("2-way 3-shot, all images used") << 2 << 3 << 17;
    }

    void episodesHaveNoLeaks()
    {
        QFETCH(int, ways);
        QFETCH(int, shots);
        QFETCH(int, queries);
        // 10 classes with 20 images each, interleaved; only 5…9 are allowed.
        QVector<int> labels;
        for (int i = 0; i < 200; ++i)
            labels.append(i % 10);
        const QVector<int> allowed{5, 6, 7, 8, 9};
        EpisodeSampler sampler(labels, allowed, ways, shots, queries, 42);
        QVERIFY2(sampler.problem().isEmpty(), qPrintable(sampler.problem()));
        for (int e = 0; e < 200; ++e) {
            const Episode ep = sampler.next();
            QCOMPARE(ep.classes.size(), ways);
            QCOMPARE(QSet<int>(ep.classes.begin(), ep.classes.end()).size(), ways);
            for (int c : ep.classes)
                QVERIFY(allowed.contains(c));
            QCOMPARE(ep.support.size(), ways * shots);
            QCOMPARE(ep.query.size(), ways * queries);
            const QSet<int> support(ep.support.begin(), ep.support.end());
            const QSet<int> query(ep.query.begin(), ep.query.end());
            QCOMPARE(support.size(), ep.support.size()); // no image twice in the support set
            QCOMPARE(query.size(), ep.query.size());
            QVERIFY(!support.intersects(query)); // no image in both
            for (int i = 0; i < ep.support.size(); ++i)
                QCOMPARE(labels[ep.support[i]], ep.classes[ep.supportLabels[i]]);
            for (int i = 0; i < ep.query.size(); ++i)
                QCOMPARE(labels[ep.query[i]], ep.classes[ep.queryLabels[i]]);
        }
    }

    void infeasibleEpisodesAreExplained_data()
    {
        QTest::addColumn<int>("ways");
        QTest::addColumn<int>("shots");
        QTest::addColumn<int>("queries");
        QTest::newRow("more ways than classes") << 6 << 1 << 1;
        QTest::newRow("more images than a class holds") << 5 << 10 << 11;
        QTest::newRow("one way") << 1 << 1 << 1;
        QTest::newRow("no queries") << 2 << 1 << 0;
    }

    void infeasibleEpisodesAreExplained()
    {
        QFETCH(int, ways);
        QFETCH(int, shots);
        QFETCH(int, queries);
        QVector<int> labels;
        for (int i = 0; i < 200; ++i)
            labels.append(i % 10);
        EpisodeSampler sampler(labels, {5, 6, 7, 8, 9}, ways, shots, queries, 1);
        QVERIFY(!sampler.problem().isEmpty());
        QVERIFY(sampler.next().support.isEmpty());
    }

    void sameSeedSameEpisodes()
    {
        QVector<int> labels;
        for (int i = 0; i < 100; ++i)
            labels.append(i % 5);
        EpisodeSampler a(labels, {0, 1, 2, 3, 4}, 3, 2, 4, 9), b(labels, {0, 1, 2, 3, 4}, 3, 2, 4, 9);
        for (int e = 0; e < 10; ++e) {
            const Episode x = a.next(), y = b.next();
            QCOMPARE(x.support, y.support);
            QCOMPARE(x.query, y.query);
        }
    }

    void confidenceIntervalArithmetic()
    {
        // Values 0, 1, 0, 1: mean 0.5, sample sd sqrt(1/3), CI 1.96·sd/2.
        const MeanWithCi m = FewShotMath::meanWithCi({0, 1, 0, 1});
        QCOMPARE(m.count, 4);
        QCOMPARE(m.mean, 0.5);
        QVERIFY(qAbs(m.sd - std::sqrt(1.0 / 3.0)) < 1e-12);
        QVERIFY(qAbs(m.ci95 - 1.96 * std::sqrt(1.0 / 3.0) / 2.0) < 1e-12);
        const MeanWithCi one = FewShotMath::meanWithCi({0.7});
        QCOMPARE(one.mean, 0.7);
        QCOMPARE(one.ci95, 0.0);
        QCOMPARE(FewShotMath::meanWithCi({}).count, 0);
    }

    void prototypesClassifyByNearestMean()
    {
        // 1-D features: class 0 near 0, class 1 near 10.
        const QVector<float> support{0, 1, 9, 11};
        const QVector<int> supportLabels{0, 0, 1, 1};
        const QVector<float> query{0.2f, 4.0f, 6.0f, 12.0f};
        QCOMPARE(FewShotMath::prototypeAccuracy(support, supportLabels, query, {0, 0, 1, 1}, 1, 2), 1.0);
        QCOMPARE(FewShotMath::prototypeAccuracy(support, supportLabels, query, {1, 1, 0, 0}, 1, 2), 0.0);
        QCOMPARE(FewShotMath::gatherRows({1, 2, 3, 4, 5, 6}, 2, {2, 0}), (QVector<float>{5, 6, 1, 2}));
    }
};

QTEST_GUILESS_MAIN(TestEpisodeSampler)
#include "tst_episodesampler.moc"
