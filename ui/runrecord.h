#pragma once

// One ended run as the Runs panel keeps it (runhistorypanel.h), and its JSON in the settings.

#include "model/checkpoint.h"
#include "training/trainingcontroller.h"

#include <QDateTime>
#include <QJsonObject>

/// One ended run as the Runs panel keeps it: its settings and its last evaluation, in plain values.
struct RunRecord
{
    QDateTime finished;
    QString dataset; ///< name or path
    QVector<int> classes;
    QString architecture; ///< "mlp" or "conv"
    int hidden = 0;
    int latent = 0;
    double beta = 1;
    int labelsPerClass = 0; ///< 0: a plain VAE; TrainConfig::kAllLabels: every label
    int epochs = 0;         ///< epochs done, a continued run's earlier ones included
    int firstEpoch = 0;     ///< the epochs done when the run began (a continued run's)
    bool stopped = false;
    bool validation = false; ///< the figures are on held-out training images, not the test split
    double negElbo = 0, recon = 0, kl = 0;
    double accuracy = 0; ///< NaN: no classifier
    double seconds = 0;  ///< this run's wall time
    QString details;     ///< the evaluation and the settings in words (the row's tooltip)
    QString checkpoint;  ///< the run's autosave

    /// The record of a run that ended with `checkpoint` (its history not empty).
    static RunRecord of(const Checkpoint &checkpoint, RunOutcome outcome, double seconds, const QString &autosave);
    QJsonObject toJson() const;
    static RunRecord fromJson(const QJsonObject &json);
};
