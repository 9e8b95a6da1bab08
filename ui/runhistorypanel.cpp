#include "runhistorypanel.h"

#include "transfer/transferreport.h"
#include "util/clocktext.h"
#include "util/filewrite.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QString classesText(const QVector<int> &classes)
{
    QStringList labels;
    for (int k : classes)
        labels << QString::number(k);
    return labels.join(QLatin1Char(','));
}

QString csvField(QString text)
{
    if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) || text.contains(QLatin1Char('\n')))
        text = QLatin1Char('"') + text.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
    return text;
}

constexpr int kSortRole = Qt::UserRole;       // what a column sorts by (numbers as numbers)
constexpr int kRecordRole = Qt::UserRole + 1; // column 0: the row's index in the records, whatever the sorting
constexpr int kNegElboColumn = 6, kAccuracyColumn = 7, kTimeColumn = 8;

/// A cell that sorts by its kSortRole value: figures by size, not by their text ("9.5" after "10.2").
class SortableItem final : public QTableWidgetItem
{
public:
    SortableItem(const QString &text, const QVariant &key)
        : QTableWidgetItem(text)
    {
        setData(kSortRole, key);
    }
    bool operator<(const QTableWidgetItem &other) const override
    {
        const QVariant a = data(kSortRole), b = other.data(kSortRole);
        if (a.typeId() == QMetaType::Double && b.typeId() == QMetaType::Double)
            return a.toDouble() < b.toDouble();
        return QString::localeAwareCompare(a.toString(), b.toString()) < 0;
    }
};

/// The Dataset column: the data's name (a folder's own, without its path) and the classes chosen.
QString datasetText(const TrainConfig &config)
{
    const QString file = QFileInfo(config.dataset).fileName();
    const QString dataset = file.isEmpty() ? config.dataset : file;
    return config.classes.isEmpty() ? dataset
                                    : RunHistoryPanel::tr("%1 (classes %2)").arg(dataset, classesText(config.classes));
}

/// The Accuracy column: a transfer's names its figure, which is not the model's own classifier for the plain
/// strategies (a new user compared a linear probe's 69 % with a classifier's 98 %).
QString accuracyText(const RunRecord &r)
{
    const QString value = RunRecord::percentText(r.accuracy());
    if (!r.transfer || !std::isfinite(r.accuracy()))
        return value;
    const QString &figure = r.transfer->figure;
    const QString name = figure == QLatin1String("knn") ? RunHistoryPanel::tr("k-NN")
        : figure == QLatin1String("finetuned")          ? RunHistoryPanel::tr("fine-tuned")
        : figure == QLatin1String("own")                ? RunHistoryPanel::tr("q(y|x)")
        : figure == QLatin1String("own-graph")          ? RunHistoryPanel::tr("q(y|x) × graph")
                                                        : RunHistoryPanel::tr("probe");
    return RunHistoryPanel::tr("%1 (%2)").arg(value, name);
}

/// The Model column: a conv VAE's width is fixed; an MLP's (and every semi-supervised model's) is shown. A
/// semi-supervised "conv" model is an MLP VAE whose classifier is convolutional (ModelSpec::describe).
QString modelText(const ModelSpec &spec)
{
    if (spec.architecture == Architecture::Conv && spec.isSemiSupervised())
        return RunHistoryPanel::tr("mlp %1 + conv classifier, latent %2").arg(spec.hidden).arg(spec.latent);
    return spec.architecture == Architecture::Conv
        ? RunHistoryPanel::tr("conv, latent %1").arg(spec.latent)
        : RunHistoryPanel::tr("%1 %2, latent %3").arg(toString(spec.architecture)).arg(spec.hidden).arg(spec.latent);
}

/// Not measured sorts after every figure, lowest first or last.
double sortable(double value, double missing)
{
    return std::isfinite(value) ? value : missing;
}

/// Whether the run's autosave is still there (the newest five are kept).
bool autosaveKept(const RunRecord &run)
{
    return !run.checkpoint.isEmpty() && QFileInfo::exists(run.checkpoint);
}

} // namespace

RunHistoryPanel::RunHistoryPanel(QWidget *parent)
    : QWidget(parent)
{
    m_table = new QTableWidget(this);
    m_table->setObjectName(QStringLiteral("runTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // One line a cell, none wider than a long dataset name's start (elided; the row's tooltip has it whole): a time
    // wrapped as "0:" over "50", and "mnist (classes 0,1,2,3,4)" pushed Accuracy and Time out of sight at 1366 × 768.
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setMaximumSectionSize(160);
    // The last column as wide as its contents, not the room left: stretched into too little, Time read "Ti…" over
    // "…" cells that no scrolling could show.
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSortIndicatorShown(true);
    // Activated: a double-click, or Enter on the chosen row.
    connect(m_table, &QTableWidget::cellActivated, this, [this](int row, int) { activate(row); });
    createRowMenu();
    m_empty = new QLabel(tr("Each run that ends gets a row here: its settings and figures side by side, kept "
                            "between sessions."),
                         this);
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false);
    auto *exportCsv = new QPushButton(tr("Export CSV…"), this);
    auto *clear = new QPushButton(tr("Clear"), this);
    clear->setObjectName(QStringLiteral("clearRuns"));
    connect(exportCsv, &QPushButton::clicked, this, &RunHistoryPanel::exportCsv);
    connect(clear, &QPushButton::clicked, this, &RunHistoryPanel::clearRuns);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_empty, 1);
    buttons->addStretch(); // the buttons keep their size when the hint is hidden
    buttons->addWidget(exportCsv);
    buttons->addWidget(clear);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    const QJsonArray saved =
        QJsonDocument::fromJson(QSettings().value(QLatin1String(kSettingsKey)).toByteArray()).array();
    for (const QJsonValue &run : saved)
        if (run.isObject())
            m_runs.append(RunRecord::fromJson(run.toObject()));
    rebuild();
    // Newest first (once the columns exist: before, the header has no section to sort by); a click on a header
    // sorts by that column instead.
    m_table->sortByColumn(0, Qt::DescendingOrder);
}

void RunHistoryPanel::createRowMenu()
{
    // A right-click on a row: open it, or draw it beside the run on the ELBO plot.
    auto *open = new QAction(tr("Open its autosave"), m_table);
    open->setObjectName(QStringLiteral("openRun"));
    connect(open, &QAction::triggered, this, [this] { activate(m_table->currentRow()); });
    auto *compare = new QAction(tr("Compare on the ELBO plot"), m_table);
    compare->setObjectName(QStringLiteral("compareRun"));
    connect(compare, &QAction::triggered, this, [this] {
        if (isShownModel(m_table->currentRow())) {
            Q_EMIT statusMessage(tr("That run is the model shown: its curves are the ELBO plot's own."));
            return;
        }
        if (const int index = chosenRunWithCheckpoint(); index >= 0)
            Q_EMIT compareRequested(
                m_runs[index].checkpoint,
                tr("run of %1").arg(m_runs[index].finished.toString(QStringLiteral("MM-dd HH:mm"))));
    });
    m_table->addActions({open, compare});
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, [this, open, compare](const QPoint &at) {
        const int row = m_table->rowAt(at.y());
        if (row < 0)
            return;
        m_table->setCurrentCell(row, m_table->columnAt(at.x()));
        // Only the newest autosaves are kept: a row whose file is gone offers nothing to open. The model shown is on
        // the plot already: comparing it with itself would draw its curves twice.
        const int index = recordAt(row);
        const bool kept = index >= 0 && autosaveKept(m_runs[index]);
        const bool shown = isShownModel(row);
        open->setEnabled(kept);
        open->setText(kept ? tr("Open its autosave") : tr("Open its autosave (gone: the newest five are kept)"));
        compare->setEnabled(kept && !shown);
        compare->setText(shown ? tr("Compare on the ELBO plot (it is the model shown)")
                               : tr("Compare on the ELBO plot"));
        QMenu::exec(m_table->actions(), m_table->viewport()->mapToGlobal(at), nullptr, m_table);
        open->setEnabled(true); // the actions also answer Enter and double-clicks, which say why they cannot
        compare->setEnabled(true);
    });
}

void RunHistoryPanel::runStarted()
{
    m_clock.start();
    m_epochsThisRun = 0;
}

void RunHistoryPanel::epochEnded()
{
    ++m_epochsThisRun;
}

void RunHistoryPanel::runEnded(const Checkpoint &checkpoint, RunOutcome outcome, const QString &autosave)
{
    if (outcome == RunOutcome::Failed || checkpoint.history.isEmpty())
        return;
    const double seconds = m_clock.isValid() ? m_clock.elapsed() / 1000.0 : kNaN;
    m_clock.invalidate();
    RunRecord record = RunRecord::of(checkpoint, outcome, seconds, autosave);
    record.firstEpoch = std::clamp(record.epochs - m_epochsThisRun, 0, record.epochs); // a continued run's start
    addRun(record);
}

void RunHistoryPanel::addRun(const RunRecord &record)
{
    m_runs.prepend(record);
    if (m_runs.size() > kMaxRuns)
        m_runs.resize(kMaxRuns);
    save();
    rebuild();
}

void RunHistoryPanel::rebuild()
{
    // Short headers, their units in the tooltips: at 1366 × 768 the whole table fits beside the plot.
    const QStringList headers{tr("Ended"),  tr("Dataset"), tr("Model"),    tr("β"),   tr("Labels"),
                              tr("Epochs"), tr("−ELBO"),   tr("Accuracy"), tr("Time")};
    m_table->setSortingEnabled(false); // rows filled in place, sorted once at the end
    m_table->clear();
    m_table->setColumnCount(headers.size());
    m_table->setHorizontalHeaderLabels(headers);
    m_table->horizontalHeaderItem(kNegElboColumn)
        ->setToolTip(tr("The last epoch's −ELBO in nats per image, on the test split (or the held-out images)."));
    m_table->horizontalHeaderItem(kAccuracyColumn)
        ->setToolTip(tr("The classifier's accuracy on the same images (runs with labels)."));
    m_table->horizontalHeaderItem(kTimeColumn)
        ->setToolTip(tr("How long the run took (this part, for a continued run)."));
    m_table->setRowCount(m_runs.size());
    for (int row = 0; row < m_runs.size(); ++row) {
        const RunRecord &r = m_runs[row];
        const TrainConfig &config = r.config;
        // A transfer's row: where its model came from, the labels and the accuracy of the transfer's answer.
        const QString dataset = r.transfer && r.transfer->adaptedFromSource()
            ? tr("%1 → %2").arg(QFileInfo(r.transfer->sourceDataset).fileName(), datasetText(config))
            : datasetText(config);
        const QString model = modelText(config.model);
        const int labelsPerClass = r.labelsPerClass();
        const QString labels = labelsPerClass == 0      ? tr("off")
            : labelsPerClass == TrainConfig::kAllLabels ? tr("all")
                                                        : tr("%1 per class").arg(labelsPerClass);
        // A continued run: from the epochs it started with to those it ended with.
        const QString epochs = r.firstEpoch > 0 && r.firstEpoch < r.epochs
            ? QStringLiteral("%1 → %2").arg(r.firstEpoch).arg(r.epochs)
            : QString::number(r.epochs);
        const double negElboValue = r.last.test.negElbo;
        const double accuracy = r.accuracy();
        QString negElbo = std::isfinite(negElboValue) ? QString::number(negElboValue, 'f', 2) : QStringLiteral("–");
        if (r.validation())
            negElbo = tr("%1 (validation)").arg(negElbo);
        // The date only when it is not today's, the year only when it is not this one: the table is short of width
        // beside the plot (the whole date is in the tooltip).
        const QDate today = QDate::currentDate();
        const QString ended =
            r.finished.toString(r.finished.date() == today                     ? QStringLiteral("HH:mm")
                                    : r.finished.date().year() == today.year() ? QStringLiteral("MM-dd HH:mm")
                                                                               : QStringLiteral("yyyy-MM-dd HH:mm"));
        const QStringList cells{ended,
                                dataset,
                                model,
                                QString::number(config.beta, 'g', 3),
                                labels,
                                r.stopped ? tr("%1 (stopped)").arg(epochs) : epochs,
                                negElbo,
                                accuracyText(r),
                                std::isfinite(r.seconds) ? clockText(r.seconds) : QStringLiteral("–")};
        const QString tip = r.details() + QStringLiteral("\n\n")
            + tr("Ended %1.").arg(QLocale().toString(r.finished, QLocale::ShortFormat)) + QLatin1Char('\n')
            + (QFileInfo::exists(r.checkpoint) ? tr("Double-click to open its autosave, %1.").arg(r.checkpoint)
                                               : tr("Its autosave is gone (the newest five are kept)."));
        const QVariantList keys{double(r.finished.toMSecsSinceEpoch()),
                                dataset,
                                model,
                                config.beta,
                                double(labelsPerClass == TrainConfig::kAllLabels ? 1e9 : labelsPerClass),
                                double(r.epochs),
                                sortable(negElboValue, 1e300),
                                sortable(accuracy, -1),
                                sortable(r.seconds, 1e300)};
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new SortableItem(cells[c], keys[c]);
            item->setToolTip(tip);
            if (c >= 3 && c != 4)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (c == 0)
                item->setData(kRecordRole, row);
            m_table->setItem(row, c, item);
        }
    }
    m_table->setSortingEnabled(true); // back in the order the person chose
    m_empty->setVisible(m_runs.isEmpty());
}

void RunHistoryPanel::save() const
{
    QJsonArray runs;
    for (const RunRecord &r : m_runs)
        runs.append(r.toJson());
    QSettings().setValue(QLatin1String(kSettingsKey), QJsonDocument(runs).toJson(QJsonDocument::Compact));
}

QString RunHistoryPanel::toCsv() const
{
    QStringList lines{QStringLiteral("ended,dataset,classes,architecture,hidden,latent,beta,labels_per_class,"
                                     "first_epoch,epochs,stopped,split,neg_elbo,recon,kl,accuracy,seconds,checkpoint,"
                                     "transfer_from,transfer_strategy,transfer_figure")};
    const auto value = [](double v, int decimals) {
        return std::isfinite(v) ? QString::number(v, 'f', decimals) : QString();
    };
    for (const RunRecord &r : m_runs) {
        const TrainConfig &c = r.config;
        const ElboSummary &figures = r.last.test;
        lines << QStringList{r.finished.toString(Qt::ISODate),
                             csvField(c.dataset),
                             csvField(classesText(c.classes)),
                             toString(c.model.architecture),
                             QString::number(c.model.hidden),
                             QString::number(c.model.latent),
                             QString::number(c.beta),
                             r.labelsPerClass() == TrainConfig::kAllLabels ? QStringLiteral("all")
                                                                           : QString::number(r.labelsPerClass()),
                             QString::number(r.firstEpoch),
                             QString::number(r.epochs),
                             r.stopped ? QStringLiteral("1") : QStringLiteral("0"),
                             r.validation() ? QStringLiteral("validation") : QStringLiteral("test"),
                             value(figures.negElbo, 4),
                             value(figures.recon, 4),
                             value(figures.kl, 4),
                             value(r.accuracy(), 4),
                             value(r.seconds, 1),
                             csvField(r.checkpoint),
                             r.transfer ? csvField(r.transfer->sourceDataset) : QString(),
                             r.transfer ? r.transfer->strategy : QString(),
                             r.transfer ? r.transfer->figure : QString()}
                     .join(QLatin1Char(','));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void RunHistoryPanel::exportCsv()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export runs"), QStringLiteral("runs.csv"), tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    if (const Status written = FileWrite::wholeOrNothing(path, toCsv().toUtf8()); !written)
        QMessageBox::warning(this, tr("Export runs"), written.error());
    else
        Q_EMIT statusMessage(tr("Saved %1 run(s) to %2.").arg(m_runs.size()).arg(path));
}

void RunHistoryPanel::clearRuns()
{
    if (m_runs.isEmpty())
        return;
    QMessageBox ask(
        QMessageBox::Question, tr("Clear runs"),
        tr("Forget the %n run(s) listed? Their checkpoints stay where they are.", nullptr, int(m_runs.size())),
        QMessageBox::Cancel, this);
    ask.setObjectName(QStringLiteral("clearRunsQuestion"));
    QPushButton *forget = ask.addButton(tr("Clear"), QMessageBox::DestructiveRole);
    ask.setDefaultButton(QMessageBox::Cancel);
    ask.exec();
    if (ask.clickedButton() != forget)
        return;
    m_runs.clear();
    save();
    rebuild();
}

void RunHistoryPanel::activate(int row)
{
    m_table->setCurrentCell(row, 0);
    if (const int index = chosenRunWithCheckpoint(); index >= 0)
        Q_EMIT openRequested(m_runs[index].checkpoint);
}

int RunHistoryPanel::recordAt(int row) const
{
    const QTableWidgetItem *first = m_table->item(row, 0);
    const int index = first ? first->data(kRecordRole).toInt() : -1;
    return index >= 0 && index < m_runs.size() ? index : -1;
}

bool RunHistoryPanel::isShownModel(int row) const
{
    const int index = recordAt(row);
    if (index < 0 || !m_shownAutosave)
        return false;
    const QString shown = m_shownAutosave();
    return !shown.isEmpty() && m_runs[index].checkpoint == shown;
}

int RunHistoryPanel::chosenRunWithCheckpoint()
{
    const int index = recordAt(m_table->currentRow());
    if (index < 0)
        return -1;
    if (autosaveKept(m_runs[index]))
        return index;
    Q_EMIT statusMessage(tr("The autosave of that run is gone: the newest five are kept. Save a run you want to "
                            "keep with Ctrl+S."));
    return -1;
}
