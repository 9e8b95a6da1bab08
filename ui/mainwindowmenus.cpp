// MainWindow's menus and the window's remembered layout, kept apart from the panel assembly and signal wiring in mainwindow.cpp.
#include "mainwindow.h"

#include "classifierpanel.h"

#include "elboplotpanel.h"
#include "fewshotdialog.h"
#include "interpolationpanel.h"
#include "latentmappanel.h"
#include "latentsliderpanel.h"
#include "recentfiles.h"
#include "reconstructionpanel.h"
#include "runhistorypanel.h"
#include "session.h"
#include "trainingpanel.h"
#include "transferwizard.h"
#include "userguide.h"

#include <QActionGroup>
#include <QApplication>
#include <QDockWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>

void MainWindow::createMenus()
{
    createFileMenu();
    createTrainingMenu();
    createToolsMenu();
    createViewMenu();
    createHelpMenu();
}

void MainWindow::createFileMenu()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    // Ctrl+O opens what Ctrl+S saves, the model (a new user pressed Ctrl+O for a checkpoint and got a folder chooser).
    file->addAction(tr("Open Dataset &Folder…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), this,
                    &MainWindow::openDatasetFolder);
    file->addAction(tr("Open Dataset F&ile…"), this, &MainWindow::openDatasetFile);
    file->addSeparator();
    file->addAction(tr("Open &Checkpoint…"), QKeySequence::Open, this, &MainWindow::openCheckpointInteractively);
    m_saveCheckpointAction =
        file->addAction(tr("&Save Checkpoint…"), QKeySequence::Save, this, &MainWindow::saveCheckpointInteractively);
    createExportMenu(file->addMenu(tr("&Export")));
    m_recent = new RecentFiles(file->addMenu(tr("&Recent Files")), this);
    connect(m_recent, &RecentFiles::fileChosen, this, &MainWindow::openRecent);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), QKeySequence(Qt::CTRL | Qt::Key_Q), this, &QWidget::close);
    quit->setMenuRole(QAction::QuitRole);
}

void MainWindow::createExportMenu(QMenu *exportMenu)
{
    exportMenu->addAction(tr("ELBO Plot (PNG, PDF, CSV)…"), m_elbo, &ElboPlotPanel::exportInteractively);
    exportMenu->addAction(tr("Latent Map…"), this, [this]() {
        exportImage(tr("Export latent map"), QStringLiteral("latent-map.png"),
                    [this](const QString &path) { return bool(m_map->exportPng(path)); });
    });
    exportMenu->addAction(tr("Confusion Matrix…"), this, [this]() {
        exportImage(tr("Export confusion matrix"), QStringLiteral("confusion-matrix.png"),
                    [this](const QString &path) { return m_classifier->exportPng(path); });
    });
    exportMenu->addAction(tr("Reconstructions…"), this, [this]() {
        exportImage(tr("Export reconstructions"), QStringLiteral("reconstructions.png"),
                    [this](const QString &path) { return m_reconstructions->image().save(path); });
    });
    exportMenu->addAction(tr("Decoded Slider Image…"), this, [this]() {
        exportImage(tr("Export decoded image"), QStringLiteral("decoded.png"),
                    [this](const QString &path) { return m_sliders->image().save(path); });
    });
    exportMenu->addAction(tr("Interpolation Strip…"), m_interpolation, &InterpolationPanel::exportStripInteractively);
    exportMenu->addAction(tr("Manifold Grid…"), m_interpolation, &InterpolationPanel::exportManifoldInteractively);
}

void MainWindow::createTrainingMenu()
{
    QMenu *training = menuBar()->addMenu(tr("&Training"));
    m_startAction = training->addAction(tr("&Start"), QKeySequence(Qt::Key_F5), this, &MainWindow::startTraining);
    m_pauseAction = training->addAction(tr("&Pause"), QKeySequence(Qt::Key_F6), this, &MainWindow::togglePause);
    m_stopAction =
        training->addAction(tr("S&top"), QKeySequence(Qt::SHIFT | Qt::Key_F5), this, &MainWindow::stopTraining);
}

void MainWindow::createToolsMenu()
{
    QMenu *tools = menuBar()->addMenu(tr("T&ools"));
    tools->addAction(tr("&Transfer to Another Dataset…"), this, [this]() {
        auto *wizard = new TransferWizard(m_session->checkpoint(), m_session->data(), this);
        wizard->setAttribute(Qt::WA_DeleteOnClose);
        connect(wizard, &TransferWizard::exploreRequested, this, &MainWindow::exploreCheckpoint);
        connect(wizard, &TransferWizard::transferKept, m_runs, &RunHistoryPanel::addRun);
        wizard->show();
    });
    tools->addAction(tr("&Few-Shot Learning…"), this, [this]() {
        auto *dialog = new FewShotDialog(m_session->checkpoint(), m_session->data(), m_session->dataName(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
}

void MainWindow::createViewMenu()
{
    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_panelsMenu = view->addMenu(tr("&Panels"));
    for (QDockWidget *dock : std::as_const(m_docks))
        m_panelsMenu->addAction(dock->toggleViewAction());
    view->addAction(tr("&Reset Layout"), this, &MainWindow::resetLayout);
    createLanguageMenu(view->addMenu(tr("&Language")));
}

void MainWindow::resetLayout()
{
    for (QDockWidget *dock : std::as_const(m_docks)) {
        dock->setFloating(false);
        dock->show();
    }
    restoreState(m_defaultLayout);
}

void MainWindow::createLanguageMenu(QMenu *language)
{
    auto *languages = new QActionGroup(this);
    const QString chosen = QSettings().value(languageSettingsKey()).toString();
    const QList<QPair<QString, QString>> choices = {
        {QString(), tr("System")}, {QStringLiteral("en"), tr("English")}, {QStringLiteral("zh_CN"), tr("简体中文")}};
    for (const auto &[code, name] : choices) {
        QAction *action = language->addAction(name);
        action->setCheckable(true);
        action->setChecked(code == chosen);
        languages->addAction(action);
        connect(action, &QAction::triggered, this, [this, code = code]() {
            QSettings().setValue(languageSettingsKey(), code);
            statusBar()->showMessage(tr("The language changes the next time Latent Explorer starts."),
                                     kStatusTimeoutMs);
        });
    }
}

void MainWindow::createHelpMenu()
{
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&User Guide"), QKeySequence::HelpContents, this, [this]() {
        auto *guide = new UserGuide(this);
        guide->setAttribute(Qt::WA_DeleteOnClose);
        guide->show();
    });
    help->addAction(tr("&About Latent Explorer"), this, [this]() {
        QMessageBox::about(this, tr("About Latent Explorer"),
                           tr("<h3>Latent Explorer %1</h3><p>Train a variational autoencoder and explore its latent "
                              "space while it learns.</p><p>Built with Qt, LibTorch and QCustomPlot.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("plot/logScale"), m_elbo->isLogScale());
    settings.setValue(QStringLiteral("plot/ignoreOutliers"), m_elbo->ignoresOutliers());
    m_training->saveSettings(settings);
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    m_training->restoreSettings(settings);
    m_elbo->setLogScale(settings.value(QStringLiteral("plot/logScale"), false).toBool());
    m_elbo->setIgnoreOutliers(settings.value(QStringLiteral("plot/ignoreOutliers"), true).toBool());
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) {
        // First launch: the designed size, but never larger than the screen the window opens on.
        const QSize available = screen() ? screen()->availableGeometry().size() * 0.95 : QSize(1500, 920);
        resize(QSize(1500, 920).boundedTo(available));
    }
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
}
