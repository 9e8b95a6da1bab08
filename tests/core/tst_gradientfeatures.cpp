// The semi-supervised classifier's gradient histograms (model/gradientfeatures_p.h) against hand-worked images, and
// the classifier that reads them.
#include "model/gradientfeatures_p.h"
#include "model/vae_p.h"
#include "tinyconfig.h"

#include <QTest>

#include <cmath>

namespace {

/// A 28 × 28 image, 0 above/left of the step and 1 from row (or column) 14 on.
torch::Tensor step(bool vertical)
{
    auto image = torch::zeros({1, 28, 28});
    if (vertical)
        image.narrow(2, 14, 14).fill_(1.0);
    else
        image.narrow(1, 14, 14).fill_(1.0);
    return image.reshape({1, 784});
}

/// The feature of `bin` in cell `cell` (0-3, row-major) of block (row, col).
float feature(const torch::Tensor &f, int row, int col, int bin, int cell)
{
    const int64_t block = row * GradientFeatures::kBlocks + col;
    return f[0][block * GradientFeatures::kBins * 4 + bin * 4 + cell].item<float>();
}

} // namespace

class TestGradientFeatures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aVerticalEdgeFillsTheZeroDegreeBin()
    {
        // Columns 13 and 14 have gx = 1 (the pixel right minus the pixel left), both in cell column 3. A block
        // over cell columns 2-3 holds 8 in bin 0 of its two right cells, nothing else: (0, 1/√2, 0, 1/√2) after
        // normalising, clipped to 0.2 and normalised back.
        const auto f = GradientFeatures::histograms(step(true));
        QCOMPARE(f.sizes(), (c10::IntArrayRef{1, ModelSpec::kGradientFeatures}));
        const float half = float(1 / std::sqrt(2.0));
        QVERIFY(std::fabs(feature(f, 0, 2, 0, 1) - half) < 1e-4);
        QVERIFY(std::fabs(feature(f, 0, 2, 0, 3) - half) < 1e-4);
        QVERIFY(std::fabs(feature(f, 0, 2, 0, 0)) < 1e-4);
        for (int bin = 1; bin < GradientFeatures::kBins; ++bin)
            for (int cell = 0; cell < 4; ++cell)
                QVERIFY(std::fabs(feature(f, 0, 2, bin, cell)) < 1e-4);
        // The same edge on cell column 3 seen from the block to its right: its left cells.
        QVERIFY(std::fabs(feature(f, 5, 3, 0, 0) - half) < 1e-4);
        QVERIFY(std::fabs(feature(f, 5, 3, 0, 2) - half) < 1e-4);
    }

    void aHorizontalEdgeSplitsBetweenTwoBins()
    {
        // gy = 1, 90°: bin position 4.5, half to bin 4 and half to bin 5. A block over cell rows 2-3 holds four
        // equal values (bins 4 and 5 of its two lower cells): 0.5 each, unchanged by the clip at 0.2 and
        // renormalisation.
        const auto f = GradientFeatures::histograms(step(false));
        for (int bin : {4, 5})
            for (int cell : {2, 3})
                QVERIFY(std::fabs(feature(f, 2, 0, bin, cell) - 0.5f) < 1e-4);
        QVERIFY(std::fabs(feature(f, 2, 0, 3, 2)) < 1e-4);
        QVERIFY(std::fabs(feature(f, 2, 0, 6, 3)) < 1e-4);
        QVERIFY(std::fabs(feature(f, 2, 0, 4, 0)) < 1e-4);
    }

    void blocksAreNormalisedAndClipped()
    {
        // Contrast does not matter (each block has unit length); no value exceeds the clip by much after the
        // renormalisation of a clipped block.
        torch::manual_seed(3);
        const auto x = torch::rand({4, 784});
        const auto f = GradientFeatures::histograms(x);
        const auto g = GradientFeatures::histograms(x * 0.5);
        QVERIFY((f - g).abs().max().item<float>() < 1e-4);
        const auto norms = f.view({4, GradientFeatures::kBlocks * GradientFeatures::kBlocks, -1}).norm(2, 2);
        QVERIFY((norms - 1).abs().max().item<float>() < 1e-4);
        QVERIFY(f.min().item<float>() >= 0);
    }

    void gradientsReachThePixels()
    {
        // Virtual adversarial training differentiates q(y|x) with respect to x: finite and not all zero.
        torch::manual_seed(5);
        const auto x = torch::rand({2, 784}).requires_grad_();
        const auto f = GradientFeatures::histograms(x);
        const auto weights = torch::rand({ModelSpec::kGradientFeatures});
        (f * weights).sum().backward();
        QVERIFY(torch::isfinite(x.grad()).all().item<bool>());
        QVERIFY(x.grad().abs().sum().item<float>() > 0);
    }

    void theClassifierReadsHistogramsBesideThePixels()
    {
        // classify(x) = the MLP on [histograms(x), x]: the first layer's weights split accordingly.
        ModelSpec spec = tinySemiSpec(3);
        spec.classifierInput = ClassifierInput::Gradients;
        torch::manual_seed(7);
        auto model = std::make_shared<VaeImpl>(spec);
        torch::NoGradGuard noGrad;
        const auto x = torch::rand({5, 784});
        torch::Tensor first, last;
        for (const auto &p : model->named_parameters()) {
            if (p.key() == "classifier_hidden.weight")
                first = p.value();
            if (p.key() == "classifier_out.weight")
                last = p.value();
        }
        QVERIFY(first.defined() && last.defined());
        QCOMPARE(first.size(1), int64_t(ModelSpec::kGradientFeatures + 784));
        const auto input = torch::cat({GradientFeatures::histograms(x), x}, 1);
        const auto bias = [&](const char *name) { return model->named_parameters()[name]; };
        const auto hidden = torch::relu(torch::matmul(input, first.t()) + bias("classifier_hidden.bias"));
        const auto expected = torch::matmul(hidden, last.t()) + bias("classifier_out.bias");
        QVERIFY((model->classify(x) - expected).abs().max().item<float>() < 1e-4);
    }
};

QTEST_GUILESS_MAIN(TestGradientFeatures)
#include "tst_gradientfeatures.moc"
