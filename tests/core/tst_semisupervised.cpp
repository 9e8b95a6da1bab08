// The semi-supervised VAE (Kingma et al. 2014, M2): its bounds against hand formulas, the classifier learning from
// two labels per class, the perturbation, the analogies row, and the PyTorch file format. Its settings and the
// labelled draw: tst_semisupervisedconfig.

#include "data/batching_p.h"
#include "interop/pytorchinterop.h"
#include "model/elbo_p.h"
#include "model/inferencemodel.h"
#include "model/semisupervised_p.h"
#include "model/vae_p.h"
#include "randomtensor.h"
#include "syntheticdata.h"
#include "tinyconfig.h"
#include "training/trainer.h"
#include "training/trainingcontroller.h"

#include <QTest>

#include <cmath>
#include <functional>

namespace {

double maxAbsDiff(const torch::Tensor &a, const torch::Tensor &b)
{
    return (a - b).abs().max().item<double>();
}

} // namespace

class TestSemiSupervised : public QObject
{
    Q_OBJECT

    /// The same step (same seeds) with the weight `term` at 0 and at 3: the objectives differ by exactly 3·formula(q),
    /// q = softmax of the classifier on the unlabelled batch, and only the classifier's gradients change.
    static void checkClassifierTerm(double SemiSupervisedWeights::*term,
                                    const std::function<double(const torch::Tensor &)> &formula)
    {
        const ModelSpec spec = tinySemiSpec(3);
        const auto unlabelled = randomImages(8, 1);
        SemiSupervisedWeights w;
        double totals[2] = {0, 0};
        std::vector<torch::Tensor> gradients[2];
        for (int i = 0; i < 2; ++i) {
            auto model = makeVae(spec, 6);
            auto gen = at::detail::createCPUGenerator(2);
            w.*term = i == 0 ? 0.0 : 3.0;
            totals[i] = semiSupervisedGradients(*model, unlabelled, torch::Tensor(), torch::Tensor(),
                                                Likelihood::Bernoulli, w, gen)
                            .total;
            for (const auto &p : model->parameters())
                gradients[i].push_back(p.grad().clone());
            if (i == 1) {
                torch::NoGradGuard noGrad;
                const double value = formula(torch::softmax(model->classify(unlabelled.reshape({8, -1})), 1));
                QVERIFY(value > 0.01);
                QVERIFY2(std::abs(totals[1] - totals[0] - 3 * value) < 1e-4,
                         qPrintable(QStringLiteral("%1 - %2 vs 3 x %3").arg(totals[1]).arg(totals[0]).arg(value)));
            }
        }
        const auto names = makeVae(spec, 6)->named_parameters().keys();
        for (size_t k = 0; k < names.size(); ++k) {
            const bool same = torch::equal(gradients[0][k], gradients[1][k]);
            QVERIFY2(same == (names[k].rfind("classifier", 0) != 0), names[k].c_str());
        }
    }

private Q_SLOTS:
    void layerTableAddsTheClassifierAndTheLabelInputs()
    {
        const ModelSpec spec = tinySemiSpec(3);
        const int h = spec.hidden, l = spec.latent, c = spec.classes;
        // The oracle: (784+C)·H+H + H·2L+2L + (L+C)·H+H + H·784+784 + 784·H+H + H·C+C, written out by hand.
        const qint64 expected =
            (784 + c) * h + h + h * 2 * l + 2 * l + (l + c) * h + h + h * 784 + 784 + 784 * h + h + h * c + c;
        QCOMPARE(LayerTable::parameterCount(spec), expected);
        const auto model = makeVae(spec, 1);
        qint64 counted = 0;
        for (const auto &p : model->parameters())
            counted += p.numel();
        QCOMPARE(counted, expected);
        QCOMPARE(LayerTable::parameters(spec).last().name, QStringLiteral("classifier_out.bias"));
    }

    void labelledBoundMatchesTheConcatenatedForwardPass()
    {
        // conditionalBound splits encoder_hidden's and decoder_hidden's weights to share the image's product; the
        // straight path concatenates [x, y] and [z, y]. Same ε stream: the same numbers.
        const ModelSpec spec = tinySemiSpec(3);
        auto model = makeVae(spec, 2);
        torch::NoGradGuard noGrad;
        const auto x = randomImages(5, 3);
        const auto labels = torch::tensor({0, 2, 1, 1, 0}, torch::kLong);
        const auto y = torch::one_hot(labels, 3).to(torch::kFloat);
        auto gen1 = at::detail::createCPUGenerator(9);
        const auto bound = conditionalBound(*model, x, y.unsqueeze(1), Likelihood::Bernoulli, gen1);
        auto gen2 = at::detail::createCPUGenerator(9);
        const auto [mu, logvar] = model->encode(x, y);
        const auto z = mu + (0.5 * logvar).exp() * at::randn(mu.sizes(), gen2, mu.options());
        const auto recon = reconstructionNll(model->decode(z, y), x, Likelihood::Bernoulli);
        const auto expected = recon + gaussianKl(mu, logvar).sum(1) + std::log(3.0);
        QVERIFY(maxAbsDiff(bound.bound().squeeze(1), expected) < 1e-3);
        QVERIFY(maxAbsDiff(bound.recon.squeeze(1), recon) < 1e-3);
    }

    void marginalBoundIsTheClassWeightedSumPlusTheEntropy()
    {
        // U(x) = Σ_y q(y|x)·L(x, y) − H(q(y|x)), and its parts add up: recon + Σ KL_z + KL(q(y|x) ‖ uniform).
        const ModelSpec spec = tinySemiSpec(4);
        auto model = makeVae(spec, 5);
        torch::NoGradGuard noGrad;
        const auto x = randomImages(6, 4);
        auto gen1 = at::detail::createCPUGenerator(21);
        const MarginalBound u = marginalBound(*model, x, Likelihood::Bernoulli, gen1);
        auto gen2 = at::detail::createCPUGenerator(21);
        const auto everyClass = torch::eye(4).unsqueeze(0).expand({6, 4, 4});
        const auto perClass = conditionalBound(*model, x, everyClass, Likelihood::Bernoulli, gen2).bound(); // 6×4
        const auto q = torch::softmax(model->classify(x), 1);
        const auto entropy = -(q * q.log()).sum(1);
        const auto expected = (q * perClass).sum(1) - entropy;
        QVERIFY2(maxAbsDiff(u.bound, expected) < 1e-3,
                 qPrintable(QStringLiteral("max diff %1").arg(maxAbsDiff(u.bound, expected))));
        QVERIFY(maxAbsDiff(u.bound, u.recon + u.klPerDim.sum(1) + u.klLabel) < 1e-3);
        QVERIFY(maxAbsDiff(u.klLabel, std::log(4.0) - entropy) < 1e-4);
        QVERIFY((u.klLabel >= -1e-6).all().item<bool>());
    }

    void classSamplingIsUnbiasedInValueAndGradient()
    {
        // With σ(z) ≈ 0 every L(x, y) is fixed, so the draw of classes is the only noise: the mean of many sampled
        // bounds, and of their gradients (the classifier's through q, the decoder's through L), is the exact sum's.
        const ModelSpec spec = tinySemiSpec(4);
        auto model = makeVae(spec, 7);
        auto params = model->named_parameters();
        {
            torch::NoGradGuard noGrad;
            params["encoder_out.bias"].narrow(0, spec.latent, spec.latent).fill_(-30); // log σ² = −30
            params["classifier_out.weight"].mul_(30); // some classes likely, some not: the draw skips classes
            params["decoder_hidden.weight"].narrow(1, spec.latent, spec.classes).mul_(30); // L(x, y) differs by y
        }
        const auto x = randomImages(6, 8);
        auto gen = at::detail::createCPUGenerator(5);
        const char *watched[] = {"classifier_out.weight", "decoder_out.weight", "encoder_hidden.weight"};
        auto run = [&](bool sampled, std::vector<torch::Tensor> *gradients) {
            for (auto &p : model->parameters())
                p.mutable_grad() = torch::Tensor();
            const MarginalBound u = sampled ? sampledMarginalBound(*model, x, Likelihood::Bernoulli, 0.3, gen)
                                            : marginalBound(*model, x, Likelihood::Bernoulli, gen);
            u.bound.mean().backward();
            for (const char *name : watched)
                gradients->push_back(params[name].grad().clone());
            return u.bound.detach();
        };
        std::vector<torch::Tensor> exactGradients;
        const auto exact = run(false, &exactGradients);
        const int draws = 2000;
        auto sum = torch::zeros_like(exact), squares = torch::zeros_like(exact);
        std::vector<torch::Tensor> meanGradients(std::size(watched));
        double largestMiss = 0;
        for (int i = 0; i < draws; ++i) {
            std::vector<torch::Tensor> g;
            const auto value = run(true, &g);
            largestMiss = std::max(largestMiss, maxAbsDiff(value, exact));
            sum += value;
            squares += (value - exact).square();
            for (size_t k = 0; k < g.size(); ++k)
                meanGradients[k] = i == 0 ? g[k] / draws : meanGradients[k] + g[k] / draws;
        }
        QVERIFY2(largestMiss > 10, "the draw must skip classes, or this test checks nothing");
        // Each image's mean within 5 standard errors of the exact value (its spread measured around that value).
        const auto standardError = (squares / draws).sqrt() / std::sqrt(double(draws));
        const auto zScore = ((sum / draws - exact).abs() / standardError).max().item<double>();
        QVERIFY2(zScore < 5, qPrintable(QStringLiteral("the mean value is %1 standard errors off").arg(zScore)));
        for (size_t k = 0; k < meanGradients.size(); ++k) {
            const double relative =
                ((meanGradients[k] - exactGradients[k]).norm() / exactGradients[k].norm()).item<double>();
            QVERIFY2(relative < 0.03,
                     qPrintable(QStringLiteral("%1: mean gradient off by %2 of its size")
                                    .arg(QLatin1String(watched[k]))
                                    .arg(relative)));
        }
    }

    void shiftMovesImagesByAtMostTwoPixels()
    {
        auto x = torch::zeros({50, 784});
        x.index_put_({torch::indexing::Slice(), 14 * 28 + 14}, 1.0); // one bright pixel in the middle
        auto gen = at::detail::createCPUGenerator(3);
        const auto moved = shiftImages(x, 2, gen);
        QCOMPARE(moved.sum(1).min().item<float>(), 1.0f); // nothing falls off the edge from the middle
        const auto where = moved.argmax(1);
        bool anyMoved = false;
        for (int i = 0; i < 50; ++i) {
            const int at = int(where[i].item<int64_t>());
            QVERIFY(std::abs(at / 28 - 14) <= 2 && std::abs(at % 28 - 14) <= 2);
            anyMoved = anyMoved || at != 14 * 28 + 14;
        }
        QVERIFY(anyMoved);
    }

    void perturbationRotatesZoomsAndShearsWithinItsBounds()
    {
        // A bar through the centre: the perturbation keeps its middle near the centre (shifts ≤ 2 pixels), turns it
        // by at most 35° (plus the shear's lean), and with strength 0 it is exactly shiftImages.
        auto x = torch::zeros({200, 28, 28});
        x.index_put_({torch::indexing::Slice(), torch::indexing::Slice(6, 22), 14}, 1.0); // vertical bar, 16 pixels
        x = x.reshape({200, 784});
        auto a = at::detail::createCPUGenerator(5), b = at::detail::createCPUGenerator(5);
        QVERIFY(torch::equal(perturbImages(x, 2, 0.0, a), shiftImages(x, 2, b)));
        const auto moved = perturbImages(x, 2, 1.0, a).reshape({200, 28, 28});
        const auto ys = torch::arange(28, torch::kFloat).view({1, 28, 1}),
                   xs = torch::arange(28, torch::kFloat).view({1, 1, 28});
        const auto mass = moved.sum({1, 2});
        const auto cy = (moved * ys).sum({1, 2}) / mass, cx = (moved * xs).sum({1, 2}) / mass;
        // Area scales by zoom² / (1 − shear·sin θ): within [0.8² / 1.2, 1.2² / 0.8] of the 16 pixels.
        QVERIFY2((mass > 16 * 0.5).all().item<bool>() && (mass < 16 * 1.85).all().item<bool>(),
                 qPrintable(QStringLiteral("%1 to %2").arg(mass.min().item<float>()).arg(mass.max().item<float>())));
        QVERIFY2(((cy - 13.5).abs() <= 2.6).all().item<bool>(),
                 qPrintable(QString::number((cy - 13.5).abs().max().item<float>())));
        QVERIFY2(((cx - 14).abs() <= 2.6).all().item<bool>(),
                 qPrintable(QString::number((cx - 14).abs().max().item<float>())));
        // The bar's lean (x against y, least squares): tan of the angle; 35° rotation + 0.3 shear stay under ~62°.
        const auto dy = ys - cy.view({200, 1, 1}), dx = xs - cx.view({200, 1, 1});
        const auto lean = ((moved * dx * dy).sum({1, 2}) / (moved * dy * dy).sum({1, 2})).abs();
        QVERIFY2(lean.max().item<float>() < std::tan(62 * M_PI / 180),
                 qPrintable(QString::number(lean.max().item<float>())));
        QVERIFY2(lean.max().item<float>() > std::tan(20 * M_PI / 180), "some bars must be turned well past 20°");
        QVERIFY(lean.min().item<float>() < std::tan(5 * M_PI / 180)); // and some hardly at all
    }

    void gradientsReachEveryNetworkAndStayFinite()
    {
        const ModelSpec spec = tinySemiSpec(3);
        auto model = makeVae(spec, 6);
        auto gen = at::detail::createCPUGenerator(2);
        SemiSupervisedWeights w;
        w.labelledWeight = 5;
        w.consistency = 1;
        w.adversarial = 2;
        const auto loss =
            semiSupervisedGradients(*model, randomImages(8, 1), randomImages(3, 2),
                                    torch::tensor({0, 1, 2}, torch::kLong), Likelihood::Bernoulli, w, gen);
        QVERIFY(std::isfinite(loss.total) && loss.recon > 0 && loss.kl > 0 && loss.classLoss > 0);
        for (const auto &p : model->named_parameters())
            QVERIFY2(p.value().grad().defined() && p.value().grad().abs().sum().item<double>() > 0, p.key().c_str());
    }

    void entropyWeightAddsTheMeanEntropyOfQ()
    {
        // γ·mean H(q(y|x)) over the unlabelled batch.
        checkClassifierTerm(&SemiSupervisedWeights::entropy,
                            [](const torch::Tensor &q) { return -(q * q.log()).sum(1).mean().item<double>(); });
    }

    void balanceWeightAddsTheKlOfTheMeanQFromUniform()
    {
        // β_c·KL(mean q(y|x) ‖ uniform) = β_c·(log C − H(mean q)): zero only when the batch uses every class equally.
        checkClassifierTerm(&SemiSupervisedWeights::balance, [](const torch::Tensor &q) {
            const auto mean = q.mean(0);
            return (mean * mean.log()).sum().item<double>() + std::log(double(q.size(1)));
        });
    }

    void classifierLearnsFromTwoLabelsPerClass()
    {
        // Four separable classes, 2 labelled images each among 240 unlabelled: the classifier gets the test set.
        const DataSplit data = SyntheticData::split(SyntheticData::Pattern::Blobs, 240, 80, 3);
        TrainConfig config = semiConfig(/*labelsPerClass=*/2, /*epochs=*/8);
        config.alpha = 1.0; // α·N_labelled = 8: eight labelled images among 240 need more weight than the default 0.8
        Trainer trainer(config, data, std::nullopt);
        const TrainingResult result = trainer.runBlocking();
        QVERIFY2(result.outcome == RunOutcome::Completed, qPrintable(result.message));
        const ElboSummary &test = result.checkpoint.history.last().test;
        QVERIFY2(test.accuracy >= 0.95, qPrintable(QStringLiteral("accuracy %1").arg(test.accuracy)));
        // Its confusion matrix: every test image once, in its true class's row, the diagonal being the accuracy.
        QCOMPARE(test.confusion.classes, 4);
        QCOMPARE(test.confusion.total(), data.test.count());
        QCOMPARE(test.confusion.accuracy(), test.accuracy);
        for (int c = 0; c < 4; ++c)
            QCOMPARE(test.confusion.rowTotal(c),
                     int(std::count(data.test.labels.cbegin(), data.test.labels.cend(), c)));
        QVERIFY(std::isfinite(test.negElbo) && test.negElbo > 0);
        QCOMPARE(test.negElbo, test.recon + test.kl);
        // The same seed, the same numbers.
        Trainer again(config, data, std::nullopt);
        QCOMPARE(again.runBlocking().checkpoint.history.last().test.negElbo, test.negElbo);
    }

    void analogiesRowDecodesOneZUnderEachClass()
    {
        const ModelSpec spec = tinySemiSpec(3);
        const auto model = makeVae(spec, 8);
        const auto created = InferenceModel::create(spec, flattenParameters(*model));
        QVERIFY(created.ok());
        const InferenceModel &m = created.value();
        QCOMPARE(m.classCount(), 3);
        const QVector<float> z{0.3f, -1.2f};
        const QVector<QImage> row = m.decodeUnderEveryClass(z);
        QCOMPARE(row.size(), 3);
        for (int k = 0; k < 3; ++k)
            QCOMPARE(row[k], m.decode(z, k));
        QVERIFY(row[0] != row[1] && row[1] != row[2]);
        // The plain VAE has no row.
        const auto plain = InferenceModel::create(ModelSpec{Architecture::Mlp, 8, 2, Likelihood::Bernoulli},
                                                  flattenParameters(*makeVae(ModelSpec{Architecture::Mlp, 8, 2}, 1)));
        QVERIFY(plain.ok());
        QVERIFY(plain.value().decodeUnderEveryClass(z).isEmpty());
        QCOMPARE(plain.value().classCount(), 0);
    }

    void classifierFeaturesAreTheHiddenLayerAtUnitLength()
    {
        const ModelSpec spec = tinySemiSpec(3);
        const auto model = makeVae(spec, 9);
        const auto created = InferenceModel::create(spec, flattenParameters(*model));
        QVERIFY(created.ok());
        const DataSplit data = SyntheticData::split(SyntheticData::Pattern::Blobs, 12, 4, 2);
        QCOMPARE(created.value().classifierFeatureWidth(), spec.hidden);
        const QVector<float> rows = created.value().classifierFeatures(data.train, {3, 7});
        QCOMPARE(rows.size(), 2 * spec.hidden);
        // The same numbers by hand: relu(W x + b) of classifier_hidden, divided by its length.
        const auto x = Batcher(data.train.select({3, 7})).range(0, 2).reshape({2, -1});
        const auto h = torch::relu(model->firstLinear(ModelPart::Classifier)->forward(x));
        const auto expected = h / h.norm(2, {1}, true);
        for (int i = 0; i < 2; ++i)
            for (int j = 0; j < spec.hidden; ++j)
                QVERIFY(std::abs(rows[i * spec.hidden + j] - expected[i][j].item<float>()) < 1e-5);
        // The plain VAE has none.
        const auto plain = InferenceModel::create(ModelSpec{Architecture::Mlp, 8, 2, Likelihood::Bernoulli},
                                                  flattenParameters(*makeVae(ModelSpec{Architecture::Mlp, 8, 2}, 1)));
        QCOMPARE(plain.value().classifierFeatureWidth(), 0);
        QVERIFY(plain.value().classifierFeatures(data.train).isEmpty());
    }

    void plainVaeEntryPointsUseTheMarginalBound()
    {
        // Fine-tuning and evaluation written for the plain VAE (transfer, fast adaptation) get U(x) for this model.
        const ModelSpec spec = tinySemiSpec(3);
        auto model = makeVae(spec, 4);
        const Dataset images = SyntheticData::generate(SyntheticData::Pattern::Blobs, 24, 2);
        const Batcher batches(images);
        auto gen1 = at::detail::createCPUGenerator(5), gen2 = at::detail::createCPUGenerator(5);
        const ElboSummary plain = evaluateElbo(*model, batches, Likelihood::Bernoulli, 0, gen1);
        const ElboSummary semi = evaluateSemiSupervised(*model, batches, {}, Likelihood::Bernoulli, gen2);
        QCOMPARE(plain.negElbo, semi.negElbo);
        QVERIFY(std::isnan(plain.accuracy));
        QVERIFY(plain.confusion.isEmpty() && semi.confusion.isEmpty()); // no labels, no matrix
        auto gen3 = at::detail::createCPUGenerator(6);
        const StepLoss step = elboGradients(*model, batches.range(0, 8), Likelihood::Bernoulli, 1.0, gen3);
        QVERIFY(step.recon > 0 && step.kl > 0);
        QVERIFY(model->firstLinear(ModelPart::Decoder)->weight.grad().abs().sum().item<double>() > 0);
    }

    void pytorchStateDictRoundTrips()
    {
        // Export writes the classifier too; import recognises the model by its classifier and sizes it from the shapes.
        const ModelSpec spec = tinySemiSpec(4);
        ModelSnapshot snapshot{spec, flattenParameters(*makeVae(spec, 3)), 0, {}};
        const auto bytes = PyTorchInterop::toStateDict(snapshot);
        QVERIFY2(bytes.ok(), qPrintable(bytes.error()));
        const auto back =
            PyTorchInterop::fromStateDict(bytes.value(), PyTorchInterop::ImportSpec{}, QStringLiteral("x"));
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QCOMPARE(back.value().spec, spec);
        QCOMPARE(back.value().weights, snapshot.weights);
    }
};

QTEST_GUILESS_MAIN(TestSemiSupervised)
#include "tst_semisupervised.moc"
