#pragma once

// Private to core: a faster route for the conv VAE's transposed convolutions (see transposedconv.cpp).

#include <torch/torch.h>

/// `layer(x)`, the same mathematics, computed with oneDNN's convolution kernels instead of LibTorch 1.13's
/// per-sample im2col/col2im path (`slow_conv_transpose2d`). Differentiable in x, weight and bias.
/// Falls back to `layer(x)` where the route does not pay (see kMinOutputChannels in the .cpp) and while
/// FastPaths are switched off.
torch::Tensor transposedConv2d(const torch::Tensor &x, torch::nn::ConvTranspose2d &layer);
