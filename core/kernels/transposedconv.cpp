#include "kernels/transposedconv_p.h"

#include "kernels/fastpaths_p.h"

// LibTorch 1.13 on the CPU has no oneDNN transposed convolution: nn::ConvTranspose2d runs slow_conv_transpose2d,
// which loops over the batch doing a small sgemm and a scalar col2im per sample. A transposed convolution is the
// input-gradient of the ordinary convolution with the same weight (conv: weight [out, in, k, k]; the transposed
// layer stores [in, out, k, k], i.e. the same tensor seen from the other side). So:
//   forward:     y  = ∂conv(·, W)ᵀ x                 convolution_backward, input-gradient only   (oneDNN)
//   ∂L/∂x:       gx = conv(gy, W)                     ordinary forward convolution                (oneDNN)
//   ∂L/∂W:       gW = weight-gradient of conv with input gy and output-gradient x                (oneDNN)
//   ∂L/∂b:       gb = Σ gy over batch and pixels
// Same sums, different order: tst_fastpaths compares values and all three gradients with nn::ConvTranspose2d.
// Measured (B = 128, one thread, Python and C++ alike): 64→32 channels, 7×7→14×14: 23 ms → 10 ms per
// forward+backward; 32→1 channels, 14×14→28×28: 2.4 ms → 12 ms (oneDNN does badly with one output channel),
// hence the fallback below a few output channels.

namespace {

constexpr int64_t kMinOutputChannels = 8;

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

struct OneDnnTransposedConv : torch::autograd::Function<OneDnnTransposedConv>
{
    static torch::Tensor forward(AutogradContext *ctx, const torch::Tensor &x, const torch::Tensor &weight,
                                 const torch::Tensor &bias, std::vector<int64_t> stride, std::vector<int64_t> padding)
    {
        const int64_t k = weight.size(2);
        const std::vector<int64_t> out{x.size(0), weight.size(1), (x.size(2) - 1) * stride[0] - 2 * padding[0] + k,
                                       (x.size(3) - 1) * stride[1] - 2 * padding[1] + weight.size(3)};
        // Only the shape of the convolution's "input" is read for its input-gradient.
        const auto shape = torch::empty(out, x.options());
        auto y =
            std::get<0>(at::convolution_backward(x, shape, weight, c10::nullopt, stride, padding, {1, 1},
                                                 /*transposed=*/false, {0, 0}, /*groups=*/1, {true, false, false}));
        if (bias.defined())
            y.add_(bias.view({1, -1, 1, 1}));
        ctx->save_for_backward({x, weight});
        ctx->saved_data["stride"] = stride;
        ctx->saved_data["padding"] = padding;
        ctx->saved_data["bias"] = bias.defined();
        return y;
    }

    static variable_list backward(AutogradContext *ctx, variable_list grads)
    {
        const auto saved = ctx->get_saved_variables();
        const auto &x = saved[0];
        const auto &weight = saved[1];
        const auto stride = ctx->saved_data["stride"].toIntVector();
        const auto padding = ctx->saved_data["padding"].toIntVector();
        const auto gy = grads[0].contiguous();
        torch::Tensor gx, gw, gb;
        if (ctx->needs_input_grad(0))
            gx = at::conv2d(gy, weight, {}, stride, padding);
        if (ctx->needs_input_grad(1))
            gw =
                std::get<1>(at::convolution_backward(x, gy, weight, c10::nullopt, stride, padding, {1, 1},
                                                     /*transposed=*/false, {0, 0}, /*groups=*/1, {false, true, false}));
        if (ctx->saved_data["bias"].toBool() && ctx->needs_input_grad(2))
            gb = gy.sum({0, 2, 3});
        return {gx, gw, gb, torch::Tensor(), torch::Tensor()};
    }
};

} // namespace

torch::Tensor transposedConv2d(const torch::Tensor &x, torch::nn::ConvTranspose2d &layer)
{
    const auto &o = layer->options;
    const auto *padding = c10::get_if<torch::ExpandingArray<2>>(&o.padding());
    const bool plain = padding && o.groups() == 1 && c10::get_if<torch::enumtype::kZeros>(&o.padding_mode())
        && (*o.dilation())[0] == 1 && (*o.dilation())[1] == 1 && (*o.output_padding())[0] == 0
        && (*o.output_padding())[1] == 0 && x.dim() == 4 && x.device().is_cpu() && x.scalar_type() == torch::kFloat;
    if (!plain || !FastPaths::enabled() || o.out_channels() < kMinOutputChannels
        || !at::globalContext().userEnabledMkldnn())
        return layer(x);
    return OneDnnTransposedConv::apply(x.contiguous(), layer->weight, layer->bias,
                                       std::vector<int64_t>{(*o.stride())[0], (*o.stride())[1]},
                                       std::vector<int64_t>{(**padding)[0], (**padding)[1]});
}
