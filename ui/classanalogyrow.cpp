#include "classanalogyrow.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace {

constexpr int kMinCell = 20; ///< below this a digit is no longer readable
constexpr int kMaxCell = 56; ///< beyond this the row only takes room from the sliders
constexpr int kGap = 2;

} // namespace

ClassAnalogyRow::ClassAnalogyRow(QWidget *parent)
    : QWidget(parent)
{
    QSizePolicy policy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    setCursor(Qt::PointingHandCursor);
}

void ClassAnalogyRow::setImages(const QVector<QImage> &images)
{
    const bool countChanged = images.size() != m_images.size();
    m_images = images;
    if (countChanged)
        updateGeometry();
    update();
}

void ClassAnalogyRow::setNames(const QStringList &names)
{
    m_names = names;
}

void ClassAnalogyRow::setCurrent(int index)
{
    m_current = index;
    update();
}

QRect ClassAnalogyRow::cellRect(int index) const
{
    const int count = int(m_images.size());
    if (index < 0 || index >= count)
        return {};
    // Square cells as large as the width allows (up to kMaxCell), the row centred.
    const int side = qBound(1, qMin((width() - kGap * (count - 1)) / count, height()), kMaxCell);
    const int total = side * count + kGap * (count - 1);
    const int left = (width() - total) / 2;
    return QRect(left + index * (side + kGap), (height() - side) / 2, side, side);
}

QSize ClassAnalogyRow::sizeHint() const
{
    const int count = qMax<int>(1, int(m_images.size()));
    return {count * 40 + kGap * (count - 1), 40};
}

QSize ClassAnalogyRow::minimumSizeHint() const
{
    const int count = qMax<int>(1, int(m_images.size()));
    return {count * kMinCell + kGap * (count - 1), kMinCell};
}

int ClassAnalogyRow::heightForWidth(int width) const
{
    const int count = qMax<int>(1, int(m_images.size()));
    return qBound(kMinCell, (width - kGap * (count - 1)) / count, kMaxCell);
}

void ClassAnalogyRow::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false); // crisp pixels, as in ImageView
    for (int i = 0; i < m_images.size(); ++i) {
        const QRect cell = cellRect(i);
        painter.drawImage(cell, m_images[i]);
        if (i == m_current) {
            painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(cell.adjusted(1, 1, -1, -1));
        }
    }
}

void ClassAnalogyRow::mousePressEvent(QMouseEvent *event)
{
    const int index = indexAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton && index >= 0)
        Q_EMIT classClicked(index);
    QWidget::mousePressEvent(event);
}

bool ClassAnalogyRow::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int index = indexAt(help->pos());
        if (index < 0) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        const QString name = index < m_names.size() ? m_names[index] : QString::number(index);
        QToolTip::showText(help->globalPos(), tr("The sliders' z decoded as class %1; click to choose it").arg(name),
                           this, cellRect(index));
        return true;
    }
    return QWidget::event(event);
}

int ClassAnalogyRow::indexAt(const QPoint &pos) const
{
    for (int i = 0; i < m_images.size(); ++i)
        if (cellRect(i).contains(pos))
            return i;
    return -1;
}
