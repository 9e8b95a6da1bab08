#pragma once

#include "data/dataset.h"
#include "model/checkpoint.h"
#include "transfer/fewshotrunner.h"
#include "util/workerthread.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

/// Few-shot learning on held-out classes (Tools menu): N-way K-shot episodes with prototypes on μ versus raw pixels,
/// latent augmentation and fast adaptation, with the generated images shown and exportable.
class FewShotDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FewShotDialog)

public:
    /// `current` is the explorer's model (if any), `currentData` and `currentName` the dataset it shows.
    FewShotDialog(const std::optional<Checkpoint> &current, const DataSplit &currentData, const QString &currentName,
                  QWidget *parent = nullptr);
    ~FewShotDialog() override;

private:
    QFormLayout *createSettings();
    QSpinBox *spinBox(int lo, int hi, int value, const QString &name);
    void createRunControls();
    void arrange(QFormLayout *form, QWidget *closeButtons);
    void chooseCheckpoint();
    void start();
    void onFinished(const FewShotOutcome &outcome);
    /// One row per number of shots, its best accuracy in bold; columns nothing was measured for hidden.
    void showTable();
    /// The first episode's support images with their latent augmentations below them.
    void showAugmented();
    void exportImages(bool idx);
    void showSource();
    /// Shows a warning when a chosen class was among those the model trained on.
    void updateSeenWarning();
    void addTooltips(QFormLayout *form);

    std::optional<Checkpoint> m_checkpoint;
    DataSplit m_currentData;
    QString m_currentName;
    QLabel *m_source;
    QComboBox *m_dataset;
    QLineEdit *m_classes, *m_shots;
    QSpinBox *m_ways, *m_queries, *m_episodes, *m_augment, *m_adaptSteps;
    QDoubleSpinBox *m_adaptLearningRate;
    QPushButton *m_run, *m_exportFolder, *m_exportIdx;
    QProgressBar *m_progress;
    QLabel *m_status, *m_generated, *m_seenWarning;
    QLabel *m_augmentCaption = nullptr; ///< what the images below are, and why they may not look like their class
    QTableWidget *m_table;
    FewShotReport m_report;
    WorkerThread m_worker;
};
