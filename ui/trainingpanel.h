#pragma once

#include "data/dataset.h"
#include "training/trainconfig.h"
#include "training/trainstats.h"
#include "util/runoutcome.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSettings;
class QSpinBox;

/// The run's settings, its Start/Pause/Stop buttons and its progress.
class TrainingPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrainingPanel)

public:
    explicit TrainingPanel(QWidget *parent = nullptr);

    TrainConfig config() const;
    void setConfig(const TrainConfig &config);
    /// Whether Start continues from the last checkpoint.
    bool continueFromCheckpoint() const;
    /// With `model` given, Continue is offered only while the chosen model matches the checkpoint's.
    void setCheckpointAvailable(bool available, int epochsDone, std::optional<TrainConfig> saved = std::nullopt);
    /// The loaded training data: its classes are those of the semi-supervised model.
    void setTrainingData(const Dataset &train);
    /// The training data's class count (0: it has no labels) and the images of its smallest class (0: unknown).
    void setClassCount(int classes, int smallestClass = 0);
    /// Whether "Labels per class" can be chosen now (two or more classes to train on); else config() trains the plain
    /// VAE.
    bool labelsAvailable() const;

    /// Selects (adding if needed) a dataset entry without asking to load it.
    void setDataset(const QString &nameOrPath);
    /// The loaded dataset's summary: the info line comes back to it after a transient status.
    /// The loaded data's summary under the Dataset box; `details` (such as the files that could not be read) goes in
    /// its tooltip with it.
    void setDatasetInfo(const QString &text, const QString &details = {});
    /// "Loading…": shown until another dataset is chosen, loaded or training starts.
    void showDatasetStatus(const QString &text);
    /// A failed load: nothing is loaded any more, and choosing the same entry again tries once more.
    void setDatasetFailed(const QString &text);
    void setRunning(bool running);
    void setPaused(bool paused);
    void showBatch(const BatchStats &stats, int totalEpochs);
    void showProgressText(const QString &text);
    /// How a run ended with its last figures: `text` on one line (elided to the panel's width), and in the tooltip
    /// whole, above `details`.
    void showOutcome(const QString &text, const QString &details);
    /// Back to "Idle" with an empty bar (an opened checkpoint: the last run's "Training finished." is not its news).
    void resetProgress();
    /// A step before the first epoch (the label graph): its own progress in the bar, its name and time left below.
    void showPreparation(const RunProgress &progress);

    void saveSettings(QSettings &settings) const;
    void restoreSettings(QSettings &settings);

Q_SIGNALS:
    void datasetRequested(const QString &nameOrPath);
    void openDatasetRequested();
    void startRequested();
    void pauseRequested();
    void stopRequested();
    /// A change the panel made by itself, for the status bar.
    void statusMessage(const QString &text);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void createDatasetFields();
    void createModelFields();
    void createRunFields();
    QFormLayout *buildSettingsForm();
    QHBoxLayout *buildRunButtons();
    void onDatasetActivated(int index);
    void updateHiddenEnabled();
    void updateContinueEnabled();
    /// Start or Continue, as the Continue box decides.
    void updateStartText();
    void showPausedAt(const BatchStats &stats, int totalEpochs);
    void updateLabelsEnabled();
    /// The text under the bar kept to its two lines (the rest elided; the whole of it in `toolTip`).
    void showTwoLines(const QString &text, const QString &toolTip);
    /// config() with the few-shot base's recipe (TrainConfig::applyFewShotBaseRecipe; more epochs than the recipe's are
    /// kept) in `recipe`; false when the recipe changes nothing.
    bool withFewShotRecipe(TrainConfig *recipe) const;
    void applyFewShotRecipe();
    QString labelsHintText() const;
    void updateLabelsHint();
    /// Continue would train an adapted model whose classifier kept its source's classes (TrainConfig::sourceClassNames).
    bool adaptedWithoutLabels() const;
    void addTooltips();
    /// The labels typed in Classes, sorted, each once (empty: every class).
    QVector<int> chosenClasses() const;
    /// The classes the semi-supervised model would have: the chosen ones the data holds, else all of the data's.
    int modelClassCount() const;
    void fitDatasetInfoHeight();
    void showDatasetInfo(const QString &text, const QString &toolTip);
    /// The loaded data's summary, and what the Classes filter keeps of it.
    void showLoadedInfo();
    QString chosenClassesLine() const;

    QComboBox *m_dataset = nullptr;
    QLabel *m_datasetInfo = nullptr;
    QLineEdit *m_classes = nullptr; ///< train only on these labels (empty: all)
    QComboBox *m_architecture = nullptr;
    QSpinBox *m_latent = nullptr;
    QSpinBox *m_hidden = nullptr;
    QDoubleSpinBox *m_beta = nullptr;
    QSpinBox *m_warmup = nullptr;
    QComboBox *m_likelihood = nullptr;
    QWidget *m_labelsRow = nullptr;
    QComboBox *m_labelMode = nullptr; ///< off (plain VAE) / K per class / all labels
    QSpinBox *m_labelsPerClass = nullptr;
    QLabel *m_labelsHint = nullptr;
    QSpinBox *m_epochs = nullptr;
    QSpinBox *m_batch = nullptr;
    QDoubleSpinBox *m_learningRate = nullptr;
    QSpinBox *m_seed = nullptr;
    QSpinBox *m_validation = nullptr; ///< TrainConfig::validation: 0 = the test split
    QWidget *m_seedRow = nullptr;     ///< the seed and the validation count
    QCheckBox *m_continue = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_pause = nullptr;
    QPushButton *m_stop = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_progressText = nullptr;
    std::optional<BatchStats> m_lastBatch; ///< the run's latest batch, for the paused line
    int m_lastBatchEpochs = 0;
    bool m_paused = false;
    QList<QWidget *> m_runLocked; ///< controls that cannot change while a run is going
    QString m_currentDataset;
    double m_preparedShare = 0; ///< the run's first phase (a label graph): its part of the bar, the epochs after it
    QString m_loadedInfo;
    QString m_loadedDetails;                       ///< what the tooltip adds to the summary (skipped files)
    bool m_showsLoaded = false;                    ///< the note shows m_loadedInfo, not a status ("Loading…")
    std::optional<TrainConfig> m_checkpointConfig; ///< the run Continue resumes (its model, its data), when known
    int m_checkpointEpochs = 0;
    bool m_modelMatches = true;
    QVector<int> m_dataLabels;  ///< the loaded training data's labels, sorted; empty without labels
    QVector<int> m_labelCounts; ///< training images of each of them; 0 if unknown
    bool m_running = false;
};
