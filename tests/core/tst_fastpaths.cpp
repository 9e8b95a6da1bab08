// Every optimised training path against the straight LibTorch implementation on the same inputs:
// - the conv VAE's oneDNN route for transposed convolutions (core/kernels/transposedconv.cpp) against
//   nn::ConvTranspose2d: values and the gradients of input, weight and bias;
// - the MLP's hand-derived training step (core/model/mlpstep.cpp) against elboTerms + autograd: both loss terms
//   and every parameter's gradient, for both likelihoods, β ≠ 1 and frozen halves;
// - the oneDNN matrix products that step uses (core/kernels/gemm.cpp) against at::mm / at::addmm.

#include "kernels/fastpaths_p.h"
#include "kernels/gemm_p.h"
#include "kernels/transposedconv_p.h"
#include "model/elbo_p.h"
#include "model/vae_p.h"

#include <QTest>

#include <string>

Q_DECLARE_METATYPE(std::vector<int64_t>)

namespace {

/// Largest |a − b| relative to the largest |b| (the scale the sums are accumulated at).
double relativeError(const torch::Tensor &a, const torch::Tensor &b)
{
    return (a - b).abs().max().item<double>() / std::max(1e-30, b.abs().max().item<double>());
}

} // namespace

class TestFastPaths : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(1); }

    void transposedConvMatchesLibTorch_data()
    {
        QTest::addColumn<int>("in");
        QTest::addColumn<int>("out");
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("batch");
        QTest::addColumn<bool>("fast"); // whether the oneDNN route is expected to be taken
        QTest::newRow("conv VAE deconv1: 64→32, 7×7→14×14") << 64 << 32 << 7 << 9 << true;
        QTest::newRow("conv VAE deconv2: 32→1, 14×14→28×28 (falls back)") << 32 << 1 << 14 << 5 << false;
        QTest::newRow("odd size, one sample: 16→8, 5×5→10×10") << 16 << 8 << 5 << 1 << true;
    }

    void transposedConvMatchesLibTorch()
    {
        QFETCH(int, in);
        QFETCH(int, out);
        QFETCH(int, size);
        QFETCH(int, batch);
        QFETCH(bool, fast);
        torch::manual_seed(7);
        torch::nn::ConvTranspose2d layer(torch::nn::ConvTranspose2dOptions(in, out, 4).stride(2).padding(1));
        const auto x0 = torch::randn({batch, in, size, size});
        const auto upstream = torch::randn({batch, out, 2 * size, 2 * size});

        const auto run = [&](bool ours) {
            layer->zero_grad();
            const auto x = x0.clone().requires_grad_(true);
            const auto y = ours ? transposedConv2d(x, layer) : layer(x);
            const std::string node = y.grad_fn()->name();
            (y * upstream).sum().backward();
            return std::make_tuple(y.detach(), x.grad().clone(), layer->weight.grad().clone(),
                                   layer->bias.grad().clone(), node);
        };
        const auto [yRef, gxRef, gwRef, gbRef, nodeRef] = run(false);
        const auto [y, gx, gw, gb, node] = run(true);
        QCOMPARE(node.find("OneDnnTransposedConv") != std::string::npos, fast);
        QCOMPARE(y.sizes().vec(), yRef.sizes().vec());
        // float32 sums of up to 128 terms (forward) and batch × pixels terms (weight gradient), in another order.
        QVERIFY2(relativeError(y, yRef) < 1e-5, qPrintable(QString::number(relativeError(y, yRef))));
        QVERIFY2(relativeError(gx, gxRef) < 1e-5, qPrintable(QString::number(relativeError(gx, gxRef))));
        QVERIFY2(relativeError(gw, gwRef) < 1e-5, qPrintable(QString::number(relativeError(gw, gwRef))));
        QVERIFY2(relativeError(gb, gbRef) < 1e-5, qPrintable(QString::number(relativeError(gb, gbRef))));
    }

    void frozenWeightsGetNoGradient()
    {
        torch::manual_seed(3);
        torch::nn::ConvTranspose2d layer(torch::nn::ConvTranspose2dOptions(16, 8, 4).stride(2).padding(1));
        for (auto &p : layer->parameters())
            p.requires_grad_(false);
        const auto x = torch::randn({2, 16, 5, 5}).requires_grad_(true);
        transposedConv2d(x, layer).sum().backward();
        QVERIFY(x.grad().defined());
        QVERIFY(!layer->weight.grad().defined());
        QVERIFY(!layer->bias.grad().defined());
    }

    void noGradModeGivesTheSameValues()
    {
        torch::manual_seed(5);
        torch::nn::ConvTranspose2d layer(torch::nn::ConvTranspose2dOptions(64, 32, 4).stride(2).padding(1));
        const auto x = torch::randn({3, 64, 7, 7});
        torch::NoGradGuard noGrad;
        QVERIFY(relativeError(transposedConv2d(x, layer), layer(x)) < 1e-5);
    }

    void convVaeDecoderMatchesTheStraightLayers()
    {
        // The whole conv decoder through makeVae against the same layers called directly.
        ModelSpec spec;
        spec.architecture = Architecture::Conv;
        spec.latent = 6;
        auto model = makeVae(spec, 11);
        const auto z = torch::randn({4, spec.latent});
        const auto logits = model->decode(z);
        auto children = model->named_children();
        auto hidden = children["decoder_hidden"]->as<torch::nn::Linear>();
        auto expand = children["decoder_expand"]->as<torch::nn::Linear>();
        auto deconv1 = children["deconv1"]->as<torch::nn::ConvTranspose2d>();
        auto deconv2 = children["deconv2"]->as<torch::nn::ConvTranspose2d>();
        auto h = torch::relu(expand->forward(torch::relu(hidden->forward(z)))).view({4, 64, 7, 7});
        const auto reference = deconv2->forward(torch::relu(deconv1->forward(h))).reshape({4, 784});
        QVERIFY(relativeError(logits, reference) < 1e-5);
    }

    void mlpStepMatchesAutograd_data()
    {
        QTest::addColumn<bool>("gaussian");
        QTest::addColumn<double>("beta");
        QTest::addColumn<QString>("frozen");
        QTest::newRow("Bernoulli, β = 1") << false << 1.0 << QString();
        QTest::newRow("Gaussian, β = 0.3") << true << 0.3 << QString();
        QTest::newRow("Bernoulli, β = 4, encoder frozen") << false << 4.0 << QStringLiteral("encoder");
        QTest::newRow("Gaussian, β = 1, decoder frozen") << true << 1.0 << QStringLiteral("decoder");
        QTest::newRow("Bernoulli, β = 0 (warm-up start)") << false << 0.0 << QString();
    }

    void mlpStepMatchesAutograd()
    {
        QFETCH(bool, gaussian);
        QFETCH(double, beta);
        QFETCH(QString, frozen);
        const Likelihood likelihood = gaussian ? Likelihood::Gaussian : Likelihood::Bernoulli;
        ModelSpec spec;
        spec.hidden = 48;
        spec.latent = 5;
        spec.likelihood = likelihood;
        auto model = makeVae(spec, 21);
        if (frozen == QLatin1String("encoder"))
            for (auto &p : model->encoderParameters())
                p.set_requires_grad(false);
        if (frozen == QLatin1String("decoder"))
            for (auto &p : model->decoderParameters())
                p.set_requires_grad(false);
        torch::manual_seed(4);
        // Pixels in [0, 1] with exact 0s and 1s, as in the datasets.
        const auto x = torch::rand({13, 1, 28, 28}).mul(1.4).sub(0.2).clamp(0, 1);
        const auto clearGrads = [&] {
            for (auto &p : model->parameters())
                p.mutable_grad() = torch::Tensor();
        };

        clearGrads();
        auto genFused = at::detail::createCPUGenerator(99);
        const auto fused = model->fusedTrainingStep(x, likelihood, beta, genFused);
        QVERIFY(fused.has_value());
        std::vector<torch::Tensor> fusedGrads;
        for (const auto &p : model->parameters())
            fusedGrads.push_back(p.grad().defined() ? p.grad().clone() : torch::Tensor());

        clearGrads();
        auto genAutograd = at::detail::createCPUGenerator(99);
        FastPaths::setEnabled(false); // the reference: nn::Linear and autograd, nothing of ours
        const auto t = elboTerms(*model, x, likelihood, genAutograd);
        const auto recon = t.recon.mean();
        const auto kl = t.klPerDim.sum(1).mean();
        (recon + beta * kl).backward();
        FastPaths::setEnabled(true);

        QVERIFY2(std::abs(fused->recon - recon.item<double>()) <= 1e-5 * std::abs(recon.item<double>()),
                 qPrintable(QStringLiteral("%1 vs %2").arg(fused->recon).arg(recon.item<double>())));
        QVERIFY2(std::abs(fused->kl - kl.item<double>()) <= 1e-5 * std::abs(kl.item<double>()) + 1e-7,
                 qPrintable(QStringLiteral("%1 vs %2").arg(fused->kl).arg(kl.item<double>())));
        const auto params = model->named_parameters();
        for (size_t i = 0; i < params.size(); ++i) {
            const auto &reference = params[i].value().grad();
            const QString name = QString::fromStdString(params[i].key());
            QCOMPARE(fusedGrads[i].defined(), reference.defined());
            QCOMPARE(reference.defined(), params[i].value().requires_grad());
            if (reference.defined())
                QVERIFY2(relativeError(fusedGrads[i], reference) < 1e-5,
                         qPrintable(QStringLiteral("%1: %2").arg(name).arg(relativeError(fusedGrads[i], reference))));
        }
    }

    void matmulMatchesAtMm_data()
    {
        QTest::addColumn<bool>("ta");
        QTest::addColumn<bool>("tb");
        QTest::addColumn<int>("m");
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("k");
        for (const bool ta : {false, true})
            for (const bool tb : {false, true}) {
                const QByteArray ops = QByteArray(ta ? "T" : "N") + (tb ? "T" : "N");
                QTest::newRow(ops + " 37x53x129") << ta << tb << 37 << 53 << 129;
                QTest::newRow(ops + " one row") << ta << tb << 1 << 17 << 9;
                QTest::newRow(ops + " inner dimension 0") << ta << tb << 4 << 3 << 0;
            }
        QTest::newRow("MLP size, NT") << false << true << 128 << 512 << 784;
    }

    void matmulMatchesAtMm()
    {
        QFETCH(bool, ta);
        QFETCH(bool, tb);
        QFETCH(int, m);
        QFETCH(int, n);
        QFETCH(int, k);
        torch::manual_seed(m * 7 + n);
        const auto a = ta ? torch::randn({k, m}) : torch::randn({m, k});
        const auto b = tb ? torch::randn({n, k}) : torch::randn({k, n});
        const auto reference = at::mm(ta ? a.t() : a, tb ? b.t() : b);
        const auto product = matmul(a, ta ? Op::Transposed : Op::Plain, b, tb ? Op::Transposed : Op::Plain);
        QCOMPARE(product.sizes().vec(), reference.sizes().vec());
        if (k == 0)
            QVERIFY(product.eq(0).all().item<bool>());
        else
            QVERIFY2(relativeError(product, reference) < 1e-5,
                     qPrintable(QString::number(relativeError(product, reference))));
    }

    void linearMatchesAddmmAndLeavesTheBiasAlone()
    {
        torch::manual_seed(3);
        for (const int rows : {1, 5}) {
            const auto x = torch::randn({rows, 11});
            const auto w = torch::randn({7, 11});
            const auto bias = torch::randn({7});
            const auto biasBefore = bias.clone();
            const auto y = linear(x, w, bias);
            QVERIFY(relativeError(y, at::addmm(bias, x, w.t())) < 1e-5);
            QVERIFY(bias.equal(biasBefore)); // one row: the output must not alias the bias
        }
    }

    void matmulIntoReusesOnlyUnsharedBuffers()
    {
        const auto a = torch::randn({6, 4});
        const auto b = torch::randn({4, 5});
        torch::Tensor out = torch::zeros({6, 5});
        const void *buffer = out.data_ptr();
        matmulInto(out, a, Op::Plain, b, Op::Plain);
        QCOMPARE(out.data_ptr(), buffer); // reused
        const torch::Tensor held = out;   // e.g. a caller kept last step's gradient
        const auto heldBefore = held.clone();
        matmulInto(out, a.neg(), Op::Plain, b, Op::Plain);
        QVERIFY(out.data_ptr() != held.data_ptr());
        QVERIFY(held.equal(heldBefore));
        QVERIFY(relativeError(out, at::mm(a.neg(), b)) < 1e-5);
    }

    void fusedStepOverwritesGradientsItLeavesInPlace()
    {
        // The trainer no longer clears gradients before a fused step: a second step must overwrite, not add.
        ModelSpec spec;
        spec.hidden = 24;
        spec.latent = 3;
        auto model = makeVae(spec, 5);
        const auto x = torch::rand({9, 1, 28, 28});
        auto gen1 = at::detail::createCPUGenerator(7);
        QVERIFY(model->fusedTrainingStep(x, Likelihood::Bernoulli, 1.0, gen1).has_value());
        std::vector<torch::Tensor> first;
        for (const auto &p : model->parameters())
            first.push_back(p.grad().clone());
        auto gen2 = at::detail::createCPUGenerator(7);
        QVERIFY(model->fusedTrainingStep(x, Likelihood::Bernoulli, 1.0, gen2).has_value());
        const auto params = model->parameters();
        for (size_t i = 0; i < params.size(); ++i)
            QVERIFY(params[i].grad().equal(first[i]));
    }

    void linearLayerMatchesNnLinear_data()
    {
        QTest::addColumn<bool>("weightTrains");
        QTest::newRow("all train") << true;
        QTest::newRow("frozen layer, gradient flows to the input") << false;
    }

    void linearLayerMatchesNnLinear()
    {
        QFETCH(bool, weightTrains);
        torch::manual_seed(8);
        torch::nn::Linear layer(37, 23);
        layer->weight.set_requires_grad(weightTrains);
        layer->bias.set_requires_grad(weightTrains);
        const auto input = torch::randn({19, 37});
        const auto upstream = torch::randn({19, 23});
        auto run = [&](bool fast) {
            FastPaths::setEnabled(fast);
            for (auto &p : layer->parameters())
                p.mutable_grad() = torch::Tensor();
            auto x = input.clone().set_requires_grad(true);
            const auto y = linearLayer(x, layer);
            const std::string node = y.grad_fn() ? y.grad_fn()->name() : std::string();
            (y * upstream).sum().backward();
            FastPaths::setEnabled(true);
            return std::make_tuple(y.detach(), x.grad(), layer->weight.grad(), layer->bias.grad(), node);
        };
        const auto [y, gx, gw, gb, node] = run(true);
        const auto [yRef, gxRef, gwRef, gbRef, nodeRef] = run(false);
        QVERIFY2(node.find("OneDnnLinear") != std::string::npos, node.c_str());
        QVERIFY2(nodeRef.find("OneDnnLinear") == std::string::npos, nodeRef.c_str());
        QVERIFY(relativeError(y, yRef) < 1e-5);
        QVERIFY(relativeError(gx, gxRef) < 1e-5);
        QCOMPARE(gw.defined(), weightTrains);
        QCOMPARE(gb.defined(), weightTrains);
        if (weightTrains) {
            QVERIFY(relativeError(gw, gwRef) < 1e-5);
            QVERIFY(relativeError(gb, gbRef) < 1e-5);
        }
    }

    void convModelGradientsMatchTheStraightPath()
    {
        // The whole conv VAE's loss and every gradient, with all our routes (oneDNN linear layers, the transposed
        // convolution) against LibTorch's own layers and autograd.
        ModelSpec spec;
        spec.architecture = Architecture::Conv;
        spec.latent = 4;
        auto model = makeVae(spec, 13);
        torch::manual_seed(5);
        const auto x = torch::rand({6, 1, 28, 28});
        auto step = [&](bool fast) {
            FastPaths::setEnabled(fast);
            for (auto &p : model->parameters())
                p.mutable_grad() = torch::Tensor();
            auto gen = at::detail::createCPUGenerator(3);
            const auto t = elboTerms(*model, x, Likelihood::Bernoulli, gen);
            const auto loss = t.recon.mean() + t.klPerDim.sum(1).mean();
            loss.backward();
            FastPaths::setEnabled(true);
            std::vector<torch::Tensor> grads;
            for (const auto &p : model->parameters())
                grads.push_back(p.grad().clone());
            return std::make_pair(loss.item<double>(), grads);
        };
        const auto [loss, grads] = step(true);
        const auto [lossRef, gradsRef] = step(false);
        QVERIFY2(std::abs(loss - lossRef) <= 1e-5 * std::abs(lossRef),
                 qPrintable(QStringLiteral("%1 vs %2").arg(loss).arg(lossRef)));
        const auto names = model->named_parameters().keys();
        for (size_t i = 0; i < grads.size(); ++i)
            QVERIFY2(relativeError(grads[i], gradsRef[i]) < 1e-4,
                     qPrintable(QStringLiteral("%1: %2")
                                    .arg(QString::fromStdString(names[i]))
                                    .arg(relativeError(grads[i], gradsRef[i]))));
    }

    void fusedStepOnlyWhereItExists()
    {
        auto gen = at::detail::createCPUGenerator(1);
        const auto x = torch::rand({2, 1, 28, 28});
        ModelSpec conv;
        conv.architecture = Architecture::Conv;
        QVERIFY(!makeVae(conv, 1)->fusedTrainingStep(x, Likelihood::Bernoulli, 1.0, gen).has_value());
        FastPaths::setEnabled(false);
        const bool whileOff =
            makeVae(ModelSpec{}, 1)->fusedTrainingStep(x, Likelihood::Bernoulli, 1.0, gen).has_value();
        FastPaths::setEnabled(true);
        QVERIFY(!whileOff);
        // The hand-derived step alone can be switched off (the benchmark's autograd row), the MLP then has none.
        FastPaths::setHandDerivedStep(false);
        const bool handOff = makeVae(ModelSpec{}, 1)->fusedTrainingStep(x, Likelihood::Bernoulli, 1.0, gen).has_value();
        FastPaths::setHandDerivedStep(true);
        QVERIFY(!handOff);
        QVERIFY(makeVae(ModelSpec{}, 1)->fusedTrainingStep(x, Likelihood::Bernoulli, 1.0, gen).has_value());
    }
};

QTEST_GUILESS_MAIN(TestFastPaths)
#include "tst_fastpaths.moc"
