// The conv VAE's oneDNN route for transposed convolutions (core/private/transposedconv.cpp) against LibTorch's own
// nn::ConvTranspose2d on the same inputs: values and the gradients of input, weight and bias.

#include "private/transposedconv.h"
#include "private/vae.h"

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

class TestTransposedConv : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(1); }

    void matchesLibTorch_data()
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

    void matchesLibTorch()
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
            return std::make_tuple(y.detach(), x.grad().clone(), layer->weight.grad().clone(), layer->bias.grad().clone(), node);
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
};

QTEST_GUILESS_MAIN(TestTransposedConv)
#include "tst_transposedconv.moc"
