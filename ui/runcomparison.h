#pragma once

// Whether two runs' figures can stand side by side, and what set them apart.

#include "training/trainconfig.h"

#include <QCoreApplication>
#include <QString>

class RunComparison
{
    Q_DECLARE_TR_FUNCTIONS(RunComparison)

public:
    /// Whether two runs' evaluation −ELBO are on the same images in the same units: the same dataset, classes and
    /// likelihood, and the same held-out images (their count, and the seed that draws them when there are any).
    static bool comparable(const TrainConfig &a, const TrainConfig &b);

    /// The settings `before` had where they differ from `now`, in `before`'s values ("β 1, latent 8"), in the order
    /// of the Training panel; empty when none of them differ.
    static QString differences(const TrainConfig &before, const TrainConfig &now);

    /// `chosen` (the Training panel's settings) as a run continuing `saved` trains: with what the panel does not
    /// choose kept from `saved`, the classifier's input and the drawn training images.
    static TrainConfig continuing(TrainConfig chosen, const TrainConfig &saved);

private:
    static QString labelsText(const TrainConfig &config);
};
