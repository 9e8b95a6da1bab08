#include "model/mlpstep_p.h"

#include "kernels/gemm_p.h"
#include "model/likelihood_p.h"

#include <cmath>

// Why by hand: an MLP step at B = 128 is five 128×784×512-sized products (~4.8 ms on one core here) plus ~2 ms of
// autograd bookkeeping, per-op allocation and separate elementwise passes. Here the backward is written out
// (the derivation is below), bias and ReLU gradients are taken from the products' outputs, and each gradient goes
// straight into the parameter's grad(), where the fused Adam reads it.
//
//   h1 = relu(x W1ᵀ + b1)        s = h1 W2ᵀ + b2 = [μ | λ]   (λ = log σ²)
//   z  = μ + e^{λ/2} ε           h2 = relu(z W3ᵀ + b3)        o = h2 W4ᵀ + b4
//   loss = (1/B) Σ_b [ recon(o_b, x_b) + β Σ_d ½(μ² + e^λ − 1 − λ) ]
//   ∂o  = ∂recon/∂o / B                         (the likelihood's gradient, model/likelihood.cpp)
//   ∂h2 = ∂o W4 ⊙ [h2 > 0]      ∂z = ∂h2 W3
//   ∂μ  = ∂z + βμ/B             ∂λ = ½ (∂z ⊙ ε ⊙ e^{λ/2} + β(e^λ − 1)/B)
//   ∂h1 = [∂μ | ∂λ] W2 ⊙ [h1 > 0]
//   ∂W = ∂outᵀ · in, ∂b = Σ_b ∂out for each layer.

namespace {

void setGrad(const torch::Tensor &parameter, torch::Tensor grad)
{
    parameter.mutable_grad() = std::move(grad);
}

/// ∂W = ∂outᵀ · in, into the parameter's existing gradient buffer when only the parameter holds it (the trainer
/// leaves it there between steps, so the 1.6 MB buffers are not reallocated and re-faulted each step).
void setWeightGrad(const torch::Tensor &weight, const torch::Tensor &gradOut, const torch::Tensor &in)
{
    matmulInto(weight.mutable_grad(), gradOut, Op::Transposed, in, Op::Plain);
}

/// The forward pass's intermediate tensors, which the backward pass reuses.
struct Forward
{
    torch::Tensor xf, h1, s, mu, logvar, eps, sigma, variance, z, h2, o;
};

Forward forward(const MlpLayers &layers, const torch::Tensor &x, at::Generator &generator)
{
    Forward f;
    const int64_t batch = x.size(0);
    const int64_t latent = layers.decoderHidden->weight.size(1);
    f.xf = x.reshape({batch, layers.encoderHidden->weight.size(1)});
    f.h1 = linear(f.xf, layers.encoderHidden->weight, layers.encoderHidden->bias).relu_();
    f.s = linear(f.h1, layers.encoderOut->weight, layers.encoderOut->bias);
    f.mu = f.s.narrow(1, 0, latent);
    f.logvar = f.s.narrow(1, latent, latent);
    f.eps = at::randn({batch, latent}, generator, f.mu.options());
    f.sigma = (0.5 * f.logvar).exp_();
    f.variance = f.sigma.square(); // the KL term and its gradient both need it
    f.z = at::addcmul(f.mu, f.sigma, f.eps);
    f.h2 = linear(f.z, layers.decoderHidden->weight, layers.decoderHidden->bias).relu_();
    f.o = linear(f.h2, layers.decoderOut->weight, layers.decoderOut->bias);
    return f;
}

/// The reconstruction NLL summed over the batch, and ∂loss/∂o (the likelihood's own, model/likelihood.cpp).
std::pair<torch::Tensor, torch::Tensor> reconstructionAndGradient(const Forward &f, Likelihood likelihood, double invB)
{
    return {reconstructionNll(f.o, f.xf, likelihood).sum(), reconstructionNllGradient(f.o, f.xf, likelihood, invB)};
}

bool trains(const torch::nn::Linear &layer)
{
    return layer->weight.requires_grad() || layer->bias.requires_grad();
}

/// ∂W and ∂b of one layer from the gradient at its output and its input, for whichever of the two trains.
void setLayerGrads(const torch::nn::Linear &layer, const torch::Tensor &gradOut, const torch::Tensor &in)
{
    if (layer->weight.requires_grad())
        setWeightGrad(layer->weight, gradOut, in);
    if (layer->bias.requires_grad())
        setGrad(layer->bias, gradOut.sum(0));
}

/// [∂μ | ∂λ] at the encoder's output, from ∂z and the KL term.
torch::Tensor encoderOutputGrad(const Forward &f, const torch::Tensor &gz, double beta, double invB)
{
    const int64_t latent = f.mu.size(1);
    auto gs = at::empty({f.mu.size(0), 2 * latent}, f.s.options());
    auto gmu = gs.narrow(1, 0, latent);
    at::add_out(gmu, gz, f.mu, beta * invB);
    // ½(∂z ⊙ ε ⊙ σ + β(σ² − 1)/B)
    auto glv = gs.narrow(1, latent, latent);
    at::mul_out(glv, gz, f.eps).mul_(f.sigma).add_(f.variance - 1.0, beta * invB).mul_(0.5);
    return gs;
}

/// The backward pass from ∂o, only as far as a parameter that trains needs it.
void backward(const MlpLayers &layers, const Forward &f, const torch::Tensor &go, double beta, double invB)
{
    const bool encoderTrains = trains(layers.encoderOut) || trains(layers.encoderHidden);
    setLayerGrads(layers.decoderOut, go, f.h2);
    if (!trains(layers.decoderHidden) && !encoderTrains)
        return;
    const auto gh2 = at::threshold_backward(matmul(go, Op::Plain, layers.decoderOut->weight, Op::Plain), f.h2, 0);
    setLayerGrads(layers.decoderHidden, gh2, f.z);
    if (!encoderTrains)
        return;
    const auto gs = encoderOutputGrad(f, matmul(gh2, Op::Plain, layers.decoderHidden->weight, Op::Plain), beta, invB);
    setLayerGrads(layers.encoderOut, gs, f.h1);
    if (!trains(layers.encoderHidden))
        return;
    const auto gh1 = at::threshold_backward(matmul(gs, Op::Plain, layers.encoderOut->weight, Op::Plain), f.h1, 0);
    setLayerGrads(layers.encoderHidden, gh1, f.xf);
}

} // namespace

StepLoss mlpTrainingStep(const MlpLayers &layers, const torch::Tensor &x, Likelihood likelihood, double beta,
                         at::Generator &generator)
{
    torch::NoGradGuard noGrad;
    const double invB = 1.0 / double(x.size(0));
    const Forward f = forward(layers, x, generator);
    const auto [reconSum, go] = reconstructionAndGradient(f, likelihood, invB);
    const auto klSum = (f.mu.square() + f.variance - 1.0 - f.logvar).sum().mul_(0.5);
    backward(layers, f, go, beta, invB);
    return {reconSum.item<double>() * invB, klSum.item<double>() * invB};
}
