#include "model/gradientfeatures_p.h"

#include <cmath>

namespace F = torch::nn::functional;

namespace GradientFeatures {

torch::Tensor histograms(const torch::Tensor &x)
{
    const int64_t b = x.size(0), side = 28;
    const auto image = x.reshape({b, 1, side, side});
    const auto across = F::pad(image, F::PadFuncOptions({1, 1, 0, 0}).mode(torch::kReplicate));
    const auto down = F::pad(image, F::PadFuncOptions({0, 0, 1, 1}).mode(torch::kReplicate));
    // Central differences: the pixel to the right (below) minus the one to the left (above).
    const auto gx = across.narrow(3, 2, side) - across.narrow(3, 0, side);
    const auto gy = down.narrow(2, 2, side) - down.narrow(2, 0, side);
    const auto magnitude = torch::sqrt(gx * gx + gy * gy + 1e-12);
    // The orientation in [0, π) as a position among the bins; its bin weights carry no gradient.
    const auto position = torch::remainder(torch::atan2(gy.detach(), gx.detach()), M_PI) * (kBins / M_PI);
    const auto lower = torch::floor(position);
    const auto upperWeight = position - lower;
    const auto lowerBin = lower.to(torch::kLong).remainder(kBins);
    const auto upperBin = (lowerBin + 1).remainder(kBins);
    auto perPixel = torch::zeros({b, kBins, side, side}, x.options());
    perPixel = perPixel.scatter_add(1, lowerBin, magnitude * (1 - upperWeight))
                   .scatter_add(1, upperBin, magnitude * upperWeight);
    const auto cells = F::avg_pool2d(perPixel, F::AvgPool2dFuncOptions(kCell)) * double(kCell * kCell);
    auto blocks = F::unfold(cells, F::UnfoldFuncOptions(2)); // B × (bins·4) × blocks²
    blocks = F::normalize(blocks, F::NormalizeFuncOptions().dim(1)).clamp_max(kClip);
    blocks = F::normalize(blocks, F::NormalizeFuncOptions().dim(1));
    return blocks.transpose(1, 2).reshape({b, kWidth});
}

} // namespace GradientFeatures
