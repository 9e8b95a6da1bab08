#pragma once

// One ended run as the Runs panel keeps it (runhistorypanel.h), and its JSON in the settings.

#include "model/checkpoint.h"
#include "training/trainingcontroller.h"

#include <QDateTime>
#include <QJsonObject>

/// One ended run as the Runs panel keeps it: its settings and its last evaluation, in plain values. Its words (the
/// row's tooltip) are made when shown, so that a row reads in the window's language whichever it was recorded in.
struct RunRecord
{
    QDateTime finished;
    TrainConfig config; ///< the run's settings
    EpochStats last;    ///< its last epoch's evaluation
    int epochs = 0;     ///< epochs done, a continued run's earlier ones included
    int firstEpoch = 0; ///< the epochs done when the run began (a continued run's)
    bool stopped = false;
    double seconds = 0; ///< this run's wall time
    QString checkpoint; ///< the run's autosave
    /// A row saved before its settings were kept whole (up to session 30): its tooltip as worded then.
    QString recordedDetails;

    /// 0: a plain VAE; TrainConfig::kAllLabels: every label.
    int labelsPerClass() const { return config.isSemiSupervised() ? config.labelsPerClass : 0; }
    /// The figures are on held-out training images, not the test split.
    bool validation() const { return config.validation > 0; }
    /// The evaluation and the settings in words (the row's tooltip).
    QString details() const;

    /// The record of a run that ended with `checkpoint` (its history not empty).
    static RunRecord of(const Checkpoint &checkpoint, RunOutcome outcome, double seconds, const QString &autosave);
    QJsonObject toJson() const;
    static RunRecord fromJson(const QJsonObject &json);
};
