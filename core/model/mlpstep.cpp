#include "model/mlpstep_p.h"

#include "kernels/gemm_p.h"

#include <cmath>

// Why by hand: an MLP step at B = 128 is five 128×784×512-sized products (~4.8 ms on one core here) plus ~2 ms of
// autograd bookkeeping, per-op allocation and separate elementwise passes. Here the backward is written out
// (the derivation is below), bias and ReLU gradients are taken from the products' outputs, and each gradient goes
// straight into the parameter's grad(), where the fused Adam reads it.
//
//   h1 = relu(x W1ᵀ + b1)        s = h1 W2ᵀ + b2 = [μ | λ]   (λ = log σ²)
//   z  = μ + e^{λ/2} ε           h2 = relu(z W3ᵀ + b3)        o = h2 W4ᵀ + b4
//   loss = (1/B) Σ_b [ recon(o_b, x_b) + β Σ_d ½(μ² + e^λ − 1 − λ) ]
//   ∂o  = (σ(o) − x)/B                          (Bernoulli: BCE with logits)
//       = −(x − σ(o)) σ(o)(1 − σ(o)) / (s² B)   (Gaussian with fixed s, mean σ(o))
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

} // namespace

StepLoss mlpTrainingStep(const MlpLayers &layers, const torch::Tensor &x, Likelihood likelihood, double beta,
                         at::Generator &generator)
{
    torch::NoGradGuard noGrad;
    const auto &W1 = layers.encoderHidden->weight, &b1 = layers.encoderHidden->bias;
    const auto &W2 = layers.encoderOut->weight, &b2 = layers.encoderOut->bias;
    const auto &W3 = layers.decoderHidden->weight, &b3 = layers.decoderHidden->bias;
    const auto &W4 = layers.decoderOut->weight, &b4 = layers.decoderOut->bias;
    const int64_t batch = x.size(0);
    const int64_t latent = W3.size(1);
    const double invB = 1.0 / double(batch);
    const auto xf = x.reshape({batch, W1.size(1)});

    // Forward.
    const auto h1 = linear(xf, W1, b1).relu_();
    const auto s = linear(h1, W2, b2);
    const auto mu = s.narrow(1, 0, latent);
    const auto logvar = s.narrow(1, latent, latent);
    const auto eps = at::randn({batch, latent}, generator, mu.options());
    const auto sigma = (0.5 * logvar).exp_();
    const auto z = at::addcmul(mu, sigma, eps);
    const auto h2 = linear(z, W3, b3).relu_();
    const auto o = linear(h2, W4, b4);

    // Loss terms and ∂o.
    torch::Tensor reconSum, go;
    if (likelihood == Likelihood::Bernoulli) {
        reconSum = at::binary_cross_entropy_with_logits(o, xf, {}, {}, at::Reduction::Sum);
        go = o.sigmoid().sub_(xf).mul_(invB);
    } else {
        const double logNorm = std::log(kGaussianSigma) + 0.5 * std::log(2.0 * M_PI);
        const auto mean = o.sigmoid();
        const auto diff = xf - mean;
        reconSum = diff.square().sum().mul_(0.5 / (kGaussianSigma * kGaussianSigma)).add_(logNorm * double(xf.numel()));
        // −diff · σ'(o) / s² / B with σ' = mean(1 − mean)
        go = (1 - mean).mul_(mean).mul_(diff).mul_(-invB / (kGaussianSigma * kGaussianSigma));
    }
    const auto variance = sigma.square();
    const auto klSum = (mu.square() + variance - 1.0 - logvar).sum().mul_(0.5);

    // Backward, only as far as a parameter that trains needs it.
    const bool decoderHiddenTrains = W3.requires_grad() || b3.requires_grad();
    const bool encoderOutTrains = W2.requires_grad() || b2.requires_grad();
    const bool encoderHiddenTrains = W1.requires_grad() || b1.requires_grad();
    if (W4.requires_grad())
        setWeightGrad(W4, go, h2);
    if (b4.requires_grad())
        setGrad(b4, go.sum(0));
    if (decoderHiddenTrains || encoderOutTrains || encoderHiddenTrains) {
        const auto gh2 = at::threshold_backward(matmul(go, Op::Plain, W4, Op::Plain), h2, 0);
        if (W3.requires_grad())
            setWeightGrad(W3, gh2, z);
        if (b3.requires_grad())
            setGrad(b3, gh2.sum(0));
        if (encoderOutTrains || encoderHiddenTrains) {
            const auto gz = matmul(gh2, Op::Plain, W3, Op::Plain);
            auto gs = at::empty({batch, 2 * latent}, s.options());
            auto gmu = gs.narrow(1, 0, latent);
            at::add_out(gmu, gz, mu, beta * invB);
            // ½(∂z ⊙ ε ⊙ σ + β(σ² − 1)/B)
            auto glv = gs.narrow(1, latent, latent);
            at::mul_out(glv, gz, eps).mul_(sigma).add_(variance - 1.0, beta * invB).mul_(0.5);
            if (W2.requires_grad())
                setWeightGrad(W2, gs, h1);
            if (b2.requires_grad())
                setGrad(b2, gs.sum(0));
            if (encoderHiddenTrains) {
                const auto gh1 = at::threshold_backward(matmul(gs, Op::Plain, W2, Op::Plain), h1, 0);
                if (W1.requires_grad())
                    setWeightGrad(W1, gh1, xf);
                if (b1.requires_grad())
                    setGrad(b1, gh1.sum(0));
            }
        }
    }
    return {reconSum.item<double>() * invB, klSum.item<double>() * invB};
}
