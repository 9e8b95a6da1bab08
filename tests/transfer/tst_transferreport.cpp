#include "transfer/classifiers.h"
#include "transfer/transferreport.h"
#include "transfer/transferrunner.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include <cmath>

// The transfer report without a run: accuracies over label draws, the verdict and its choice on half of the test
// split, the classifiers on hand-made features, and the strategies' names.
class TestTransferReport final : public QObject
{
    Q_OBJECT

private:
    /// A figure whose draws score the same on the whole test split and on both halves.
    static AccuracyEstimate evenly(const QVector<double> &draws)
    {
        QVector<TestAccuracy> measured;
        for (double a : draws)
            measured.append(TestAccuracy{a, a, a});
        return AccuracyEstimate::ofTests(measured);
    }

private Q_SLOTS:
    void verdictIsTheBestFigureAgainstTheBetterPixelClassifier()
    {
        TransferReport report;
        report.repeats = 3;
        report.targetTestCount = 1001;
        StrategyResult frozen;
        frozen.strategy = TransferStrategy::FreezeEncoder;
        frozen.probe = evenly({0.60, 0.60, 0.60});
        frozen.knn = evenly({0.70, 0.73, 0.70}); // 71 %, the best figure
        frozen.finetune = evenly({0.65, 0.65, 0.65});
        StrategyResult scratch;
        scratch.strategy = TransferStrategy::Scratch; // no accuracy measured (NaN): skipped
        report.strategies = {scratch, frozen};
        report.pixelProbe = evenly({0.62, 0.62, 0.62});
        report.pixelKnn = evenly({0.65, 0.68, 0.65}); // 66 %, better than the pixel probe: the one to beat
        TransferVerdict v = report.verdict();
        QCOMPARE(v.strategy, 1);
        QCOMPARE(v.figure, TransferVerdict::Figure::Knn);
        QVERIFY(qAbs(v.best.mean - 0.71) < 1e-12);
        QCOMPARE(v.candidates, 3); // frozen's three figures; scratch measured none
        QVERIFY(v.pixelsByKnn);
        QVERIFY(qAbs(v.pixels.mean - 0.66) < 1e-12);
        QCOMPARE(report.verdictPixels(v).mean, report.pixelKnn.mean);
        QVERIFY(qAbs(v.gain() - 0.05) < 1e-12);
        // The same labels on both sides: the draws' shared spread cancels, +5 points in every draw.
        QCOMPARE(v.difference.draws, 3);
        QVERIFY(qAbs(v.difference.mean - 0.05) < 1e-12);
        QVERIFY(v.difference.ci95 < 1e-9);
        QVERIFY(!v.undecided());
        QVERIFY(!report.ranSemiSupervised());
        const QJsonObject best = report.toJson().value(QLatin1String("best")).toObject();
        QCOMPARE(best.value(QLatin1String("strategy")).toString(), QStringLiteral("freeze-encoder"));
        QCOMPARE(best.value(QLatin1String("figure")).toString(), QStringLiteral("k-NN"));
        QCOMPARE(best.value(QLatin1String("pixel_figure")).toString(), QStringLiteral("k-NN"));
        QCOMPARE(best.value(QLatin1String("chosen_from")).toInt(), 3);
        QCOMPARE(best.value(QLatin1String("measured_on_images")).toInt(), 500); // the odd positions of 1,001

        // The semi-supervised strategy's probe is its own classifier; a gain inside the intervals is said to be.
        StrategyResult semi;
        semi.strategy = TransferStrategy::SemiSupervised;
        semi.probe = evenly({0.60, 0.76, 0.65}); // −5, +8, 0 points against the pixels' draws
        report.strategies = {semi};
        v = report.verdict();
        QCOMPARE(v.strategy, 0);
        QCOMPARE(TransferVerdict::figureName(v.figure, TransferStrategy::SemiSupervised),
                 QStringLiteral("classifier q(y|x)"));
        QCOMPARE(TransferVerdict::figureName(v.figure, TransferStrategy::SemiSupervised, /*labelGraph=*/true),
                 QStringLiteral("label graph × classifier q(y|x)"));
        QVERIFY(qAbs(v.difference.mean - 0.01) < 1e-12);
        QVERIFY(v.difference.ci95 > 0.01); // the interval includes 0
        QVERIFY(v.undecided());
        semi.probe = evenly({0.67}); // one draw against three: no pairing, no interval, no claim
        report.strategies = {semi};
        QVERIFY(!std::isfinite(report.verdict().difference.mean));
        QVERIFY(!report.verdict().undecided());
        QVERIFY(report.ranSemiSupervised());

        // Nothing measured: no verdict, and no "best" in the summary.
        report.strategies = {scratch};
        QCOMPARE(report.verdict().strategy, -1);
        QVERIFY(!report.toJson().contains(QLatin1String("best")));
    }

    void verdictChoosesOnOneHalfAndReportsTheOther()
    {
        // Two figures, each draw given as {whole split, pick half, report half}. The probe is highest on the whole
        // split only because its pick half was lucky; chosen there, it is reported where it was not chosen.
        TransferReport report;
        report.targetTestCount = 1000;
        StrategyResult tuned;
        tuned.strategy = TransferStrategy::FinetuneAll;
        tuned.probe = AccuracyEstimate::ofTests(QVector<TestAccuracy>{{0.72, 0.75, 0.69}, {0.72, 0.75, 0.69}});
        tuned.knn = AccuracyEstimate::ofTests(QVector<TestAccuracy>{{0.71, 0.72, 0.70}, {0.71, 0.72, 0.70}});
        tuned.finetune.mean = 0.90; // a whole-split figure without halves takes no part in the choice
        report.strategies = {tuned};
        // The pixels: the probe is better on the whole split, the k-NN on the pick half, which decides.
        report.pixelProbe = AccuracyEstimate::ofTests(QVector<TestAccuracy>{{0.66, 0.64, 0.68}, {0.66, 0.64, 0.68}});
        report.pixelKnn = AccuracyEstimate::ofTests(QVector<TestAccuracy>{{0.65, 0.65, 0.65}, {0.65, 0.65, 0.65}});
        const TransferVerdict v = report.verdict();
        QCOMPARE(v.candidates, 2);
        QCOMPARE(v.figure, TransferVerdict::Figure::Probe);
        QVERIFY(qAbs(v.best.mean - 0.69) < 1e-12); // its report half, not the 0.72 or 0.75 it was chosen on
        QVERIFY(v.pixelsByKnn);
        QVERIFY(qAbs(v.pixels.mean - 0.65) < 1e-12);
        QVERIFY(qAbs(v.gain() - 0.04) < 1e-12);
        QCOMPARE(report.verdictPixels(v).mean, 0.65); // the chart's line: the chosen pixel figure, whole split
        const QJsonObject best = report.toJson().value(QLatin1String("best")).toObject();
        QVERIFY(qAbs(best.value(QLatin1String("accuracy")).toDouble() - 0.69) < 1e-12);
        QVERIFY(qAbs(best.value(QLatin1String("gain_points")).toDouble() - 4) < 1e-9);
        QCOMPARE(best.value(QLatin1String("accuracy_draws")).toArray(), (QJsonArray{0.69, 0.69})); // the report half
        QCOMPARE(best.value(QLatin1String("pixel_accuracy_draws")).toArray(), (QJsonArray{0.65, 0.65}));
    }

    void testAccuracySplitsEvenAndOddImages()
    {
        // Seven images: even positions 0, 2, 4, 6 (3 of 4 right), odd 1, 3, 5 (1 of 3 right).
        const QVector<int> labels{0, 1, 2, 0, 1, 2, 0};
        const QVector<int> predicted{0, 1, 2, 1, 1, 0, 2};
        const TestAccuracy t = TestAccuracy::of(predicted, labels);
        QCOMPARE(t.all, 4.0 / 7);
        QCOMPARE(t.pickHalf, 3.0 / 4);
        QCOMPARE(t.reportHalf, 1.0 / 3);
        QCOMPARE(TestAccuracy::reportHalfCount(7), 3);
        QCOMPARE(Classifiers::accuracy(predicted, labels), t.all);
        QVERIFY(std::isnan(TestAccuracy::of(predicted, labels.mid(1)).all)); // sizes differ: not measured
        QVERIFY(std::isnan(Classifiers::accuracy({}, {})));
        const AccuracyEstimate e = AccuracyEstimate::ofTests(QVector<TestAccuracy>{t, TestAccuracy{}});
        QCOMPARE(e.draws, 1);
        QCOMPARE(e.mean, t.all);
        QCOMPARE(e.reportHalf.size(), 2);
        QCOMPARE(e.pickHalf.first(), 3.0 / 4);
    }

    void allIncludesSemiSupervised()
    {
        QVERIFY(TransferStrategies::all().contains(TransferStrategy::SemiSupervised));
        QVERIFY(TransferConfig().strategies.contains(TransferStrategy::SemiSupervised));
        TransferStrategy parsed = TransferStrategy::Scratch;
        QVERIFY(TransferStrategies::parse(QStringLiteral("semi-supervised"), &parsed));
        QCOMPARE(parsed, TransferStrategy::SemiSupervised);
    }

    void knnOnASeparableSetIsPerfect_data()
    {
        QTest::addColumn<int>("k");
        QTest::newRow("1-NN") << 1;
        QTest::newRow("3-NN") << 3;
    }

    void knnOnASeparableSetIsPerfect()
    {
        QFETCH(int, k);
        // Three tight clusters far apart, 4 labelled points each.
        const auto cluster = [](int count, quint32 seed) {
            QRandomGenerator rng(seed);
            FeatureSet f;
            f.dim = 2;
            for (int i = 0; i < 3 * count; ++i) {
                const int label = i % 3;
                f.labels.append(label);
                f.values.append(float(10 * label + rng.generateDouble()));
                f.values.append(float(-5 * label + rng.generateDouble()));
            }
            return f;
        };
        ClassifierOptions options;
        options.knnNeighbours = k;
        const FeatureSet test = cluster(50, 2);
        const auto predicted = Classifiers::knn(cluster(4, 1), test, 3, options);
        QVERIFY2(predicted.ok(), qPrintable(predicted.error()));
        QCOMPARE(predicted.value(), test.labels);
        QCOMPARE(Classifiers::accuracy(predicted.value(), test.labels), 1.0);
        // And one that is not: labels shuffled against the clusters cannot be predicted.
        FeatureSet wrong = cluster(50, 2);
        for (int &l : wrong.labels)
            l = (l + 1) % 3;
        QCOMPARE(Classifiers::accuracy(Classifiers::knn(cluster(4, 1), wrong, 3, options).value(), wrong.labels), 0.0);
    }

    void intervalOfKnownAccuracies()
    {
        const AccuracyEstimate e = AccuracyEstimate::of({0.5, 0.6, 0.7});
        QCOMPARE(e.draws, 3);
        QVERIFY(std::fabs(e.mean - 0.6) < 1e-12);
        // Sample standard deviation 0.1, t(0.975; 2 dof) = 4.303.
        QVERIFY(std::fabs(e.ci95 - 4.3027 * 0.1 / std::sqrt(3.0)) < 1e-4);
        const AccuracyEstimate one = AccuracyEstimate::of({0.8});
        QCOMPARE(one.mean, 0.8);
        QVERIFY(std::isnan(one.ci95));
        QVERIFY(std::isnan(AccuracyEstimate::of({}).mean));
        QVERIFY(std::fabs(AccuracyEstimate::t95(1) - 12.706) < 1e-3);
        QVERIFY(std::fabs(AccuracyEstimate::t95(10) - 2.228) < 1e-3);
        QVERIFY(std::fabs(AccuracyEstimate::t95(60) - 2.000) < 1e-3);
        QVERIFY(std::fabs(AccuracyEstimate::t95(1000) - 1.962) < 1e-3);
        // The JSON keeps the mean under its old name and adds the half-width.
        TransferReport report;
        report.pixelProbe = e;
        const QJsonObject json = report.toJson();
        QCOMPARE(json.value(QLatin1String("pixel_probe_accuracy")).toDouble(), e.mean);
        QCOMPARE(json.value(QLatin1String("pixel_probe_accuracy_ci95")).toDouble(), e.ci95);
        QVERIFY(json.value(QLatin1String("pixel_knn_accuracy_ci95")).isNull());
        // Each draw's value, for statistics of one's own; none for a figure not measured.
        QCOMPARE(json.value(QLatin1String("pixel_probe_accuracy_draws")).toArray(), (QJsonArray{0.5, 0.6, 0.7}));
        QVERIFY(!json.contains(QLatin1String("pixel_knn_accuracy_draws")));
    }

    void strategyNamesRoundTrip()
    {
        for (TransferStrategy s : TransferStrategies::all()) {
            TransferStrategy parsed = TransferStrategy::Scratch;
            QVERIFY(TransferStrategies::parse(TransferStrategies::name(s), &parsed));
            QCOMPARE(parsed, s);
        }
        TransferStrategy unused;
        QVERIFY(!TransferStrategies::parse(QStringLiteral("finetune"), &unused));
    }
};

QTEST_GUILESS_MAIN(TestTransferReport)
#include "tst_transferreport.moc"
