#pragma once

// Private to core: the semi-supervised classifier's gradient-orientation features (ModelSpec::ClassifierInput).

#include "model/modelspec.h"

#include <torch/torch.h>

namespace GradientFeatures {

constexpr int kBins = 9; ///< unsigned orientations, 20° each
constexpr int kCell = 4; ///< pixels per cell side: 7 × 7 cells on 28 × 28
constexpr int kCells = 28 / kCell;
constexpr int kBlocks = kCells - 1;                   ///< 2 × 2-cell blocks, overlapping: 6 × 6
constexpr int kWidth = kBlocks * kBlocks * kBins * 4; ///< 1296 features per image
static_assert(kWidth == ModelSpec::kGradientFeatures, "the layer table sizes the classifier from ModelSpec's figure");
constexpr double kClip = 0.2; ///< Dalal & Triggs' L2-Hys clip

/// Histograms of oriented gradients (Dalal & Triggs 2005) of 28 × 28 images, B×784 floats → B×kWidth:
/// central differences (edges replicated); each pixel's gradient magnitude split between the two nearest of nine
/// unsigned orientation bins; summed over 4 × 4-pixel cells; each block of 2 × 2 cells normalised to unit length,
/// clipped at 0.2 and normalised again. Ordered block by block (row-major), inside a block bin by bin and then by
/// cell (row-major): F.unfold's order, as scripts/le_models.py computes them. Differentiable in the magnitudes (the
/// orientation's bin weights are held fixed), so virtual adversarial training can perturb the pixels.
torch::Tensor histograms(const torch::Tensor &x);

} // namespace GradientFeatures
