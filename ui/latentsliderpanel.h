#pragma once

#include "data/dataset.h"
#include "model/inferencemodel.h"

#include <QStringList>
#include <QVector>
#include <QWidget>

#include <random>

class ClassAnalogyRow;
class ImageView;
class QComboBox;
class QLabel;
class QLayout;
class QPushButton;
class QScrollArea;
class QSlider;
class QSpinBox;
class QTimer;
class QVBoxLayout;

/// One slider per latent dimension (±3), most informative (highest KL) first; the decoded image follows the drag.
/// The rows keep their order while a slider is held or the pointer is over them, so a row never changes which
/// dimension it drives under the user's hand; a new order waits until they let go.
/// For the semi-supervised model, a class chooser picks the class the image is decoded under, and the analogies row
/// below it shows the same z under every class.
/// Decodes with the GUI's own InferenceModel, never the module being trained.
class LatentSliderPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LatentSliderPanel)

public:
    static constexpr double kRange = 3.0;
    static constexpr int kTicksPerUnit = 100;

    explicit LatentSliderPanel(QWidget *parent = nullptr);

    /// New weights; the KL of each dim orders the sliders.
    void setModel(const InferenceModel &model, const QVector<double> &klPerDim);
    /// Per-dim variance of μ over the test set (from the latent map); inactive dims are dimmed.
    void setActivity(const QVector<double> &muVariance);
    void setTestData(const Dataset &test);
    /// What a person calls each of the semi-supervised model's classes, in order (numbers where shorter); `origin`
    /// names the data they are from when it is not the data shown (a model adapted without labels keeps its source's).
    void setClassNames(const QStringList &names, const QString &origin = {});
    /// Moves every slider (values beyond ±3 are clipped on the slider but decoded as given).
    void setLatent(const QVector<float> &z);
    const QVector<float> &latent() const { return m_z; }
    QImage image() const;

    int sliderCount() const { return int(m_rows.size()); }
    /// The slider of latent dimension `dim`, wherever it is shown.
    QSlider *slider(int dim) const;
    /// Latent dims from top to bottom.
    QVector<int> displayOrder() const { return m_order; }
    bool isDimmed(int dim) const;
    ImageView *view() const { return m_view; }
    /// The test image last encoded, while the sliders still show its μ (else null).
    QImage encodedOriginal() const;
    /// The "#N" box: which test image Encode takes.
    int testIndex() const;
    /// True while a new KL order waits for the user to let go of the rows.
    bool hasPendingOrder() const { return !m_pendingOrder.isEmpty(); }
    /// The class the image is decoded under (semi-supervised model; else 0).
    int currentClass() const;
    void setCurrentClass(int index);
    /// The class chooser and the analogies row: shown for the semi-supervised model only.
    bool showsClasses() const;
    ClassAnalogyRow *analogyRow() const { return m_analogies; }
    QComboBox *classChooser() const { return m_classChooser; }

public Q_SLOTS:
    void sampleFromPrior();
    void reset();
    void encodeTestImage();
    /// Puts `index` in the "#N" box (a test image picked elsewhere, e.g. on the latent map).
    void setTestIndex(int index);

Q_SIGNALS:
    /// The user (or a caller) moved the latent point.
    void latentChanged(const QVector<float> &z);
    /// The class chooser's class changed (the semi-supervised model): its index and name.
    void classChanged(int index, const QString &name);

private:
    struct Row
    {
        QWidget *widget = nullptr;
        QLabel *name = nullptr;
        QSlider *slider = nullptr;
        QLabel *value = nullptr;
    };

    QLayout *buildButtons();
    QWidget *buildClassBox();
    void updateClassChoices();
    QString className(int index) const;
    void rebuildRows(int latentDim);
    void updateRows();
    void updateRowStyles();
    /// Whether rows may move now: never under a held slider or the pointer.
    bool orderIsHeld() const;
    void applyOrder(const QVector<int> &order);
    void applyPendingOrder();
    void updateButtons();
    bool eventFilter(QObject *watched, QEvent *event) override;
    void onSliderMoved(int dim, int ticks);
    void scheduleDecode();
    void decodeNow();

    InferenceModel m_model;
    QVector<double> m_kl;
    QVector<double> m_activity;
    Dataset m_test;
    QStringList m_classNames;
    QLabel *m_classLabel = nullptr;
    QVector<float> m_z;
    QVector<Row> m_rows; ///< indexed by latent dim
    QVector<int> m_order;
    QVector<int> m_pendingOrder; ///< a KL order that arrived while the rows were held
    QWidget *m_rowsHost = nullptr;
    QVBoxLayout *m_rowsLayout = nullptr;
    QScrollArea *m_scroll = nullptr;
    ImageView *m_view = nullptr;
    ImageView *m_original = nullptr; ///< the test image Encode took, beside its decoding
    QSpinBox *m_testIndex = nullptr;
    QPushButton *m_prior = nullptr;
    QPushButton *m_reset = nullptr;
    QPushButton *m_encode = nullptr;
    QWidget *m_classBox = nullptr; ///< the chooser and the analogies row
    QComboBox *m_classChooser = nullptr;
    ClassAnalogyRow *m_analogies = nullptr;
    QTimer *m_decodeTimer = nullptr;
    std::mt19937 m_rng{std::random_device{}()};
};
