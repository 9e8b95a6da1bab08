#pragma once

#include "analysis/latentprojection.h"
#include "data/dataset.h"
#include "training/trainstats.h"
#include "util/result.h"

#include <QWidget>

class BackgroundJobs;
class QCPGraph;
class QCustomPlot;
class QLabel;
class QMouseEvent;

/// μ of the test set in two dimensions (the latent itself when it is 2-D, else its PCA), one colour per
/// label (named by the dataset's classes where it has them). Hovering shows the image under the mouse; clicking
/// decodes that spot into the sliders. A star marks the drawing's encoding, a ringed cross the sliders' z.
class LatentMapPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LatentMapPanel)

public:
    static constexpr int kMaxPoints = 2000;

    explicit LatentMapPanel(QWidget *parent = nullptr);
    ~LatentMapPanel() override;

    /// Encodes the test set with `snapshot` on a background thread; projectionReady follows. `trainedClasses` are the
    /// labels the model was trained on (empty: all): the legend marks the others as unseen.
    void refresh(const ModelSnapshot &snapshot, const Dataset &test, const QVector<int> &trainedClasses = {});
    /// Shows an already computed projection (the background job ends here).
    void setProjection(const LatentProjection &projection, const Dataset &test);
    /// Marks a latent point (a drawing's encoding) on the map.
    void showMarker(const QVector<float> &z);
    /// The name shown for `label`: the dataset's class name where it has one, else the number.
    QString labelName(int label) const;
    /// The legend's entry for `label`: its name, marked when the model never saw that class in training.
    QString legendName(int label) const;
    /// What hovering point `pointIndex` of the projection says about it.
    QString pointDescription(int pointIndex) const;

    int pointCount() const { return int(m_projection.points.size()); }
    /// Labels that have at least one point on the map.
    int labelCount() const;
    bool isBusy() const { return m_requested != m_shown; }
    bool hasMarker() const;
    QPointF markerPosition() const;
    bool hasCurrentMarker() const;
    QPointF currentMarkerPosition() const;
    const LatentProjection &projection() const { return m_projection; }
    /// The latent vector under a plot coordinate (inverse PCA).
    QVector<float> latentAt(QPointF coordinates) const;
    Status exportPng(const QString &path);

public Q_SLOTS:
    /// Forgets the map, its markers and any projection still being computed (a run with a new model starts, or the
    /// data went); `why` replaces the caption's hint.
    void clear(const QString &why = {});
    /// Follows the sliders: marks the latent point they decode.
    void setCurrentLatent(const QVector<float> &z);
    /// Writes TensorBoard's Embedding Projector files for the points on the map into `dir` (the action asks
    /// for the folder, then calls this); says whether it worked in a message box unless `quiet`.
    Status exportForProjector(const QString &dir, bool quiet = false);

Q_SIGNALS:
    void projectionReady();
    /// A click on an empty spot or on a point: decode this latent vector.
    void latentPicked(const QVector<float> &z);
    /// A click on a test image's point (for interpolation endpoints).
    void testImagePicked(int testIndex);

protected:
    /// The hover popup goes when the pointer leaves the map or the map is hidden (a jump to another tab left it
    /// over the manifold).
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showProjection(const LatentProjection &projection, const Dataset &test, int request);
    void onMouseMove(QMouseEvent *event);
    void onMousePress(QMouseEvent *event);
    void onMouseRelease(QMouseEvent *event);
    /// Index into the projection of the point nearest `pixel`, or -1 beyond a few pixels.
    int pointNear(QPointF pixel) const;
    void updateCaption();
    void chooseProjectorFolder();
    void buildHoverPopup();
    void addMarkerGraphs();
    /// Puts `graph`'s single point at `z`'s projection (or hides it); false when `z` does not fit the map.
    bool placeMarker(QCPGraph *graph, const QVector<float> &z);

    QCustomPlot *m_plot = nullptr;
    QLabel *m_caption = nullptr;
    QWidget *m_hoverPopup = nullptr;
    QLabel *m_hoverImage = nullptr;
    QLabel *m_hoverText = nullptr;
    QCPGraph *m_marker = nullptr;
    QCPGraph *m_current = nullptr; ///< the sliders' z
    QVector<QCPGraph *> m_classGraphs;
    BackgroundJobs *m_jobs = nullptr;
    LatentProjection m_projection;
    Dataset m_test;
    QVector<int> m_trainedClasses; ///< of the model whose map is computed (empty: all)
    QVector<float> m_markerLatent;
    QVector<float> m_currentLatent;
    QPoint m_pressPosition;
    int m_requested = 0; ///< the newest refresh() (or clear())
    int m_shown = 0;     ///< the request whose projection is drawn
};
