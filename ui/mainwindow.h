#pragma once

#include <QMainWindow>

struct Checkpoint;
struct EpochStats;

class DrawPanel;
class ElboPlotPanel;
class InterpolationPanel;
class LatentHealthPanel;
class ClassifierPanel;
class RunHistoryPanel;
class LatentMapPanel;
class LatentSliderPanel;
class QAction;
class QActionGroup;
class QDockWidget;
class QMenu;
class RecentFiles;
class ReconstructionPanel;
class Session;
class TrainingPanel;

/// Assembles the panels as dock widgets, builds the menus and wires the session to the panels.
/// It holds no training or plotting logic of its own.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    /// With `restoreSession` false the window skips loading the remembered dataset (tests give their own).
    explicit MainWindow(bool restoreSession = true, QWidget *parent = nullptr);
    ~MainWindow() override;

    Session *session() const { return m_session; }
    TrainingPanel *trainingPanel() const { return m_training; }
    ElboPlotPanel *elboPlot() const { return m_elbo; }
    ReconstructionPanel *reconstructionPanel() const { return m_reconstructions; }
    LatentSliderPanel *sliderPanel() const { return m_sliders; }
    LatentMapPanel *mapPanel() const { return m_map; }
    InterpolationPanel *interpolationPanel() const { return m_interpolation; }
    LatentHealthPanel *healthPanel() const { return m_health; }
    ClassifierPanel *classifierPanel() const { return m_classifier; }
    DrawPanel *drawPanel() const { return m_draw; }

    /// Settings key of the language choice: "" (system), "en" or "zh_CN".
    static QString languageSettingsKey() { return QStringLiteral("language"); }

public Q_SLOTS:
    void startTraining();
    void togglePause();
    void stopTraining();
    bool openCheckpoint(const QString &path);
    bool saveCheckpoint(const QString &path);
    void openCheckpointInteractively();
    bool saveCheckpointInteractively();
    /// Opens a model handed over in memory (the transfer wizard's "Explore the adapted model") with its history;
    /// when that is impossible (training runs), offers to save it so it is not lost.
    bool exploreCheckpoint(const Checkpoint &checkpoint, const QString &name = QString());
    /// Draws the run saved at `path` beside this model's on the ELBO plot, if both measured the same images in the
    /// same units (the Runs panel's "Compare on the ELBO plot").
    void compareWithRun(const QString &path, const QString &name);
    /// Back to the designed arrangement of the panels, all of them shown.
    void resetLayout();
    void openDatasetFolder();
    void openDatasetFile();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    static constexpr int kStatusTimeoutMs = 6000; ///< how long status-bar messages stay
    QDockWidget *addPanel(QWidget *panel, const QString &title, const QString &objectName, Qt::DockWidgetArea area);
    void createPanels();
    void createMenus();
    void createFileMenu();
    void createExportMenu(QMenu *exportMenu);
    void createTrainingMenu();
    void createToolsMenu();
    void createViewMenu();
    void createLanguageMenu(QMenu *language);
    void createHelpMenu();
    void wireSession();
    void wireTrainingPanel();
    void wireData();
    void wireRun();
    void wireModel();
    void wirePanels();
    /// The classifier panel follows the latest evaluation (cleared for a model without a classifier).
    void showConfusion(const EpochStats &stats);
    /// Whether another model may take the unsaved one's place (asks Save / Discard / Cancel when there is one).
    bool mayReplaceModel(const QString &path = {});
    /// An opened model's matrix gets its images: a checkpoint keeps no predictions, so its classifier's are recomputed
    /// on the test split, and shown where they give the saved matrix (not with the label graph's vote).
    void predictOpenedModel();
    /// The classifier panel without a matrix, saying why (a model that keeps its source's classes, or none).
    void clearClassifier();
    /// The model's classes by name, for the sliders' class chooser and the drawing's reading.
    void nameClasses();
    void loadDataset(const QString &nameOrPath, bool userRequested);
    void openRecent(const QString &path);
    void exportImage(const QString &title, const QString &fileName, const std::function<bool(const QString &)> &save);
    void showError(const QString &message);
    void updateActions();
    void saveSettings() const;
    void restoreSettings();

    Session *m_session = nullptr;
    TrainingPanel *m_training = nullptr;
    ElboPlotPanel *m_elbo = nullptr;
    ReconstructionPanel *m_reconstructions = nullptr;
    LatentSliderPanel *m_sliders = nullptr;
    LatentMapPanel *m_map = nullptr;
    InterpolationPanel *m_interpolation = nullptr;
    LatentHealthPanel *m_health = nullptr;
    ClassifierPanel *m_classifier = nullptr;
    RunHistoryPanel *m_runs = nullptr;
    DrawPanel *m_draw = nullptr;
    QList<QDockWidget *> m_docks;
    QMenu *m_panelsMenu = nullptr;
    RecentFiles *m_recent = nullptr;
    QAction *m_startAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_saveCheckpointAction = nullptr;
    int m_runEpochs = 0;
    bool m_userRequestedLoad = false;
    bool m_closing = false;
    QByteArray m_defaultLayout; ///< saveState() of the designed layout, before the remembered one
};
