#pragma once

#include "data/dataset.h"
#include "model/checkpoint.h"
#include "training/runplan.h"
#include "transfer/classifiers.h"
#include "transfer/transferreport.h"
#include "util/runoutcome.h"

#include <QMetaType>
#include <QObject>

#include <algorithm>
#include <atomic>
#include <memory>

/// Settings of a transfer run besides the models and data.
struct TransferConfig
{
    QVector<TransferStrategy> strategies = TransferStrategies::all();
    int labelsPerClass = 10; ///< labelled target training images per class for the downstream classifiers
    /// Label draws: every classifier is trained once per draw (draw r uses seed + r) and its accuracy averaged.
    int repeats = 3;
    int unlabelled = 0; ///< target training images the VAE adapts on (0 = all)
    int epochs = 5;
    double learningRate = 1e-3;
    int batchSize = 128;
    quint64 seed = 1;
    /// The semi-supervised strategy starts from the source's weights where they fit (see transferrunner.cpp)
    /// instead of its own random initialisation. Off: measured on a validation split (Fashion-MNIST training images
    /// 50k-60k, MNIST source, 10 labels per class, 1 epoch, 3 draws), its classifier reached 71.1 ± 6.9 % from the
    /// source against 73.1 ± 5.3 % from scratch.
    bool semiSupervisedFromSource = false;
    int monitorImages = 1000; ///< target test images evaluated after every epoch for the live curves
    ClassifierOptions classifier;

    /// A message naming the first invalid field, or empty.
    QString validate() const;
    /// How many of `available` target training images the VAE adapts on (`unlabelled`, or all of them).
    int adaptedImages(int available) const { return unlabelled > 0 ? std::min(unlabelled, available) : available; }
};

/// What a transfer run will do, in progress units: one unit is a plain MLP VAE's optimiser step on one thread (batch
/// 128, about 8.5 ms where the costs were measured, 2 cores, no other load). The run's progress bar and time left
/// follow it, and the wizard shows its total before the run starts.
struct TransferPlan
{
    double secondsPerUnit = RunPlan::kSecondsPerUnit; ///< one plain MLP step, on the machine planned for

    QVector<double> unitsBefore;  ///< units done before each strategy starts, then the total
    QVector<double> unitsPerStep; ///< one optimiser step of each strategy (its relative cost)
    /// Each strategy's measurements before its first step (the model it starts from, on the target) and after its
    /// last (the adapted model's bounds, probes and classifiers): for a semi-supervised source, whose bound sums over
    /// every class, they took as long as the steps of a plain one.
    QVector<double> unitsMeasuringBefore, unitsMeasuringAfter;
    double graphUnits = 0; ///< the semi-supervised strategy's label graph, per label draw

    /// One image's −ELBO evaluated by `model`, in units (RunPlan::evaluationUnits).
    static double evaluationUnits(const ModelSpec &model);
    /// One optimiser step of `model` on images without labels, in units: a plain model's RunPlan::stepUnits; a
    /// semi-supervised one's bound over the likely classes (TrainConfig::classSampling), measured 3.7 plain steps
    /// for a digits model on Fashion-MNIST.
    static double unlabelledStepUnits(const ModelSpec &model);

    /// The plan of `config` for a `source` model on the target's training images `targetTrain` (all of them: the
    /// plan takes config.unlabelled of them) and `targetTestImages` test images named `targetName`, on a machine of
    /// `speed` (the costs' own machine unless told; MachineSpeed::measured() is this one).
    static TransferPlan of(const TransferConfig &config, const ModelSpec &source, const QString &targetName,
                           const Dataset &targetTrain, int targetTestImages, const MachineSpeed &speed = {});
    /// of() on this computer (MachineSpeed::forPlanOf the plan's seconds on the costs' own machine).
    static TransferPlan onThisMachine(const TransferConfig &config, const ModelSpec &source, const QString &targetName,
                                      const Dataset &targetTrain, int targetTestImages);
    double totalUnits() const { return unitsBefore.isEmpty() ? 0.0 : unitsBefore.last(); }
    /// The expected seconds of strategy `index` (one thread, quiet machine), or of the whole run with -1.
    double seconds(int index = -1) const;
    /// seconds(index) in whole minutes, at least 1.
    int minutes(int index = -1) const;
};

/// The target −ELBO on the monitor images after one epoch of one strategy (epoch -1 = before training).
struct TransferCurvePoint
{
    TransferStrategy strategy = TransferStrategy::FinetuneAll;
    int epoch = -1;
    double targetNegElbo = 0;
};

/// How a run ended; the report holds whatever finished before a stop.
struct TransferOutcome
{
    RunOutcome outcome = RunOutcome::Completed;
    QString message;
    TransferReport report;
};

/// The worker: adapts the source VAE with each strategy and measures everything the report shows.
/// Lives on a worker thread (or runs blocking in the CLI); stop is an atomic read every batch.
class TransferRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferRunner)

public:
    /// `target` must be labelled; `sourceData` is the source checkpoint's dataset (its test split measures forgetting).
    TransferRunner(Checkpoint source, DataSplit sourceData, DataSplit target, QString targetName,
                   TransferConfig config);
    ~TransferRunner() override;

    void requestStop() { m_stopRequested.store(true); }
    TransferOutcome runBlocking();

public Q_SLOTS:
    void run();

Q_SIGNALS:
    /// Throttled to ~10 a second; `stepIndex` is the strategy's index into the config, -1 while the baselines run.
    void progress(const RunProgress &progress);
    void curvePoint(const TransferCurvePoint &point);
    void strategyFinished(const StrategyResult &result);
    void finished(const TransferOutcome &outcome);

private:
    struct Impl;
    class Run; // one runBlocking() call's state, in transferrunner.cpp
    std::unique_ptr<Impl> d;
    std::atomic_bool m_stopRequested{false};
};

/// The images of `data` chosen for the downstream task: `perClass` per label, the draw the semi-supervised trainer
/// makes from the same data with TrainConfig::seed = `seed` (LabelledDraw). Empty if some class holds fewer.
Dataset labelledSubset(const Dataset &data, int perClass, quint64 seed);

Q_DECLARE_METATYPE(TransferCurvePoint)
Q_DECLARE_METATYPE(StrategyResult)
Q_DECLARE_METATYPE(TransferOutcome)
