#include "transferwizardpages.h"

#include "datasetloader.h"
#include "imagetiles.h"
#include "plotinclude.h"
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
#include <QSpinBox>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <cmath>

namespace {

QString number(double v, int decimals = 1)
{
    return std::isfinite(v) ? QString::number(v, 'f', decimals) : QStringLiteral("–");
}

QString percent(double v)
{
    return std::isfinite(v) ? QString::number(100 * v, 'f', 1) + QLatin1Char('%') : QStringLiteral("–");
}

QString duration(double seconds)
{
    const int s = int(std::lround(seconds));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

const QVector<QColor> kStrategyColors{QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44), QColor(214, 39, 40)};

QColor colorOf(TransferStrategy s)
{
    return kStrategyColors.value(int(s), Qt::black);
}

QString describeCheckpoint(const Checkpoint &c)
{
    QString classes;
    for (int k : c.config.classes)
        classes += (classes.isEmpty() ? QString() : QStringLiteral(",")) + QString::number(k);
    const QString testElbo = c.history.isEmpty() ? QCoreApplication::translate("TransferSourcePage", "not evaluated")
                                                 : QCoreApplication::translate("TransferSourcePage", "%1 nats")
                                                       .arg(c.history.last().test.negElbo, 0, 'f', 2);
    return QCoreApplication::translate("TransferSourcePage",
                                       "<b>Architecture:</b> %1<br><b>Dataset:</b> %2%3<br><b>Epochs:</b> %4<br>"
                                       "<b>Test −ELBO:</b> %5")
        .arg(c.config.model.describe().toHtmlEscaped(), c.config.dataset.toHtmlEscaped(),
             classes.isEmpty() ? QString() : QCoreApplication::translate("TransferSourcePage", " (classes %1)").arg(classes))
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
    const QString path = QFileDialog::getOpenFileName(this, tr("Open checkpoint"), QString(), tr("Checkpoints (*.ckpt);;All files (*)"));
    if (path.isEmpty())
        return;
    auto loaded = CheckpointIo::load(path);
    if (!loaded) {
        QMessageBox::warning(this, tr("Open checkpoint"), loaded.error());
        return;
    }
    m_fromFile = loaded.value();
    m_path->setText(path);
    m_useFile->setChecked(true);
    refresh();
}

void TransferSourcePage::refresh()
{
    const std::optional<Checkpoint> &chosen = m_useCurrent->isChecked() ? m_wizard->currentCheckpoint : m_fromFile;
    m_summary->setText(chosen ? describeCheckpoint(*chosen) : tr("No model chosen yet."));
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
                                    "will not be measured.").arg(data.error()));
    return true;
}

// ---- Target ------------------------------------------------------------------------------------------------

TransferTargetPage::TransferTargetPage(TransferWizard *wizard)
    : m_wizard(wizard)
{
    setTitle(tr("Target data"));
    setSubTitle(tr("The new domain: its unlabelled images adapt the VAE, and K labels per class train the classifiers."));
    m_dataset = new QComboBox(this);
    m_dataset->addItems(DatasetLoader::builtinNames());
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
    m_unlabelled->setValue(0);
    m_labelsPerClass = new QSpinBox(this);
    m_labelsPerClass->setRange(1, 10000);
    m_labelsPerClass->setValue(10);
    auto *row = new QHBoxLayout;
    row->addWidget(m_dataset, 1);
    row->addWidget(folder);
    row->addWidget(file);
    auto *form = new QFormLayout;
    form->addRow(tr("Unlabelled images to adapt on:"), m_unlabelled);
    form->addRow(tr("Labels per class (K):"), m_labelsPerClass);
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
        const Dataset &train = m_wizard->target.train;
        m_status->setText(tr("%1: %2 training and %3 test images, %4 classes.")
                              .arg(nameOrPath).arg(train.count()).arg(m_wizard->target.test.count()).arg(train.classCount()));
        QVector<QImage> images;
        for (int i = 0; i < std::min(48, train.count()); ++i)
            images.append(train.image(i));
        m_preview->setPixmap(QPixmap::fromImage(ImageTiles::scaledCrisp(ImageTiles::grid(images, 16), 2)));
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
    return true;
}

// ---- Strategy ----------------------------------------------------------------------------------------------

TransferStrategyPage::TransferStrategyPage(TransferWizard *wizard)
    : m_wizard(wizard)
{
    setTitle(tr("Strategies"));
    setSubTitle(tr("Each chosen strategy trains its own copy of the VAE on the unlabelled target images."));
    auto *layout = new QVBoxLayout(this);
    const QMap<TransferStrategy, QString> help{
        {TransferStrategy::FinetuneAll, tr("finetune-all: every weight adapts to the target.")},
        {TransferStrategy::FreezeEncoder, tr("freeze-encoder: the encoder stays as it was; only the decoder trains.")},
        {TransferStrategy::FreezeDecoder, tr("freeze-decoder: the decoder stays as it was; only the encoder adapts.")},
        {TransferStrategy::Scratch, tr("scratch: the same architecture from random weights (the no-transfer baseline).")},
    };
    for (TransferStrategy s : TransferStrategies::all()) {
        auto *box = new QCheckBox(help.value(s), this);
        box->setChecked(true);
        connect(box, &QCheckBox::toggled, this, &QWizardPage::completeChanged);
        m_strategies.insert(s, box);
        layout->addWidget(box);
    }
    m_learningRate = new QDoubleSpinBox(this);
    m_learningRate->setDecimals(5);
    m_learningRate->setRange(0.00001, 0.1);
    m_learningRate->setSingleStep(0.0001);
    m_learningRate->setValue(1e-3);
    m_epochs = new QSpinBox(this);
    m_epochs->setRange(1, 1000);
    m_epochs->setValue(5);
    auto *form = new QFormLayout;
    form->addRow(tr("Learning rate:"), m_learningRate);
    form->addRow(tr("Epochs:"), m_epochs);
    layout->addSpacing(12);
    layout->addLayout(form);
    layout->addStretch();
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
    m_wizard->config.strategies.clear();
    for (auto it = m_strategies.cbegin(); it != m_strategies.cend(); ++it)
        if (it.value()->isChecked())
            m_wizard->config.strategies.append(it.key());
    m_wizard->config.learningRate = m_learningRate->value();
    m_wizard->config.epochs = m_epochs->value();
    return true;
}

// ---- Run ---------------------------------------------------------------------------------------------------

TransferRunPage::TransferRunPage(TransferWizard *wizard)
    : m_wizard(wizard)
{
    setTitle(tr("Run"));
    setSubTitle(tr("Target test −ELBO (on up to 1000 images) after each epoch; lower is better."));
    setCommitPage(true);
    m_plot = new QCustomPlot(this);
    m_plot->xAxis->setLabel(tr("epoch"));
    m_plot->yAxis->setLabel(tr("target −ELBO (nats)"));
    m_plot->legend->setVisible(true);
    m_plot->setMinimumHeight(300);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_phase = new QLabel(this);
    m_cancel = new QPushButton(tr("Cancel run"), this);
    auto *row = new QHBoxLayout;
    row->addWidget(m_progress, 1);
    row->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_plot, 1);
    layout->addLayout(row);
    layout->addWidget(m_phase);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_cancel->setEnabled(false);
        m_phase->setText(tr("Stopping after the current batch…"));
        m_worker.requestStop();
    });
}

TransferRunPage::~TransferRunPage() = default;

void TransferRunPage::initializePage()
{
    m_done = false;
    m_wizard->outcome.reset();
    m_plot->clearGraphs();
    m_graphs.clear();
    for (TransferStrategy s : m_wizard->config.strategies) {
        QCPGraph *graph = m_plot->addGraph();
        graph->setName(TransferStrategies::name(s));
        graph->setPen(QPen(colorOf(s), 2));
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
        m_graphs.insert(s, m_plot->graphCount() - 1);
    }
    m_plot->replot();
    m_progress->setValue(0);
    m_cancel->setEnabled(true);
    m_phase->setText(tr("Starting…"));
    auto runner = std::make_unique<TransferRunner>(*m_wizard->source, m_wizard->sourceData, m_wizard->target,
                                                   m_wizard->targetName, m_wizard->config);
    connect(runner.get(), &TransferRunner::progress, this, &TransferRunPage::onProgress);
    connect(runner.get(), &TransferRunner::curvePoint, this, &TransferRunPage::onCurvePoint);
    connect(runner.get(), &TransferRunner::finished, this, &TransferRunPage::onFinished);
    m_worker.start(std::move(runner));
    Q_EMIT completeChanged();
}

void TransferRunPage::cleanupPage()
{
    m_worker.stop();
}

bool TransferRunPage::isComplete() const
{
    return m_done && m_wizard->outcome && !m_wizard->outcome->report.strategies.isEmpty();
}

void TransferRunPage::onProgress(const TransferProgress &p)
{
    m_progress->setValue(int(1000 * p.fraction));
    m_phase->setText(p.etaSeconds >= 0 ? tr("%1 — about %2 left").arg(p.phase, duration(p.etaSeconds)) : p.phase);
}

void TransferRunPage::onCurvePoint(const TransferCurvePoint &point)
{
    const int index = m_graphs.value(point.strategy, -1);
    if (index < 0)
        return;
    m_plot->graph(index)->addData(point.epoch + 1, point.targetNegElbo);
    m_plot->rescaleAxes();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TransferRunPage::onFinished(const TransferOutcome &outcome)
{
    m_worker.stop();
    m_done = true;
    m_wizard->outcome = outcome;
    m_cancel->setEnabled(false);
    switch (outcome.kind) {
    case TransferOutcome::Kind::Completed:
        m_progress->setValue(1000);
        m_phase->setText(outcome.message);
        break;
    case TransferOutcome::Kind::Stopped:
        m_phase->setText(outcome.report.strategies.isEmpty() ? tr("Stopped before any strategy finished.")
                                                             : tr("Stopped; the results show the strategies that finished."));
        break;
    case TransferOutcome::Kind::Failed:
        m_phase->setText(tr("Failed: %1").arg(outcome.message));
        break;
    }
    Q_EMIT completeChanged();
}

// ---- Results -----------------------------------------------------------------------------------------------

TransferResultsPage::TransferResultsPage(TransferWizard *wizard)
    : m_wizard(wizard)
{
    setTitle(tr("Results"));
    setSubTitle(tr("Every figure beside its baseline; the sentences below say what each number means."));
    m_table = new QTableWidget(this);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_chart = new QCustomPlot(this);
    m_chart->setMinimumHeight(200);
    m_explanations = new QTextBrowser(this);
    m_modelChoice = new QComboBox(this);
    auto *save = new QPushButton(tr("Save adapted model…"), this);
    auto *csv = new QPushButton(tr("Export CSV…"), this);
    auto *json = new QPushButton(tr("Export JSON…"), this);
    auto *png = new QPushButton(tr("Export PNG…"), this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_modelChoice);
    buttons->addWidget(save);
    buttons->addStretch();
    buttons->addWidget(csv);
    buttons->addWidget(json);
    buttons->addWidget(png);
    auto *top = new QHBoxLayout;
    top->addWidget(m_table, 3);
    top->addWidget(m_chart, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top, 2);
    layout->addWidget(m_explanations, 1);
    layout->addLayout(buttons);
    connect(save, &QPushButton::clicked, this, &TransferResultsPage::saveModel);
    connect(csv, &QPushButton::clicked, this, [this] { exportReport(QStringLiteral("csv")); });
    connect(json, &QPushButton::clicked, this, [this] { exportReport(QStringLiteral("json")); });
    connect(png, &QPushButton::clicked, this, [this] { exportReport(QStringLiteral("png")); });
}

void TransferResultsPage::initializePage()
{
    if (!m_wizard->outcome)
        return;
    const TransferReport &report = m_wizard->outcome->report;
    fillTable(report);
    fillChart(report);
    m_explanations->setHtml(explanations(report));
    m_modelChoice->clear();
    for (const StrategyResult &r : report.strategies)
        m_modelChoice->addItem(TransferStrategies::name(r.strategy));
}

void TransferResultsPage::fillTable(const TransferReport &report)
{
    const QStringList headers{tr("target −ELBO before"), tr("target −ELBO after"), tr("source −ELBO after"),
                              tr("linear probe on μ"), tr("encoder + head fine-tuned")};
    m_table->clear();
    m_table->setColumnCount(headers.size());
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setRowCount(report.strategies.size() + 3);
    QStringList rows;
    int row = 0;
    auto set = [this](int r, int c, const QString &text) {
        auto *item = new QTableWidgetItem(text);
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(r, c, item);
    };
    for (const StrategyResult &s : report.strategies) {
        rows << TransferStrategies::name(s.strategy);
        set(row, 0, number(s.targetNegElboBefore));
        set(row, 1, number(s.targetNegElboAfter));
        set(row, 2, number(s.sourceNegElboAfter));
        set(row, 3, percent(s.probeAccuracy));
        set(row, 4, percent(s.finetuneAccuracy));
        ++row;
    }
    rows << tr("unadapted source encoder") << tr("classifier from scratch") << tr("raw-pixel probe");
    set(row, 2, number(report.sourceNegElboBefore));
    set(row, 3, percent(report.sourceProbeAccuracy));
    set(row + 1, 4, percent(report.scratchClassifierAccuracy));
    set(row + 2, 3, percent(report.pixelProbeAccuracy));
    m_table->setVerticalHeaderLabels(rows);
}

void TransferResultsPage::fillChart(const TransferReport &report)
{
    m_chart->clearPlottables();
    QVector<double> ticks, probe, tuned;
    QVector<QString> labels;
    int position = 1;
    for (const StrategyResult &s : report.strategies) {
        ticks << position++;
        labels << TransferStrategies::name(s.strategy);
        probe << 100 * s.probeAccuracy;
        tuned << 100 * s.finetuneAccuracy;
    }
    ticks << position << position + 1;
    position += 2;
    labels << tr("scratch clf.") << tr("pixel probe");
    probe << 0 << 100 * report.pixelProbeAccuracy;
    tuned << 100 * report.scratchClassifierAccuracy << 0;
    auto *probeBars = new QCPBars(m_chart->xAxis, m_chart->yAxis);
    auto *tunedBars = new QCPBars(m_chart->xAxis, m_chart->yAxis);
    probeBars->setName(tr("linear probe"));
    tunedBars->setName(tr("fine-tuned classifier"));
    probeBars->setBrush(QColor(31, 119, 180));
    tunedBars->setBrush(QColor(255, 127, 14));
    auto *group = new QCPBarsGroup(m_chart);
    probeBars->setBarsGroup(group);
    tunedBars->setBarsGroup(group);
    probeBars->setWidth(0.35);
    tunedBars->setWidth(0.35);
    probeBars->setData(ticks, probe);
    tunedBars->setData(ticks, tuned);
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    ticker->addTicks(ticks, labels);
    m_chart->xAxis->setTicker(ticker);
    m_chart->xAxis->setTickLabelRotation(30);
    m_chart->xAxis->setRange(0.3, position - 0.3);
    m_chart->yAxis->setRange(0, 100);
    m_chart->yAxis->setLabel(tr("test accuracy (%)"));
    m_chart->legend->setVisible(true);
    m_chart->replot();
}

QString TransferResultsPage::explanations(const TransferReport &report) const
{
    QString html = tr("<p>Target: %1 (%2 test images, %3 classes); the VAE adapted on %4 unlabelled images for %5 epoch(s); "
                      "classifiers saw %6 labelled images per class. Chance accuracy is %7.</p>")
                       .arg(report.targetDataset.toHtmlEscaped()).arg(report.targetTestCount).arg(report.classCount)
                       .arg(report.unlabelled).arg(report.epochs).arg(report.labelsPerClass)
                       .arg(percent(report.classCount > 0 ? 1.0 / report.classCount : NAN));
    for (const StrategyResult &s : report.strategies) {
        const QString name = TransferStrategies::name(s.strategy);
        html += QStringLiteral("<p><b>%1</b><br>").arg(name);
        html += tr("Target −ELBO before, %1 nats: how badly the starting model explains an average target test image.<br>")
                    .arg(number(s.targetNegElboBefore));
        html += tr("Target −ELBO after, %1 nats: the same after adaptation; lower means the target images are modelled better.<br>")
                    .arg(number(s.targetNegElboAfter));
        html += tr("Source −ELBO after, %1 nats (was %2): how well the adapted model still explains the source test images; "
                   "a rise is forgetting.<br>")
                    .arg(number(s.sourceNegElboAfter), number(report.sourceNegElboBefore));
        html += tr("Linear probe, %1: a logistic regression on the adapted encoder's μ, trained on the K labels per class and "
                   "scored on the target test split.<br>")
                    .arg(percent(s.probeAccuracy));
        html += tr("Fine-tuned classifier, %1: the adapted encoder with a linear head, trained end to end on the same labels.</p>")
                    .arg(percent(s.finetuneAccuracy));
    }
    html += tr("<p><b>Baselines</b><br>Unadapted encoder probe, %1: the same probe on the source encoder before any adaptation.<br>"
               "Classifier from scratch, %2: the same encoder architecture with random weights, trained end to end on the same "
               "labels; a strategy that does not beat it did not transfer anything useful for classification.<br>"
               "Raw-pixel probe, %3: the logistic regression on the 784 pixels themselves; features that do not beat it add "
               "nothing over the pixels.</p>")
                .arg(percent(report.sourceProbeAccuracy), percent(report.scratchClassifierAccuracy),
                     percent(report.pixelProbeAccuracy));
    return html;
}

void TransferResultsPage::saveModel()
{
    const int index = m_modelChoice->currentIndex();
    if (!m_wizard->outcome || !m_wizard->source || index < 0)
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save adapted model"),
                                                      QStringLiteral("adapted-%1.ckpt").arg(m_modelChoice->currentText()),
                                                      tr("Checkpoints (*.ckpt)"));
    if (path.isEmpty())
        return;
    const Checkpoint adapted = m_wizard->outcome->report.adaptedCheckpoint(index, *m_wizard->source);
    if (Status s = CheckpointIo::save(adapted, path); !s)
        QMessageBox::warning(this, tr("Save adapted model"), s.error());
}

void TransferResultsPage::exportReport(const QString &format)
{
    if (!m_wizard->outcome)
        return;
    const TransferReport &report = m_wizard->outcome->report;
    const QString filter = format == QLatin1String("csv") ? tr("CSV (*.csv)")
                           : format == QLatin1String("json") ? tr("JSON (*.json)") : tr("PNG image (*.png)");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export report"), QStringLiteral("transfer-report.") + format, filter);
    if (path.isEmpty())
        return;
    bool ok = false;
    if (format == QLatin1String("png")) {
        ok = grab().save(path, "PNG");
    } else {
        QSaveFile file(path);
        const QByteArray bytes = format == QLatin1String("csv") ? report.toCsv().toUtf8() : QJsonDocument(report.toJson()).toJson();
        ok = file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit();
    }
    if (!ok)
        QMessageBox::warning(this, tr("Export report"), tr("Could not write %1. Check that the folder exists and is writable.").arg(path));
}
