#include "model/elbo_p.h"

#include "data/batching_p.h"
#include "model/semisupervised_p.h"

#include <cmath>

torch::Tensor gaussianKl(const torch::Tensor &mu, const torch::Tensor &logvar)
{
    return 0.5 * (mu.square() + logvar.exp() - 1.0 - logvar);
}

ElboTerms elboTerms(VaeImpl &model, const torch::Tensor &x, Likelihood likelihood, at::Generator &generator)
{
    auto [mu, logvar] = model.encode(x);
    const auto eps = at::randn(mu.sizes(), generator, mu.options());
    const auto z = mu + (0.5 * logvar).exp() * eps;
    auto logits = model.decode(z);
    const auto flat = x.reshape({x.size(0), -1});
    return ElboTerms{reconstructionNll(logits, flat, likelihood), gaussianKl(mu, logvar), mu, logvar, logits};
}

namespace {

/// log N(z; μ, σ²) summed over the last dimension.
torch::Tensor logNormal(const torch::Tensor &z, const torch::Tensor &mu, const torch::Tensor &logvar)
{
    const double log2pi = std::log(2.0 * M_PI);
    return (-0.5 * ((z - mu).square() * (-logvar).exp() + logvar + log2pi)).sum(-1);
}

/// −log p(x) ≥ … estimated with K importance samples per image: −(logsumexp_k log w_k − log K).
torch::Tensor importanceWeightedNll(VaeImpl &model, const torch::Tensor &x, Likelihood likelihood, int k,
                                    at::Generator &generator)
{
    auto [mu, logvar] = model.encode(x);
    const auto b = mu.size(0), d = mu.size(1);
    const auto muK = mu.unsqueeze(0).expand({k, b, d});
    const auto logvarK = logvar.unsqueeze(0).expand({k, b, d});
    const auto z = muK + (0.5 * logvarK).exp() * at::randn({k, b, d}, generator, mu.options());
    const auto output = model.decode(z.reshape({k * b, d}));
    const auto flat = x.reshape({b, -1});
    const auto xK = flat.unsqueeze(0).expand({k, b, flat.size(1)}).reshape({k * b, flat.size(1)});
    const auto logPxz = -reconstructionNll(output, xK, likelihood).view({k, b});
    const auto logPz = logNormal(z, torch::zeros_like(z), torch::zeros_like(z));
    const auto logQ = logNormal(z, muK, logvarK);
    const auto logW = logPxz + logPz - logQ;
    return -(torch::logsumexp(logW, /*dim=*/0) - std::log(double(k)));
}

} // namespace

void LatentTally::add(const torch::Tensor &klPerDim, const torch::Tensor &mu)
{
    const auto kl = klPerDim.to(torch::kDouble).sum(0);
    const auto m = mu.to(torch::kDouble);
    if (!m_kl.defined()) {
        m_kl = kl;
        m_mu = m.sum(0);
        m_muSquared = m.square().sum(0);
    } else {
        m_kl += kl;
        m_mu += m.sum(0);
        m_muSquared += m.square().sum(0);
    }
}

double LatentTally::finish(int n, ElboSummary &s) const
{
    const auto klMean = m_kl / n;
    const auto variance = m_muSquared / n - (m_mu / n).square();
    s.klPerDim.resize(klMean.size(0));
    for (int d = 0; d < klMean.size(0); ++d) {
        s.klPerDim[d] = klMean[d].item<double>();
        if (variance[d].item<double>() > kActiveUnitThreshold)
            ++s.activeUnits;
    }
    return klMean.sum().item<double>();
}

ElboSummary evaluateElbo(VaeImpl &model, const Batcher &data, Likelihood likelihood, int iwSamples,
                         at::Generator &generator, int batchSize)
{
    if (model.spec().isSemiSupervised()) // its bound marginalises over y; no labels here, so no accuracy
        return evaluateSemiSupervised(model, data, {}, likelihood, generator, batchSize);
    torch::NoGradGuard noGrad;
    model.eval();
    ElboSummary s;
    const int n = data.count();
    s.samples = n;
    if (n == 0) {
        model.train();
        return s;
    }
    double reconSum = 0;
    LatentTally latents;
    double iwSum = 0;
    // The IW bound decodes K copies of each batch; keep its working set near the plain batch's.
    const int iwBatch = iwSamples > 0 ? std::max(1, batchSize / std::max(1, iwSamples / 8)) : batchSize;
    for (int start = 0; start < n; start += batchSize) {
        const int count = std::min(batchSize, n - start);
        const auto x = data.range(start, count);
        const auto t = elboTerms(model, x, likelihood, generator);
        reconSum += t.recon.sum().item<double>();
        latents.add(t.klPerDim, t.mu);
        if (iwSamples > 0) {
            for (int s0 = 0; s0 < count; s0 += iwBatch) {
                const int c = std::min(iwBatch, count - s0);
                iwSum += importanceWeightedNll(model, x.narrow(0, s0, c), likelihood, iwSamples, generator)
                             .sum()
                             .item<double>();
            }
        }
    }
    model.train();
    s.recon = reconSum / n;
    s.kl = latents.finish(n, s);
    s.negElbo = s.recon + s.kl;
    if (iwSamples > 0) {
        s.iwNll = iwSum / n;
        s.iwSamples = iwSamples;
    }
    return s;
}

StepLoss elboGradients(VaeImpl &model, const torch::Tensor &x, Likelihood likelihood, double beta,
                       at::Generator &generator)
{
    if (model.spec().isSemiSupervised()) { // images without labels: the bound marginalised over y
        SemiSupervisedWeights weights;
        weights.beta = beta;
        const SemiStepLoss loss = semiSupervisedGradients(model, x, {}, {}, likelihood, weights, generator);
        return {loss.recon, loss.kl};
    }
    if (const auto fused = model.fusedTrainingStep(x, likelihood, beta, generator))
        return *fused;
    for (auto &p : model.parameters())
        p.mutable_grad() = torch::Tensor(); // autograd accumulates; undefined lets it hand over fresh buffers
    const auto t = elboTerms(model, x, likelihood, generator);
    const auto recon = t.recon.mean();
    const auto kl = t.klPerDim.sum(1).mean();
    (recon + beta * kl).backward();
    return {recon.item<double>(), kl.item<double>()};
}
