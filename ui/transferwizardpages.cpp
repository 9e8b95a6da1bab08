#include "transferwizardpages.h"

#include "checkpointdialog.h"

#include "analysis/imagetiles.h"
#include "data/datasetloader.h"
#include "plotinclude.h"
#include "ratespinbox.h"
#include "transferwizard.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSaveFile>
#include <QSettings>
#include <QSpinBox>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <cmath>

namespace {

QString describeCheckpoint(const Checkpoint &c)
{
    QString classes;
    for (int k : c.config.classes)
        classes += (classes.isEmpty() ? QString() : QStringLiteral(",")) + QString::number(k);
    const QString testElbo = c.history.isEmpty()
        ? QCoreApplication::translate("TransferSourcePage", "not evaluated")
        : QCoreApplication::translate("TransferSourcePage", "%1 nats").arg(c.history.last().test.negElbo, 0, 'f', 2);
    return QCoreApplication::translate("TransferSourcePage",
                                       "<b>Architecture:</b> %1<br><b>Dataset:</b> %2%3<br><b>Epochs:</b> %4<br>"
                                       "<b>Test −ELBO:</b> %5")
        .arg(c.config.model.describe().toHtmlEscaped(), c.config.dataset.toHtmlEscaped(),
             classes.isEmpty() ? QString()
                               : QCoreApplication::translate("TransferSourcePage", " (classes %1)").arg(classes))
        .arg(c.epochsDone())
        .arg(testElbo);
}

} // namespace

// ---- Source ------------------------------------------------------------------------------------------------

TransferSourcePage::TransferSourcePage(TransferWizard *wizard)
    : m_wizard(wizard)
{
    setTitle(tr("Source model"));
    setSubTitle(tr("The VAE whose knowledge is transferred: the explorer's current model or a saved checkpoint."));
    m_useCurrent = new QRadioButton(tr("The current model"), this);
    m_useFile = new QRadioButton(tr("A checkpoint file:"), this);
    m_path = new QLineEdit(this);
    m_path->setReadOnly(true);
    auto *browse = new QPushButton(tr("Browse…"), this);
    m_summary = new QLabel(this);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_useFile);
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(browse);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_useCurrent);
    layout->addLayout(fileRow);
    layout->addSpacing(12);
    layout->addWidget(m_summary);
    layout->addStretch();
    m_useCurrent->setEnabled(wizard->currentCheckpoint.has_value());
    (wizard->currentCheckpoint ? m_useCurrent : m_useFile)->setChecked(true);
    connect(m_useCurrent, &QRadioButton::toggled, this, &TransferSourcePage::refresh);
    connect(browse, &QPushButton::clicked, this, &TransferSourcePage::chooseFile);
    refresh();
}

void TransferSourcePage::chooseFile()
{
    QString path;
    auto loaded = CheckpointDialog::open(this, &path);
    if (!loaded)
        return;
    m_fromFile = std::move(loaded);
    m_path->setText(path);
    m_useFile->setChecked(true);
    refresh();
}

void TransferSourcePage::refresh()
{
    const std::optional<Checkpoint> &chosen = m_useCurrent->isChecked() ? m_wizard->currentCheckpoint : m_fromFile;
    const QString none = m_wizard->currentCheckpoint
        ? tr("No model chosen yet.")
        : tr("No model chosen yet. The explorer has none: choose a checkpoint file, or cancel and train one first "
             "(Start, F5, in the main window).");
    m_summary->setText(chosen ? describeCheckpoint(*chosen) : none);
    Q_EMIT completeChanged();
}

bool TransferSourcePage::isComplete() const
{
    return m_useCurrent->isChecked() ? m_wizard->currentCheckpoint.has_value() : m_fromFile.has_value();
}

bool TransferSourcePage::validatePage()
{
    m_wizard->source = m_useCurrent->isChecked() ? m_wizard->currentCheckpoint : m_fromFile;
    if (m_useCurrent->isChecked() && m_wizard->currentData.test.count() > 0) {
        m_wizard->sourceData = m_wizard->currentData;
        return true;
    }
    QApplication::setOverrideCursor(Qt::WaitCursor);
    auto data = DatasetLoader::load(m_wizard->source->config.dataset);
    QApplication::restoreOverrideCursor();
    m_wizard->sourceData = data ? data.value() : DataSplit{};
    if (!data)
        QMessageBox::information(this, tr("Source dataset"),
                                 tr("The source dataset could not be loaded (%1), so forgetting on the source domain "
                                    "will not be measured.")
                                     .arg(data.error()));
    return true;
}

// ---- Target ------------------------------------------------------------------------------------------------

TransferTargetPage::TransferTargetPage(TransferWizard *wizard)
    : m_wizard(wizard)
{
    setTitle(tr("Target data"));
    setSubTitle(
        tr("The new domain: its unlabelled images adapt the VAE, and K labels per class train the classifiers."));
    m_dataset = new QComboBox(this);
    m_dataset->addItems(DatasetLoader::builtinNames());
    const QSettings settings;
    const QString remembered = settings.value(QLatin1String(TransferWizardSettings::kTarget)).toString();
    if (!remembered.isEmpty() && m_dataset->findText(remembered) < 0)
        m_dataset->addItem(remembered);
    if (!remembered.isEmpty())
        m_dataset->setCurrentText(remembered);
    m_choseTarget = !remembered.isEmpty();
    auto *folder = new QPushButton(tr("IDX or image folder…"), this);
    auto *file = new QPushButton(tr("IDX file…"), this);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_preview = new QLabel(this);
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setMinimumHeight(180);
    m_unlabelled = new QSpinBox(this);
    m_unlabelled->setRange(0, 10'000'000);
    m_unlabelled->setSpecialValueText(tr("all"));
    m_unlabelled->setValue(settings.value(QLatin1String(TransferWizardSettings::kUnlabelled), 0).toInt());
    m_labelsPerClass = new QSpinBox(this);
    m_labelsPerClass->setRange(1, 10000);
    m_labelsPerClass->setValue(settings.value(QLatin1String(TransferWizardSettings::kLabelsPerClass), 10).toInt());
    m_repeats = new QSpinBox(this);
    m_repeats->setRange(1, 100);
    m_repeats->setValue(settings.value(QLatin1String(TransferWizardSettings::kRepeats), 3).toInt());
    m_repeats->setToolTip(tr("Every classifier is trained once per draw of the K labels; the results show the mean "
                             "accuracy with its 95 % interval."));
    auto *row = new QHBoxLayout;
    row->addWidget(m_dataset, 1);
    row->addWidget(folder);
    row->addWidget(file);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint); // numbers, not 800-pixel bars
    form->addRow(tr("Unlabelled images to adapt on:"), m_unlabelled);
    form->addRow(tr("Labels per class (K):"), m_labelsPerClass);
    form->addRow(tr("Label draws:"), m_repeats);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(m_status);
    layout->addWidget(m_preview, 1);
    layout->addLayout(form);
    connect(m_dataset, &QComboBox::textActivated, this, &TransferTargetPage::load);
    connect(folder, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Target dataset folder"));
        if (!dir.isEmpty())
            load(dir);
    });
    connect(file, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Target IDX image file"), QString(),
                                                          tr("IDX files (*-ubyte *.idx *.gz);;All files (*)"));
        if (!path.isEmpty())
            load(path);
    });
}

void TransferTargetPage::initializePage()
{
    // The combo box shows a dataset from the start; without loading it the page would open blank, Next disabled.
    if (m_loaded)
        return;
    // A first transfer goes to another domain: the first built-in dataset the source model was not trained on; so does
    // one whose remembered target is this source's own data (a Fashion-MNIST model opened on fashion-mnist).
    if (m_wizard->source && (!m_choseTarget || isSourceDataset(m_dataset->currentText()))) {
        for (const QString &name : DatasetLoader::builtinNames())
            if (!isSourceDataset(name)) {
                m_dataset->setCurrentText(name);
                break;
            }
    }
    load(m_dataset->currentText());
}

bool TransferTargetPage::isSourceDataset(const QString &nameOrPath) const
{
    return m_wizard->source && DatasetLoader::sameSource(nameOrPath, m_wizard->source->config.dataset);
}

void TransferTargetPage::load(const QString &nameOrPath)
{
    QApplication::setOverrideCursor(Qt::WaitCursor);
    auto data = DatasetLoader::load(nameOrPath);
    QApplication::restoreOverrideCursor();
    m_loaded = false;
    if (!data) {
        m_status->setText(data.error());
        m_preview->clear();
    } else if (!data.value().train.hasLabels() || !data.value().test.hasLabels()) {
        m_status->setText(tr("%1 has no labels; the downstream task needs them.").arg(nameOrPath));
        m_preview->clear();
    } else {
        m_wizard->target = data.value();
        m_wizard->targetName = nameOrPath;
        m_loaded = true;
        if (m_dataset->findText(nameOrPath) < 0)
            m_dataset->addItem(nameOrPath); // a folder or file chosen by hand, shown as the current choice
        m_dataset->setCurrentText(nameOrPath);
        const Dataset &train = m_wizard->target.train;
        m_status->setText(tr("%1: %2 training and %3 test images, %4 classes.")
                              .arg(nameOrPath)
                              .arg(train.count())
                              .arg(m_wizard->target.test.count())
                              .arg(train.classCount())
                          + (isSourceDataset(nameOrPath) ? QLatin1Char('\n')
                                     + tr("The source model was trained on this dataset: a transfer needs another "
                                          "domain to show what carries over.")
                                                         : QString()));
        QVector<QImage> images;
        for (int i = 0; i < std::min(48, train.count()); ++i)
            images.append(train.image(i));
        // Twelve to a row (672 px): sixteen made the page wider than the wizard, which grew on entering it.
        m_preview->setPixmap(QPixmap::fromImage(ImageTiles::scaledCrisp(ImageTiles::grid(images, 12), 2)));
        m_unlabelled->setMaximum(train.count());
    }
    Q_EMIT completeChanged();
}

bool TransferTargetPage::isComplete() const
{
    return m_loaded;
}

bool TransferTargetPage::validatePage()
{
    m_wizard->config.unlabelled = m_unlabelled->value();
    m_wizard->config.labelsPerClass = m_labelsPerClass->value();
    m_wizard->config.repeats = m_repeats->value();
    QSettings settings;
    settings.setValue(QLatin1String(TransferWizardSettings::kTarget), m_wizard->targetName);
    settings.setValue(QLatin1String(TransferWizardSettings::kUnlabelled), m_unlabelled->value());
    settings.setValue(QLatin1String(TransferWizardSettings::kLabelsPerClass), m_labelsPerClass->value());
    settings.setValue(QLatin1String(TransferWizardSettings::kRepeats), m_repeats->value());
    return true;
}

// ---- Strategy ----------------------------------------------------------------------------------------------

TransferStrategyPage::TransferStrategyPage(TransferWizard *wizard)
    : m_wizard(wizard)
{
    setTitle(tr("Strategies"));
    setSubTitle(tr("Each chosen strategy trains its own copy of the VAE on the unlabelled target images."));
    // Its Next starts the run: say so.
    setButtonText(QWizard::NextButton, tr("Start adapting"));
    const QSettings settings;
    const QStringList chosen = settings.value(QLatin1String(TransferWizardSettings::kStrategies)).toStringList();
    auto *layout = new QVBoxLayout(this);
    const QMap<TransferStrategy, QString> help{
        {TransferStrategy::FinetuneAll, tr("finetune-all: every weight adapts to the target.")},
        {TransferStrategy::FreezeEncoder, tr("freeze-encoder: the encoder stays as it was; only the decoder trains.")},
        {TransferStrategy::FreezeDecoder, tr("freeze-decoder: the decoder stays as it was; only the encoder adapts.")},
        {TransferStrategy::Scratch,
         tr("scratch: the same architecture from random weights (the no-transfer baseline).")},
        {TransferStrategy::SemiSupervised,
         tr("semi-supervised: a VAE with its own classifier (Kingma M2) trained on the unlabelled images and the K "
            "labels, once per label draw.")},
    };
    for (TransferStrategy s : TransferStrategies::all()) {
        auto *box = new QCheckBox(help.value(s), this);
        // The semi-supervised model trains once per label draw, several times the cost of the others: only on request.
        const bool byDefault = s != TransferStrategy::SemiSupervised;
        box->setChecked(chosen.isEmpty() ? byDefault : chosen.contains(TransferStrategies::name(s)));
        connect(box, &QCheckBox::toggled, this, &QWizardPage::completeChanged);
        connect(box, &QCheckBox::toggled, this, &TransferStrategyPage::updateEstimate);
        m_strategies.insert(s, box);
        layout->addWidget(box);
    }
    m_learningRate = new RateSpinBox(this);
    m_learningRate->setRange(0.00001, 0.1);
    m_learningRate->setSingleStep(0.0001);
    m_learningRate->setValue(settings.value(QLatin1String(TransferWizardSettings::kLearningRate), 1e-3).toDouble());
    m_epochs = new QSpinBox(this);
    m_epochs->setRange(1, 1000);
    m_epochs->setValue(settings.value(QLatin1String(TransferWizardSettings::kEpochs), 5).toInt());
    connect(m_epochs, &QSpinBox::valueChanged, this, &TransferStrategyPage::updateEstimate);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint); // numbers, not 800-pixel bars
    form->addRow(tr("Learning rate:"), m_learningRate);
    form->addRow(tr("Epochs:"), m_epochs);
    m_estimate = new QLabel(this);
    m_estimate->setObjectName(QStringLiteral("estimate"));
    m_estimate->setWordWrap(true);
    layout->addSpacing(12);
    layout->addLayout(form);
    layout->addSpacing(12);
    layout->addWidget(m_estimate);
    layout->addStretch();
}

void TransferStrategyPage::initializePage()
{
    updateEstimate(); // the source and the target are chosen by now
}

TransferConfig TransferStrategyPage::chosen() const
{
    TransferConfig config = m_wizard->config;
    config.strategies.clear();
    for (auto it = m_strategies.cbegin(); it != m_strategies.cend(); ++it)
        if (it.value()->isChecked())
            config.strategies.append(it.key());
    config.learningRate = m_learningRate->value();
    config.epochs = m_epochs->value();
    return config;
}

void TransferStrategyPage::updateEstimate()
{
    const TransferConfig config = chosen();
    if (!m_wizard->source || m_wizard->target.train.count() == 0 || config.strategies.isEmpty()) {
        m_estimate->clear();
        return;
    }
    const TransferPlan plan = TransferPlan::onThisMachine(config, m_wizard->source->config.model, m_wizard->targetName,
                                                          m_wizard->target.train, m_wizard->target.test.count());
    QString text = plan.seconds() < 60 ? tr("Expected time: under a minute")
                                       : tr("Expected time: about %1 min").arg(plan.minutes());
    // The semi-supervised strategy's part, where whole minutes can tell it from the whole ("under a minute, 1 min of
    // them" and "about 8 min, 8 min of them" read as mistakes).
    const int semi = int(config.strategies.indexOf(TransferStrategy::SemiSupervised));
    if (semi >= 0 && config.strategies.size() > 1) {
        const bool apart = plan.seconds() >= 60 && plan.minutes(semi) < plan.minutes();
        if (apart)
            text += tr(", %1 min of them for semi-supervised (it trains once per label draw)").arg(plan.minutes(semi));
        else if (plan.seconds(semi) >= 0.5 * plan.seconds())
            text += tr(", most of it for semi-supervised (it trains once per label draw)");
    }
    m_estimate->setText(text + tr(" — timed on this computer; longer while it is busy."));
}

bool TransferStrategyPage::isComplete() const
{
    for (const QCheckBox *box : m_strategies)
        if (box->isChecked())
            return true;
    return false;
}

bool TransferStrategyPage::validatePage()
{
    m_wizard->config = chosen();
    QStringList names;
    for (TransferStrategy s : m_wizard->config.strategies)
        names << TransferStrategies::name(s);
    QSettings settings;
    settings.setValue(QLatin1String(TransferWizardSettings::kStrategies), names);
    settings.setValue(QLatin1String(TransferWizardSettings::kLearningRate), m_learningRate->value());
    settings.setValue(QLatin1String(TransferWizardSettings::kEpochs), m_epochs->value());
    return true;
}
