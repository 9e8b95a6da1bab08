#pragma once

#include "training/trainstats.h"

#include <QCoreApplication>
#include <QString>

/// One epoch's figures in words, per image in nats as everywhere: a short line for the training panel when a run
/// ends, and the whole evaluation for the ELBO plot's tooltip. Figures that were not measured (NaN: an adapted
/// model's history has no training averages, a plain VAE no accuracy) are left out.
class EpochReadout
{
    Q_DECLARE_TR_FUNCTIONS(EpochReadout)

public:
    /// "test −ELBO 104.93 nats", or "test accuracy 79.5 %, −ELBO 240.12 nats" for a semi-supervised model; "validation"
    /// in place of "test" for a run that held training images out. Empty when the epoch has no evaluation.
    static QString brief(const EpochStats &stats, bool validation);

    /// Several lines: the epoch, the evaluation's −ELBO as reconstruction + KL, the active dimensions, the training
    /// average, and a semi-supervised model's accuracy with its classifier and label graph alone.
    static QString detailed(const EpochStats &stats, bool validation);
};
