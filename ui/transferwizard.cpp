#include "transferwizard.h"

#include "transferresultspage.h"
#include "transferrunpages.h"
#include "transferwizardpages.h"

TransferWizard::TransferWizard(const std::optional<Checkpoint> &current, const DataSplit &data, QWidget *parent)
    : QWizard(parent)
    , currentCheckpoint(current)
    , currentData(data)
{
    qRegisterMetaType<RunProgress>();
    qRegisterMetaType<TransferCurvePoint>();
    qRegisterMetaType<StrategyResult>();
    qRegisterMetaType<TransferOutcome>();
    setWindowTitle(tr("Transfer to another dataset"));
    setOption(QWizard::NoBackButtonOnLastPage, true);
    setPage(SourcePageId, new TransferSourcePage(this));
    setPage(TargetPageId, new TransferTargetPage(this));
    setPage(StrategyPageId, new TransferStrategyPage(this));
    setPage(RunPageId, new TransferRunPage(this));
    setPage(ResultsPageId, new TransferResultsPage(this));
    resize(900, 680);
}

TransferWizard::~TransferWizard() = default;

bool TransferWizard::isRunning() const
{
    const auto *run = qobject_cast<const TransferRunPage *>(page(RunPageId));
    return run && run->isRunning();
}
