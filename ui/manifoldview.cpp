#include "manifoldview.h"

#include "imageview.h"

#include <QMouseEvent>
#include <QPainter>

#include <cmath>

namespace {

constexpr int kGap = 4; // between the grid and its tick labels
// The layout may squeeze the whole view (axes included) this far: no more than the ImageView it replaced, since
// the window must fit a 768-pixel screen with every panel docked (tst_mainwindow). It asks for kPreferredSide,
// where 12 × 12 digits are 28 px each, and gets most of it whenever the dock has room.
constexpr int kMinimumSide = 56;
constexpr int kPreferredSide = 12 * 28;

QString tickText(float value)
{
    return QString::number(value, 'f', 1);
}

} // namespace

ManifoldView::ManifoldView(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setCursor(Qt::PointingHandCursor);
    m_view = new ImageView(this);
    m_view->setMinimumScale(0);
    // Clicks land on this widget, which knows the cells.
    m_view->setAttribute(Qt::WA_TransparentForMouseEvents);
}

const QImage &ManifoldView::image() const
{
    return m_view->image();
}

void ManifoldView::setGrid(const QImage &image, int n, const QVector<float> &values, const QString &xName,
                           const QString &yName)
{
    m_view->setImage(image);
    m_n = n;
    m_values = values;
    m_xName = xName;
    m_yName = yName;
    m_view->setGeometry(image.isNull() ? rect() : gridRect());
    update();
}

void ManifoldView::clear()
{
    setGrid({}, 0, {}, {}, {});
}

void ManifoldView::setPlaceholder(const QString &text)
{
    m_view->setPlaceholder(text);
}

int ManifoldView::leftMargin() const
{
    // Room for the widest row label, e.g. "-1.6".
    return fontMetrics().horizontalAdvance(QStringLiteral("-0.00")) + kGap;
}

int ManifoldView::topMargin() const
{
    return fontMetrics().height() + kGap;
}

int ManifoldView::bottomMargin() const
{
    return fontMetrics().height() + kGap;
}

QRect ManifoldView::gridRect() const
{
    const QImage &image = m_view->image();
    if (image.isNull())
        return {};
    const QRect area = rect().adjusted(leftMargin(), topMargin(), -kGap, -bottomMargin());
    const double fit = qMin(double(area.width()) / image.width(), double(area.height()) / image.height());
    // Whole-number zoom keeps the digits' pixels square; below 1× a fractional fit still shows everything.
    const double scale = fit >= 1.0 ? std::floor(fit) : qMax(0.1, fit);
    const QSize shown(int(image.width() * scale), int(image.height() * scale));
    return {QPoint(area.left() + (area.width() - shown.width()) / 2, area.top()), shown};
}

QPoint ManifoldView::cellAt(const QPoint &pos) const
{
    const QRect grid = gridRect();
    if (m_n <= 0 || !grid.contains(pos))
        return {-1, -1};
    const int column = qBound(0, (pos.x() - grid.left()) * m_n / grid.width(), m_n - 1);
    const int row = qBound(0, (pos.y() - grid.top()) * m_n / grid.height(), m_n - 1);
    return {column, row};
}

QSize ManifoldView::sizeHint() const
{
    return {kPreferredSide + leftMargin(), kPreferredSide + topMargin() + bottomMargin()};
}

QSize ManifoldView::minimumSizeHint() const
{
    return {kMinimumSide, kMinimumSide};
}

void ManifoldView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Window));
    if (!m_view->image().isNull())
        drawAxes(painter, gridRect());
}

void ManifoldView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_view->setGeometry(m_view->image().isNull() ? rect() : gridRect());
}

void ManifoldView::drawAxes(QPainter &painter, const QRect &grid) const
{
    painter.setPen(palette().color(QPalette::WindowText));
    const QFontMetrics metrics = fontMetrics();
    const double cell = double(grid.width()) / m_n;
    // Label every k-th cell so neighbouring numbers never overlap.
    const int wide = metrics.horizontalAdvance(QStringLiteral("-0.0")) + kGap;
    const int stepX = qMax(1, int(std::ceil(wide / cell)));
    const int stepY = qMax(1, int(std::ceil((metrics.height() + 2) / cell)));
    for (int column = 0; column < m_n && column < m_values.size(); column += stepX) {
        const QRectF box(grid.left() + cell * column - cell, grid.bottom() + 2, 3 * cell, metrics.height());
        painter.drawText(box, Qt::AlignHCenter | Qt::AlignTop | Qt::TextDontClip, tickText(m_values[column]));
    }
    for (int row = 0; !m_yName.isEmpty() && row < m_n && row < m_values.size(); row += stepY) {
        const QRectF box(0, grid.top() + cell * row, grid.left() - kGap, cell);
        painter.drawText(box, Qt::AlignRight | Qt::AlignVCenter | Qt::TextDontClip, tickText(m_values[m_n - 1 - row]));
    }
    // Both axis names share the line above the grid, so the grid keeps the height: rows' on the left, columns'
    // on the right.
    const QRect names(0, grid.top() - metrics.height() - kGap, grid.right(), metrics.height());
    if (!m_yName.isEmpty())
        painter.drawText(names, Qt::AlignLeft, QStringLiteral("↑ ") + m_yName);
    painter.drawText(names, Qt::AlignRight, m_xName + QStringLiteral(" →"));
}

void ManifoldView::mouseReleaseEvent(QMouseEvent *event)
{
    const QPoint cell = cellAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton && cell.x() >= 0)
        Q_EMIT cellClicked(cell.y(), cell.x());
}
