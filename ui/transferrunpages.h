#pragma once

// Page 4 of the transfer wizard; pages 1-3 are in transferwizardpages.h, page 5 in transferresultspage.h.

#include "transfer/transferrunner.h"
#include "util/workerthread.h"

#include <QElapsedTimer>
#include <QWizardPage>

class QLabel;
class QProgressBar;
class QPushButton;
class TransferCurvePlot;
class TransferWizard;

/// Page 4: the run, with live target −ELBO curves per strategy, progress with ETA, and cancel.
class TransferRunPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferRunPage)
public:
    explicit TransferRunPage(TransferWizard *wizard);
    ~TransferRunPage() override;
    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    /// A transfer run is working (started and not yet finished or stopped).
    bool isRunning() const { return m_worker.isActive(); }
    /// Stops the run (as Back does) and waits for its thread.
    void stopRun() { m_worker.stop(); }

private:
    void onProgress(const RunProgress &progress);
    void onCurvePoint(const TransferCurvePoint &point);
    void onFinished(const TransferOutcome &outcome);

    TransferWizard *m_wizard;
    TransferCurvePlot *m_plot;
    QProgressBar *m_progress;
    QLabel *m_phase;
    QPushButton *m_cancel;
    WorkerThread m_worker;
    bool m_done = false;
    QElapsedTimer m_clock; ///< the run's wall time, for its Runs panel row
};
