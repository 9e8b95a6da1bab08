#pragma once

#include "transfer/transferrunner.h"

#include <QWizardPage>

#include <QMap>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;
class TransferWizard;

/// Page 1: the current model or a checkpoint file, with its summary.
class TransferSourcePage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferSourcePage)
public:
    explicit TransferSourcePage(TransferWizard *wizard);
    bool isComplete() const override;
    bool validatePage() override;

private:
    void chooseFile();
    void refresh();

    TransferWizard *m_wizard;
    QRadioButton *m_useCurrent, *m_useFile;
    QLineEdit *m_path;
    QLabel *m_summary;
    std::optional<Checkpoint> m_fromFile;
};

/// Page 2: the target dataset with a preview grid, how many unlabelled images and labels per class.
class TransferTargetPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferTargetPage)
public:
    explicit TransferTargetPage(TransferWizard *wizard);
    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;
    /// Loads a built-in name or a path and shows its preview (the combo box and the browse buttons call this).
    void load(const QString &nameOrPath);

private:
    /// Whether `nameOrPath` is the data the source model was trained on (a built-in name or the same path).
    bool isSourceDataset(const QString &nameOrPath) const;

    TransferWizard *m_wizard;
    QComboBox *m_dataset;
    QLabel *m_status, *m_preview;
    QSpinBox *m_unlabelled, *m_labelsPerClass, *m_repeats;
    bool m_loaded = false;
    bool m_choseTarget = false; ///< a target remembered from an earlier transfer, kept as the user's choice
};

/// Page 3: strategies, learning rate and epochs.
class TransferStrategyPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferStrategyPage)
public:
    explicit TransferStrategyPage(TransferWizard *wizard);
    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

private:
    /// The wizard's settings with this page's choices.
    TransferConfig chosen() const;
    /// How long the chosen run takes (TransferPlan), said before it starts.
    void updateEstimate();

    TransferWizard *m_wizard;
    QMap<TransferStrategy, QCheckBox *> m_strategies;
    QDoubleSpinBox *m_learningRate;
    QSpinBox *m_epochs;
    QLabel *m_estimate;
};
