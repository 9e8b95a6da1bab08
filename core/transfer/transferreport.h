#pragma once

#include "model/checkpoint.h"
#include "model/modelspec.h"

#include <QJsonObject>
#include <QString>
#include <QVector>

#include <cmath>
#include <limits>

/// How the source VAE is adapted to the unlabelled target images.
enum class TransferStrategy {
    FinetuneAll,   ///< every weight trains
    FreezeEncoder, ///< only the decoder trains
    FreezeDecoder, ///< only the encoder trains
    Scratch        ///< the same architecture from a random initialisation
};

namespace TransferStrategies {
QVector<TransferStrategy> all();
/// "finetune-all", "freeze-encoder", "freeze-decoder", "scratch".
QString name(TransferStrategy strategy);
/// Parses a name; returns false on anything else.
bool parse(const QString &text, TransferStrategy *out);
} // namespace TransferStrategies

/// What one strategy achieved; accuracies in [0, 1], −ELBO per image in nats. NaN = not measured.
struct StrategyResult
{
    TransferStrategy strategy = TransferStrategy::FinetuneAll;
    double targetNegElboBefore = std::numeric_limits<double>::quiet_NaN();
    double targetNegElboAfter = std::numeric_limits<double>::quiet_NaN();
    double sourceNegElboAfter = std::numeric_limits<double>::quiet_NaN(); ///< forgetting of the source domain
    double probeAccuracy = std::numeric_limits<double>::quiet_NaN();      ///< linear probe on the adapted encoder's μ
    double finetuneAccuracy = std::numeric_limits<double>::quiet_NaN(); ///< adapted encoder + head, trained end to end
    QVector<double> curve;  ///< target −ELBO on the monitor images after each epoch
    QVector<float> weights; ///< the adapted model
    double seconds = 0;
};

/// Everything a transfer run measured, with its settings; the CLI summary and the wizard's report.
struct TransferReport
{
    ModelSpec spec;
    QString sourceDataset;
    QVector<int> sourceClasses;
    QString targetDataset;
    int classCount = 0;
    int labelsPerClass = 0;
    int unlabelled = 0; ///< target images the VAE was adapted on
    int epochs = 0;
    double learningRate = 0;
    int targetTestCount = 0;
    double sourceNegElboBefore = std::numeric_limits<double>::quiet_NaN(); ///< the source model on its own test split
    double sourceProbeAccuracy = std::numeric_limits<double>::quiet_NaN(); ///< probe on the unadapted encoder
    QVector<StrategyResult> strategies;
    double scratchClassifierAccuracy = std::numeric_limits<double>::quiet_NaN();
    double pixelProbeAccuracy = std::numeric_limits<double>::quiet_NaN();

    /// The CLI's summary object: "strategies" plus the two baselines and the settings (NaN becomes null).
    QJsonObject toJson() const;
    /// One row per strategy, then one per baseline; empty cells where a figure does not apply.
    QString toCsv() const;
    /// A checkpoint holding strategy `index`'s adapted weights, its settings derived from `source`.
    Checkpoint adaptedCheckpoint(int index, const Checkpoint &source) const;
};
