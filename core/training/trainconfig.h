#pragma once

#include "data/dataset.h"
#include "model/modelspec.h"
#include "util/result.h"

#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

/// Everything a training run needs besides the data.
struct TrainConfig
{
    ModelSpec model;
    QString dataset = QStringLiteral("mnist"); ///< name or path, recorded in the checkpoint
    int epochs = 10;
    int batchSize = 128;
    double learningRate = 1e-3;
    double beta = 1.0;
    int warmupEpochs = 0; ///< KL weight rises linearly from 0 to beta over this many epochs
    quint64 seed = 1;
    /// LibTorch threads. 1 (default) and any fixed count give the same numbers for the same seed; 0 = automatic,
    /// a timed choice between one and all cores (ThreadGovernor): fastest, but the choice depends on the machine's
    /// load, so the last digits may differ between runs.
    int threads = 1;
    int reconstructionCount = 8; ///< test images shown beside their reconstructions
    double batchStatsPerSecond = 20.0;
    double snapshotsPerSecond = 2.0; ///< weight snapshots for the GUI's decoder during an epoch
    QVector<int> classes;            ///< train only on these labels (empty = all)
    /// The semi-supervised model (model.classes > 0): labelled images per class, drawn with the seed from the training
    /// split (the rest, and these, are also used unlabelled); kAllLabels = every image keeps its label.
    int labelsPerClass = kAllLabels;
    double alpha = 0.1; ///< Kingma's α/N: the labelled batch's mean −log q(y|x) is weighted α·(labelled images)
    /// λ, the weight of KL(q(y|x) ‖ q(y|perturbed x)) on the unlabelled images (0 = off). kAutomatic: see
    /// consistencyWeight().
    double consistency = kAutomatic;
    /// Strength of the classifier's image perturbation (consistency term and labelled batch): 1 = rotations up to ±35°,
    /// zoom ±20 %, shear 0.3, on top of whole-pixel shifts up to 2; 0 = the shifts alone. kAutomatic: see
    /// perturbationStrength().
    double perturbation = kAutomatic;
    double adversarial = 2.0; ///< ε of virtual adversarial training on the unlabelled images (0 = off)
    double entropy = 1.0;     ///< weight of entropy minimisation, H(q(y|x)), on the unlabelled images (0 = off)
    /// Weight of class balance: KL(mean of q(y|x) over the unlabelled batch ‖ uniform) (0 = off). With entropy
    /// minimisation it maximises the mutual information between image and class (Krause et al. 2010; IMSAT, Hu et al.
    /// 2017): each image confidently in one class, the classes used equally. Without it the classifier starved
    /// Fashion-MNIST's shirts (9.8 % recall). Chosen on validation splits (docs/performance.md, session 13).
    double balance = 3.0;
    /// τ of the unlabelled bound's gradient estimate: Σ_y q(y|x)·L(x, y) from the most likely class and class y with
    /// probability min(1, q(y|x)/τ), weighed q/p (unbiased; 0 = every class, Kingma's exact sum). On the digits'
    /// validation split 0.3 matched the exact sum's accuracy at about twice the speed (docs/performance.md, session 10).
    double classSampling = 0.3;
    /// Training images held out (drawn with the seed, never trained on nor labelled) that the run evaluates on instead
    /// of the test split: for choosing settings without looking at the test split. 0 = evaluate on the test split.
    int validation = 0;
    /// Training images the run drew from the training split (with `trainingImagesSeed`, Dataset::randomSubset), 0 = all
    /// of them: a semi-supervised transfer strategy with `--unlabelled N` trains on N of the target's images, and `eval`
    /// rebuilds its label graph from those N.
    int trainingImages = 0;
    quint64 trainingImagesSeed = 0;
    /// What a new semi-supervised MLP classifier reads (ModelSpec::classifierInput); nullopt = automatic, see
    /// classifierInputInEffect(). A resumed run keeps its checkpoint's.
    std::optional<ClassifierInput> classifierInput;
    /// Whether a semi-supervised run with K labels per class also spreads them over a graph of its training images and
    /// reports log vote + labelGraphWeight·log q(y|x) (model/labelgraph.h); nullopt = automatic, see
    /// labelGraphInEffect().
    std::optional<bool> labelGraph;
    /// γ: how much the classifier q(y|x) counts against the graph's vote. 0.03 was chosen on Fashion-MNIST's
    /// validation splits (the vote is much less sharp than q, which minimises its entropy): 81.3 / 83.0 % against
    /// the graph's 80.9 / 81.7 % and q's 76.8 / 80.8 % (docs/performance.md, session 20).
    double labelGraphWeight = 0.03;
    /// The model's classes when they are another dataset's: a semi-supervised model adapted to `dataset` without its
    /// labels (a plain transfer strategy) keeps its source's classifier q(y|x) and decoder p(x|y,z), so its classes
    /// are still the source's, named here untranslated (Dataset::labelKey). Nothing scores them against `dataset`'s
    /// labels. Empty: the classes are `dataset`'s (`classes`).
    QStringList sourceClassNames;
    /// The data whose labels `sourceClassNames` are (its name or path), where the classifier can be scored; empty
    /// without them.
    QString sourceDataset;
    /// The data whose model a transfer strategy adapted this one from (its name or path): its weights started as that
    /// model's. Empty: trained from its own start.
    QString adaptedFrom;
    static constexpr int kAllLabels = -1;
    static constexpr double kAutomatic = -1;

    /// The perturbation in effect: `perturbation`, or for kAutomatic 1 on the MNIST digits (dataset "mnist") and 0
    /// elsewhere. Chosen on validation splits of the training sets: on the digits it gained 4-6 points; on Fashion-MNIST
    /// it did not help (+0.9 and −1.3 points on two label draws, 5 epochs). A few-shot base with the conv classifier
    /// gets kFewShotBasePerturbation.
    double perturbationStrength() const;
    /// A base model for few-shot learning: the semi-supervised model with every label, trained on some classes only
    /// (`classes`) so that the others stay unseen for few-shot episodes.
    bool isFewShotBase() const;
    /// Gives a new few-shot base run the recipe that measured best for few-shot on its held-out classes: the conv
    /// classifier (which also learns quarter turns) unless `keepArchitecture`, kFewShotBaseEpochs unless `keepEpochs`,
    /// and (through perturbationStrength) perturbation 2. On the digits, base 0-4, episodes on 5-9 (docs/performance.md,
    /// session 11): 68.6 / 86.8 % 1- / 5-shot against 55.5 / 73.9 % for the MLP classifier at 10 epochs. Returns
    /// whether it changed anything.
    bool applyFewShotBaseRecipe(bool keepArchitecture, bool keepEpochs);
    static constexpr int kFewShotBaseEpochs = 30;
    static constexpr double kFewShotBasePerturbation = 2.0;
    /// The consistency weight in effect: `consistency`, or for kAutomatic 10 on the MNIST digits and 1 elsewhere.
    /// Chosen on the same validation splits: on the digits (with the perturbation) λ 10 beat λ 1 on three label draws
    /// out of three (+0.9, +0.7, +0.4 points); on Fashion-MNIST with the perturbation it lost 7 points.
    double consistencyWeight() const;
    /// The classifier input in effect for a new run: `classifierInput`, or automatically the pixels on the MNIST
    /// digits and for a few-shot base (both measured with the pixels), the gradient histograms beside them elsewhere.
    /// Chosen on Fashion-MNIST's validation splits, 10 labels per class: +2.7 points on the mean of five draws, a gain
    /// on each; on the test split afterwards +0.5 on three (docs/performance.md, session 19).
    ClassifierInput classifierInputInEffect() const;
    /// Whether the run uses the label graph: never with every label kept (nothing to spread to) nor for the plain VAE;
    /// else `labelGraph`, or automatically everywhere but the MNIST digits. On the digits' validation splits the graph
    /// (88.1 %) is weaker than q(y|x) (93.7 %) and the product with Fashion-MNIST's weight lost 4.5 points; on
    /// Fashion-MNIST's it gained 3 over q(y|x) (docs/performance.md, session 20).
    bool labelGraphInEffect() const;

    /// The KL weight used during `epoch` (0-based), including the warm-up.
    double betaAt(int epoch, double epochFraction = 0.0) const;
    /// A message naming the first invalid field, or empty.
    QString validate() const;
    /// Why a run with these settings cannot continue the run `saved` (a checkpoint's settings, `savedEpochs` trained),
    /// or empty. A continued run trains on the same images — dataset, classes, held-out validation images and labelled
    /// images (labels per class, and the seed that draws them and the validation split) — so that its history
    /// compares like with like and the checkpoint's record of what the model has seen stays true (the few-shot dialog
    /// reads the classes as those the model never saw; "10 labels per class" means ten). A checkpoint without epochs
    /// (an imported model) has seen nothing here: any data continues it. The model itself is checked where it is
    /// chosen.
    QString continuationProblem(const TrainConfig &saved, int savedEpochs) const;
    /// The images the run trains and evaluates on: `data` restricted to `classes`, then to `trainingImages` of its
    /// training images; with `validation` > 0, that many of the training images (drawn with the seed) become the
    /// evaluation set in place of the test split. Fails when they would leave no training image.
    Result<DataSplit> runData(const DataSplit &data) const;
    bool isSemiSupervised() const { return model.isSemiSupervised(); }
};
