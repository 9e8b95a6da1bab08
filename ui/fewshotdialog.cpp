#include "fewshotdialog.h"

#include "checkpointdialog.h"

#include "data/datasetloader.h"
#include "data/labellist.h"
#include "ratespinbox.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>
#include <memory>

FewShotDialog::FewShotDialog(const std::optional<Checkpoint> &current, const DataSplit &currentData,
                             const QString &currentName, QWidget *parent)
    : QDialog(parent)
    , m_checkpoint(current)
    , m_currentData(currentData)
    , m_currentName(currentName)
{
    qRegisterMetaType<RunProgress>();
    qRegisterMetaType<FewShotOutcome>();
    setWindowTitle(tr("Few-shot learning on new classes"));
    // Widgets are created in tab order: settings, run controls, results, close.
    QFormLayout *form = createSettings();
    createRunControls();
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    arrange(form, close);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_classes, &QLineEdit::textChanged, this, &FewShotDialog::updateSeenWarning);
    connect(m_dataset, &QComboBox::currentTextChanged, this, &FewShotDialog::updateSeenWarning);
    showSource();
    // Settings beside results: fits a 1366×768 screen before and after a run (the images scroll, never grow it).
    resize(1260, 640);
}

QSpinBox *FewShotDialog::spinBox(int lo, int hi, int value, const QString &name)
{
    auto *s = new QSpinBox(this);
    s->setRange(lo, hi);
    s->setValue(value);
    s->setObjectName(name);
    return s;
}

QFormLayout *FewShotDialog::createSettings()
{
    m_source = new QLabel(this);
    m_source->setObjectName(QStringLiteral("sourceModel"));
    m_source->setWordWrap(true);
    auto *open = new QPushButton(tr("Other checkpoint…"), this);
    connect(open, &QPushButton::clicked, this, &FewShotDialog::chooseCheckpoint);
    m_dataset = new QComboBox(this);
    m_dataset->setEditable(true);
    if (!m_currentName.isEmpty())
        m_dataset->addItem(m_currentName);
    for (const QString &name : DatasetLoader::builtinNames())
        if (name != m_currentName)
            m_dataset->addItem(name);
    m_classes = new QLineEdit(this);
    m_shots = new QLineEdit(QStringLiteral("1,5"), this);
    m_ways = spinBox(2, 100, 5, QStringLiteral("ways"));
    m_queries = spinBox(1, 1000, 15, QStringLiteral("queries"));
    m_episodes = spinBox(1, 100000, 600, QStringLiteral("episodes"));
    m_augment = spinBox(0, 100, 5, QStringLiteral("augment"));
    m_adaptSteps = spinBox(0, 1000, 5, QStringLiteral("adaptSteps"));
    m_adaptLearningRate = new RateSpinBox(this);
    m_adaptLearningRate->setRange(1e-6, 0.1);
    m_adaptLearningRate->setSingleStep(1e-4);
    m_adaptLearningRate->setValue(1e-4);
    auto *form = new QFormLayout;
    // The summary runs over several lines: a row of its own, since a wrapped label beside a button is clipped.
    form->addRow(tr("Model:"), open);
    form->addRow(m_source);
    form->addRow(tr("Dataset (test split):"), m_dataset);
    form->addRow(tr("Classes:"), m_classes);
    form->addRow(tr("Ways (N):"), m_ways);
    form->addRow(tr("Shots (K, comma-separated):"), m_shots);
    form->addRow(tr("Queries per class:"), m_queries);
    form->addRow(tr("Episodes:"), m_episodes);
    form->addRow(tr("Latent augmentations per support image (0 = off):"), m_augment);
    form->addRow(tr("Fast adaptation steps (0 = off):"), m_adaptSteps);
    form->addRow(tr("Fast adaptation learning rate:"), m_adaptLearningRate);
    addTooltips(form);
    return form;
}

void FewShotDialog::addTooltips(QFormLayout *form)
{
    const QList<QPair<QWidget *, QString>> tips{
        {m_dataset, tr("The dataset whose test split the episodes are drawn from.")},
        {m_classes,
         tr("Comma-separated labels to draw episodes from; empty means the classes the model did not "
            "train on. Classes it trained on measure nothing new.")},
        {m_ways, tr("Ways (N): how many classes each episode tells apart.")},
        {m_shots, tr("Shots (K): labelled support images per class; each number gives one row of results.")},
        {m_queries, tr("Queries: test images per class that each episode classifies.")},
        {m_episodes, tr("Episodes: how many random tasks are averaged; more gives a narrower confidence interval.")},
        {m_augment,
         tr("Latent augmentation: new support images decoded from samples around each support image's "
            "latent code; 0 turns it off.")},
        {m_adaptSteps,
         tr("Fast adaptation: gradient steps that fit the VAE to the support images before the "
            "queries are scored; 0 turns it off.")},
        {m_adaptLearningRate, tr("The learning rate of the fast adaptation steps.")},
    };
    for (const auto &[field, tip] : tips) {
        field->setToolTip(tip);
        if (QWidget *label = form->labelForField(field))
            label->setToolTip(tip);
    }
}

void FewShotDialog::createRunControls()
{
    m_run = new QPushButton(tr("Run"), this);
    m_run->setObjectName(QStringLiteral("run"));
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_table = new QTableWidget(this);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->verticalHeader()->setVisible(false); // the shots column names each row
    m_generated = new QLabel(this);
    m_generated->setAlignment(Qt::AlignCenter);
    m_seenWarning = new QLabel(this);
    m_seenWarning->setWordWrap(true);
    m_seenWarning->setObjectName(QStringLiteral("seenWarning"));
    m_seenWarning->setStyleSheet(QStringLiteral("color: #b35900;"));
    m_seenWarning->hide();
    m_exportFolder = new QPushButton(tr("Export images as folder…"), this);
    m_exportIdx = new QPushButton(tr("Export images as IDX…"), this);
    m_exportFolder->setObjectName(QStringLiteral("exportFolder"));
    m_exportFolder->setEnabled(false);
    m_exportIdx->setEnabled(false);
    connect(m_run, &QPushButton::clicked, this, [this] {
        if (m_worker.isActive()) {
            m_worker.requestStop();
            m_status->setText(tr("Stopping…"));
        } else {
            start();
        }
    });
    connect(m_exportFolder, &QPushButton::clicked, this, [this] { exportImages(false); });
    connect(m_exportIdx, &QPushButton::clicked, this, [this] { exportImages(true); });
}

void FewShotDialog::arrange(QFormLayout *form, QWidget *closeButtons)
{
    auto *runRow = new QHBoxLayout;
    runRow->addWidget(m_run);
    runRow->addWidget(m_progress, 1);
    auto *exportRow = new QHBoxLayout;
    exportRow->addStretch();
    exportRow->addWidget(m_exportFolder);
    exportRow->addWidget(m_exportIdx);
    auto *settings = new QVBoxLayout;
    settings->addLayout(form);
    settings->addWidget(m_seenWarning);
    settings->addLayout(runRow);
    settings->addWidget(m_status);
    settings->addStretch();
    // The generated images can be many columns wide and twenty rows tall: they scroll inside the dialog.
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_generated);
    scroll->setWidgetResizable(true);
    scroll->setMinimumHeight(120);
    auto *results = new QVBoxLayout;
    results->addWidget(m_table, 1);
    m_augmentCaption = new QLabel(this);
    m_augmentCaption->setObjectName(QStringLiteral("augmentCaption"));
    m_augmentCaption->setWordWrap(true);
    results->addWidget(m_augmentCaption);
    results->addWidget(scroll, 2);
    results->addLayout(exportRow);
    // The settings are short numbers beside long labels; the results table has up to seven columns of figures.
    auto *columns = new QHBoxLayout;
    columns->addLayout(settings, 2);
    columns->addLayout(results, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(closeButtons);
}

FewShotDialog::~FewShotDialog() = default;

void FewShotDialog::showSource()
{
    if (!m_checkpoint) {
        m_source->setText(tr("No model yet: open a checkpoint, or train a few-shot base first. In the Training panel, "
                             "set Classes to 0,1,2,3,4 and Labels per class to All, then press F5; the held-out "
                             "classes 5–9 become the few-shot task."));
        m_augmentCaption->setText(
            tr("First episode: the support images (first row), each one's latent augmentations below it:"));
        m_run->setEnabled(false);
        return;
    }
    // A model with a classifier decodes under the class it reads: on classes it never saw, one of those it knows (a
    // support 5 came back as 0s from a model of 0-4, and a new user took augmentation for broken).
    m_augmentCaption->setText(
        m_checkpoint->config.model.isSemiSupervised()
            ? tr("First episode: the support images (first row), each one's latent augmentations below it. This model "
                 "decodes them under the class its classifier reads, one it trained on: an unseen class comes back "
                 "looking like a seen one.")
            : tr("First episode: the support images (first row), each one's latent augmentations below it:"));
    const QVector<int> &classes = m_checkpoint->config.classes;
    const QString seen =
        classes.isEmpty() ? tr("every class — none is held out") : tr("classes %1").arg(LabelList::format(classes));
    const TrainConfig &config = m_checkpoint->config;
    // An adapted model's weights began as its source's: "trained on fashion-mnist" hid the digits it came from.
    m_source->setText(
        config.adaptedFrom.isEmpty()
            ? tr("%1 trained on %2 (%3)").arg(config.model.describe(), config.dataset, seen)
            : tr("%1 trained on %2, adapted to %3 (%4)")
                  .arg(config.model.describe(), QFileInfo(config.adaptedFrom).fileName(), config.dataset, seen));
    m_run->setEnabled(true);
    updateSeenWarning();
}

void FewShotDialog::updateSeenWarning()
{
    const std::optional<QVector<int>> classes = LabelList::parse(m_classes->text(), 0, 255);
    FewShotConfig episodes;
    episodes.dataset = m_dataset->currentText();
    episodes.classes = classes.value_or(QVector<int>());
    // The loaded data's class count lets a Classes list that names every class count as every class.
    const int classCount =
        DatasetLoader::sameSource(episodes.dataset, m_currentName) ? m_currentData.test.classCount() : 0;
    const SeenClasses repeated =
        m_checkpoint && classes ? SeenClasses::of(m_checkpoint->config, episodes, classCount) : SeenClasses{};
    QString seen;
    if (repeated.every)
        seen = tr("every class"); // the episodes then draw from all of them, each one seen in training
    else if (!repeated.isEmpty())
        seen = tr("class(es) %1").arg(LabelList::format(repeated.classes));
    m_seenWarning->setText(seen.isEmpty() ? QString()
                                          : tr("The model was trained on %1 of %2: accuracy on them does not measure "
                                               "learning from a few examples. To hold classes out, train with the "
                                               "other classes in the Training panel's Classes (e.g. 0,1,2,3,4) and "
                                               "Labels per class All.")
                                                .arg(seen, m_checkpoint->config.dataset));
    m_seenWarning->setVisible(!seen.isEmpty());
    // An empty field means the classes the model did not train on: the placeholder names them when they are known
    // (a short text: the field is narrow, and a longer one was cut).
    QVector<int> unseen;
    if (m_checkpoint && !m_checkpoint->config.classes.isEmpty())
        for (int c = 0; c < classCount; ++c)
            if (!m_checkpoint->config.classes.contains(c))
                unseen.append(c);
    const bool noneUnseen = m_checkpoint && classCount > 0 && unseen.isEmpty(); // it trained on every class here
    m_classes->setPlaceholderText(!unseen.isEmpty() ? tr("unseen: %1").arg(LabelList::format(unseen))
                                      : noneUnseen  ? tr("every class (none unseen)")
                                                    : tr("unseen classes"));
}

void FewShotDialog::chooseCheckpoint()
{
    auto loaded = CheckpointDialog::open(this);
    if (!loaded)
        return;
    m_checkpoint = std::move(loaded);
    if (m_dataset->findText(m_checkpoint->config.dataset) < 0)
        m_dataset->insertItem(0, m_checkpoint->config.dataset);
    m_dataset->setCurrentText(m_checkpoint->config.dataset);
    showSource();
}

void FewShotDialog::start()
{
    if (!m_checkpoint)
        return;
    FewShotConfig config;
    const std::optional<QVector<int>> shots = LabelList::parse(m_shots->text(), 1, 10000);
    const std::optional<QVector<int>> classes = LabelList::parse(m_classes->text(), 0, 255);
    if (!shots || shots->isEmpty()) {
        m_status->setText(tr("Shots must be a comma-separated list of positive numbers, e.g. 1,5."));
        return;
    }
    if (!classes) {
        m_status->setText(tr("Classes must be a comma-separated list of labels, e.g. 5,6,7,8,9."));
        return;
    }
    config.shots = *shots;
    config.classes = *classes;
    config.ways = m_ways->value();
    config.queries = m_queries->value();
    config.episodes = m_episodes->value();
    config.augment = m_augment->value();
    config.adaptSteps = m_adaptSteps->value();
    config.adaptLearningRate = m_adaptLearningRate->value();
    DataSplit data;
    const QString name = m_dataset->currentText();
    config.dataset = name;
    if (name == m_currentName && m_currentData.test.count() > 0) {
        data = m_currentData;
    } else {
        QApplication::setOverrideCursor(Qt::WaitCursor);
        auto loaded = DatasetLoader::load(name);
        QApplication::restoreOverrideCursor();
        if (!loaded) {
            m_status->setText(loaded.error());
            return;
        }
        data = loaded.value();
    }
    auto runner = std::make_unique<FewShotRunner>(*m_checkpoint, data, config);
    connect(runner.get(), &FewShotRunner::progress, this, [this](const RunProgress &p) {
        m_progress->setValue(int(1000 * p.fraction));
        m_status->setText(
            p.etaSeconds >= 0 ? tr("%1 — about %2 s left").arg(p.phase).arg(int(std::lround(p.etaSeconds))) : p.phase);
    });
    connect(runner.get(), &FewShotRunner::finished, this, &FewShotDialog::onFinished);
    m_progress->setValue(0);
    m_status->setText(tr("Starting…"));
    m_run->setText(tr("Cancel"));
    m_worker.start(std::move(runner));
}
