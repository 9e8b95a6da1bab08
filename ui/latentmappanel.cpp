#include "latentmappanel.h"

#include "backgroundjobs.h"
#include "plotinclude.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QVBoxLayout>

namespace {

constexpr double kPickRadiusPixels = 6.0;
constexpr int kHoverScale = 3;

QColor labelColor(int label)
{
    static const QColor tab10[] = {
        QColor(31, 119, 180), QColor(255, 127, 14),  QColor(44, 160, 44),   QColor(214, 39, 40),  QColor(148, 103, 189),
        QColor(140, 86, 75),  QColor(227, 119, 194), QColor(127, 127, 127), QColor(188, 189, 34), QColor(23, 190, 207)};
    if (label >= 0 && label < 10)
        return tab10[label];
    return QColor::fromHsv((label * 137) % 360, 200, 200);
}

} // namespace

namespace {

/// A 4 px antialiased disc, rendered once: QCustomPlot then blits it per point, ~8x faster than drawing
/// thousands of antialiased ellipses (a map replot took 8-9 ms of the GUI thread at every epoch).
QPixmap discPixmap(const QColor &color)
{
    const qreal dpr = qApp->devicePixelRatio();
    QPixmap pixmap(QSize(6, 6) * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawEllipse(QRectF(1, 1, 4, 4));
    return pixmap;
}

} // namespace

LatentMapPanel::LatentMapPanel(QWidget *parent)
    : QWidget(parent)
    , m_jobs(new BackgroundJobs(this))
{
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("mapPlot"));
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->setNoAntialiasingOnDrag(true);
    m_plot->legend->setVisible(false); // shown once there is something to explain
    QFont legendFont = font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.8);
    m_plot->legend->setFont(legendFont);
    m_plot->legend->setBrush(QColor(255, 255, 255, 200));
    m_plot->legend->setRowSpacing(-3);
    // Beside the axes, not inside: ten class names over the map hid a tenth of its points.
    // Its column holds the legend at the top and an empty element below, so the legend keeps its own height.
    auto *side = new QCPLayoutGrid;
    m_plot->plotLayout()->addElement(0, 1, side);
    m_plot->plotLayout()->setColumnStretchFactor(1, 0.001);
    m_plot->axisRect()->insetLayout()->take(m_plot->legend);
    side->addElement(0, 0, m_plot->legend);
    side->addElement(1, 0, new QCPLayoutElement(m_plot));
    side->setRowStretchFactor(0, 0.001);
    side->setMargins(QMargins(0, 6, 4, 0));
    m_plot->setMinimumHeight(180);
    m_plot->setMouseTracking(true);
    connect(m_plot, &QCustomPlot::mouseMove, this, &LatentMapPanel::onMouseMove);
    m_plot->installEventFilter(this);
    connect(m_plot, &QCustomPlot::mousePress, this, &LatentMapPanel::onMousePress);
    connect(m_plot, &QCustomPlot::mouseRelease, this, &LatentMapPanel::onMouseRelease);

    m_caption = new QLabel(tr("The map appears after the first epoch."), this);
    m_caption->setObjectName(QStringLiteral("mapCaption"));
    m_caption->setWordWrap(true);
    buildHoverPopup();

    // On the map's context menu: the map itself is where one looks for "these points, elsewhere".
    auto *projector = new QAction(tr("Export for Projector…"), this);
    projector->setObjectName(QStringLiteral("exportProjectorAction"));
    connect(projector, &QAction::triggered, this, &LatentMapPanel::chooseProjectorFolder);
    addAction(projector);
    setContextMenuPolicy(Qt::ActionsContextMenu);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_caption);
    clear();
}

LatentMapPanel::~LatentMapPanel() = default;

void LatentMapPanel::buildHoverPopup()
{
    // The image and what it is, together: a tooltip on the popup itself would need a second hover to be read.
    auto *popup = new QFrame(this, Qt::ToolTip);
    popup->setFrameShape(QFrame::Box);
    m_hoverImage = new QLabel(popup);
    m_hoverImage->setAlignment(Qt::AlignCenter);
    m_hoverText = new QLabel(popup);
    m_hoverText->setAlignment(Qt::AlignCenter);
    auto *layout = new QVBoxLayout(popup);
    layout->setContentsMargins(3, 3, 3, 3);
    layout->setSpacing(2);
    layout->addWidget(m_hoverImage);
    layout->addWidget(m_hoverText);
    m_hoverPopup = popup;
}

void LatentMapPanel::refresh(const ModelSnapshot &snapshot, const Dataset &test, const QVector<int> &trainedClasses)
{
    if (!snapshot.isValid() || test.count() == 0)
        return;
    m_trainedClasses = trainedClasses;
    const int request = ++m_requested;
    m_jobs->run<LatentProjection>(
        [snapshot, test]() { return LatentProjection::compute(snapshot, test, kMaxPoints); },
        [this, request, test](const LatentProjection &projection) {
            // A result older than the map shown (or from before clear()) is dropped. One overtaken by a newer
            // request is still drawn: when a projection takes longer than an epoch, waiting for the newest would
            // leave the map empty for the whole run.
            if (request <= m_shown)
                return;
            showProjection(projection, test, request);
        });
}

void LatentMapPanel::setProjection(const LatentProjection &projection, const Dataset &test)
{
    showProjection(projection, test, m_requested);
}

void LatentMapPanel::showProjection(const LatentProjection &projection, const Dataset &test, int request)
{
    m_shown = request;
    m_test = test;
    if (!projection.isValid()) {
        m_caption->setText(tr("The map could not be computed: %1").arg(projection.error));
        return;
    }
    m_projection = projection;
    m_plot->clearGraphs();
    m_classGraphs.clear();
    const bool labelled = projection.labels.size() == projection.points.size();
    int classes = 1;
    if (labelled)
        for (int label : projection.labels)
            classes = qMax(classes, label + 1);
    for (int c = 0; c < classes; ++c) {
        QCPGraph *graph = m_plot->addGraph();
        graph->setLineStyle(QCPGraph::lsNone);
        const QColor color = labelled ? labelColor(c) : QColor(31, 119, 180);
        graph->setScatterStyle(QCPScatterStyle(discPixmap(color)));
        graph->setName(labelled ? legendName(c) : tr("test images"));
        m_classGraphs.append(graph);
    }
    QVector<QVector<double>> xs(classes), ys(classes);
    for (int i = 0; i < projection.points.size(); ++i) {
        const int c = labelled ? qBound(0, projection.labels[i], classes - 1) : 0;
        xs[c].append(projection.points[i].x());
        ys[c].append(projection.points[i].y());
    }
    for (int c = 0; c < classes; ++c) {
        m_classGraphs[c]->setData(xs[c], ys[c]);
        if (xs[c].isEmpty())
            m_classGraphs[c]->removeFromLegend();
    }
    m_plot->rescaleAxes();
    m_plot->xAxis->scaleRange(1.1);
    m_plot->yAxis->scaleRange(1.1);
    addMarkerGraphs();
    placeMarker(m_current, m_currentLatent);
    placeMarker(m_marker, m_markerLatent);
    updateCaption();
    m_plot->legend->setVisible(m_plot->legend->itemCount() > 0);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    Q_EMIT projectionReady();
}

void LatentMapPanel::addMarkerGraphs()
{
    m_current = m_plot->addGraph();
    m_current->setLineStyle(QCPGraph::lsNone);
    m_current->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCrossCircle, QPen(QColor(200, 0, 0), 2), Qt::NoBrush, 14));
    m_current->setName(tr("sliders"));
    m_current->removeFromLegend();
    m_marker = m_plot->addGraph();
    m_marker->setLineStyle(QCPGraph::lsNone);
    m_marker->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssStar, QPen(Qt::black, 2.5), QBrush(Qt::yellow), 16));
    m_marker->setName(tr("your drawing"));
    m_marker->removeFromLegend();
}

void LatentMapPanel::clear(const QString &why)
{
    // A projection of the old model still being computed must not be drawn when it finishes.
    m_shown = ++m_requested;
    m_projection = LatentProjection();
    m_plot->clearGraphs();
    m_classGraphs.clear();
    m_marker = nullptr;
    m_current = nullptr;
    m_markerLatent.clear(); // the drawing's encoding belonged to the old model
    m_hoverPopup->hide();
    m_caption->setText(why.isEmpty() ? tr("The map appears after the first epoch.") : why);
    m_plot->legend->setVisible(false);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool LatentMapPanel::placeMarker(QCPGraph *graph, const QVector<float> &z)
{
    if (!graph)
        return false;
    graph->data()->clear();
    const bool fits = m_projection.isValid() && z.size() == m_projection.latentDim;
    if (fits) {
        const QPointF p = m_projection.pca.project(z);
        graph->addData(p.x(), p.y());
        if (!m_plot->legend->hasItemWithPlottable(graph))
            graph->addToLegend();
    } else {
        graph->removeFromLegend();
    }
    m_plot->legend->setVisible(m_plot->legend->itemCount() > 0);
    return fits;
}

void LatentMapPanel::showMarker(const QVector<float> &z)
{
    m_markerLatent = z;
    if (placeMarker(m_marker, z))
        m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void LatentMapPanel::setCurrentLatent(const QVector<float> &z)
{
    m_currentLatent = z;
    if (placeMarker(m_current, z))
        m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString LatentMapPanel::legendName(int label) const
{
    // A few-shot base's held-out classes: where a model puts what it never saw is worth seeing.
    if (!m_trainedClasses.isEmpty() && !m_trainedClasses.contains(label))
        return tr("%1 (unseen)").arg(labelName(label));
    return labelName(label);
}

QString LatentMapPanel::labelName(int label) const
{
    return m_test.labelName(label);
}

QString LatentMapPanel::pointDescription(int pointIndex) const
{
    if (pointIndex < 0 || pointIndex >= m_projection.indices.size())
        return {};
    const int testIndex = m_projection.indices[pointIndex];
    if (m_projection.labels.size() != m_projection.indices.size())
        return tr("Test image %1").arg(testIndex);
    return tr("Test image %1: %2").arg(testIndex).arg(labelName(m_projection.labels[pointIndex]));
}

int LatentMapPanel::labelCount() const
{
    int n = 0;
    for (const QCPGraph *graph : m_classGraphs)
        n += graph->data()->isEmpty() ? 0 : 1;
    return n;
}

bool LatentMapPanel::hasMarker() const
{
    return m_marker && !m_marker->data()->isEmpty();
}

bool LatentMapPanel::hasCurrentMarker() const
{
    return m_current && !m_current->data()->isEmpty();
}

QPointF LatentMapPanel::currentMarkerPosition() const
{
    if (!hasCurrentMarker())
        return {};
    const auto it = m_current->data()->constBegin();
    return {it->key, it->value};
}

QPointF LatentMapPanel::markerPosition() const
{
    if (!hasMarker())
        return {};
    const auto it = m_marker->data()->constBegin();
    return {it->key, it->value};
}

QVector<float> LatentMapPanel::latentAt(QPointF coordinates) const
{
    return m_projection.pca.isValid() ? m_projection.pca.inverse(coordinates) : QVector<float>();
}

bool LatentMapPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_plot && (event->type() == QEvent::Leave || event->type() == QEvent::Hide))
        m_hoverPopup->hide();
    return QWidget::eventFilter(watched, event);
}

void LatentMapPanel::onMouseMove(QMouseEvent *event)
{
    const int i = event->buttons() == Qt::NoButton ? pointNear(event->position()) : -1;
    if (i < 0) {
        m_hoverPopup->hide();
        return;
    }
    const int testIndex = m_projection.indices[i];
    const QImage image = m_test.image(testIndex);
    m_hoverImage->setPixmap(
        QPixmap::fromImage(image.scaled(image.size() * kHoverScale, Qt::IgnoreAspectRatio, Qt::FastTransformation)));
    m_hoverText->setText(pointDescription(i));
    m_hoverPopup->adjustSize();
    m_hoverPopup->move(event->globalPosition().toPoint() + QPoint(14, 14));
    m_hoverPopup->show();
}

void LatentMapPanel::onMousePress(QMouseEvent *event)
{
    m_pressPosition = event->position().toPoint();
}

void LatentMapPanel::onMouseRelease(QMouseEvent *event)
{
    // A drag pans the view; only a click (little movement) picks a point.
    if (event->button() != Qt::LeftButton || !m_projection.isValid()
        || (event->position().toPoint() - m_pressPosition).manhattanLength() > 4)
        return;
    const int i = pointNear(event->position());
    if (i >= 0) {
        Q_EMIT testImagePicked(m_projection.indices[i]);
        Q_EMIT latentPicked(m_projection.means.mid(qsizetype(i) * m_projection.latentDim, m_projection.latentDim));
        return;
    }
    const QPointF coordinates(m_plot->xAxis->pixelToCoord(event->position().x()),
                              m_plot->yAxis->pixelToCoord(event->position().y()));
    Q_EMIT latentPicked(latentAt(coordinates));
}

int LatentMapPanel::pointNear(QPointF pixel) const
{
    int best = -1;
    double bestDistance = kPickRadiusPixels * kPickRadiusPixels;
    for (int i = 0; i < m_projection.points.size(); ++i) {
        const QPointF p = m_projection.points[i];
        const double dx = m_plot->xAxis->coordToPixel(p.x()) - pixel.x();
        const double dy = m_plot->yAxis->coordToPixel(p.y()) - pixel.y();
        const double d = dx * dx + dy * dy;
        if (d < bestDistance) {
            bestDistance = d;
            best = i;
        }
    }
    return best;
}

void LatentMapPanel::updateCaption()
{
    const LatentProjection &p = m_projection;
    const bool identity = p.latentDim <= 2;
    m_plot->xAxis->setLabel(identity ? tr("μ₀") : tr("first principal component"));
    m_plot->yAxis->setLabel(identity ? (p.latentDim == 2 ? tr("μ₁") : tr("(unused)"))
                                     : tr("second principal component"));
    // The snapshot's epoch is 0-based; captions count from 1 like the other panels.
    QString text = identity ? tr("Epoch %1: μ of %2 test images. Hover for the image, click to decode.")
                                  .arg(p.epoch + 1)
                                  .arg(p.points.size())
                            : tr("Epoch %1: PCA of μ for %2 test images (%3 % + %4 % of the variance). "
                                 "Hover for the image, click to decode.")
                                  .arg(p.epoch + 1)
                                  .arg(p.points.size())
                                  .arg(p.pca.explainedVariance(0) * 100, 0, 'f', 0)
                                  .arg(p.pca.explainedVariance(1) * 100, 0, 'f', 0);
    if (p.styleGivenClass)
        text = tr("%1 This model keeps the class in y, so μ is style: classes that mix here mean style and class are "
                  "apart.")
                   .arg(text);
    m_caption->setText(text);
}
