// MainWindow as a run goes: its progress, each epoch's figures, the run's end (the rest of the window is
// assembled in mainwindow.cpp).
#include "mainwindow.h"

#include "classifierpanel.h"
#include "elboplotpanel.h"
#include "epochreadout.h"
#include "latenthealthpanel.h"
#include "model/checkpoint.h"
#include "runcomparison.h"
#include "runhistorypanel.h"
#include "session.h"
#include "trainingpanel.h"

#include <QStatusBar>

void MainWindow::wireRun()
{
    Session *s = m_session;
    connect(s, &Session::runningChanged, this, [this](bool running) {
        if (running) {
            m_runs->runStarted();
            m_elbo->dropBatchesAfter(int(m_session->history().size())); // a continued run's epoch, trained again
        }
        m_training->setRunning(running);
        updateActions();
    });
    connect(s, &Session::pausedChanged, this, [this](bool paused) {
        m_training->setPaused(paused);
        statusBar()->showMessage(paused ? tr("Paused.") : tr("Training…"));
        updateActions();
    });
    connect(s, &Session::preparing, this, [this](const RunProgress &progress) {
        m_training->showPreparation(progress);
        statusBar()->showMessage(progress.phase, kStatusTimeoutMs);
    });
    connect(s, &Session::batchStats, this, [this](const BatchStats &stats) {
        m_elbo->addBatch(stats);
        m_training->showBatch(stats, m_runEpochs);
    });
    connect(s, &Session::epochStats, this, [this](const EpochStats &stats) {
        m_elbo->addEpoch(stats);
        m_runs->epochEnded();
        m_health->setSummary(stats.test, stats.epoch);
        showConfusion(stats);
        statusBar()->showMessage((m_session->evaluatesOnValidation() ? tr("Epoch %1 done: validation −ELBO %2 nats.")
                                                                     : tr("Epoch %1 done: test −ELBO %2 nats."))
                                     .arg(stats.epoch + 1)
                                     .arg(stats.test.negElbo, 0, 'f', 2),
                                 kStatusTimeoutMs);
    });
    connect(s, &Session::finished, this, [this](RunOutcome outcome, const QString &message) {
        // The figures the run ended with, so that they need not be read off the plot's axis. Stop keeps the weights
        // reached mid-epoch; the figures are then the last finished epoch's.
        const QVector<EpochStats> &history = m_session->history();
        const bool validation = m_session->evaluatesOnValidation();
        const QString figures = history.isEmpty() ? QString() : EpochReadout::brief(history.last(), validation);
        QString text = tr("Training failed: %1").arg(message);
        if (outcome == RunOutcome::Completed)
            text = figures.isEmpty() ? tr("Training finished.") : tr("Finished: %1.").arg(figures);
        else if (outcome == RunOutcome::Stopped)
            text = figures.isEmpty() ? tr("Training stopped.")
                                     : tr("%1 Epoch %2: %3.")
                                           .arg(message.isEmpty() ? tr("Training stopped.") : message)
                                           .arg(history.last().epoch + 1)
                                           .arg(figures);
        if (outcome != RunOutcome::Failed && !figures.isEmpty())
            m_training->showOutcome(text, EpochReadout::detailed(history.last(), validation));
        else
            m_training->showProgressText(text);
        if (const auto &checkpoint = m_session->checkpoint()) {
            m_training->setCheckpointAvailable(true, checkpoint->epochsDone(), checkpoint->config);
            m_runs->runEnded(*checkpoint, outcome, m_session->autosavePath());
        }
        statusBar()->showMessage(text, kStatusTimeoutMs);
    });
    connect(s, &Session::errorOccurred, this, &MainWindow::showError);
    connect(s, &Session::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, kStatusTimeoutMs); });
}

void MainWindow::compareWithRun(const QString &path, const QString &name)
{
    const Result<Checkpoint> run = CheckpointIo::load(path);
    if (!run) {
        showError(tr("Could not read that run's autosave:\n%1").arg(run.error()));
        return;
    }
    const std::optional<Checkpoint> &current = m_session->checkpoint();
    if (current && !RunComparison::comparable(run.value().config, current->config)) {
        statusBar()->showMessage(tr("The %1 measured other images or in other units (its dataset, classes, likelihood "
                                    "or held-out images differ from this model's): its −ELBO cannot stand beside "
                                    "this one.")
                                     .arg(name),
                                 kStatusTimeoutMs);
        return;
    }
    m_elbo->setReference(run.value().history,
                         current ? RunComparison::differences(run.value().config, current->config) : QString(), name);
    statusBar()->showMessage(tr("The ELBO plot shows the %1 beside this model.").arg(name), kStatusTimeoutMs);
}
