#pragma once

// Private to core/transfer: one TransferRunner::runBlocking() call's state, shared by transferrunner.cpp (set-up,
// baselines, progress) and transferstrategyrun.cpp (adapting and measuring each strategy).

#include "data/dataset.h"
#include "model/checkpoint.h"
#include "model/inferencemodel.h"
#include "transfer/classifiers.h"
#include "transfer/transferrunner.h"
#include "transfer/vaefinetune.h"

#include <functional>
#include <optional>

struct TransferRunner::Impl
{
    Checkpoint source;
    DataSplit sourceData;
    DataSplit target;
    QString targetName;
    TransferConfig config;
};

/// One runBlocking() call: the baselines, then each strategy adapted and measured. The functions return false when
/// the run ends early, with the outcome set (failed, or stopped with the strategies that finished).
class TransferRunner::Run
{
public:
    Run(TransferRunner &runner, const Impl &impl)
        : q(runner)
        , d(impl)
        , config(impl.config)
        , spec(impl.source.config.model)
        , report(m_outcome.report)
    { }

    TransferOutcome exec();

private:
    /// The probe and k-NN accuracies of one feature map over every label draw.
    struct FeatureAccuracies
    {
        AccuracyEstimate probe, knn;
    };

    bool prepare();
    bool drawLabels();
    void describeRun();
    bool runBaselines();
    bool runStrategy(int index);
    bool runSemiSupervised(int index, StrategyResult &r);
    /// The semi-supervised strategy's training for label draw `draw`: the target's own automatic choices (classifier
    /// input, label graph), as `train` would make them.
    TrainConfig semiSupervisedConfig(int draw) const;
    VaeFinetuneConfig finetuneConfig(int index) const;
    /// The −ELBO of the model a strategy starts from, on the target's test and monitor images (a curve point).
    bool measureStart(int index, const VaeFinetuneConfig &vc, StrategyResult &r);
    bool adapt(int index, const VaeFinetuneConfig &vc, StrategyResult &r);
    bool measure(StrategyResult &r);
    /// featureAccuracies of `model`'s encoder means, with the latent scaling.
    FeatureAccuracies encoderAccuracies(const InferenceModel &model) const;
    FeatureAccuracies featureAccuracies(const std::function<FeatureSet(const Dataset &)> &features,
                                        const FeatureSet &testFeatures, ProbeScaling scaling) const;
    /// The encoder + head classifier (weights empty = from scratch) trained on every label draw.
    Result<AccuracyEstimate> encoderClassifier(const QVector<float> &weights);
    quint64 drawSeed(int draw) const { return config.seed + quint64(draw); }
    void progress(const QString &phase, int strategyIndex, double unitsDone, bool force = true);
    bool fail(const QString &message);
    bool stopIfRequested();

    TransferRunner &q;
    const Impl &d;
    const TransferConfig &config;
    const ModelSpec spec;
    TransferOutcome m_outcome;
    TransferReport &report;
    Dataset sourceTest, targetTest, monitor, unlabelled;
    Dataset semiSupervisedTrain; ///< the semi-supervised model's training images (its labels are drawn from them)
    QVector<Dataset> labelled;   ///< one labelled set per draw
    int classCount = 0;
    /// The source's −ELBO on the target's test and monitor images.
    struct StartFigures
    {
        double test = 0, monitor = 0;
    };
    std::optional<StartFigures> sourceOnTarget; ///< measured by the first strategy that starts from the source
    TransferPlan plan;                          ///< what the progress bar follows
    ProgressPacer pacer;
};

namespace TransferRun {

/// The encoder means of `data` under `model`, with the data's labels.
FeatureSet encoderFeatures(const InferenceModel &model, const Dataset &data);

/// The semi-supervised strategy's model and training settings on `train` (every class from 0 to its largest label),
/// with the target's own automatic choices (classifier input, label graph) as `train` would make them; the seed and
/// threads are the run's to set.
TrainConfig semiSupervisedBase(const TransferConfig &config, const ModelSpec &source, const QString &targetName,
                               const Dataset &train);

} // namespace TransferRun
