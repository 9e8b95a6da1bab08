#include "model/likelihood_p.h"

#include <QCoreApplication>
#include <QStringList>

#include <cmath>
#include <iterator>

namespace {

// ---- Bernoulli: p(x|o) = Π σ(o)^x (1 − σ(o))^(1−x), cross-entropy with logits (x may be grey: the usual relaxation).

torch::Tensor bernoulliNll(const torch::Tensor &o, const torch::Tensor &x)
{
    return torch::binary_cross_entropy_with_logits(o, x, {}, {}, at::Reduction::None).sum(1);
}

torch::Tensor bernoulliGradient(const torch::Tensor &o, const torch::Tensor &x, double scale)
{
    return o.sigmoid().sub_(x).mul_(scale); // ∂ = σ(o) − x
}

// ---- Gaussian with fixed σ = kGaussianSigma and mean m = σ(o), which stays in [0, 1]:
//      −log p = ½((x − m)/σ)² + log σ + ½ log 2π per pixel.

torch::Tensor gaussianNll(const torch::Tensor &o, const torch::Tensor &x)
{
    const double logNorm = std::log(kGaussianSigma) + 0.5 * std::log(2.0 * M_PI);
    const auto diff = (x - torch::sigmoid(o)) / kGaussianSigma;
    return (0.5 * diff.square() + logNorm).sum(1);
}

torch::Tensor gaussianGradient(const torch::Tensor &o, const torch::Tensor &x, double scale)
{
    const auto mean = o.sigmoid();
    // ∂ = −(x − m) · m(1 − m) / σ²
    return (1 - mean).mul_(mean).mul_(x - mean).mul_(-scale / (kGaussianSigma * kGaussianSigma));
}

torch::Tensor sigmoidMean(const torch::Tensor &o)
{
    return torch::sigmoid(o);
}

struct Definition
{
    const char *name;  ///< in files and on the command line
    const char *label; ///< in the GUI (translated in the "Likelihood" context)
    torch::Tensor (*nll)(const torch::Tensor &output, const torch::Tensor &x);
    torch::Tensor (*gradient)(const torch::Tensor &output, const torch::Tensor &x, double scale);
    torch::Tensor (*mean)(const torch::Tensor &output);
};

// The order is Likelihood's values; the first is the default.
const Definition kLikelihoods[] = {
    {"bernoulli", QT_TRANSLATE_NOOP("Likelihood", "Bernoulli"), bernoulliNll, bernoulliGradient, sigmoidMean},
    {"gaussian", QT_TRANSLATE_NOOP("Likelihood", "Gaussian (σ = 0.1)"), gaussianNll, gaussianGradient, sigmoidMean},
};
constexpr int kCount = int(std::size(kLikelihoods));

/// The table's entry, or null for a value outside it.
const Definition *find(Likelihood l)
{
    const int i = int(l);
    return i >= 0 && i < kCount ? &kLikelihoods[i] : nullptr;
}

const Definition &definition(Likelihood l)
{
    const Definition *d = find(l);
    TORCH_CHECK(d, "unknown likelihood ", int(l));
    return *d;
}

} // namespace

QList<Likelihood> allLikelihoods()
{
    QList<Likelihood> out;
    for (int i = 0; i < kCount; ++i)
        out.append(Likelihood(i));
    return out;
}

QString toString(Likelihood l)
{
    const Definition *d = find(l);
    return d ? QString::fromLatin1(d->name) : QString();
}

QString likelihoodNames()
{
    QStringList names;
    for (const auto &d : kLikelihoods)
        names.append(QString::fromLatin1(d.name));
    return names.join(QLatin1Char('|'));
}

QString displayName(Likelihood l)
{
    const Definition *d = find(l);
    return d ? QCoreApplication::translate("Likelihood", d->label) : QString();
}

bool parseLikelihood(const QString &text, Likelihood *out)
{
    for (int i = 0; i < kCount; ++i) {
        if (text == QLatin1String(kLikelihoods[i].name)) {
            *out = Likelihood(i);
            return true;
        }
    }
    return false;
}

torch::Tensor reconstructionNll(const torch::Tensor &output, const torch::Tensor &x, Likelihood likelihood)
{
    return definition(likelihood).nll(output, x);
}

torch::Tensor reconstructionNllGradient(const torch::Tensor &output, const torch::Tensor &x, Likelihood likelihood,
                                        double scale)
{
    return definition(likelihood).gradient(output, x, scale);
}

torch::Tensor decoderMean(const torch::Tensor &output, Likelihood likelihood)
{
    return definition(likelihood).mean(output);
}
