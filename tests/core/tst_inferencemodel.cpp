// InferenceModel (the GUI's own decoder/encoder) and Evaluator: built from weights, refused with a message when
// the weights do not fit, and consistent between their single and batched forms.

#include "model/evaluator.h"
#include "model/inferencemodel.h"
#include "tinyconfig.h"
#include "training/trainer.h"
#include "training/trainingcontroller.h"

#include <QStandardPaths>
#include <QTest>

#include <cmath>

using SyntheticData::Pattern;

class TestInferenceModel : public QObject
{
    Q_OBJECT

private:
    TrainConfig m_config = tinyConfig(Pattern::DottedBars, 1);
    DataSplit m_data = SyntheticData::split(Pattern::DottedBars, 100, 30, 7);
    QVector<float> m_weights;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_config.model.latent = 3;
        Trainer trainer(m_config, m_data, std::nullopt);
        const TrainingResult r = trainer.runBlocking();
        QCOMPARE(r.outcome, RunOutcome::Completed);
        m_weights = r.checkpoint.weights;
    }

    void refusesWeightsThatDoNotFit_data()
    {
        QTest::addColumn<int>("change");
        QTest::addColumn<QString>("expected");
        QTest::newRow("one weight too few") << -1 << "needs";
        QTest::newRow("one weight too many") << 1 << "needs";
        QTest::newRow("empty") << -1000000 << "needs";
        QTest::newRow("NaN weight") << 0 << "NaN";
    }

    void refusesWeightsThatDoNotFit()
    {
        QFETCH(int, change);
        QFETCH(QString, expected);
        QVector<float> w = m_weights;
        if (change == 0)
            w[5] = std::numeric_limits<float>::quiet_NaN();
        else if (change < -w.size())
            w.clear();
        else if (change < 0)
            w.removeLast();
        else
            w.append(0.f);
        const auto model = InferenceModel::create(m_config.model, w);
        QVERIFY(!model.ok());
        QVERIFY2(model.error().contains(expected), qPrintable(model.error()));
        const auto evaluated = Evaluator::evaluate(m_config.model, w, m_data.test);
        QVERIFY(!evaluated.ok());
        QVERIFY2(!evaluated.error().isEmpty(), "no message");
    }

    void anEmptyModelDoesNothing()
    {
        const InferenceModel none;
        QVERIFY(!none.isValid());
        QCOMPARE(none.latentDim(), 0);
        QVERIFY(none.decode(QVector<float>{0, 0, 0}).isNull());
        QVERIFY(none.encodeMeans(m_data.test).isEmpty());
        QVERIFY(none.sampleReconstructions(m_data.test, 2, 1).isEmpty());
    }

    void decodes()
    {
        const auto created = InferenceModel::create(ModelSnapshot{m_config.model, m_weights, 0, {}});
        QVERIFY2(created.ok(), qPrintable(created.error()));
        const InferenceModel &model = created.value();
        QVERIFY(model.isValid());
        QCOMPARE(model.spec(), m_config.model);
        QCOMPARE(model.latentDim(), 3);

        const QImage one = model.decode(QVector<float>{0.5f, -1.f, 2.f});
        QCOMPARE(one.size(), QSize(28, 28));
        QCOMPARE(one.format(), QImage::Format_Grayscale8);
        QVERIFY(model.decode(QVector<float>{1.f, 2.f}).isNull()); // wrong latent size

        const QVector<QVector<float>> zs{{0.5f, -1.f, 2.f}, {0.f, 0.f, 0.f}, {-2.f, 1.f, 0.f}};
        const QVector<QImage> many = model.decode(zs);
        QCOMPARE(many.size(), 3);
        QCOMPARE(many[0], one);
        QCOMPARE(many[2], model.decode(zs[2]));
        QVERIFY(many[0] != many[2]);

        const InferenceModel copy = model; // copies share the weights
        QCOMPARE(copy.decode(zs[1]), many[1]);
    }

    void encodes()
    {
        const InferenceModel model = InferenceModel::create(m_config.model, m_weights).value();
        const Dataset &test = m_data.test;
        const QVector<float> all = model.encodeMeans(test);
        QCOMPARE(all.size(), test.count() * 3);
        for (float v : all)
            QVERIFY(std::isfinite(v));
        const QVector<float> picked = model.encodeMeans(test, {7, 2});
        QCOMPARE(picked.size(), 6);
        for (int d = 0; d < 3; ++d) {
            QCOMPARE(picked[d], all[7 * 3 + d]);
            QCOMPARE(picked[3 + d], all[2 * 3 + d]);
        }
        // One image from a QImage (converted to 28×28 grayscale) encodes like the same image from the dataset.
        const QVector<float> fromImage = model.encodeMean(test.image(4).convertToFormat(QImage::Format_RGB32));
        QCOMPARE(fromImage.size(), 3);
        for (int d = 0; d < 3; ++d)
            QVERIFY(std::fabs(fromImage[d] - all[4 * 3 + d]) < 1e-5);
        QVERIFY(model.encodeMean(QImage()).isEmpty());
    }

    void samplesReconstructions()
    {
        const InferenceModel model = InferenceModel::create(m_config.model, m_weights).value();
        const Dataset three = m_data.test.head(3);
        const QVector<QImage> a = model.sampleReconstructions(three, 4, 99);
        QCOMPARE(a.size(), 12);
        QCOMPARE(a.first().size(), QSize(28, 28));
        QCOMPARE(model.sampleReconstructions(three, 4, 99), a); // the seed decides
        QVERIFY(model.sampleReconstructions(three, 4, 100) != a);
        QVERIFY(model.sampleReconstructions(three, 0, 1).isEmpty());
    }

    void evaluatorMatchesTheTrainersFigures()
    {
        const auto s = Evaluator::evaluate(m_config.model, m_weights, m_data.test, 10, 1);
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(s.value().samples, m_data.test.count());
        QVERIFY(std::isfinite(s.value().negElbo));
        QVERIFY(std::fabs(s.value().negElbo - (s.value().recon + s.value().kl)) < 1e-9 * s.value().negElbo);
        QCOMPARE(s.value().iwSamples, 10);
        QVERIFY(std::isfinite(s.value().iwNll));
        QVERIFY(s.value().iwNll <= s.value().negElbo + 1.0);
        const auto again = Evaluator::evaluate(m_config.model, m_weights, m_data.test, 10, 1);
        QCOMPARE(again.value().negElbo, s.value().negElbo);
        QCOMPARE(again.value().iwNll, s.value().iwNll);
    }
};

QTEST_GUILESS_MAIN(TestInferenceModel)
#include "tst_inferencemodel.moc"
