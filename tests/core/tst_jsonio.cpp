// JSON forms of the value types: round trips (NaN as null) and parsers that name the first bad field.

#include "util/jsonio.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

#include <cmath>
#include <utility>

class TestJsonIo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void modelSpecRoundTrip()
    {
        ModelSpec spec;
        spec.architecture = Architecture::Conv;
        spec.hidden = 123;
        spec.latent = 7;
        spec.likelihood = Likelihood::Gaussian;
        ModelSpec back;
        QCOMPARE(JsonIo::fromJson(JsonIo::toJson(spec), &back), QString());
        QCOMPARE(back, spec);
        QCOMPARE(JsonIo::toJson(spec).value(QLatin1String("gaussian_sigma")).toDouble(), kGaussianSigma);
    }

    void trainConfigRoundTrip()
    {
        TrainConfig c;
        c.model.latent = 5;
        c.dataset = QStringLiteral("fashion-mnist");
        c.epochs = 3;
        c.batchSize = 17;
        c.learningRate = 3e-4;
        c.beta = 0.25;
        c.warmupEpochs = 2;
        c.seed = 0xFFFFFFFFFFFFFFFFULL;
        c.classes = {0, 9};
        c.adaptedFrom = QStringLiteral("mnist");
        TrainConfig back;
        QVERIFY(!JsonIo::toJson(TrainConfig()).contains(QLatin1String("adapted_from"))); // as files before it
        QCOMPARE(JsonIo::fromJson(JsonIo::toJson(c), &back), QString());
        QCOMPARE(back.adaptedFrom, c.adaptedFrom);
        QCOMPARE(back.model, c.model);
        QCOMPARE(back.dataset, c.dataset);
        QCOMPARE(back.epochs, c.epochs);
        QCOMPARE(back.batchSize, c.batchSize);
        QCOMPARE(back.learningRate, c.learningRate);
        QCOMPARE(back.beta, c.beta);
        QCOMPARE(back.warmupEpochs, c.warmupEpochs);
        QCOMPARE(back.seed, c.seed);
        QCOMPARE(back.classes, c.classes);
    }

    void epochStatsRoundTripKeepsNaN()
    {
        EpochStats e;
        e.epoch = 4;
        e.beta = 0.5;
        e.trainNegElbo = 123.5;
        e.trainRecon = 100.25;
        e.trainKl = 23.25;
        e.trainSeconds = 2.5;
        e.samplesPerSecond = 1000;
        e.globalStep = 77;
        e.test.negElbo = 130;
        e.test.recon = 110;
        e.test.kl = 20;
        e.test.klPerDim = {10, std::nan(""), 10};
        e.test.activeUnits = 2;
        e.test.samples = 50;
        const QJsonObject o = JsonIo::toJson(e);
        QCOMPARE(o.value(QLatin1String("epoch")).toInt(), 5); // 1-based for people and scripts
        QVERIFY(!o.value(QLatin1String("test")).toObject().contains(QLatin1String("iw_nll")));
        QVERIFY(o.value(QLatin1String("test")).toObject().value(QLatin1String("kl_per_dim")).toArray().at(1).isNull());
        EpochStats back;
        QCOMPARE(JsonIo::fromJson(o, &back), QString());
        QCOMPARE(back.epoch, 4);
        QCOMPARE(back.trainNegElbo, e.trainNegElbo);
        QCOMPARE(back.test.negElbo, e.test.negElbo);
        QCOMPARE(back.test.klPerDim.size(), 3);
        QVERIFY(std::isnan(back.test.klPerDim[1]));
        QVERIFY(std::isnan(back.test.iwNll));
        QCOMPARE(back.globalStep, 77);

        e.test.iwNll = 125;
        e.test.iwSamples = 50;
        QCOMPARE(JsonIo::fromJson(JsonIo::toJson(e), &back), QString());
        QCOMPARE(back.test.iwNll, 125.0);
        QCOMPARE(back.test.iwSamples, 50);

        e.test.negElbo = std::nan("");
        QVERIFY(JsonIo::toJson(e.test).value(QLatin1String("neg_elbo")).isNull());
        QCOMPARE(JsonIo::fromJson(JsonIo::toJson(e), &back), QString());
        QVERIFY(std::isnan(back.test.negElbo));
    }

    void confusionMatrix()
    {
        ConfusionMatrix m(3);
        for (auto [truth, predicted] :
             {std::pair{0, 0}, {0, 0}, {0, 2}, {1, 1}, {2, 0}, {2, 0}, {2, 2}, {1, 7}, {-1, 0}})
            m.add(truth, predicted); // (1, 7) and (−1, 0): no class of the model, not counted
        QCOMPARE(m.total(), 7);
        QCOMPARE(m.rowTotal(2), 3);
        QCOMPARE(m.accuracy(), 4.0 / 7.0);
        QCOMPARE(m.recall(0), 2.0 / 3.0);
        const auto mistakes = m.largestMistakes(5);
        QCOMPARE(mistakes.size(), 2); // (2 → 0) twice, then (0 → 2) once; empty cells are no mistakes
        QCOMPARE(mistakes[0].truth, 2);
        QCOMPARE(mistakes[0].predicted, 0);
        QCOMPARE(mistakes[0].count, 2);
        QCOMPARE(mistakes[1].truth, 0);
        QCOMPARE(m.largestMistakes(1).size(), 1);
        QVERIFY(std::isnan(ConfusionMatrix(3).accuracy()));

        // In a summary it travels as rows (true classes) of predicted counts, and comes back the same.
        ElboSummary s;
        s.negElbo = s.recon = s.kl = 1;
        s.confusion = m;
        const QJsonObject o = JsonIo::toJson(s);
        QCOMPARE(o.value(QLatin1String("confusion")).toArray().at(2).toArray().at(0).toInt(), 2);
        ElboSummary back;
        QCOMPARE(JsonIo::fromJson(o, &back), QString());
        QCOMPARE(back.confusion.counts, m.counts);
        QCOMPARE(back.confusion.classes, 3);
        // A summary without one (the plain VAE, older checkpoints) has none; a broken one is refused.
        QVERIFY(!JsonIo::toJson(ElboSummary()).contains(QLatin1String("confusion")));
        QJsonObject ragged = o;
        ragged.insert(QStringLiteral("confusion"), QJsonArray{QJsonArray{1, 2}, QJsonArray{3}});
        QVERIFY(JsonIo::fromJson(ragged, &back).contains(QLatin1String("not square")));
        QJsonObject negative = o;
        negative.insert(QStringLiteral("confusion"), QJsonArray{QJsonArray{-1}});
        QVERIFY(!JsonIo::fromJson(negative, &back).isEmpty());
    }

    void badModelSpec_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value"); // undefined = remove the key
        QTest::addColumn<QString>("expected");
        QTest::newRow("architecture missing") << "architecture" << QJsonValue(QJsonValue::Undefined) << "architecture";
        QTest::newRow("architecture unknown") << "architecture" << QJsonValue(QStringLiteral("rnn")) << "rnn";
        QTest::newRow("likelihood unknown") << "likelihood" << QJsonValue(QStringLiteral("poisson")) << "poisson";
        QTest::newRow("hidden text") << "hidden" << QJsonValue(QStringLiteral("512")) << "hidden";
        QTest::newRow("hidden fractional") << "hidden" << QJsonValue(1.5) << "hidden";
        QTest::newRow("latent 0") << "latent" << QJsonValue(0) << "latent";
        QTest::newRow("latent huge") << "latent" << QJsonValue(1e12) << "latent";
    }

    void badModelSpec()
    {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QFETCH(QString, expected);
        QJsonObject o = JsonIo::toJson(ModelSpec());
        if (value.isUndefined())
            o.remove(key);
        else
            o[key] = value;
        ModelSpec out;
        const QString error = JsonIo::fromJson(o, &out);
        QVERIFY2(error.contains(expected), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestJsonIo)
#include "tst_jsonio.moc"
