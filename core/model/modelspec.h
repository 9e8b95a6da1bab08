#pragma once

#include "model/likelihood.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

enum class Architecture { Mlp, Conv };
/// What the semi-supervised MLP classifier q(y|x) reads: the pixels, or histograms of oriented gradients (HOG) beside
/// them (model/gradientfeatures_p.h). On Fashion-MNIST's validation splits the gradients gained on five label draws
/// out of five (docs/performance.md, session 19).
enum class ClassifierInput { Pixels, Gradients };

/// What a VAE looks like: enough to rebuild it and to interpret its weights.
struct ModelSpec
{
    Architecture architecture = Architecture::Mlp;
    int hidden = 512; ///< MLP hidden width (the conv VAE's is fixed at 256; the semi-supervised model's MLPs use it)
    int latent = 32;
    Likelihood likelihood = Likelihood::Bernoulli;
    /// 0: the plain VAE. > 0: the semi-supervised VAE (Kingma et al. 2014, M2) over this many classes: a classifier
    /// q(y|x), an encoder q(z|x,y) and a decoder p(x|y,z). Its encoder and decoder are MLPs `hidden` wide; with
    /// Architecture::Conv its classifier is convolutional (model/layertable.cpp).
    int classes = 0;
    /// The semi-supervised MLP classifier's input (ignored elsewhere; the conv classifier reads the pixels).
    ClassifierInput classifierInput = ClassifierInput::Pixels;

    bool isSemiSupervised() const { return classes > 0; }
    /// The semi-supervised conv model's classifier ends in classes × 4 logits, one per (class, quarter turn) pair
    /// (self-supervised label augmentation, Lee et al. 2020): it learns the labelled images also turned by 90°,
    /// 180° and 270°, which keeps its features general (few-shot on unseen classes). q(y|x) reads the unturned ones.
    bool classifierLearnsTurns() const { return classes > 0 && architecture == Architecture::Conv; }
    /// The MLP classifier reads the image's gradient histograms beside its pixels (ClassifierInput::Gradients).
    bool classifierReadsGradients() const
    {
        return classes > 0 && architecture == Architecture::Mlp && classifierInput == ClassifierInput::Gradients;
    }
    static constexpr int kQuarterTurns = 4;
    static constexpr int kGradientFeatures = 1296; ///< 6 × 6 blocks × 4 cells × 9 orientations (gradientfeatures_p.h)
    bool operator==(const ModelSpec &o) const
    {
        return architecture == o.architecture && hidden == o.hidden && latent == o.latent && likelihood == o.likelihood
            && classes == o.classes && classifierReadsGradients() == o.classifierReadsGradients();
    }
    bool operator!=(const ModelSpec &o) const { return !(*this == o); }
    /// "mlp 784-512-32, bernoulli" style one-liner.
    QString describe() const;
    /// A message naming the first size out of range, or empty. The one place the size limits live.
    QString validate() const;

    static constexpr int kMaxHidden = 16384; ///< a 16384-wide MLP is ≈ 210 MB of float32
    static constexpr int kMaxLatent = 1024;
    static constexpr int kMaxClasses = 256;
};

QString toString(Architecture a);
/// Parses "mlp"/"conv"; returns false on anything else.
bool parseArchitecture(const QString &text, Architecture *out);
QString toString(ClassifierInput input);
/// Parses "pixels"/"gradients"; returns false on anything else.
bool parseClassifierInput(const QString &text, ClassifierInput *out);

Q_DECLARE_METATYPE(ModelSpec)
