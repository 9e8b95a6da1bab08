#include "transferwizard.h"

#include "autosaves.h"
#include "training/machinespeed.h"
#include "transferresultspage.h"
#include "transferrunpages.h"
#include "transferwizardpages.h"
#include "util/filewrite.h"

#include <QAbstractButton>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QMessageBox>
#include <QPushButton>

TransferWizard::TransferWizard(const std::optional<Checkpoint> &current, const DataSplit &data, QWidget *parent)
    : QWizard(parent)
    , currentCheckpoint(current)
    , currentData(data)
{
    qRegisterMetaType<RunProgress>();
    qRegisterMetaType<TransferCurvePoint>();
    qRegisterMetaType<StrategyResult>();
    qRegisterMetaType<TransferOutcome>();
    // Timed while the first pages are read, for the strategies page's expected time (half a second, once).
    MachineSpeed::startMeasuring();
    setWindowTitle(tr("Transfer to another dataset"));
    setOption(QWizard::NoBackButtonOnLastPage, true);
    // A finished run is kept whichever way the wizard closes; Cancel there read as "throw it away" and skipped
    // "Explore the adapted model". Finish (or the window's close) is the way out.
    setOption(QWizard::NoCancelButtonOnLastPage, true);
    setPage(SourcePageId, new TransferSourcePage(this));
    setPage(TargetPageId, new TransferTargetPage(this));
    setPage(StrategyPageId, new TransferStrategyPage(this));
    setPage(RunPageId, new TransferRunPage(this));
    setPage(ResultsPageId, new TransferResultsPage(this));
    resize(900, 680);
    // Back from a run stops it: asked first (a new user's click threw a run at 39 % away without a word).
    QAbstractButton *backButton = button(QWizard::BackButton);
    disconnect(backButton, nullptr, this, nullptr); // QWizard's own connection to back()
    connect(backButton, &QAbstractButton::clicked, this, [this] {
        if (isRunning()
            && !confirmStop(QStringLiteral("backDuringRunQuestion"), tr("Going back stops the run."),
                            tr("Stop and Go Back")))
            return;
        back();
    });
}

void TransferWizard::reject()
{
    // Cancel, Escape and the window's close: a new user's Cancel 25 s into a run threw it away without a word.
    if (isRunning()
        && !confirmStop(QStringLiteral("closeDuringRunQuestion"), tr("Closing the wizard stops the run."),
                        tr("Stop and Close")))
        return;
    if (auto *run = qobject_cast<TransferRunPage *>(page(RunPageId)))
        run->stopRun();
    QWizard::reject();
}

bool TransferWizard::confirmStop(const QString &objectName, const QString &text, const QString &stopText)
{
    QMessageBox box(QMessageBox::Question, windowTitle(), text, QMessageBox::Cancel, this);
    box.setObjectName(objectName);
    box.setInformativeText(tr("The strategies it has not finished are lost; the settings stay as they are."));
    QPushButton *stop = box.addButton(stopText, QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == stop;
}

TransferWizard::~TransferWizard() = default;

bool TransferWizard::isRunning() const
{
    const auto *run = qobject_cast<const TransferRunPage *>(page(RunPageId));
    return run && run->isRunning();
}

QString TransferWizard::strategyTitle(TransferStrategy strategy)
{
    switch (strategy) {
    case TransferStrategy::FinetuneAll:
        return tr("finetune-all");
    case TransferStrategy::FreezeEncoder:
        return tr("freeze-encoder");
    case TransferStrategy::FreezeDecoder:
        return tr("freeze-decoder");
    case TransferStrategy::Scratch:
        return tr("scratch");
    case TransferStrategy::SemiSupervised:
        return tr("semi-supervised");
    }
    return TransferStrategies::name(strategy);
}

namespace {

/// The Runs panel's words for the figure the verdict chose, and that figure over the whole test split.
RunRecord::Transfer transferOrigin(const TransferReport &report, const TransferVerdict &verdict)
{
    RunRecord::Transfer t;
    t.sourceDataset = report.sourceDataset;
    t.labelsPerClass = report.labelsPerClass;
    if (verdict.strategy < 0)
        return t; // no strategy has an accuracy: the row names the first one's model
    const StrategyResult &s = report.strategies[verdict.strategy];
    t.strategy = TransferStrategies::name(s.strategy);
    t.pixels = report.verdictPixels(verdict).mean;
    switch (verdict.figure) {
    case TransferVerdict::Figure::Knn:
        t.figure = QStringLiteral("knn");
        t.accuracy = s.knn.mean;
        break;
    case TransferVerdict::Figure::Finetuned:
        t.figure = QStringLiteral("finetuned");
        t.accuracy = s.finetune.mean;
        break;
    case TransferVerdict::Figure::Probe:
        t.figure = s.strategy != TransferStrategy::SemiSupervised ? QStringLiteral("probe")
            : s.labelGraph                                        ? QStringLiteral("own-graph")
                                                                  : QStringLiteral("own");
        t.accuracy = s.probe.mean;
        break;
    }
    return t;
}

} // namespace

void TransferWizard::keepOutcome(double seconds)
{
    keptPath.clear();
    keepError.clear();
    if (!outcome || !source || outcome->report.strategies.isEmpty())
        return;
    const TransferReport &report = outcome->report;
    const TransferVerdict verdict = report.verdict();
    const int index = std::max(0, verdict.strategy);
    const Checkpoint adapted = report.adaptedCheckpoint(index, *source);
    if (adapted.history.isEmpty())
        return; // no epoch measured: nothing a row could show
    const QString path = Autosaves::newTransferPath();
    const QString reportPath = Autosaves::transferReportPath(path);
    QDir().mkpath(QFileInfo(path).absolutePath());
    Status kept = CheckpointIo::save(adapted, path);
    if (kept)
        kept = FileWrite::wholeOrNothing(reportPath, QJsonDocument(report.toJson()).toJson());
    if (!kept) {
        keepError = kept.error();
        QFile::remove(path); // a model without its report would be a row that cannot say where it came from
        return;
    }
    keptPath = path;
    // Its Time is its own model's (as a training run's row), the whole run's in its tooltip.
    RunRecord record = RunRecord::of(adapted, outcome->outcome, report.strategies[index].seconds, path);
    record.transfer = transferOrigin(report, verdict);
    record.transfer->runSeconds = seconds;
    if (record.transfer->strategy.isEmpty())
        record.transfer->strategy = TransferStrategies::name(report.strategies[index].strategy);
    record.transfer->report = reportPath;
    Autosaves::pruneTransfers();
    Q_EMIT transferKept(record);
}
