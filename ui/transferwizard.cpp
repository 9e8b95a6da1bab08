#include "transferwizard.h"

#include "transferresultspage.h"
#include "transferrunpages.h"
#include "transferwizardpages.h"

#include <QAbstractButton>
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
    setWindowTitle(tr("Transfer to another dataset"));
    setOption(QWizard::NoBackButtonOnLastPage, true);
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
        if (isRunning() && !confirmStopForBack())
            return;
        back();
    });
}

bool TransferWizard::confirmStopForBack()
{
    QMessageBox box(QMessageBox::Question, windowTitle(), tr("Going back stops the run."), QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("backDuringRunQuestion"));
    box.setInformativeText(tr("The strategies it has not finished are lost; the settings stay as they are."));
    QPushButton *stop = box.addButton(tr("Stop and Go Back"), QMessageBox::DestructiveRole);
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
