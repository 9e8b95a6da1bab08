// The likelihood table (model/likelihood.cpp) against independent computations: the two likelihoods' NLL against
// their hand-written formulas, and for every entry of the table, whatever it holds, the gradient the hand-derived
// MLP step uses against autograd of the NLL, and its names and labels.

#include "model/likelihood_p.h"
#include "randomtensor.h"

#include <QSet>
#include <QTest>

#include <cmath>

class TestLikelihood : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bernoulliNllMatchesTheFormula()
    {
        const auto logits = randomTensor({4, 784}, 3, 3.0).clamp(-8, 8);
        // Binary pixels and grey ones: the Bernoulli "likelihood" is used on [0, 1] intensities too.
        auto x = torch::rand({4, 784}, at::detail::createCPUGenerator(4), torch::kDouble);
        x.narrow(0, 0, 2).round_();
        const auto nll = reconstructionNll(logits, x, Likelihood::Bernoulli);
        QVERIFY((nll.sizes().vec() == std::vector<int64_t>{4}));
        auto l = logits.accessor<double, 2>();
        auto xs = x.accessor<double, 2>();
        for (int b = 0; b < 4; ++b) {
            double expected = 0;
            for (int i = 0; i < 784; ++i) {
                const double p = 1.0 / (1.0 + std::exp(-l[b][i]));
                expected -= xs[b][i] * std::log(p) + (1 - xs[b][i]) * std::log(1 - p);
            }
            QVERIFY2(std::fabs(nll[b].item<double>() - expected) < 1e-9 * expected,
                     qPrintable(QStringLiteral("%1 vs %2").arg(nll[b].item<double>()).arg(expected)));
        }
    }

    void bernoulliNllIsStableForExtremeLogits()
    {
        // float32 as in training: a naive log(sigmoid) would give inf here.
        const auto logits = torch::tensor({{-100.f, 100.f, -100.f, 100.f}});
        const auto x = torch::tensor({{0.f, 1.f, 1.f, 0.f}});
        const double nll = reconstructionNll(logits, x, Likelihood::Bernoulli).item<double>();
        QVERIFY(std::isfinite(nll));
        QVERIFY(std::fabs(nll - 200.0) < 1e-3); // two confident right answers (≈0) and two wrong ones (100 each)
    }

    void gaussianNllMatchesTheFormula()
    {
        QCOMPARE(kGaussianSigma, 0.1);
        const auto output = randomTensor({3, 784}, 5, 2.0);
        const auto x = torch::rand({3, 784}, at::detail::createCPUGenerator(6), torch::kDouble);
        const auto nll = reconstructionNll(output, x, Likelihood::Gaussian);
        auto o = output.accessor<double, 2>();
        auto xs = x.accessor<double, 2>();
        const double sigma = kGaussianSigma;
        for (int b = 0; b < 3; ++b) {
            double expected = 0;
            for (int i = 0; i < 784; ++i) {
                const double mean = 1.0 / (1.0 + std::exp(-o[b][i]));
                const double diff = xs[b][i] - mean;
                expected += diff * diff / (2 * sigma * sigma) + std::log(sigma) + 0.5 * std::log(2 * M_PI);
            }
            QVERIFY2(std::fabs(nll[b].item<double>() - expected) < 1e-9 * std::fabs(expected) + 1e-9,
                     qPrintable(QStringLiteral("%1 vs %2").arg(nll[b].item<double>()).arg(expected)));
        }
        // The decoder's mean is the sigmoid of its output for both likelihoods.
        QVERIFY(torch::allclose(decoderMean(output, Likelihood::Gaussian), torch::sigmoid(output)));
    }

    void everyLikelihoodsGradientIsTheDerivativeOfItsNll()
    {
        const auto x = torch::rand({5, 784}, at::detail::createCPUGenerator(8), torch::kDouble);
        for (const Likelihood l : allLikelihoods()) {
            const auto output = randomTensor({5, 784}, 9, 3.0).requires_grad_(true);
            reconstructionNll(output, x, l).sum().backward();
            const double scale = 1.0 / 5;
            const auto manual = reconstructionNllGradient(output.detach(), x, l, scale);
            QVERIFY2(torch::allclose(manual, output.grad() * scale, 1e-10, 1e-12), qPrintable(toString(l)));
            const auto mean = decoderMean(output.detach(), l);
            QVERIFY(mean.sizes() == output.sizes());
            QVERIFY2(mean.min().item<double>() >= 0 && mean.max().item<double>() <= 1, qPrintable(toString(l)));
        }
    }

    void everyLikelihoodHasItsNamesAndTheFirstIsTheDefault()
    {
        const auto all = allLikelihoods();
        QVERIFY(all.size() >= 2);
        QVERIFY(all.first() == Likelihood::Bernoulli);
        QSet<QString> names;
        for (const Likelihood l : all) {
            Likelihood parsed = Likelihood(-1);
            QVERIFY(parseLikelihood(toString(l), &parsed));
            QVERIFY(parsed == l);
            QVERIFY(!displayName(l).isEmpty());
            QVERIFY(likelihoodNames().split(QLatin1Char('|')).contains(toString(l)));
            names.insert(toString(l));
        }
        QCOMPARE(names.size(), all.size());
        Likelihood untouched = Likelihood::Gaussian;
        QVERIFY(!parseLikelihood(QStringLiteral("poisson"), &untouched));
        QVERIFY(!parseLikelihood(QStringLiteral("Bernoulli"), &untouched));
        QVERIFY(untouched == Likelihood::Gaussian);
        QVERIFY(toString(Likelihood(all.size())).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLikelihood)
#include "tst_likelihood.moc"
