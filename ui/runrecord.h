#pragma once

// One ended run as the Runs panel keeps it (runhistorypanel.h), and its JSON in the settings.

#include "model/checkpoint.h"
#include "training/trainingcontroller.h"

#include <QDateTime>
#include <QJsonObject>

#include <limits>
#include <optional>

/// One ended run as the Runs panel keeps it: its settings and its last evaluation, in plain values. Its words (the
/// row's tooltip) are made when shown, so that a row reads in the window's language whichever it was recorded in.
struct RunRecord
{
    /// A transfer's row: the model the transfer wizard's answer names, adapted from another dataset's model.
    struct Transfer
    {
        QString sourceDataset;
        QString strategy; ///< its command-line name ("finetune-all")
        /// The answer's figure: "probe", "knn", "finetuned", "own" (the semi-supervised strategy's classifier) or
        /// "own-graph" (with the label graph's vote).
        QString figure;
        double accuracy = std::numeric_limits<double>::quiet_NaN(); ///< that figure on the whole test split, mean
        double pixels = std::numeric_limits<double>::quiet_NaN();   ///< the pixel classifier it was compared with
        int labelsPerClass = 0; ///< labels per class the classifiers were trained with
        QString report;         ///< the run's JSON report, kept beside the model
        /// The whole transfer's wall time: every strategy and the baselines (the row's `seconds` are its strategy's).
        double runSeconds = std::numeric_limits<double>::quiet_NaN();

        /// Its model was adapted from the source's (not the semi-supervised strategy's own, trained from scratch).
        bool adaptedFromSource() const;
    };

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
    std::optional<Transfer> transfer;

    /// 0: a plain VAE; TrainConfig::kAllLabels: every label. A transfer's: its classifiers'.
    int labelsPerClass() const
    {
        return transfer ? transfer->labelsPerClass : config.isSemiSupervised() ? config.labelsPerClass : 0;
    }
    /// The classifier's accuracy (NaN: none); a transfer's: its answer's figure.
    double accuracy() const { return transfer ? transfer->accuracy : last.test.accuracy; }
    /// The figures are on held-out training images, not the test split.
    bool validation() const { return config.validation > 0; }
    /// "69.0 %", or "–" for NaN: the Accuracy column's and the tooltip's form.
    static QString percentText(double value);
    /// The evaluation and the settings in words (the row's tooltip).
    QString details() const;

    /// The record of a run that ended with `checkpoint` (its history not empty).
    static RunRecord of(const Checkpoint &checkpoint, RunOutcome outcome, double seconds, const QString &autosave);
    QJsonObject toJson() const;
    static RunRecord fromJson(const QJsonObject &json);
};
