#pragma once

#include "data/dataset.h"
#include "model/checkpoint.h"
#include "runrecord.h"
#include "transfer/transferrunner.h"

#include <QWizard>

#include <optional>

/// The transfer wizard (Tools menu): source model → target data → strategies → live run → results.
/// It takes copies of what it needs, so the main window may keep training while it is open.
class TransferWizard final : public QWizard
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferWizard)

public:
    enum PageId { SourcePageId, TargetPageId, StrategyPageId, RunPageId, ResultsPageId };

    /// `current` is the explorer's model (if any) and `currentData` the dataset it was trained on.
    TransferWizard(const std::optional<Checkpoint> &current, const DataSplit &currentData, QWidget *parent = nullptr);
    ~TransferWizard() override;

    /// A transfer run is in progress on the run page: closing the explorer would stop it and lose its results.
    bool isRunning() const;

    /// A strategy's name as the wizard's table, chart and sentences show it: its command-line name in English
    /// ("finetune-all"), translated in other languages.
    static QString strategyTitle(TransferStrategy strategy);

    // Shared state, filled page by page.
    std::optional<Checkpoint> currentCheckpoint;
    DataSplit currentData;
    std::optional<Checkpoint> source;
    DataSplit sourceData; ///< may be empty: forgetting is then not measured
    DataSplit target;
    QString targetName;
    TransferConfig config;
    std::optional<TransferOutcome> outcome;
    /// Where the run's answer model was kept with its report (keepOutcome), or why it could not be.
    QString keptPath;
    QString keepError;

    /// Keeps what a run with results found, so that closing the wizard loses nothing: the model its answer names (the
    /// best VAE figure's strategy) and the report beside it, among the transfers' autosaves; the Runs panel gets its
    /// row (transferKept). `seconds`: the run's wall time.
    void keepOutcome(double seconds);

Q_SIGNALS:
    /// Finish with "Explore the adapted model" ticked: the chosen strategy's model, with a per-epoch history.
    /// `name`: the strategy that adapted it, as the wizard names it.
    void exploreRequested(const Checkpoint &checkpoint, const QString &name);
    /// A run's answer model and report were kept (keepOutcome): the Runs panel's row for it.
    void transferKept(const RunRecord &record);

public Q_SLOTS:
    /// Cancel (or Escape, or closing the window) during a run asks first: it stops the run.
    void reject() override;

private:
    /// Back or close during a run: whether the person chose to stop it (a question named `objectName`, for tests).
    bool confirmStop(const QString &objectName, const QString &text, const QString &stopText);
};

/// The QSettings keys under which the wizard remembers its choices between openings.
namespace TransferWizardSettings {
inline constexpr char kTarget[] = "transferWizard/target";
inline constexpr char kUnlabelled[] = "transferWizard/unlabelled";
inline constexpr char kLabelsPerClass[] = "transferWizard/labelsPerClass";
inline constexpr char kRepeats[] = "transferWizard/repeats";
inline constexpr char kStrategies[] = "transferWizard/strategies";
inline constexpr char kLearningRate[] = "transferWizard/learningRate";
inline constexpr char kEpochs[] = "transferWizard/epochs";
inline constexpr char kExplore[] = "transferWizard/explore";
inline constexpr char kFitAdaptedEpochs[] = "transferWizard/fitAdaptedEpochs";
} // namespace TransferWizardSettings
