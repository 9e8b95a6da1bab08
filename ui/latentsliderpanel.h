#pragma once

#include "data/dataset.h"
#include "model/inferencemodel.h"

#include <QVector>
#include <QWidget>

#include <random>

class ImageView;
class QLabel;
class QSlider;
class QSpinBox;
class QTimer;
class QVBoxLayout;

/// One slider per latent dimension (±3), most informative first; the decoded image follows the drag.
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

public Q_SLOTS:
    void sampleFromPrior();
    void reset();
    void encodeTestImage();

Q_SIGNALS:
    /// The user (or a caller) moved the latent point.
    void latentChanged(const QVector<float> &z);

private:
    struct Row
    {
        QWidget *widget = nullptr;
        QLabel *name = nullptr;
        QSlider *slider = nullptr;
        QLabel *value = nullptr;
    };

    void rebuildRows(int latentDim);
    void updateRows();
    void onSliderMoved(int dim, int ticks);
    void scheduleDecode();
    void decodeNow();

    InferenceModel m_model;
    QVector<double> m_kl;
    QVector<double> m_activity;
    Dataset m_test;
    QVector<float> m_z;
    QVector<Row> m_rows; ///< indexed by latent dim
    QVector<int> m_order;
    QWidget *m_rowsHost = nullptr;
    QVBoxLayout *m_rowsLayout = nullptr;
    ImageView *m_view = nullptr;
    QSpinBox *m_testIndex = nullptr;
    QTimer *m_decodeTimer = nullptr;
    std::mt19937 m_rng{std::random_device{}()};
};
