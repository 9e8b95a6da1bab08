#pragma once

#include "model/checkpoint.h"
#include "model/modelspec.h"

#include <QJsonObject>
#include <QString>
#include <QVector>

#include <cmath>
#include <limits>
#include <optional>

/// How the source VAE is adapted to the unlabelled target images.
enum class TransferStrategy {
    FinetuneAll,   ///< every weight trains
    FreezeEncoder, ///< only the decoder trains
    FreezeDecoder, ///< only the encoder trains
    Scratch,       ///< the same architecture from a random initialisation
    /// The semi-supervised VAE (Kingma M2) trained on the target's images with the K labels per class; its row's
    /// probe accuracy is its own classifier q(y|x) on the target test split.
    SemiSupervised
};

namespace TransferStrategies {
QVector<TransferStrategy> all();
/// "finetune-all", "freeze-encoder", "freeze-decoder", "scratch", "semi-supervised".
QString name(TransferStrategy strategy);
/// name() in the GUI's language, for progress and messages: the transfer wizard's words (TransferWizard::strategyTitle
/// holds their translations; the command line installs no translator, so its text stays name()).
QString title(TransferStrategy strategy);
/// Parses a name; returns false on anything else.
bool parse(const QString &text, TransferStrategy *out);
/// Whether the strategy adapts the source's own weights (finetune-all, freeze-encoder, freeze-decoder).
inline bool startsFromSource(TransferStrategy strategy)
{
    return strategy != TransferStrategy::Scratch && strategy != TransferStrategy::SemiSupervised;
}
/// The semi-supervised model the strategy of that name trains next to a source model: an MLP of the source's
/// width (the default width for a conv source), latent size and likelihood over `classes` classes.
ModelSpec semiSupervisedSpec(const ModelSpec &source, int classes);
} // namespace TransferStrategies

/// One classifier's accuracy on the target test split for one label draw: over every image, and over each half.
/// The transfer's answer picks its figures on the pick half (the images at even positions, 0, 2, 4, …) and reports
/// them on the report half (odd positions), so that picking the highest of many figures does not favour the one
/// reported. Accuracies in [0, 1]; NaN = not measured.
struct TestAccuracy
{
    double all = std::numeric_limits<double>::quiet_NaN();
    double pickHalf = std::numeric_limits<double>::quiet_NaN();
    double reportHalf = std::numeric_limits<double>::quiet_NaN();
    /// From the predicted and the true class of each test image, in the test split's order (NaN on a size mismatch).
    static TestAccuracy of(const QVector<int> &predicted, const QVector<int> &labels);
    /// How many of `testImages` images are in the report half.
    static int reportHalfCount(int testImages) { return testImages / 2; }
};

/// An accuracy measured over several label draws: their mean and the half-width of its 95 % interval (Student's t
/// with n − 1 degrees of freedom; NaN with fewer than two draws). NaN mean = not measured.
struct AccuracyEstimate
{
    double mean = std::numeric_limits<double>::quiet_NaN();
    double ci95 = std::numeric_limits<double>::quiet_NaN();
    int draws = 0;
    QVector<double> values; ///< one accuracy per label draw, in draw order (NaN where a draw has none)
    /// Per draw, the accuracy on the test split's pick half and report half (see TestAccuracy); empty when the figure
    /// was not measured image by image.
    QVector<double> pickHalf, reportHalf;

    /// The estimate from one accuracy per draw; non-finite values are left out.
    static AccuracyEstimate of(const QVector<double> &accuracies);
    /// The estimate over the whole test split, with each draw's halves kept.
    static AccuracyEstimate ofTests(const QVector<TestAccuracy> &draws);
    /// The two-sided 95 % quantile of Student's t with `dof` degrees of freedom (NaN for dof < 1).
    static double t95(int dof);
};

/// What one strategy achieved; accuracies in [0, 1], −ELBO per image in nats. NaN = not measured.
struct StrategyResult
{
    TransferStrategy strategy = TransferStrategy::FinetuneAll;
    double targetNegElboBefore = std::numeric_limits<double>::quiet_NaN();
    double targetNegElboAfter = std::numeric_limits<double>::quiet_NaN();
    double sourceNegElboAfter = std::numeric_limits<double>::quiet_NaN(); ///< forgetting of the source domain
    /// Over the label draws: the linear probe on the adapted encoder's μ (semi-supervised: its classifier q(y|x)),
    /// k-NN on μ, and the adapted encoder + a head trained end to end.
    AccuracyEstimate probe, knn, finetune;
    QVector<double> curve;               ///< target −ELBO on the monitor images after each epoch
    QVector<double> curveRecon, curveKl; ///< its two terms after each epoch (the plain strategies; empty otherwise)
    QVector<float> weights;              ///< the adapted model
    /// Semi-supervised: the settings its weights were trained with (the first label draw's): its own model over the
    /// target's classes, with the classifier input in effect on the target.
    std::optional<TrainConfig> trainedWith;
    /// The adapted model's whole evaluation on the target's test split (semi-supervised: its first draw's last epoch),
    /// for exploring it: per-dimension KL and the classifier's predictions without evaluating again.
    std::optional<ElboSummary> targetEvaluation;
    /// Semi-supervised: its first draw's epochs as its trainer recorded them (training and test figures, accuracy).
    QVector<EpochStats> history;
    double seconds = 0;
    /// Semi-supervised: its `probe` is the label graph's vote × q(y|x) (TrainConfig::labelGraphInEffect), not q(y|x)
    /// alone.
    bool labelGraph = false;
};

/// The question a transfer run answers: the best accuracy any strategy reached with what it learned, against the
/// best classifier on the raw pixels in the same run. Both are chosen by their mean on the test split's pick half
/// and measured on its report half (TestAccuracy), images the choice never saw: the highest of many noisy figures
/// would otherwise be favoured by chance (the winner's curse).
struct TransferVerdict
{
    /// Which of a strategy's figures: the linear probe on μ (for the semi-supervised strategy: its own classifier
    /// q(y|x)), k-NN on μ, or the encoder fine-tuned with a head.
    enum class Figure { Probe, Knn, Finetuned };
    int strategy = -1; ///< index into TransferReport::strategies; -1 when no strategy has an accuracy
    Figure figure = Figure::Probe;
    int candidates = 0; ///< how many VAE figures the choice was made among
    /// That strategy's figure on the report half (mean, 95 % half-width, one value per draw).
    AccuracyEstimate best;
    AccuracyEstimate pixels;  ///< the better pixel classifier (probe or k-NN, chosen likewise) on the report half
    bool pixelsByKnn = false; ///< the pixel figure is the k-NN's
    /// best − pixels draw by draw (the same labels on both sides), with its 95 % interval; NaN without draws.
    AccuracyEstimate difference;
    /// best − pixels, in accuracy (NaN when either is missing).
    double gain() const { return best.mean - pixels.mean; }
    /// Whether the paired interval of the difference includes 0: these draws cannot tell the two apart. False when
    /// there is no interval (one draw).
    bool undecided() const;
    /// "linear probe", "k-NN", "fine-tuned classifier", or "classifier q(y|x)" for the semi-supervised strategy.
    /// `labelGraph`: the semi-supervised strategy's classifier was multiplied with the label graph's vote.
    static QString figureName(Figure figure, TransferStrategy strategy, bool labelGraph = false);
    /// "k-NN" or "probe": which pixel classifier `pixels` is.
    QString pixelFigureName() const;
};

/// Everything a transfer run measured, with its settings; the CLI summary and the wizard's report.
struct TransferReport
{
    ModelSpec spec;
    QString sourceDataset;
    QVector<int> sourceClasses;
    /// A semi-supervised source's classes, untranslated (TrainConfig::sourceClassNames): the plain strategies adapt it
    /// without the target's labels, so their models keep these classes.
    QStringList sourceClassNames;
    QString targetDataset;
    int classCount = 0;
    int labelsPerClass = 0;
    int repeats = 0;    ///< label draws every accuracy is averaged over
    int unlabelled = 0; ///< target images the VAE was adapted on
    int epochs = 0;
    double learningRate = 0;
    int targetTestCount = 0;
    double sourceNegElboBefore = std::numeric_limits<double>::quiet_NaN(); ///< the source model on its own test split
    // Accuracies over the label draws (the same draws for every row).
    AccuracyEstimate sourceProbe, sourceKnn; ///< probe and k-NN on the unadapted encoder's μ
    QVector<StrategyResult> strategies;
    AccuracyEstimate
        scratchClassifier; ///< a classifier of the encoder's layout trained from scratch on the same labels
    AccuracyEstimate pixelProbe, pixelKnn; ///< the same linear probe and k-NN on raw pixels
    /// The pixel classifier the verdict compares with, over the whole test split (the chart's line to beat).
    const AccuracyEstimate &verdictPixels(const TransferVerdict &v) const
    {
        return v.pixelsByKnn ? pixelKnn : pixelProbe;
    }

    /// The CLI's summary object: "strategies" plus the baselines and the settings (NaN becomes null); every accuracy
    /// "x_accuracy" has its interval's half-width beside it as "x_accuracy_ci95" and, when measured, each draw's
    /// value as "x_accuracy_draws".
    QJsonObject toJson() const;
    /// One row per strategy, then one per baseline; empty cells where a figure does not apply.
    QString toCsv() const;
    /// The best strategy figure against the pixels, chosen on the pick half; ties go to the earlier strategy and
    /// figure. Figures without halves take no part.
    TransferVerdict verdict() const;
    /// Whether the semi-supervised strategy is among the strategies run.
    bool ranSemiSupervised() const;
    /// A checkpoint holding strategy `index`'s adapted weights, its settings derived from `source` (for the
    /// semi-supervised strategy: the model of its first label draw) and the epochs the run measured (a plain
    /// strategy's: the target −ELBO and its terms after each epoch, the last one its whole evaluation on the target's
    /// test split). A plain strategy's model of a semi-supervised source keeps the source's classes
    /// (TrainConfig::sourceClassNames).
    Checkpoint adaptedCheckpoint(int index, const Checkpoint &source) const;
};
