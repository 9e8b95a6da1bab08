// The semi-supervised model's conv classifier (`--model conv` with labels): its layer table, its logits over (class,
// quarter turn) pairs, the turned images it learns from, and a toy run. The bounds themselves: tst_semisupervised.

#include "model/inferencemodel.h"
#include "model/semisupervised_p.h"
#include "model/vae_p.h"
#include "randomtensor.h"
#include "syntheticdata.h"
#include "tinyconfig.h"
#include "training/trainer.h"
#include "training/trainingcontroller.h"

#include <QTest>

class TestConvClassifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void convClassifierLearnsFromTwoLabelsPerClass()
    {
        // tst_semisupervised's task with `--model conv`: a conv classifier (and its turned images) beside the MLP
        // encoder and decoder.
        const DataSplit data = SyntheticData::split(SyntheticData::Pattern::Blobs, 240, 80, 3);
        TrainConfig config = semiConfig(/*labelsPerClass=*/2, /*epochs=*/8);
        config.alpha = 1.0;
        config.model.architecture = Architecture::Conv;
        Trainer trainer(config, data, std::nullopt);
        const TrainingResult result = trainer.runBlocking();
        QVERIFY2(result.outcome == RunOutcome::Completed, qPrintable(result.message));
        QVERIFY(result.checkpoint.config.model.architecture == Architecture::Conv);
        const ElboSummary &test = result.checkpoint.history.last().test;
        QVERIFY2(test.accuracy >= 0.95, qPrintable(QStringLiteral("accuracy %1").arg(test.accuracy)));
        QCOMPARE(test.negElbo, test.recon + test.kl);
    }

    void convClassifierHasALogitPerClassAndQuarterTurn()
    {
        ModelSpec spec = tinySemiSpec(3);
        spec.architecture = Architecture::Conv;
        QVERIFY(spec.classifierLearnsTurns() && spec.validate().isEmpty());
        QVERIFY(!tinySemiSpec(3).classifierLearnsTurns());
        const QVector<ParameterShape> shapes = LayerTable::parameters(spec);
        QStringList names;
        for (const ParameterShape &p : shapes)
            names << p.name;
        QCOMPARE(names.mid(8),
                 (QStringList{"classifier_conv1.weight", "classifier_conv1.bias", "classifier_conv2.weight",
                              "classifier_conv2.bias", "classifier_hidden.weight", "classifier_hidden.bias",
                              "classifier_out.weight", "classifier_out.bias"}));
        QCOMPARE(shapes[0].shape, (QVector<qint64>{spec.hidden, 784 + 3})); // the encoder is still the MLP
        QCOMPARE(shapes.last().shape, (QVector<qint64>{3 * 4}));
        auto model = makeVae(spec, 3);
        torch::NoGradGuard noGrad;
        const auto x = randomImages(5, 4);
        const auto all = model->classifyTurns(x);
        QCOMPARE(all.sizes().vec(), (std::vector<int64_t>{5, 12}));
        QVERIFY(torch::equal(model->classify(x), all.narrow(1, 0, 3))); // q(y|x) reads the unturned columns
        QCOMPARE(model->classifierHiddenWidth(), 256);
        QCOMPARE(model->classifierHidden(x).size(1), 256);
        const auto created = InferenceModel::create(spec, flattenParameters(*model));
        QVERIFY(created.ok());
        QCOMPARE(created.value().classifierFeatureWidth(), 256);
        QVERIFY(spec.describe().contains(QStringLiteral("with a conv classifier")));
    }

    void quarterTurnsTurnEachImageByItsOwnCount()
    {
        // One lit pixel at row 2, column 5; each turn is 90° counter-clockwise: (r, c) → (27 − c, r).
        auto x = torch::zeros({4, 784});
        for (int i = 0; i < 4; ++i)
            x[i][2 * 28 + 5] = 1.0f;
        const auto turned = quarterTurns(x, torch::tensor({0, 1, 2, 3}, torch::kLong));
        const int expected[4][2] = {{2, 5}, {22, 2}, {25, 22}, {5, 25}};
        for (int i = 0; i < 4; ++i) {
            const int at = int(turned[i].argmax().item<int64_t>());
            QCOMPARE(at / 28, expected[i][0]);
            QCOMPARE(at % 28, expected[i][1]);
            QCOMPARE(turned[i].sum().item<float>(), 1.0f);
        }
    }
};

QTEST_GUILESS_MAIN(TestConvClassifier)
#include "tst_convclassifier.moc"
