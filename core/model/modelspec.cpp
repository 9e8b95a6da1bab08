#include "model/modelspec.h"

#include <QCoreApplication>

QString ModelSpec::describe() const
{
    const QString shape = architecture == Architecture::Mlp ? QStringLiteral("mlp 784-%1-%2").arg(hidden).arg(latent)
                                                            : QStringLiteral("conv 1-32-64-256-%1").arg(latent);
    return QStringLiteral("%1, %2").arg(shape, toString(likelihood));
}

QString ModelSpec::validate() const
{
    if (latent < 1 || latent > kMaxLatent)
        return QCoreApplication::translate("TrainConfig", "The latent dimension must be between 1 and %1.")
            .arg(kMaxLatent);
    if (architecture == Architecture::Mlp && (hidden < 1 || hidden > kMaxHidden))
        return QCoreApplication::translate("TrainConfig", "The hidden size must be between 1 and %1.").arg(kMaxHidden);
    return {};
}

QString toString(Architecture a)
{
    return a == Architecture::Mlp ? QStringLiteral("mlp") : QStringLiteral("conv");
}

QString toString(Likelihood l)
{
    return l == Likelihood::Bernoulli ? QStringLiteral("bernoulli") : QStringLiteral("gaussian");
}

bool parseArchitecture(const QString &text, Architecture *out)
{
    if (text == QLatin1String("mlp")) {
        *out = Architecture::Mlp;
        return true;
    }
    if (text == QLatin1String("conv")) {
        *out = Architecture::Conv;
        return true;
    }
    return false;
}

bool parseLikelihood(const QString &text, Likelihood *out)
{
    if (text == QLatin1String("bernoulli")) {
        *out = Likelihood::Bernoulli;
        return true;
    }
    if (text == QLatin1String("gaussian")) {
        *out = Likelihood::Gaussian;
        return true;
    }
    return false;
}
