#pragma once

#include "data/dataset.h"
#include "model/inferencemodel.h"
#include "util/result.h"

#include <QWidget>

class ImageView;
class ManifoldView;
class QLayout;
class QLabel;
class QPushButton;
class QSpinBox;

/// A strip decoded along the straight line between two latent points (test images' μ, or any z such as the
/// sliders'), and a manifold grid over the two dims with the highest KL (the others held at 0) whose cells load
/// their z into the sliders. Both export as PNG.
class InterpolationPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InterpolationPanel)

public:
    explicit InterpolationPanel(QWidget *parent = nullptr);

    void setModel(const InferenceModel &model, const QVector<double> &klPerDim);
    void setTestData(const Dataset &test);
    /// Makes `testIndex` the new end of the strip; the old end becomes its start (clicks on the map).
    void pushEndpoint(int testIndex);

    QImage stripImage() const;
    /// The strip's test-image endpoints (from, to).
    QPair<int, int> endpoints() const;
    /// The label of end 0 or 1: "#N" for a test image, else the label given with its z.
    QString endpointLabel(int end) const;
    /// The z the manifold cell (row, column) decodes (empty without a model).
    QVector<float> manifoldLatent(int row, int column) const;
    ManifoldView *manifoldView() const { return m_manifold; }
    /// Decodes the manifold first if a model arrived while the panel was hidden.
    QImage manifoldImage();
    /// The two latent dims the manifold spans.
    QPair<int, int> manifoldDims() const { return m_manifoldDims; }
    Status exportStrip(const QString &path) const;
    Status exportManifold(const QString &path);
    /// The semi-supervised model's manifold decodes its grid under this class (the sliders' class chooser's); the
    /// uniform label mixed every class into one blur.
    void setManifoldClass(int index, const QString &name);
    int manifoldClass() const { return m_manifoldClass; }

public Q_SLOTS:
    /// End 0 (from) or 1 (to) becomes the latent point `z` (sliders, map point, drawing), shown as `label`, until
    /// a test index is picked for that end again.
    void setEndpointFromLatent(int end, const QVector<float> &z, const QString &label);
    /// The sliders' current z, which the "From sliders" buttons take.
    void setCurrentLatent(const QVector<float> &z);
    void updateStrip();
    void updateManifold();
    void exportStripInteractively();
    void exportManifoldInteractively();

Q_SIGNALS:
    /// A manifold cell was clicked: its full latent vector (load it into the sliders).
    void latentPicked(const QVector<float> &z);

protected:
    void showEvent(QShowEvent *event) override;

private:
    QWidget *buildStripBox();
    QWidget *buildManifoldBox();
    void refreshManifoldIfStale();
    QLayout *buildEndControls(int end);
    void clearLatentEnd(int end);
    void showEndLabels();
    /// z of end 0 or 1 (a given latent or the test image's μ); empty if neither is available.
    QVector<float> endLatent(int end) const;
    /// The semi-supervised model's label at an end: a test image's q(y|x), else uniform; empty for the plain VAE.
    QVector<float> endLabel(int end) const;

    InferenceModel m_model;
    bool m_manifoldStale = false;
    QVector<double> m_kl;
    Dataset m_test;
    QSpinBox *m_from = nullptr;
    QSpinBox *m_to = nullptr;
    QVector<float> m_current;      ///< the sliders' z
    QVector<float> m_endLatent[2]; ///< a latent end overrides its test index while set
    QString m_endLabel[2];
    QLabel *m_endShown[2] = {nullptr, nullptr};
    QPushButton *m_fromSliders[2] = {nullptr, nullptr}; ///< enabled once the sliders have reported a z
    QSpinBox *m_steps = nullptr;
    QSpinBox *m_gridSize = nullptr;
    ImageView *m_strip = nullptr;
    ManifoldView *m_manifold = nullptr;
    QPair<int, int> m_manifoldDims{0, 1};
    int m_manifoldClass = 0;
    QLabel *m_manifoldClassLabel = nullptr;
    QVector<float> m_gridValues; ///< the z value of each manifold column (and row, bottom to top)
};
