#pragma once

#include "data/dataset.h"
#include "model/inferencemodel.h"
#include "util/result.h"

#include <QWidget>

class ImageView;
class QGroupBox;
class QSpinBox;

/// A strip decoded along the straight line between two test images' μ, and a manifold grid over the
/// two dims with the highest KL (the others held at 0). Both export as PNG.
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
    /// Decodes the manifold first if a model arrived while the panel was hidden.
    QImage manifoldImage();
    /// The two latent dims the manifold spans.
    QPair<int, int> manifoldDims() const { return m_manifoldDims; }
    Status exportStrip(const QString &path) const;
    Status exportManifold(const QString &path);

public Q_SLOTS:
    void updateStrip();
    void updateManifold();
    void exportStripInteractively();
    void exportManifoldInteractively();

protected:
    void showEvent(QShowEvent *event) override;

private:
    QGroupBox *buildStripBox();
    QGroupBox *buildManifoldBox();
    void refreshManifoldIfStale();

    InferenceModel m_model;
    bool m_manifoldStale = false;
    QVector<double> m_kl;
    Dataset m_test;
    QSpinBox *m_from = nullptr;
    QSpinBox *m_to = nullptr;
    QSpinBox *m_steps = nullptr;
    QSpinBox *m_gridSize = nullptr;
    ImageView *m_strip = nullptr;
    ImageView *m_manifold = nullptr;
    QPair<int, int> m_manifoldDims{0, 1};
};
