#include "model/semisupervised_p.h"

#include "data/batching_p.h"
#include "model/elbo_p.h"

#include <cmath>

namespace {

/// x·Wᵀ with W's columns [first, first + count) (a Linear layer that reads a concatenation, one part at a time).
torch::Tensor partialProduct(const torch::Tensor &x, const torch::nn::Linear &layer, int64_t first, int64_t count)
{
    return torch::matmul(x, layer->weight.narrow(1, first, count).t());
}

/// −log p(x | output) per pixel summed, for outputs B×K×784 against images B×784 (broadcast over K).
torch::Tensor broadcastNll(const torch::Tensor &output, const torch::Tensor &x, Likelihood likelihood)
{
    const auto b = output.size(0), k = output.size(1), p = output.size(2);
    const auto target = x.unsqueeze(1).expand({b, k, p}).reshape({b * k, p});
    return reconstructionNll(output.reshape({b * k, p}), target, likelihood).view({b, k});
}

} // namespace

torch::Tensor ConditionalBound::bound() const
{
    return recon + klPerDim.sum(-1) + logClasses;
}

torch::Tensor encoderImagePart(VaeImpl &model, const torch::Tensor &x)
{
    const auto encoderIn = model.firstLinear(ModelPart::Encoder);
    return partialProduct(x, encoderIn, 0, x.size(1)) + encoderIn->bias;
}

ConditionalBound conditionalBound(VaeImpl &model, const torch::Tensor &imagePart, const torch::Tensor &x,
                                  const torch::Tensor &y, Likelihood likelihood, at::Generator &generator)
{
    const ModelSpec &spec = model.spec();
    const int64_t b = x.size(0), k = y.size(1), c = spec.classes, pixels = x.size(1);
    const auto encoderIn = model.firstLinear(ModelPart::Encoder);
    const auto decoderIn = model.firstLinear(ModelPart::Decoder);
    // encoder_hidden([x, y]) = x·Wxᵀ + y·Wyᵀ + b: the image's product once (imagePart), the label's per row.
    const auto fromLabel = partialProduct(y, encoderIn, pixels, c);                           // B×K×H
    const auto hidden = torch::relu(imagePart.unsqueeze(1) + fromLabel).reshape({b * k, -1}); // BK×H
    const auto stats = model.runAfterFirst(ModelPart::Encoder, hidden).chunk(2, 1);
    const auto &mu = stats[0], &logvar = stats[1];
    const auto z = mu + (0.5 * logvar).exp() * at::randn(mu.sizes(), generator, mu.options());
    const auto decoderHidden = partialProduct(z, decoderIn, 0, spec.latent)
        + partialProduct(y.reshape({b * k, c}), decoderIn, spec.latent, c) + decoderIn->bias;
    const auto output = model.runAfterFirst(ModelPart::Decoder, torch::relu(decoderHidden)).view({b, k, -1});
    ConditionalBound out;
    out.recon = broadcastNll(output, x, likelihood);
    out.klPerDim = gaussianKl(mu, logvar).view({b, k, -1});
    out.mu = mu.view({b, k, -1});
    out.logClasses = std::log(double(c));
    return out;
}

ConditionalBound conditionalBound(VaeImpl &model, const torch::Tensor &x, const torch::Tensor &y, Likelihood likelihood,
                                  at::Generator &generator)
{
    return conditionalBound(model, encoderImagePart(model, x), x, y, likelihood, generator);
}

MarginalBound marginalBound(VaeImpl &model, const torch::Tensor &x, Likelihood likelihood, at::Generator &generator)
{
    const int64_t b = x.size(0), c = model.spec().classes;
    MarginalBound out;
    out.logits = model.classify(x);
    const auto logQ = torch::log_softmax(out.logits, 1);
    const auto q = logQ.exp();
    const auto labels = torch::eye(c, x.options()).unsqueeze(0).expand({b, c, c});
    const auto perClass = conditionalBound(model, x, labels, likelihood, generator);
    out.recon = (q * perClass.recon).sum(1);
    out.klPerDim = (q.unsqueeze(2) * perClass.klPerDim).sum(1);
    out.klLabel = (q * logQ).sum(1) + std::log(double(c));
    out.bound = out.recon + out.klPerDim.sum(1) + out.klLabel;
    return out;
}

MarginalBound sampledMarginalBound(VaeImpl &model, const torch::Tensor &x, Likelihood likelihood, double threshold,
                                   at::Generator &generator)
{
    const int64_t b = x.size(0), c = model.spec().classes;
    MarginalBound out;
    out.logits = model.classify(x);
    const auto logQ = torch::log_softmax(out.logits, 1);
    const auto q = logQ.exp();
    const auto qFixed = q.detach();
    const auto top = qFixed.argmax(1);
    const auto keepProbability = (qFixed / threshold).clamp_max(1.0).scatter(1, top.unsqueeze(1), 1.0);
    const auto drawn = (at::rand({b, c}, generator, x.options()) < keepProbability).nonzero(); // M×2: image, class
    const auto rows = drawn.select(1, 0), classes = drawn.select(1, 1);
    const auto picked =
        conditionalBound(model, encoderImagePart(model, x).index_select(0, rows), x.index_select(0, rows),
                         torch::one_hot(classes, c).to(x.dtype()).unsqueeze(1), likelihood, generator);
    const auto recon = picked.recon.squeeze(1), kl = picked.klPerDim.squeeze(1);           // M, M×latent
    const auto weight = q.index({rows, classes}) / keepProbability.index({rows, classes}); // q/p, with q's gradient
    const auto isTop = classes.eq(top.index_select(0, rows)).to(x.dtype());
    const auto perImage = [&](const torch::Tensor &perRow) {
        auto shape = perRow.sizes().vec();
        shape[0] = b;
        return torch::zeros(shape, x.options()).index_add(0, rows, perRow);
    };
    // Σ_drawn (q/p)·term + base·(1 − Σ_drawn q/p), base = the most likely class's term (held fixed).
    const auto rest = 1 - perImage(weight);
    out.recon = perImage(weight * recon) + perImage(recon.detach() * isTop) * rest;
    out.klPerDim = perImage(weight.unsqueeze(1) * kl) + perImage(kl.detach() * isTop.unsqueeze(1)) * rest.unsqueeze(1);
    out.klLabel = (q * logQ).sum(1) + std::log(double(c));
    out.bound = out.recon + out.klPerDim.sum(1) + out.klLabel;
    return out;
}

torch::Tensor shiftImages(const torch::Tensor &x, int maxShift, at::Generator &generator)
{
    if (maxShift <= 0)
        return x;
    const int64_t b = x.size(0), side = 28, span = 2 * maxShift + 1;
    const auto padded = torch::constant_pad_nd(x.reshape({b, side, side}), {maxShift, maxShift, maxShift, maxShift});
    const auto dx = at::randint(span, {b, 1, 1}, generator, torch::kLong);
    const auto dy = at::randint(span, {b, 1, 1}, generator, torch::kLong);
    const auto steps = torch::arange(side, torch::kLong);
    const auto rows = dy + steps.view({1, side, 1});
    const auto cols = dx + steps.view({1, 1, side});
    const auto batch = torch::arange(b, torch::kLong).view({b, 1, 1});
    return padded.index({batch, rows, cols}).reshape({b, side * side});
}

torch::Tensor perturbImages(const torch::Tensor &x, int maxShift, double strength, at::Generator &generator)
{
    if (strength <= 0)
        return shiftImages(x, maxShift, generator);
    const int64_t b = x.size(0), side = 28;
    const auto uniform = [&](double half) { return (at::rand({b}, generator, x.options()) * 2 - 1) * half; };
    const auto angle = uniform(kMaxRotationDegrees * strength * M_PI / 180.0);
    const auto zoom = 1 + uniform(kMaxZoom * strength);
    const auto shear = uniform(kMaxShear * strength);
    // Whole-pixel shifts, in the normalised [-1, 1] coordinates of affine_grid (align_corners = false).
    const auto moves =
        (at::randint(2 * maxShift + 1, {b, 2}, generator, torch::kLong).to(x.dtype()) - maxShift) * (2.0 / side);
    const auto cos = angle.cos() / zoom, sin = angle.sin() / zoom, mx = moves.select(1, 0), my = moves.select(1, 1);
    // B×2×3, output pixel → where it samples the input: the linear part A about the centre, then A·move, so that the
    // content moves by whole pixels whatever A is.
    const auto theta = torch::stack({torch::stack({cos, shear - sin, cos * mx + (shear - sin) * my}, 1),
                                     torch::stack({sin, cos, sin * mx + cos * my}, 1)},
                                    1);
    const auto grid = torch::affine_grid_generator(theta, {b, 1, side, side}, /*align_corners=*/false);
    const auto images = x.reshape({b, 1, side, side});
    return torch::grid_sampler(images, grid, /*bilinear*/ 0, /*zeros*/ 0, /*align_corners=*/false).reshape({b, -1});
}

namespace {

/// KL(p ‖ q) per batch, mean over the batch: p given as probabilities (held fixed), q as log-probabilities.
torch::Tensor meanKl(const torch::Tensor &p, const torch::Tensor &logQ)
{
    return (p * (torch::log(p + 1e-8) - logQ)).sum(1).mean();
}

} // namespace

torch::Tensor virtualAdversarialLoss(VaeImpl &model, const torch::Tensor &x, const torch::Tensor &logits,
                                     double epsilon, at::Generator &generator)
{
    const auto target = torch::softmax(logits.detach(), 1);
    auto d = at::randn(x.sizes(), generator, x.options());
    d = (1e-6 * d / d.norm(2, {1}, true)).set_requires_grad(true);
    const auto probe = meanKl(target, torch::log_softmax(model.classify(x.detach() + d), 1));
    const auto gradient = torch::autograd::grad({probe}, {d})[0].detach();
    const auto r = epsilon * gradient / (gradient.norm(2, {1}, true) + 1e-12);
    return meanKl(target, torch::log_softmax(model.classify(x + r), 1));
}

torch::Tensor quarterTurns(const torch::Tensor &x, const torch::Tensor &turns)
{
    const auto images = x.reshape({x.size(0), 28, 28});
    auto out = images.clone();
    for (int k = 1; k < ModelSpec::kQuarterTurns; ++k) {
        const auto rows = (turns == k).nonzero().squeeze(1);
        if (rows.numel() > 0)
            out.index_copy_(0, rows, torch::rot90(images.index_select(0, rows), k, {1, 2}));
    }
    return out.reshape(x.sizes());
}

SemiStepLoss semiSupervisedGradients(VaeImpl &model, const torch::Tensor &unlabelled, const torch::Tensor &labelled,
                                     const torch::Tensor &labels, Likelihood likelihood,
                                     const SemiSupervisedWeights &weights, at::Generator &generator)
{
    for (auto &p : model.parameters())
        p.mutable_grad() = torch::Tensor();
    SemiStepLoss out;
    torch::Tensor objective = torch::zeros({}, torch::kFloat);
    const int64_t c = model.spec().classes;
    if (labelled.defined() && labelled.size(0) > 0) {
        const auto xl = labelled.reshape({labelled.size(0), -1});
        const auto onehot = torch::one_hot(labels, c).to(xl.dtype()).unsqueeze(1);
        const auto l = conditionalBound(model, xl, onehot, likelihood, generator);
        const auto recon = l.recon.mean(), kl = l.klPerDim.sum(-1).mean();
        const auto seen = perturbImages(xl, weights.maxShift, weights.perturbation, generator);
        torch::Tensor classLoss;
        if (model.spec().classifierLearnsTurns()) {
            const auto turns = torch::randint(0, ModelSpec::kQuarterTurns, {xl.size(0)}, generator, torch::kLong);
            classLoss = torch::cross_entropy_loss(model.classifyTurns(quarterTurns(seen, turns)), labels + c * turns);
        } else {
            classLoss = torch::cross_entropy_loss(model.classify(seen), labels);
        }
        objective = objective + recon + weights.beta * kl + weights.labelledWeight * classLoss;
        out.recon = recon.item<double>();
        out.kl = kl.item<double>() + l.logClasses;
        out.classLoss = classLoss.item<double>();
    }
    if (unlabelled.defined() && unlabelled.size(0) > 0) {
        const auto xu = unlabelled.reshape({unlabelled.size(0), -1});
        const auto u = weights.classSampling > 0
            ? sampledMarginalBound(model, xu, likelihood, weights.classSampling, generator)
            : marginalBound(model, xu, likelihood, generator);
        const auto recon = u.recon.mean(), klZ = u.klPerDim.sum(1).mean(), klY = u.klLabel.mean();
        objective = objective + recon + weights.beta * klZ + klY;
        if (weights.consistency > 0) {
            const auto target = torch::softmax(u.logits.detach(), 1);
            const auto moved = torch::log_softmax(
                model.classify(perturbImages(xu, weights.maxShift, weights.perturbation, generator)), 1);
            objective = objective + weights.consistency * meanKl(target, moved);
        }
        if (weights.adversarial > 0)
            objective = objective + virtualAdversarialLoss(model, xu, u.logits, weights.adversarial, generator);
        if (weights.balance > 0) { // KL(mean q ‖ uniform) = log C − H(mean q): every class used, as often
            const auto mean = torch::softmax(u.logits, 1).mean(0);
            objective = objective + weights.balance * ((mean * (mean + 1e-12).log()).sum() + std::log(double(c)));
        }
        if (weights.entropy > 0) // H(q(y|x)) = log C − KL(q(y|x) ‖ uniform), the bound's own term
            objective = objective + weights.entropy * (std::log(double(c)) - klY);
        out.recon = recon.item<double>();
        out.kl = klZ.item<double>() + klY.item<double>();
    }
    objective.backward();
    out.total = objective.item<double>();
    return out;
}

ElboSummary evaluateSemiSupervised(VaeImpl &model, const Batcher &data, const QVector<int> &labels,
                                   Likelihood likelihood, at::Generator &generator, int batchSize,
                                   const torch::Tensor &voteLog, double graphWeight)
{
    torch::NoGradGuard noGrad;
    model.eval();
    ElboSummary s;
    const int n = data.count();
    s.samples = n;
    double reconSum = 0, klLabelSum = 0;
    ConfusionMatrix confusion(model.spec().classes); // over images whose label is one of the model's classes
    ConfusionMatrix classifierConfusion(model.spec().classes), graphConfusion(model.spec().classes);
    LatentTally latents;
    const bool labelled = labels.size() == n && n > 0;
    const bool graph = voteLog.defined() && voteLog.size(0) == n;
    if (labelled)
        s.predictions.resize(n);
    for (int start = 0; start < n; start += batchSize) {
        const int count = std::min(batchSize, n - start);
        const auto x = data.range(start, count).reshape({count, -1});
        const auto u = marginalBound(model, x, likelihood, generator);
        reconSum += u.recon.sum().item<double>();
        klLabelSum += u.klLabel.sum().item<double>();
        // Active units from μ under the soft label q(y|x), as encode(x) gives it (the classifier's logits reused).
        latents.add(u.klPerDim, model.encode(x, torch::softmax(u.logits, 1)).first);
        if (labelled) {
            const auto q = u.logits.argmax(1).contiguous();
            const int64_t *p = q.data_ptr<int64_t>();
            for (int i = 0; i < count; ++i) // a label of −1 (not one of the model's classes) is not counted
                classifierConfusion.add(labels.at(start + i), int(p[i]));
            torch::Tensor reported = q;
            if (graph) {
                const auto vote = voteLog.narrow(0, start, count);
                const auto byVote = vote.argmax(1).contiguous();
                const int64_t *v = byVote.data_ptr<int64_t>();
                for (int i = 0; i < count; ++i)
                    graphConfusion.add(labels.at(start + i), int(v[i]));
                reported = (vote + graphWeight * torch::log_softmax(u.logits, 1)).argmax(1).contiguous();
            }
            const int64_t *r = reported.data_ptr<int64_t>();
            for (int i = 0; i < count; ++i) {
                confusion.add(labels.at(start + i), int(r[i]));
                s.predictions[start + i] = int(r[i]);
            }
        }
    }
    model.train();
    if (n == 0)
        return s;
    s.recon = reconSum / n;
    s.kl = latents.finish(n, s) + klLabelSum / n;
    s.negElbo = s.recon + s.kl;
    if (!confusion.isEmpty()) { // a class the model does not have is no mistake of its classifier
        s.accuracy = confusion.accuracy();
        s.classifierAccuracy = classifierConfusion.accuracy();
        if (graph)
            s.graphAccuracy = graphConfusion.accuracy();
        s.confusion = std::move(confusion);
    } else {
        s.predictions.clear();
    }
    return s;
}
