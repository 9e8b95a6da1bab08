#pragma once

// Private to core: the likelihoods' mathematics (the table is in likelihood.cpp).

#include "model/likelihood.h"

#include <torch/torch.h>

/// −log p(x | decoder output) summed over pixels, one value per row (output and x are B×P, x in [0, 1]).
torch::Tensor reconstructionNll(const torch::Tensor &output, const torch::Tensor &x, Likelihood likelihood);
/// scale · ∂/∂output of reconstructionNll(output, x).sum(): what the hand-derived MLP step back-propagates.
torch::Tensor reconstructionNllGradient(const torch::Tensor &output, const torch::Tensor &x, Likelihood likelihood,
                                        double scale);
/// The mean of p(x|z) from the decoder's output: the image a decoded z is shown as.
torch::Tensor decoderMean(const torch::Tensor &output, Likelihood likelihood);
