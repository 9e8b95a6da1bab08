#include "trainingpanel.h"
#include "trainingpanel_p.h"

#include "data/labelleddraw.h"
#include "data/labellist.h"
#include "util/clocktext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTextLayout>
#include <QVBoxLayout>

#include <limits>

using namespace TrainingPanelPrivate;

TrainingPanel::TrainingPanel(QWidget *parent)
    : QWidget(parent)
{
    // Created in the order of the form, which is also the keyboard focus order.
    createDatasetFields();
    createModelFields();
    createRunFields();
    QFormLayout *form = buildSettingsForm();
    QHBoxLayout *buttons = buildRunButtons();

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progressText = new QLabel(tr("Idle"), this);
    m_progressText->setObjectName(QStringLiteral("progressText"));
    m_progressText->setWordWrap(true);
    // Two lines, always: the outcome ("Finished: test accuracy 95.7 %, −ELBO 130.24 nats.") needs them in the narrow
    // panel, and a line that came and went squeezed the settings above it (the dock did not grow with it).
    m_progressText->setFixedHeight(2 * m_progressText->fontMetrics().lineSpacing() + 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    layout->addWidget(m_progressText);
    layout->addStretch(1);

    m_runLocked = {m_dataset,      m_classes,    m_architecture, m_latent,         m_hidden, m_beta,
                   m_warmup,       m_likelihood, m_labelMode,    m_labelsPerClass, m_epochs, m_batch,
                   m_learningRate, m_seed,       m_validation,   m_continue};
    addTooltips();
    // The model and data fields decide whether the checkpoint can be continued (its weights fit only its own model;
    // its history, only its own images).
    connect(m_architecture, &QComboBox::currentIndexChanged, this, &TrainingPanel::updateContinueEnabled);
    connect(m_likelihood, &QComboBox::currentIndexChanged, this, &TrainingPanel::updateContinueEnabled);
    connect(m_latent, &QSpinBox::valueChanged, this, &TrainingPanel::updateContinueEnabled);
    connect(m_hidden, &QSpinBox::valueChanged, this, &TrainingPanel::updateContinueEnabled);
    connect(m_labelMode, &QComboBox::currentIndexChanged, this, &TrainingPanel::updateContinueEnabled);
    connect(m_classes, &QLineEdit::textChanged, this, &TrainingPanel::updateContinueEnabled);
    connect(m_classes, &QLineEdit::textChanged, this, [this] {
        if (m_showsLoaded)
            showLoadedInfo();
    });
    connect(m_dataset, &QComboBox::currentIndexChanged, this, &TrainingPanel::updateContinueEnabled);
    connect(m_validation, &QSpinBox::valueChanged, this, &TrainingPanel::updateContinueEnabled);
    connect(m_seed, &QSpinBox::valueChanged, this, &TrainingPanel::updateContinueEnabled);
    connect(m_labelsPerClass, &QSpinBox::valueChanged, this, &TrainingPanel::updateContinueEnabled);
    // The hint offers the few-shot recipe until both of its settings are chosen.
    connect(m_architecture, &QComboBox::currentIndexChanged, this, &TrainingPanel::updateLabelsEnabled);
    connect(m_epochs, &QSpinBox::valueChanged, this, &TrainingPanel::updateLabelsEnabled);
    setConfig(TrainConfig());
    setRunning(false);
}

TrainConfig TrainingPanel::config() const
{
    TrainConfig config;
    config.model.architecture = Architecture(m_architecture->currentData().toInt());
    config.model.latent = m_latent->value();
    config.model.hidden = m_hidden->value();
    config.model.likelihood = Likelihood(m_likelihood->currentData().toInt());
    config.dataset = m_currentDataset;
    config.beta = m_beta->value();
    config.warmupEpochs = m_warmup->value();
    config.epochs = m_epochs->value();
    config.batchSize = m_batch->value();
    config.learningRate = m_learningRate->value();
    config.seed = quint64(m_seed->value());
    config.validation = m_validation->value();
    config.classes = chosenClasses();
    const int mode = m_labelMode->currentData().toInt();
    if (mode != LabelsOff && labelsAvailable()) {
        config.model.classes = modelClassCount();
        config.labelsPerClass = mode == LabelsAll ? TrainConfig::kAllLabels : m_labelsPerClass->value();
    }
    return config;
}

void TrainingPanel::setConfig(const TrainConfig &config)
{
    m_architecture->setCurrentIndex(m_architecture->findData(int(config.model.architecture)));
    m_latent->setValue(config.model.latent);
    m_hidden->setValue(config.model.hidden);
    m_likelihood->setCurrentIndex(m_likelihood->findData(int(config.model.likelihood)));
    m_beta->setValue(config.beta);
    m_warmup->setValue(config.warmupEpochs);
    m_epochs->setValue(config.epochs);
    m_batch->setValue(config.batchSize);
    m_learningRate->setValue(config.learningRate);
    m_seed->setValue(int(qMin<quint64>(config.seed, quint64(std::numeric_limits<int>::max()))));
    m_validation->setValue(config.validation);
    m_classes->setText(LabelList::format(config.classes));
    const LabelMode mode = !config.isSemiSupervised()      ? LabelsOff
        : config.labelsPerClass == TrainConfig::kAllLabels ? LabelsAll
                                                           : LabelsPerClass;
    if (mode == LabelsPerClass)
        m_labelsPerClass->setValue(config.labelsPerClass);
    m_labelMode->setCurrentIndex(m_labelMode->findData(mode));
    if (config.isSemiSupervised() && m_dataLabels.isEmpty()) {
        // A checkpoint opened before its data has loaded: its classes stand in for the data's until it arrives.
        m_dataLabels = config.classes;
        for (int k = 0; m_dataLabels.isEmpty() && k < config.model.classes; ++k)
            m_dataLabels.append(k);
        m_labelCounts = QVector<int>(m_dataLabels.size(), 0);
    }
    if (!config.dataset.isEmpty())
        setDataset(config.dataset);
    updateLabelsEnabled(); // and the hidden width's
}

void TrainingPanel::setTrainingData(const Dataset &train)
{
    m_dataLabels = train.hasLabels() ? LabelledDraw::classLabels(train, {}) : QVector<int>();
    m_labelCounts = QVector<int>(m_dataLabels.size(), 0);
    for (const int target : LabelledDraw::modelTargets(train, m_dataLabels))
        if (target >= 0)
            ++m_labelCounts[target];
    if (m_showsLoaded)
        showLoadedInfo(); // with what Classes keeps of the new data
    updateLabelsEnabled();
    updateContinueEnabled();
}

void TrainingPanel::setRunning(bool running)
{
    m_running = running;
    m_lastBatch.reset(); // a new run's pause says nothing of the last one's batch
    m_paused = false;
    if (running)
        m_preparedShare = 0; // until this run's preparation says otherwise
    for (QWidget *widget : std::as_const(m_runLocked))
        widget->setEnabled(!running);
    updateContinueEnabled();
    updateLabelsEnabled(); // and the hidden width's
    if (running)
        showLoadedInfo(); // training uses the loaded data: "Loading…" is over
    fitDatasetInfoHeight();
    m_start->setEnabled(!running);
    updateStartText();
    m_pause->setEnabled(running);
    m_stop->setEnabled(running);
    if (!running) {
        setPaused(false);
        m_progress->setFormat(QStringLiteral("%p%"));
    }
}

void TrainingPanel::setPaused(bool paused)
{
    m_pause->setText(paused ? tr("Resume") : tr("Pause"));
    m_paused = paused;
    // Where it stopped, without the time left, which does not run down while paused (a new user read "ETA 0:05"
    // for as long as the pause lasted); the next batch after Resume brings it back.
    if (paused && m_lastBatch)
        showPausedAt(*m_lastBatch, m_lastBatchEpochs);
    if (paused) // the speed too: a figure of the last batch, not of now
        m_progress->setFormat(tr("%p% · paused"));
}

void TrainingPanel::showPausedAt(const BatchStats &stats, int totalEpochs)
{
    m_progressText->setText(tr("Paused at epoch %1/%2 · step %3/%4")
                                .arg(stats.epoch + 1)
                                .arg(totalEpochs)
                                .arg(stats.step)
                                .arg(stats.stepsPerEpoch));
}

void TrainingPanel::showBatch(const BatchStats &stats, int totalEpochs)
{
    m_lastBatch = stats;
    m_lastBatchEpochs = totalEpochs;
    if (m_paused) { // a batch that was under way when Pause was pressed: the run stops after it
        showPausedAt(stats, totalEpochs);
        return;
    }
    const double epochFraction = stats.stepsPerEpoch > 0 ? double(stats.step) / stats.stepsPerEpoch : 0.0;
    const double epochs = totalEpochs > 0 ? (stats.epoch + epochFraction) / totalEpochs : 0.0;
    const double overall = m_preparedShare + (1 - m_preparedShare) * epochs;
    m_progress->setValue(int(qBound(0.0, overall, 1.0) * m_progress->maximum()));
    // The speed rides in the bar, so that the text stays on one line of the narrow panel: two lines squeezed the
    // settings above them while a run went on (the dock did not grow with the wrapped text).
    m_progress->setFormat(tr("%p% · %1 samples/s").arg(QLocale().toString(stats.samplesPerSecond, 'f', 0)));
    m_progressText->setToolTip(QString());
    m_progressText->setText(tr("Epoch %1/%2 · step %3/%4 · ETA %5")
                                .arg(stats.epoch + 1)
                                .arg(totalEpochs)
                                .arg(stats.step)
                                .arg(stats.stepsPerEpoch)
                                .arg(clockText(qMax(0.0, stats.etaSeconds))));
}

void TrainingPanel::showProgressText(const QString &text)
{
    // Two lines at most: a failure's advice overflowed the label, its first line half behind the bar and its end
    // cut. Whole in the tooltip when it does not fit.
    showTwoLines(text, QString());
    if (m_progressText->text() != text)
        m_progressText->setToolTip(text);
}

void TrainingPanel::showOutcome(const QString &text, const QString &details)
{
    showTwoLines(text, text + QStringLiteral("\n\n") + details);
}

void TrainingPanel::showTwoLines(const QString &text, const QString &toolTip)
{
    // Where the label would wrap, and what is left for its second line, elided if it does not fit there either.
    const int width = std::max(1, m_progressText->contentsRect().width());
    QTextLayout layout(text, m_progressText->font());
    layout.beginLayout();
    QTextLine first = layout.createLine();
    first.setLineWidth(width);
    const int secondStart = first.textStart() + first.textLength();
    layout.endLayout();
    const QString rest = text.mid(secondStart);
    m_progressText->setText(rest.isEmpty() ? text
                                           : text.left(secondStart).trimmed() + QLatin1Char('\n')
                                    + m_progressText->fontMetrics().elidedText(rest, Qt::ElideRight, width));
    m_progressText->setToolTip(toolTip);
}

void TrainingPanel::resetProgress()
{
    m_preparedShare = 0;
    m_progress->setValue(0);
    m_progress->setFormat(QStringLiteral("%p%"));
    showProgressText(tr("Idle"));
}

void TrainingPanel::showPreparation(const RunProgress &progress)
{
    // The bar is the whole run's: a label graph fills its part (about a fifth on Fashion-MNIST), the epochs the rest,
    // and the time left counts the planned epochs too. Before, it filled the graph's own 0–100 % ("ETA 1:20" at a
    // third of the bar, nine minutes from the end) and went back to 0 % at the first epoch.
    const double share = qBound(0.0, progress.share, 1.0);
    m_preparedShare = share < 1 ? share : 0.0; // a phase that is the whole run leaves the epochs no part
    m_progress->setValue(int(qBound(0.0, progress.fraction, 1.0) * share * m_progress->maximum()));
    // As in showBatch, the time left rides in the bar and the text keeps to its two lines (elided; the whole of it in
    // the tooltip): "Label graph: nearest neighbours (60000 training images)…".
    m_progress->setFormat(
        progress.etaSeconds > 0
            ? tr("%p% · ETA %1").arg(clockText(qMax(0.0, progress.etaSeconds + progress.secondsAfter)))
            : QStringLiteral("%p%"));
    showTwoLines(progress.phase, progress.phase);
}

void TrainingPanel::saveSettings(QSettings &settings) const
{
    const TrainConfig c = config();
    settings.beginGroup(QStringLiteral("training"));
    settings.setValue(QStringLiteral("dataset"), c.dataset);
    settings.setValue(QStringLiteral("architecture"), toString(c.model.architecture));
    settings.setValue(QStringLiteral("latent"), c.model.latent);
    settings.setValue(QStringLiteral("hidden"), c.model.hidden);
    settings.setValue(QStringLiteral("likelihood"), toString(c.model.likelihood));
    settings.setValue(QStringLiteral("beta"), c.beta);
    settings.setValue(QStringLiteral("warmup"), c.warmupEpochs);
    settings.setValue(QStringLiteral("epochs"), c.epochs);
    settings.setValue(QStringLiteral("batch"), c.batchSize);
    settings.setValue(QStringLiteral("learningRate"), c.learningRate);
    settings.setValue(QStringLiteral("seed"), c.seed);
    settings.setValue(QStringLiteral("classes"), m_classes->text());
    // The choice, even while it cannot apply (conv model, data without labels): it comes back with them.
    const int mode = m_labelMode->currentData().toInt();
    settings.setValue(QStringLiteral("labels"),
                      mode == LabelsOff       ? QStringLiteral("off")
                          : mode == LabelsAll ? QStringLiteral("all")
                                              : QString::number(m_labelsPerClass->value()));
    settings.endGroup();
}

void TrainingPanel::restoreSettings(QSettings &settings)
{
    TrainConfig c;
    // The explorer's default is a small latent space one can actually look at.
    c.model.latent = 8;
    settings.beginGroup(QStringLiteral("training"));
    c.dataset = settings.value(QStringLiteral("dataset"), c.dataset).toString();
    parseArchitecture(settings.value(QStringLiteral("architecture")).toString(), &c.model.architecture);
    c.model.latent = settings.value(QStringLiteral("latent"), c.model.latent).toInt();
    c.model.hidden = settings.value(QStringLiteral("hidden"), c.model.hidden).toInt();
    parseLikelihood(settings.value(QStringLiteral("likelihood")).toString(), &c.model.likelihood);
    c.beta = settings.value(QStringLiteral("beta"), c.beta).toDouble();
    c.warmupEpochs = settings.value(QStringLiteral("warmup"), c.warmupEpochs).toInt();
    c.epochs = settings.value(QStringLiteral("epochs"), c.epochs).toInt();
    c.batchSize = settings.value(QStringLiteral("batch"), c.batchSize).toInt();
    c.learningRate = settings.value(QStringLiteral("learningRate"), c.learningRate).toDouble();
    c.seed = settings.value(QStringLiteral("seed"), c.seed).toULongLong();
    const QString labels = settings.value(QStringLiteral("labels"), QStringLiteral("off")).toString();
    const QString classes = settings.value(QStringLiteral("classes")).toString();
    settings.endGroup();
    setConfig(c);
    m_classes->setText(classes);
    bool isCount = false;
    const int perClass = labels.toInt(&isCount);
    if (isCount && perClass >= 1)
        m_labelsPerClass->setValue(perClass);
    const LabelMode mode = labels == QLatin1String("all") ? LabelsAll
        : isCount && perClass >= 1                        ? LabelsPerClass
                                                          : LabelsOff;
    m_labelMode->setCurrentIndex(m_labelMode->findData(mode));
}

void TrainingPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitDatasetInfoHeight();
}

void TrainingPanel::updateHiddenEnabled()
{
    // The conv VAE's width is fixed, so its hidden size is not a choice; the semi-supervised conv model's encoder and
    // decoder are MLPs of that width (only its classifier is conv).
    const bool mlp = Architecture(m_architecture->currentData().toInt()) == Architecture::Mlp;
    const bool semi = labelsAvailable() && m_labelMode->currentData().toInt() != LabelsOff;
    m_hidden->setEnabled((mlp || semi) && !m_running);
}
