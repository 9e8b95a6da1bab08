#include "mainwindow.h"

#include "autosaves.h"
#include "classifierpanel.h"
#include "closeguard.h"
#include "data/datasetloader.h"
#include "drawpanel.h"
#include "elboplotpanel.h"
#include "interpolationpanel.h"
#include "latenthealthpanel.h"
#include "latentmappanel.h"
#include "latentsliderpanel.h"
#include "recentfiles.h"
#include "reconstructionpanel.h"
#include "runhistorypanel.h"
#include "session.h"
#include "trainingpanel.h"
#include "transferwizard.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTimer>

#include <algorithm>
#include <cmath>

MainWindow::MainWindow(bool restoreSession, QWidget *parent)
    : QMainWindow(parent)
    , m_session(new Session(this))
{
    setWindowTitle(tr("Latent Explorer"));
    setDockNestingEnabled(true);
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowNestedDocks | QMainWindow::AllowTabbedDocks);
    createPanels();
    m_defaultLayout = saveState();
    createMenus();
    wireSession();
    restoreSettings();
    updateActions();
    statusBar()->showMessage(tr("Ready"));
    if (restoreSession)
        loadDataset(m_training->config().dataset, false);
    if (const QString autosave = Autosaves::worthRestoring(); restoreSession && !autosave.isEmpty())
        QTimer::singleShot(0, this, [this, autosave]() {
            Autosaves::offerRestore(this, autosave, [this](const QString &path) { openCheckpoint(path); });
        });
}

MainWindow::~MainWindow()
{
    m_session->shutdown();
}

QDockWidget *MainWindow::addPanel(QWidget *panel, const QString &title, const QString &objectName,
                                  Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName); // saveState() finds docks by name
    dock->setWidget(panel);
    addDockWidget(area, dock);
    m_docks.append(dock);
    return dock;
}

void MainWindow::createPanels()
{
    m_training = new TrainingPanel;
    m_elbo = new ElboPlotPanel;
    m_reconstructions = new ReconstructionPanel;
    m_sliders = new LatentSliderPanel;
    m_map = new LatentMapPanel;
    m_interpolation = new InterpolationPanel;
    m_health = new LatentHealthPanel;
    m_draw = new DrawPanel;
    m_classifier = new ClassifierPanel;
    m_runs = new RunHistoryPanel;
    m_runs->setShownAutosave([this] { return m_session->autosavePath(); });

    QDockWidget *training =
        addPanel(m_training, tr("Training"), QStringLiteral("trainingDock"), Qt::LeftDockWidgetArea);
    QDockWidget *health = addPanel(m_health, tr("Latent health"), QStringLiteral("healthDock"), Qt::LeftDockWidgetArea);
    QDockWidget *elbo = addPanel(m_elbo, tr("ELBO"), QStringLiteral("elboDock"), Qt::RightDockWidgetArea);
    QDockWidget *map = addPanel(m_map, tr("Latent map"), QStringLiteral("mapDock"), Qt::RightDockWidgetArea);
    QDockWidget *reconstructions = addPanel(m_reconstructions, tr("Reconstructions"),
                                            QStringLiteral("reconstructionDock"), Qt::RightDockWidgetArea);
    QDockWidget *sliders =
        addPanel(m_sliders, tr("Latent sliders"), QStringLiteral("sliderDock"), Qt::RightDockWidgetArea);
    QDockWidget *draw = addPanel(m_draw, tr("Draw to encode"), QStringLiteral("drawDock"), Qt::RightDockWidgetArea);
    QDockWidget *interpolation = addPanel(m_interpolation, tr("Interpolation and manifold"),
                                          QStringLiteral("interpolationDock"), Qt::RightDockWidgetArea);
    QDockWidget *classifier =
        addPanel(m_classifier, tr("Classifier"), QStringLiteral("classifierDock"), Qt::RightDockWidgetArea);
    QDockWidget *runs = addPanel(m_runs, tr("Runs"), QStringLiteral("runsDock"), Qt::RightDockWidgetArea);
    // Default layout: settings on the left, the plot above the map in the middle, the sliders on the right;
    // the rarer panels share tabs.
    splitDockWidget(training, health, Qt::Vertical);
    splitDockWidget(elbo, sliders, Qt::Horizontal);
    splitDockWidget(elbo, map, Qt::Vertical);
    splitDockWidget(map, reconstructions, Qt::Vertical);
    tabifyDockWidget(map, interpolation);
    tabifyDockWidget(interpolation, classifier);
    tabifyDockWidget(classifier, runs);
    splitDockWidget(sliders, draw, Qt::Vertical);
    map->raise();
    resizeDocks({training, elbo, sliders}, {330, 720, 360}, Qt::Horizontal);
    resizeDocks({elbo, map, reconstructions}, {300, 400, 150}, Qt::Vertical);
    resizeDocks({training, health}, {560, 260}, Qt::Vertical);
    // The sliders take most of the right column: with a class chooser and its analogies row, the even split left room
    // for four of eight sliders at 1366 × 768; the drawing canvas stays usable at a third of the column.
    resizeDocks({sliders, draw}, {470, 230}, Qt::Vertical);
}

void MainWindow::wireSession()
{
    wireTrainingPanel();
    wireData();
    wireRun();
    wireModel();
    wirePanels();
}

void MainWindow::wireTrainingPanel()
{
    connect(m_training, &TrainingPanel::datasetRequested, this,
            [this](const QString &name) { loadDataset(name, true); });
    connect(m_training, &TrainingPanel::openDatasetRequested, this, &MainWindow::openDatasetFolder);
    connect(m_training, &TrainingPanel::startRequested, this, &MainWindow::startTraining);
    connect(m_training, &TrainingPanel::pauseRequested, this, &MainWindow::togglePause);
    connect(m_training, &TrainingPanel::stopRequested, this, &MainWindow::stopTraining);
    connect(m_training, &TrainingPanel::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, kStatusTimeoutMs); });
}

void MainWindow::wireData()
{
    Session *s = m_session;
    connect(s, &Session::dataLoading, this, [this](const QString &name) {
        m_training->showDatasetStatus(tr("Loading %1…").arg(name));
        statusBar()->showMessage(tr("Loading %1…").arg(name));
    });
    connect(s, &Session::dataLoaded, this, [this](const QString &name) {
        const DataSplit &data = m_session->data();
        m_training->setDataset(name);
        QString info = tr("%1 training / %2 test images, %n class(es)", nullptr, data.train.classCount())
                           .arg(data.train.count())
                           .arg(data.test.count());
        // A folder of one's own images is reshaped on the way in; say so (an IDX folder of 28×28 digits is read as it
        // is: the sentence must hold for both), and what could not be read.
        // Short lines: the panel is 180 px wide and has a few lines to spare on a 768-pixel screen; the list of
        // skipped files goes in the tooltip.
        if (QFileInfo::exists(name))
            info += QLatin1Char('\n') + tr("Other sizes and colours: converted to 28×28 grayscale.");
        QString details;
        if (const QStringList &skipped = m_session->skippedFiles(); !skipped.isEmpty()) {
            info += QLatin1Char('\n') + tr("%n file(s) skipped (hover for the list).", nullptr, int(skipped.size()));
            constexpr int kListed = 30;
            details = tr("Files that could not be read:") + QLatin1Char('\n')
                + QStringList(skipped.mid(0, kListed)).join(QLatin1Char('\n'))
                + (skipped.size() > kListed ? QLatin1Char('\n') + tr("… and %1 more").arg(skipped.size() - kListed)
                                            : QString());
            statusBar()->showMessage(tr("Loaded %1; %n file(s) skipped.", nullptr, int(skipped.size())).arg(name),
                                     kStatusTimeoutMs);
        }
        m_training->setDatasetInfo(info, details);
        m_training->setTrainingData(data.train);
        m_sliders->setTestData(data.test);
        nameClasses();
        if (!m_session->history().isEmpty()) // a checkpoint opened before its data: its classes get their names now
            showConfusion(m_session->history().last());
        predictOpenedModel();
        m_interpolation->setTestData(data.test);
        if (QFileInfo::exists(name))
            m_recent->add(name);
        if (m_session->skippedFiles().isEmpty())
            statusBar()->showMessage(tr("Loaded %1.").arg(name), kStatusTimeoutMs);
        updateActions();
    });
    connect(s, &Session::dataFailed, this, [this](const QString &name, const QString &message) {
        // The session let the previous data go: no panel may go on showing it under the new name, nor the Dataset box
        // the old name.
        m_training->setDataset(name);
        m_training->setDatasetFailed(tr("Not loaded: %1").arg(message));
        m_training->setTrainingData({});
        m_sliders->setTestData({});
        m_interpolation->setTestData({});
        const QString why = tr("No images: %1 could not be loaded.").arg(name);
        m_map->clear(why);
        m_reconstructions->clear(why);
        statusBar()->showMessage(tr("Could not load %1.").arg(name), kStatusTimeoutMs);
        const auto &checkpoint = m_session->checkpoint();
        if (m_userRequestedLoad)
            showError(tr("Could not load the dataset %1:\n%2").arg(name, message));
        else if (checkpoint && checkpoint->config.dataset == name)
            showError(tr("The checkpoint's dataset %1 could not be loaded:\n%2\n\nIts model is open: the sliders "
                         "and sampling work. To see its latent map and reconstructions, or to continue its training, "
                         "open its data with File ▸ Open Dataset Folder.")
                          .arg(name, message));
        updateActions();
    });
}

void MainWindow::wireModel()
{
    Session *s = m_session;
    connect(s, &Session::reconstructions, m_reconstructions, &ReconstructionPanel::setSample);
    connect(s, &Session::modelChanged, this, [this]() {
        nameClasses();
        m_sliders->setModel(m_session->model(), m_session->klPerDim());
        m_draw->setModel(m_session->model());
        m_interpolation->setCurrentLatent(m_sliders->latent()); // "From sliders" works before a slider moves
        predictOpenedModel();
    });
    connect(s, &Session::epochModelChanged, this, [this]() {
        const DataSplit &data = m_session->data();
        m_map->refresh(m_session->epochSnapshot(), data.test, m_session->trainedClasses());
        m_interpolation->setModel(m_session->model(), m_session->klPerDim());
        m_interpolation->setManifoldClass(m_sliders->currentClass(), m_sliders->classChooser()->currentText());
        if (!m_session->isRunning())
            m_reconstructions->reconstruct(m_session->model(), data.test, qMax(0, m_session->history().size() - 1));
        updateActions();
    });
    connect(s, &Session::previousRun, this, [this](const QVector<EpochStats> &history, const QString &settings) {
        m_elbo->setReference(history, settings);
        setWindowTitle(tr("Latent Explorer")); // a new model: no longer the file or adapted model the title named
    });
    connect(s, &Session::historyReset, this, [this](const QVector<EpochStats> &history) {
        // Every run and checkpoint passes here first: the panels name the split its figures come from.
        m_elbo->setEvaluatedOnValidation(m_session->evaluatesOnValidation());
        m_classifier->setEvaluatedOnValidation(m_session->evaluatesOnValidation());
        m_elbo->setHistory(history);
        if (!history.isEmpty())
            m_elbo->clearReference(); // an opened model: the run before it is not its own
        if (history.isEmpty()) {
            // A run with a new model: until its first epoch ends these would show the old model.
            m_health->clear();
            clearClassifier();
            m_map->clear();
            m_reconstructions->clear();
            m_draw->forgetModel();
            // The old point means nothing in the new model's latent space (a new user saw the analogies row of a
            // plain model's point decoded by a semi-supervised one, nine blobs until Reset).
            m_sliders->reset();
        } else {
            m_health->setSummary(history.last().test, history.last().epoch);
            showConfusion(history.last());
        }
    });
    connect(s, &Session::checkpointRestored, this, [this](const Checkpoint &checkpoint) {
        m_training->resetProgress();
        m_training->setConfig(checkpoint.config);
        m_training->setCheckpointAvailable(true, checkpoint.epochsDone(), checkpoint.config);
    });
}

void MainWindow::nameClasses()
{
    const QStringList names = m_session->classNames(m_session->model().classCount());
    // A model adapted without labels keeps its source's classes: the panels say whose they are.
    const QString origin = m_session->keepsSourceClasses()
        ? QFileInfo(m_session->checkpoint()->config.sourceDataset).fileName()
        : QString();
    m_sliders->setClassNames(names, origin);
    m_draw->setClassNames(names, origin, !m_session->trainedClasses().isEmpty());
}

void MainWindow::clearClassifier()
{
    if (!m_session->keepsSourceClasses())
        return m_classifier->clear();
    m_classifier->clear(
        tr("This model was adapted to %1 without its labels, from a semi-supervised model: its classes are still "
           "its source's (%2), so there are no labels here to score its classifier on. The Transfer wizard's "
           "semi-supervised strategy trains a classifier on %1's labels.")
            .arg(m_session->checkpoint()->config.dataset, m_session->sourceClassNames().join(QStringLiteral(", "))));
}

void MainWindow::showConfusion(const EpochStats &stats)
{
    const ConfusionMatrix &matrix = stats.test.confusion;
    if (matrix.isEmpty())
        return clearClassifier();
    m_classifier->setMeasuredOn(QFileInfo(m_session->modelTrainedOnOtherData()).fileName());
    m_classifier->setMatrix(matrix, m_session->classNames(matrix.classes), stats.epoch, stats.test.classifierAccuracy,
                            stats.test.graphAccuracy);
    // The images behind each cell: the test split the run evaluated (a validation split's images stay in the run).
    if (!m_session->evaluatesOnValidation())
        m_classifier->setExamples(m_session->data().test.subset(m_session->trainedClasses()), stats.test.predictions);
}

void MainWindow::predictOpenedModel()
{
    const InferenceModel &model = m_session->model();
    const QVector<EpochStats> &history = m_session->history();
    if (m_session->isRunning() || history.isEmpty() || !model.isValid() || m_session->evaluatesOnValidation()
        || !m_session->modelTrainedOnOtherData().isEmpty()) // other images than the matrix's
        return;
    const ElboSummary &last = history.last().test;
    if (!last.predictions.isEmpty() || last.confusion.isEmpty() || last.confusion.classes != model.classCount()
        || std::isfinite(last.graphAccuracy)) // the vote × q(y|x): q alone would not give this matrix
        return;
    const Dataset images = m_session->data().test.subset(m_session->trainedClasses());
    m_classifier->setExamples(images, model.predictedClasses(images));
}

void MainWindow::wirePanels()
{
    connect(m_map, &LatentMapPanel::projectionReady, this, [this]() {
        m_sliders->setActivity(m_map->projection().muVariance);
        m_health->setActivity(m_map->projection().muVariance);
    });
    connect(m_map, &LatentMapPanel::latentPicked, m_sliders, &LatentSliderPanel::setLatent);
    connect(m_sliders, &LatentSliderPanel::latentChanged, m_map, &LatentMapPanel::setCurrentLatent);
    connect(m_map, &LatentMapPanel::testImagePicked, m_sliders, &LatentSliderPanel::setTestIndex);
    connect(m_map, &LatentMapPanel::testImagePicked, m_interpolation, &InterpolationPanel::pushEndpoint);
    connect(m_interpolation, &InterpolationPanel::latentPicked, m_sliders, &LatentSliderPanel::setLatent);
    connect(m_sliders, &LatentSliderPanel::latentChanged, m_interpolation, &InterpolationPanel::setCurrentLatent);
    connect(m_sliders, &LatentSliderPanel::classChanged, m_interpolation, &InterpolationPanel::setManifoldClass);
    const auto showDrawing = [this](const QVector<float> &mean) {
        // A semi-supervised model decodes the drawing's μ under the class its classifier reads, as it encoded it.
        if (m_draw->likeliestClass() >= 0)
            m_sliders->setCurrentClass(m_draw->likeliestClass());
        if (!mean.isEmpty())
            m_sliders->setLatent(mean);
        m_map->showMarker(mean);
    };
    connect(m_draw, &DrawPanel::encoded, this, showDrawing);
    connect(m_runs, &RunHistoryPanel::openRequested, this, &MainWindow::openRecent);
    connect(m_runs, &RunHistoryPanel::compareRequested, this, &MainWindow::compareWithRun);
    connect(m_runs, &RunHistoryPanel::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, kStatusTimeoutMs); });
    connect(m_draw, &DrawPanel::reread, this,
            [this, showDrawing](const QVector<float> &mean, const QVector<float> &before) {
                // Sliders that showed the drawing (or nothing of it yet, or a latent of another size) follow its new
                // reading, as after a stroke; sliders moved since then stay where the person put them.
                if (before.size() != mean.size() || m_sliders->latent() == before)
                    showDrawing(mean);
                else
                    m_map->showMarker(mean);
            });
}

void MainWindow::startTraining()
{
    const TrainConfig config = m_training->config();
    const bool resume = m_training->continueFromCheckpoint() && m_session->checkpoint();
    // When continuing, Epochs counts the epochs still to train; the progress shows the whole run.
    m_runEpochs = config.epochs + (resume ? m_session->checkpoint()->epochsDone() : 0);
    saveSettings(); // kept now, not only on closing: a window that is killed still brings its last run back
    m_session->start(config, resume);
}

void MainWindow::togglePause()
{
    m_session->togglePause();
}

void MainWindow::stopTraining()
{
    m_session->stop();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    const auto wizards = findChildren<TransferWizard *>();
    const bool transferRuns =
        std::any_of(wizards.cbegin(), wizards.cend(), [](const TransferWizard *w) { return w->isRunning(); });
    if (!m_closing && transferRuns && !CloseGuard::confirmStopRun(this)) {
        event->ignore();
        return;
    }
    bool discarded = false;
    if (!m_closing && m_session->hasUnsavedModel()) {
        // A run waits for the answer instead of going on behind the question (and Cancel lets it go on).
        const bool training = m_session->isRunning();
        const bool pausedHere = training && !m_session->isPaused();
        if (pausedHere)
            m_session->togglePause();
        const CloseGuard::Answer answer = CloseGuard::confirm(
            this, [this]() { return saveCheckpointInteractively(); }, training);
        if (answer == CloseGuard::Answer::Cancelled) {
            if (pausedHere && m_session->isPaused())
                m_session->togglePause();
            event->ignore();
            return;
        }
        discarded = answer == CloseGuard::Answer::Discarded;
    }
    m_closing = true;
    saveSettings();
    // Joins the training thread: the run ends after its current batch, the autosave stays intact.
    m_session->shutdown();
    if (discarded) // not offered again at the next start: the user said so
        Autosaves::noteDiscarded();
    event->accept();
}

void MainWindow::showError(const QString &message)
{
    if (m_closing)
        return;
    statusBar()->showMessage(message, kStatusTimeoutMs);
    // Window-modal and asynchronous: the event loop (and the training) keeps running behind it.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Latent Explorer"), message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::updateActions()
{
    const bool running = m_session->isRunning();
    m_startAction->setEnabled(!running);
    m_pauseAction->setEnabled(running);
    m_pauseAction->setText(m_session->isPaused() ? tr("&Resume") : tr("&Pause"));
    m_stopAction->setEnabled(running);
    m_saveCheckpointAction->setEnabled(m_session->hasCheckpoint());
    // A file's title marks its model changed since it was opened or saved ("tiny.ckpt* — …" while continued).
    if (windowTitle().contains(QLatin1String("[*]")))
        setWindowModified(m_session->hasUnsavedModel());
}
