#pragma once

#include "data/dataset.h"
#include "model/checkpoint.h"
#include "transfer/fewshotmath.h"
#include "util/runoutcome.h"

#include <QJsonObject>
#include <QMetaType>
#include <QObject>

#include <atomic>
#include <cmath>
#include <limits>
#include <memory>

/// Settings of an N-way K-shot evaluation on classes the model did not train on.
struct FewShotConfig
{
    QString dataset;      ///< the episodes' data, by name or path (empty = the data the checkpoint trained on)
    QVector<int> classes; ///< labels to draw episodes from (empty = every label the checkpoint did not train on)
    int ways = 5;
    QVector<int> shots{1, 5}; ///< one evaluation per entry
    int queries = 15;         ///< query images per class and episode
    int episodes = 600;
    int augment = 0;    ///< latent augmentation: decoded samples of q(z|x) per support image (0 = off)
    int adaptSteps = 0; ///< fast adaptation: Adam steps on the support set (0 = off)
    double adaptLearningRate = 1e-4;
    int adaptEpisodes = 100; ///< fast adaptation runs on the first this-many episodes (it costs a training run each)
    quint64 seed = 1;

    QString validate() const;
};

/// Which of the episodes' classes the checkpoint's model trained on. Its Classes count only on the data it trained on:
/// on other data every class is new to it.
struct SeenClasses
{
    bool every = false;   ///< the model trained on every class, and the episodes draw from all of them
    QVector<int> classes; ///< otherwise the chosen classes the model trained on, in the order chosen

    bool isEmpty() const { return !every && classes.isEmpty(); }
    /// `trained`: the checkpoint's settings; `classCount` (0 = unknown) lets a Classes list that names every class of
    /// the data count as every class.
    static SeenClasses of(const TrainConfig &trained, const FewShotConfig &config, int classCount = 0);
};

/// One row of the few-shot table; accuracies in [0, 1].
struct FewShotResult
{
    int shots = 0;
    MeanWithCi latent;    ///< prototypes on the encoder means μ
    MeanWithCi pixel;     ///< prototypes on raw pixels
    MeanWithCi augmented; ///< prototypes on μ with the augmented support (count 0 = not run)
    /// Prototypes on the semi-supervised model's classifier features (InferenceModel::classifierFeatures; count 0 =
    /// the model has no classifier).
    MeanWithCi classifier;
    double queryNegElboBefore = std::numeric_limits<double>::quiet_NaN(); ///< fast adaptation, mean over episodes
    double queryNegElboAfter = std::numeric_limits<double>::quiet_NaN();
    int adaptedEpisodes = 0;
};

/// Everything a few-shot run measured.
struct FewShotReport
{
    QVector<int> classes;
    int ways = 0;
    int queries = 0;
    int episodes = 0;
    int augment = 0;
    int adaptSteps = 0;
    double adaptLearningRate = 0;
    QVector<FewShotResult> results;
    /// The first episode's support images (label = original class) followed by their latent augmentations.
    Dataset augmentedExample;
    int augmentedExampleOriginals = 0; ///< how many leading images of augmentedExample are real

    /// The CLI's summary: "results" with shots, latent/pixel/augmented/classifier accuracy and ci95, plus settings.
    QJsonObject toJson() const;
};

/// How a few-shot run ended; the report holds the shot settings that finished before a stop.
struct FewShotOutcome
{
    RunOutcome outcome = RunOutcome::Completed;
    QString message;
    FewShotReport report;
};

/// The worker: samples episodes from the held-out classes of `data`'s test split and measures each method.
class FewShotRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FewShotRunner)

public:
    FewShotRunner(Checkpoint checkpoint, DataSplit data, FewShotConfig config);
    ~FewShotRunner() override;

    void requestStop() { m_stopRequested.store(true); }
    FewShotOutcome runBlocking();

public Q_SLOTS:
    void run();

Q_SIGNALS:
    void progress(const RunProgress &progress);
    void finished(const FewShotOutcome &outcome);

private:
    struct Impl;
    class Run; // one runBlocking() call's state, in fewshotrunner.cpp
    std::unique_ptr<Impl> d;
    std::atomic_bool m_stopRequested{false};
};

Q_DECLARE_METATYPE(FewShotOutcome)
