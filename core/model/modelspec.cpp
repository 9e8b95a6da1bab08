#include "model/modelspec.h"

#include <QCoreApplication>

QString ModelSpec::describe() const
{
    QString shape = architecture == Architecture::Mlp || classes > 0
        ? QStringLiteral("mlp 784-%1-%2").arg(hidden).arg(latent)
        : QStringLiteral("conv 1-32-64-256-%1").arg(latent);
    // Words the GUI translates (the command line installs no translator: its output stays English).
    if (classes > 0 && architecture == Architecture::Conv)
        shape = QCoreApplication::translate("ModelSpec", "%1 with a conv classifier 1-32-64-256").arg(shape);
    if (classifierReadsGradients())
        shape = QCoreApplication::translate("ModelSpec", "%1 with a classifier on gradient histograms and pixels")
                    .arg(shape);
    // The likelihood's name too (the window's fields say 伯努利 where the wizard's source page said "bernoulli").
    const char *likelihoodName = likelihood == Likelihood::Gaussian ? QT_TRANSLATE_NOOP("ModelSpec", "gaussian")
                                                                    : QT_TRANSLATE_NOOP("ModelSpec", "bernoulli");
    const QString text = QCoreApplication::translate("ModelSpec", "%1, %2", "architecture, likelihood")
                             .arg(shape, QCoreApplication::translate("ModelSpec", likelihoodName));
    return classes > 0
        ? QCoreApplication::translate("ModelSpec", "%1, semi-supervised over %n classes", nullptr, classes).arg(text)
        : text;
}

QString ModelSpec::validate() const
{
    if (latent < 1 || latent > kMaxLatent)
        return QCoreApplication::translate("TrainConfig", "The latent dimension must be between 1 and %1.")
            .arg(kMaxLatent);
    if ((architecture == Architecture::Mlp || classes != 0) && (hidden < 1 || hidden > kMaxHidden))
        return QCoreApplication::translate("TrainConfig", "The hidden size must be between 1 and %1.").arg(kMaxHidden);
    if (classes != 0 && (classes < 2 || classes > kMaxClasses))
        return QCoreApplication::translate("TrainConfig", "A semi-supervised model needs between 2 and %1 classes.")
            .arg(kMaxClasses);
    return {};
}

namespace {

/// The value whose name (toString) is `text`, among two; false when neither.
template <typename Enum> bool parseOneOf(const QString &text, Enum first, Enum second, Enum *out)
{
    for (Enum value : {first, second})
        if (text == toString(value)) {
            *out = value;
            return true;
        }
    return false;
}

} // namespace

QString toString(Architecture a)
{
    return a == Architecture::Mlp ? QStringLiteral("mlp") : QStringLiteral("conv");
}

bool parseArchitecture(const QString &text, Architecture *out)
{
    return parseOneOf(text, Architecture::Mlp, Architecture::Conv, out);
}

QString toString(ClassifierInput input)
{
    return input == ClassifierInput::Pixels ? QStringLiteral("pixels") : QStringLiteral("gradients");
}

bool parseClassifierInput(const QString &text, ClassifierInput *out)
{
    return parseOneOf(text, ClassifierInput::Pixels, ClassifierInput::Gradients, out);
}
