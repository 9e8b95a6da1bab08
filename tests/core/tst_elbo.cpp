// The ELBO's pieces against independent computations: analytic KL vs Monte Carlo (the likelihoods are in
// tst_likelihood), evaluateElbo's bookkeeping and the importance-weighted bound, our Adam vs LibTorch's,
// and the flat parameter layout.

#include "data/batching_p.h"
#include "model/elbo_p.h"
#include "model/vae_p.h"
#include "training/adam_p.h"

#include "model/evaluator.h"
#include "randomtensor.h"
#include "tinyconfig.h"
#include "training/trainer.h"
#include "training/trainingcontroller.h"

#include <QStandardPaths>
#include <QTest>

#include <cmath>

using SyntheticData::Pattern;

namespace {

const double kLog2Pi = std::log(2.0 * M_PI);

} // namespace

class TestElbo : public QObject
{
    Q_OBJECT

private:
    TrainConfig m_config;
    DataSplit m_data;
    QVector<float> m_trained; // weights of a tiny model trained for a few epochs

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        torch::set_num_threads(1);
        m_config = tinyConfig(Pattern::DottedBars, 5);
        m_config.model.latent = 4;
        m_data = SyntheticData::split(Pattern::DottedBars, 300, 100, 7);
        Trainer trainer(m_config, m_data, std::nullopt);
        const TrainingResult r = trainer.runBlocking();
        QCOMPARE(r.outcome, RunOutcome::Completed);
        m_trained = r.checkpoint.weights;
    }

    void klMatchesMonteCarlo_data()
    {
        QTest::addColumn<double>("mu");
        QTest::addColumn<double>("logvar");
        QTest::newRow("standard normal") << 0.0 << 0.0;
        QTest::newRow("shifted mean") << 0.5 << 0.0;
        QTest::newRow("negative mean, wide") << -1.3 << 0.7;
        QTest::newRow("narrow") << 2.0 << -2.0;
        QTest::newRow("wide") << 0.0 << 1.5;
        QTest::newRow("very narrow") << 0.1 << -4.0;
    }

    void klMatchesMonteCarlo()
    {
        QFETCH(double, mu);
        QFETCH(double, logvar);
        const double analytic =
            gaussianKl(torch::tensor({mu}, torch::kDouble), torch::tensor({logvar}, torch::kDouble)).item<double>();
        QVERIFY(analytic >= 0);

        // KL(q‖p) = E_q[log q(z) − log p(z)], estimated from 200k samples of q = N(μ, σ²), p = N(0, 1).
        constexpr int64_t n = 200000;
        const double sigma = std::exp(0.5 * logvar);
        const auto eps = randomTensor({n}, 12345);
        const auto z = mu + sigma * eps;
        const auto logQ = -0.5 * eps.square() - 0.5 * logvar - 0.5 * kLog2Pi;
        const auto logP = -0.5 * z.square() - 0.5 * kLog2Pi;
        const auto d = logQ - logP;
        const double estimate = d.mean().item<double>();
        const double standardError = d.std().item<double>() / std::sqrt(double(n));
        qInfo("KL analytic %.6f, Monte Carlo %.6f ± %.6f", analytic, estimate, standardError);
        QVERIFY2(std::fabs(analytic - estimate) <= 3 * standardError + 1e-12,
                 qPrintable(QStringLiteral("analytic %1 vs Monte Carlo %2 (SE %3)")
                                .arg(analytic)
                                .arg(estimate)
                                .arg(standardError)));
    }

    void klIsElementwise()
    {
        const auto mu = randomTensor({3, 5}, 1);
        const auto logvar = randomTensor({3, 5}, 2, 0.5);
        const auto kl = gaussianKl(mu, logvar);
        QVERIFY(kl.sizes() == mu.sizes());
        for (int i = 0; i < 3; ++i) {
            for (int j = 0; j < 5; ++j) {
                const double m = mu[i][j].item<double>(), lv = logvar[i][j].item<double>();
                const double expected = 0.5 * (m * m + std::exp(lv) - 1 - lv);
                QVERIFY(std::fabs(kl[i][j].item<double>() - expected) < 1e-12);
            }
        }
    }

    void evaluateElboBookkeeping()
    {
        auto model = makeVae(m_config.model, 0);
        QVERIFY(loadParameters(*model, m_trained).ok());
        const Batcher test(m_data.test);
        const int n = m_data.test.count();

        auto gen = at::detail::createCPUGenerator(77);
        const ElboSummary s = evaluateElbo(*model, test, m_config.model.likelihood, 0, gen, /*batchSize=*/n);
        QCOMPARE(s.samples, n);
        QVERIFY(std::isfinite(s.negElbo));
        QVERIFY(std::fabs(s.negElbo - (s.recon + s.kl)) <= 1e-9 * s.negElbo);
        QCOMPARE(s.klPerDim.size(), m_config.model.latent);
        double klSum = 0;
        for (double k : s.klPerDim) {
            QVERIFY(k >= 0);
            klSum += k;
        }
        QVERIFY(std::fabs(klSum - s.kl) < 1e-9 * qMax(1.0, s.kl));
        QVERIFY(std::isnan(s.iwNll));
        QCOMPARE(s.iwSamples, 0);

        // The same numbers by hand: one pass with the same generator, recon summed over pixels + KL summed over
        // dimensions, averaged over samples.
        torch::NoGradGuard noGrad;
        auto sameGen = at::detail::createCPUGenerator(77);
        model->eval();
        const auto t = elboTerms(*model, test.range(0, n), m_config.model.likelihood, sameGen);
        const double recon = t.recon.to(torch::kDouble).mean().item<double>();
        const double kl = t.klPerDim.to(torch::kDouble).sum(1).mean().item<double>();
        QVERIFY2(std::fabs(s.recon - recon) < 1e-4, qPrintable(QStringLiteral("%1 vs %2").arg(s.recon).arg(recon)));
        QVERIFY2(std::fabs(s.kl - kl) < 1e-4, qPrintable(QStringLiteral("%1 vs %2").arg(s.kl).arg(kl)));
        // Active units: encoder means varying across the data by more than 0.01.
        const auto variance = t.mu.to(torch::kDouble).var(/*dim=*/0, /*unbiased=*/false);
        QCOMPARE(s.activeUnits, int((variance > kActiveUnitThreshold).sum().item<int64_t>()));

        // Batch size does not change the analytic parts; the public Evaluator gives the same figures.
        auto gen2 = at::detail::createCPUGenerator(5);
        const ElboSummary batched = evaluateElbo(*model, test, m_config.model.likelihood, 0, gen2, /*batchSize=*/7);
        QVERIFY(std::fabs(batched.kl - s.kl) < 1e-6 * qMax(1.0, s.kl));
        QCOMPARE(batched.activeUnits, s.activeUnits);
        const auto viaEvaluator = Evaluator::evaluate(m_config.model, m_trained, m_data.test, 0, 77, n);
        QVERIFY2(viaEvaluator.ok(), qPrintable(viaEvaluator.error()));
        QCOMPARE(viaEvaluator.value().negElbo, s.negElbo);
    }

    void importanceWeightedBoundIsTighter()
    {
        auto model = makeVae(m_config.model, 0);
        QVERIFY(loadParameters(*model, m_trained).ok());
        const Batcher test(m_data.test);
        auto gen = at::detail::createCPUGenerator(3);
        const ElboSummary s = evaluateElbo(*model, test, m_config.model.likelihood, 50, gen);
        QCOMPARE(s.iwSamples, 50);
        QVERIFY(std::isfinite(s.iwNll));
        qInfo("-ELBO %.3f, IW-50 NLL %.3f", s.negElbo, s.iwNll);
        // log-mean-exp of K weights ≥ their mean log: the IW bound is at least as tight as the ELBO
        // (both are estimates, hence the small tolerance).
        QVERIFY2(s.iwNll <= s.negElbo + 0.5,
                 qPrintable(QStringLiteral("IW %1 > -ELBO %2").arg(s.iwNll).arg(s.negElbo)));
        QVERIFY(s.iwNll > 0);

        // With K = 1 the IW estimate is the ELBO itself (up to sampling noise).
        auto gen1 = at::detail::createCPUGenerator(4);
        const ElboSummary one = evaluateElbo(*model, test, m_config.model.likelihood, 1, gen1);
        QVERIFY2(std::fabs(one.iwNll - one.negElbo) < 0.05 * one.negElbo,
                 qPrintable(QStringLiteral("IW-1 %1 vs -ELBO %2").arg(one.iwNll).arg(one.negElbo)));
        QVERIFY(s.iwNll < one.iwNll + 0.5);
    }

    void adamMatchesLibTorch()
    {
        std::vector<torch::Tensor> ours = {randomTensor({3, 4}, 10).to(torch::kFloat).requires_grad_(),
                                           randomTensor({5}, 11).to(torch::kFloat).requires_grad_()};
        std::vector<torch::Tensor> theirs;
        for (const auto &p : ours)
            theirs.push_back(p.detach().clone().requires_grad_());
        constexpr double lr = 0.01;
        Adam adam(ours, lr);
        torch::optim::Adam reference(theirs, torch::optim::AdamOptions(lr).betas({0.9, 0.999}).eps(1e-8));
        for (int step = 0; step < 5; ++step) {
            for (size_t i = 0; i < ours.size(); ++i) {
                const auto g =
                    randomTensor(ours[i].sizes().vec(), 100 + step * 10 + i, step == 2 ? 100.0 : 1.0).to(torch::kFloat);
                ours[i].mutable_grad() = g.clone();
                theirs[i].mutable_grad() = g.clone();
            }
            adam.step();
            reference.step();
        }
        for (size_t i = 0; i < ours.size(); ++i) {
            const double diff = (ours[i] - theirs[i]).abs().max().item<double>();
            QVERIFY2(diff < 1e-6, qPrintable(QStringLiteral("parameter %1 differs by %2").arg(i).arg(diff)));
            QVERIFY((ours[i] - randomTensor(ours[i].sizes().vec(), 10 + i).to(torch::kFloat)).abs().max().item<double>()
                    > 1e-3);
        }
        QCOMPARE(adam.state().step, qint64(5));
    }

    void adamStateRoundTrip()
    {
        auto make = [] {
            return std::vector<torch::Tensor>{randomTensor({6, 2}, 20).to(torch::kFloat).requires_grad_()};
        };
        auto a = make();
        Adam first(a, 0.05);
        auto feed = [](std::vector<torch::Tensor> &params, int step) {
            params[0].mutable_grad() = randomTensor({6, 2}, 200 + step).to(torch::kFloat);
        };
        for (int s = 0; s < 3; ++s) {
            feed(a, s);
            first.step();
        }
        // A second optimizer on a copy of the parameters, given the first one's state, continues identically.
        std::vector<torch::Tensor> b{a[0].detach().clone().requires_grad_()};
        Adam second(b, 0.05);
        QVERIFY(second.setState(first.state()));
        for (int s = 3; s < 5; ++s) {
            feed(a, s);
            feed(b, s);
            first.step();
            second.step();
        }
        QVERIFY(torch::equal(a[0], b[0]));
        QCOMPARE(second.state().firstMoment, first.state().firstMoment);

        OptimizerState wrong = first.state();
        wrong.secondMoment.removeLast();
        QVERIFY(!second.setState(wrong));
        wrong = first.state();
        wrong.step = -1;
        QVERIFY(!second.setState(wrong));
        // After zeroGrad a gradient is either gone or zero: the next backward pass must not accumulate into it.
        second.zeroGrad();
        QVERIFY(!b[0].grad().defined() || b[0].grad().abs().sum().item<double>() == 0.0);
    }

    void parameterCount_data()
    {
        QTest::addColumn<int>("architecture");
        QTest::addColumn<int>("hidden");
        QTest::addColumn<int>("latent");
        QTest::newRow("mlp 784-16-2") << int(Architecture::Mlp) << 16 << 2;
        QTest::newRow("mlp 784-512-32 (default)") << int(Architecture::Mlp) << 512 << 32;
        QTest::newRow("mlp 784-400-20 (the recipe)") << int(Architecture::Mlp) << 400 << 20;
        QTest::newRow("conv latent 2") << int(Architecture::Conv) << 512 << 2;
        QTest::newRow("conv latent 32") << int(Architecture::Conv) << 512 << 32;
    }

    void parameterCount()
    {
        QFETCH(int, architecture);
        QFETCH(int, hidden);
        QFETCH(int, latent);
        ModelSpec spec;
        spec.architecture = Architecture(architecture);
        spec.hidden = hidden;
        spec.latent = latent;
        auto model = makeVae(spec, 1);
        int64_t real = 0;
        for (const auto &p : model->parameters())
            real += p.numel();
        // An oracle of its own, written out by hand, against the layer table's count.
        const qint64 l = latent, h = hidden;
        const qint64 expected = spec.architecture == Architecture::Conv
            ? (16 * 32 + 32) + (32 * 64 * 16 + 64) + (3136 * 256 + 256) + (256 * 2 * l + 2 * l) + (l * 256 + 256)
                + (256 * 3136 + 3136) + (64 * 32 * 16 + 32) + (32 * 16 + 1)
            : (784 * h + h) + (h * 2 * l + 2 * l) + (l * h + h) + (h * 784 + 784);
        QCOMPARE(LayerTable::parameterCount(spec), expected);
        QCOMPARE(qint64(real), expected);
        // The table's names and shapes are the module's, in registration order (the checkpoint and the state dict
        // rely on both).
        const auto layout = LayerTable::parameters(spec);
        const auto named = model->named_parameters();
        QCOMPARE(qsizetype(named.size()), layout.size());
        for (qsizetype i = 0; i < layout.size(); ++i) {
            QCOMPARE(QString::fromStdString(named[i].key()), layout[i].name);
            QCOMPARE(QVector<qint64>(named[i].value().sizes().begin(), named[i].value().sizes().end()),
                     layout[i].shape);
        }
        int64_t encoder = 0, decoder = 0;
        for (const auto &p : model->encoderParameters())
            encoder += p.numel();
        for (const auto &p : model->decoderParameters())
            decoder += p.numel();
        QCOMPARE(encoder + decoder, real);

        // Shapes flow: B×1×28×28 → μ, log σ² (B×latent) → B×784.
        torch::NoGradGuard noGrad;
        const auto [mu, logvar] = model->encode(torch::rand({3, 1, 28, 28}));
        QVERIFY((mu.sizes().vec() == std::vector<int64_t>{3, latent}));
        QVERIFY((logvar.sizes().vec() == std::vector<int64_t>{3, latent}));
        QVERIFY((model->decode(mu).sizes().vec() == std::vector<int64_t>{3, 784}));
    }

    void flattenLoadRoundTrip_data()
    {
        QTest::addColumn<int>("architecture");
        QTest::newRow("mlp") << int(Architecture::Mlp);
        QTest::newRow("conv") << int(Architecture::Conv);
    }

    void flattenLoadRoundTrip()
    {
        QFETCH(int, architecture);
        ModelSpec spec;
        spec.architecture = Architecture(architecture);
        spec.hidden = 24;
        spec.latent = 3;
        auto a = makeVae(spec, 1);
        auto again = makeVae(spec, 1);
        auto b = makeVae(spec, 2);
        const QVector<float> wa = flattenParameters(*a);
        QCOMPARE(wa.size(), LayerTable::parameterCount(spec));
        QCOMPARE(flattenParameters(*again), wa); // the seed decides the initial weights
        QVERIFY(flattenParameters(*b) != wa);

        const Status loaded = loadParameters(*b, wa);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QCOMPARE(flattenParameters(*b), wa);
        torch::NoGradGuard noGrad;
        const auto x = torch::rand({2, 1, 28, 28});
        QVERIFY(torch::equal(a->encode(x).first, b->encode(x).first));

        QVector<float> shorter = wa;
        shorter.removeLast();
        const Status wrongSize = loadParameters(*b, shorter);
        QVERIFY(!wrongSize.ok());
        QVERIFY2(wrongSize.error().contains(QString::number(wa.size())), qPrintable(wrongSize.error()));
        QVector<float> withNan = wa;
        withNan[wa.size() / 2] = std::numeric_limits<float>::quiet_NaN();
        QVERIFY(!loadParameters(*b, withNan).ok());
        QCOMPARE(flattenParameters(*b), wa); // a refused load changes nothing
    }

    void batcherConvertsBytes()
    {
        const Dataset ds = SyntheticData::generate(Pattern::DottedBars, 10, 7);
        const Batcher batches(ds);
        QCOMPARE(batches.count(), 10);
        const auto x = batches.range(2, 3);
        QVERIFY((x.sizes().vec() == std::vector<int64_t>{3, 1, 28, 28}));
        QCOMPARE(x.scalar_type(), torch::kFloat);
        QVERIFY(x.min().item<float>() >= 0.f && x.max().item<float>() <= 1.f);
        QCOMPARE(x[0][0][5][7].item<float>(), float(ds.imageData(2)[5 * 28 + 7]) / 255.f);
        const auto g = batches.gather(torch::tensor(std::vector<int64_t>{9, 0}));
        QVERIFY(torch::equal(g[1], batches.range(0, 1)[0]));
        QVERIFY(torch::equal(g[0], batches.range(9, 1)[0]));
        // And back to an image, losslessly for values that came from bytes.
        QCOMPARE(tensorToImage(x[1]), ds.image(3));
    }
};

QTEST_GUILESS_MAIN(TestElbo)
#include "tst_elbo.moc"
