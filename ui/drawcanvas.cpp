#include "drawcanvas.h"

#include <QMouseEvent>
#include <QPainter>

namespace {

// About the stroke width of an MNIST digit once the canvas is scaled down to 28 px.
constexpr double kPenWidth = 22.0;
constexpr int kModelSize = 28;
constexpr int kInkBox = 20;

} // namespace

DrawCanvas::DrawCanvas(QWidget *parent)
    : QWidget(parent)
    , m_canvas(kCanvasSize, kCanvasSize, QImage::Format_Grayscale8)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    setMinimumSize(140, 140);
    setCursor(Qt::CrossCursor);
    clear();
}

QImage DrawCanvas::modelInput() const
{
    QImage out(kModelSize, kModelSize, QImage::Format_Grayscale8);
    out.fill(Qt::black);
    if (m_empty)
        return out;
    // MNIST's preparation: the ink's bounding box, fitted into 20×20 keeping its aspect, centred in 28×28.
    int left = kCanvasSize, top = kCanvasSize, right = -1, bottom = -1;
    for (int y = 0; y < kCanvasSize; ++y) {
        const uchar *line = m_canvas.constScanLine(y);
        for (int x = 0; x < kCanvasSize; ++x) {
            if (line[x] > 0) {
                left = qMin(left, x);
                right = qMax(right, x);
                top = qMin(top, y);
                bottom = qMax(bottom, y);
            }
        }
    }
    if (right < 0)
        return out;
    const QImage ink = m_canvas.copy(QRect(QPoint(left, top), QPoint(right, bottom)));
    const QImage fitted = ink.scaled(kInkBox, kInkBox, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    QPainter painter(&out);
    painter.drawImage(QPoint((kModelSize - fitted.width()) / 2, (kModelSize - fitted.height()) / 2), fitted);
    return out;
}

void DrawCanvas::clear()
{
    m_canvas.fill(Qt::black);
    m_empty = true;
    update();
}

void DrawCanvas::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    const int side = qMin(width(), height());
    painter.fillRect(rect(), palette().color(QPalette::Window));
    painter.drawImage(QRect((width() - side) / 2, (height() - side) / 2, side, side), m_canvas);
}

void DrawCanvas::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    // Our own flag, not event->buttons(): synthetic moves (tests, tablets) may not carry the button state.
    m_drawing = true;
    m_last = toCanvas(event->position());
    drawTo(event->position());
}

void DrawCanvas::mouseMoveEvent(QMouseEvent *event)
{
    if (m_drawing)
        drawTo(event->position());
}

void DrawCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_drawing)
        return;
    drawTo(event->position());
    m_drawing = false;
    Q_EMIT strokeFinished();
}

QPointF DrawCanvas::toCanvas(QPointF widgetPoint) const
{
    const int side = qMax(1, qMin(width(), height()));
    const QPointF origin((width() - side) / 2.0, (height() - side) / 2.0);
    return (widgetPoint - origin) * (double(kCanvasSize) / side);
}

void DrawCanvas::drawTo(QPointF widgetPoint)
{
    const QPointF point = toCanvas(widgetPoint);
    QPainter painter(&m_canvas);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(Qt::white, kPenWidth, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.drawLine(m_last, point);
    m_last = point;
    m_empty = false;
    update();
    Q_EMIT inkChanged();
}
