// TrainingPanel's form: the settings fields, their tool tips and the run buttons (the behaviour is in
// trainingpanel.cpp).
#include "trainingpanel.h"
#include "trainingpanel_p.h"

#include "data/datasetloader.h"
#include "ratespinbox.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QWidget>

#include <limits>

using namespace TrainingPanelPrivate;

void TrainingPanel::addTooltips()
{
    m_architecture->setToolTip(tr("MLP: fully connected layers, fast. Convolutional: image filters, sharper "
                                  "digits, slower. With labels per class (semi-supervised), the VAE stays an MLP and "
                                  "Convolutional gives its classifier the image filters"));
    m_latent->setToolTip(tr("How many numbers describe each image (the sliders); 2 can be drawn as a plane, more "
                            "give sharper images"));
    m_hidden->setToolTip(tr("Width of the MLP's hidden layer: more units learn more detail but train slower"));
    m_beta->setToolTip(tr("Weight of the KL term: above 1 gives smoother, more separated latents, below 1 "
                          "sharper reconstructions"));
    m_warmup->setToolTip(tr("Epochs over which β grows from 0 to its value, so the model first learns to "
                            "reconstruct (0: no warm-up)"));
    m_likelihood->setToolTip(tr("How pixels are scored: Bernoulli for black-and-white images such as digits, "
                                "Gaussian for grey levels"));
    m_batch->setToolTip(tr("Images per training step: larger batches are smoother, smaller ones update more often"));
    m_learningRate->setToolTip(
        tr("Step size of the optimiser (Adam): too large diverges, too small learns slowly. Type it as 0.001 or 1e-3"));
    m_seed->setToolTip(tr("Starting point of the random numbers: the same seed and settings give the same run"));
    m_validation->setToolTip(
        tr("Validation: hold this many training images out (drawn with the seed, never trained on or "
           "labelled) and show the figures on them instead of the test split: choose settings "
           "here, then report the test split once (File ▸ Open and the CLI's eval)"));
    m_classes->setToolTip(tr("Train only on these labels, e.g. 0,1,2,3,4; empty trains on every class. The classes "
                             "left out stay unseen, so Tools ▸ Few-Shot Learning can measure learning them from a few "
                             "examples"));
}

void TrainingPanel::createDatasetFields()
{
    m_dataset = new QComboBox(this);
    m_dataset->setObjectName(QStringLiteral("dataset"));
    for (const QString &name : DatasetLoader::builtinNames())
        m_dataset->addItem(name, name);
    m_dataset->insertSeparator(m_dataset->count());
    m_dataset->addItem(tr("Open folder or file…"), kOpenEntry);
    connect(m_dataset, &QComboBox::activated, this, &TrainingPanel::onDatasetActivated);
    m_datasetInfo = new QLabel(this);
    m_datasetInfo->setObjectName(QStringLiteral("datasetInfo"));
    m_datasetInfo->setWordWrap(true);
    m_datasetInfo->setForegroundRole(QPalette::PlaceholderText);
    m_datasetInfo->setAlignment(Qt::AlignLeft | Qt::AlignTop); // cut at the bottom when it has too many lines
    m_classes = new QLineEdit(this);
    m_classes->setObjectName(QStringLiteral("classes"));
    m_classes->setPlaceholderText(tr("all"));
    // Labels 0-255 separated by commas, as --classes takes them.
    m_classes->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("\\s*(\\d{1,3}\\s*,\\s*)*(\\d{1,3}\\s*)?")), m_classes));
    connect(m_classes, &QLineEdit::textChanged, this, &TrainingPanel::updateLabelsEnabled);
}

void TrainingPanel::createModelFields()
{
    m_architecture = new QComboBox(this);
    m_architecture->addItem(tr("MLP"), int(Architecture::Mlp));
    m_architecture->addItem(tr("Convolutional"), int(Architecture::Conv));
    connect(m_architecture, &QComboBox::currentIndexChanged, this, &TrainingPanel::updateHiddenEnabled);
    m_latent = new QSpinBox(this);
    m_latent->setRange(1, 256);
    m_hidden = new QSpinBox(this);
    m_hidden->setObjectName(QStringLiteral("hidden"));
    m_hidden->setRange(8, 4096);
    m_hidden->setSingleStep(64);
    m_beta = new QDoubleSpinBox(this);
    m_beta->setRange(0.0, 100.0);
    m_beta->setDecimals(3);
    m_beta->setSingleStep(0.1);
    m_warmup = new QSpinBox(this);
    m_warmup->setRange(0, 1000);
    m_warmup->setSuffix(tr(" epochs"));
    m_likelihood = new QComboBox(this);
    for (const Likelihood l : allLikelihoods())
        m_likelihood->addItem(displayName(l), int(l));

    m_labelMode = new QComboBox(this);
    m_labelMode->setObjectName(QStringLiteral("labelMode"));
    m_labelMode->addItem(tr("Off"), LabelsOff);
    m_labelMode->addItem(tr("K per class:"), LabelsPerClass);
    m_labelMode->addItem(tr("All"), LabelsAll);
    m_labelsPerClass = new QSpinBox(this);
    m_labelsPerClass->setObjectName(QStringLiteral("labelsPerClass"));
    m_labelsPerClass->setRange(1, 5000);
    m_labelsPerClass->setValue(kDefaultLabelsPerClass);
    m_labelsRow = new QWidget(this);
    auto *row = new QHBoxLayout(m_labelsRow);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_labelMode, 1);
    row->addWidget(m_labelsPerClass, 1);
    m_labelsHint = new QLabel(this);
    m_labelsHint->setObjectName(QStringLiteral("labelsHint"));
    // One short line, never wrapped: the panel is short of height on a 768-pixel screen.
    m_labelsHint->setForegroundRole(QPalette::PlaceholderText);
    connect(m_labelsHint, &QLabel::linkActivated, this, &TrainingPanel::applyFewShotRecipe);
    connect(m_labelMode, &QComboBox::currentIndexChanged, this, &TrainingPanel::updateLabelsEnabled);
    connect(m_labelsPerClass, &QSpinBox::valueChanged, this, &TrainingPanel::updateLabelsEnabled);
}

void TrainingPanel::createRunFields()
{
    m_epochs = new QSpinBox(this);
    m_epochs->setRange(1, 10000);
    m_epochs->setToolTip(tr("Epochs to train; when continuing from a checkpoint, the epochs added to it"));
    m_batch = new QSpinBox(this);
    m_batch->setRange(1, 8192);
    m_learningRate = new RateSpinBox(this);
    m_learningRate->setRange(1e-6, 1.0);
    m_learningRate->setSingleStep(1e-4);
    m_seed = new QSpinBox(this);
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_validation = new QSpinBox(this);
    m_validation->setObjectName(QStringLiteral("validation"));
    m_validation->setRange(0, 1000000);
    m_validation->setSingleStep(500);
    // Beside the seed, not a row of its own: the panel has no height to spare on a 768-pixel screen.
    m_validation->setSpecialValueText(tr("off"));
    m_seedRow = new QWidget(this);
    auto *seedRow = new QHBoxLayout(m_seedRow);
    seedRow->setContentsMargins(0, 0, 0, 0);
    seedRow->addWidget(m_seed, 1);
    seedRow->addWidget(m_validation, 1);
    // Their size hints allow for the largest values (ten digits): side by side they would widen the dock.
    for (QSpinBox *box : {m_seed, m_validation}) {
        box->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
        box->setMinimumWidth(box->fontMetrics().horizontalAdvance(QStringLiteral("00000000")));
    }
    m_continue = new QCheckBox(tr("Continue from checkpoint"), this);
    m_continue->setObjectName(QStringLiteral("continueFromCheckpoint"));
    m_continue->setEnabled(false);
    connect(m_continue, &QCheckBox::toggled, this, &TrainingPanel::updateContinueEnabled);
}

QFormLayout *TrainingPanel::buildSettingsForm()
{
    auto *form = new QFormLayout;
    // Sixteen rows: a little less space between them keeps the panel, the latent health below it and the window
    // within a 768-pixel screen (tst_mainwindow's laptop test), now that Labels per class is one of them.
    form->setVerticalSpacing(2);
    form->addRow(tr("Dataset"), m_dataset);
    form->addRow(m_datasetInfo); // under both columns too: its notes on one's own folder take fewer lines
    form->addRow(tr("Classes"), m_classes);
    form->addRow(tr("Model"), m_architecture);
    form->addRow(tr("Latent dims"), m_latent);
    form->addRow(tr("Hidden units"), m_hidden);
    form->addRow(tr("β (KL weight)"), m_beta);
    form->addRow(tr("KL warm-up"), m_warmup);
    form->addRow(tr("Likelihood"), m_likelihood);
    form->addRow(tr("Labels per class"), m_labelsRow);
    form->addRow(m_labelsHint); // under both columns, so that its line is long enough
    form->addRow(tr("Epochs"), m_epochs);
    form->addRow(tr("Batch size"), m_batch);
    form->addRow(tr("Learning rate"), m_learningRate);
    form->addRow(tr("Seed, validation"), m_seedRow);
    form->addRow(m_continue);
    return form;
}

QHBoxLayout *TrainingPanel::buildRunButtons()
{
    m_start = new QPushButton(tr("Start"), this);
    m_start->setToolTip(tr("Start training (F5)"));
    m_pause = new QPushButton(tr("Pause"), this);
    m_pause->setToolTip(tr("Pause or resume (F6)"));
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setToolTip(tr("Stop after the current batch (Shift+F5)"));
    connect(m_start, &QPushButton::clicked, this, &TrainingPanel::startRequested);
    connect(m_pause, &QPushButton::clicked, this, &TrainingPanel::pauseRequested);
    connect(m_stop, &QPushButton::clicked, this, &TrainingPanel::stopRequested);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_pause);
    buttons->addWidget(m_stop);
    return buttons;
}
