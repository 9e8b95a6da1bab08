#include "imageview.h"

#include <QPainter>

#include <cmath>

ImageView::ImageView(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void ImageView::setImage(const QImage &image)
{
    const bool sizeChanged = image.size() != m_image.size();
    m_image = image;
    if (sizeChanged)
        updateGeometry();
    update();
}

void ImageView::setPlaceholder(const QString &text)
{
    m_placeholder = text;
    update();
}

QSize ImageView::sizeHint() const
{
    if (m_image.isNull())
        return {160, 160};
    return m_image.size() * qMax(4, m_minimumScale);
}

QSize ImageView::minimumSizeHint() const
{
    if (m_image.isNull())
        return {56, 56};
    if (m_minimumScale <= 0) {
        const QSize side(kShrinkableSide, kShrinkableSide);
        return m_image.size().boundedTo(side) == m_image.size() ? m_image.size()
                                                                : m_image.size().scaled(side, Qt::KeepAspectRatio);
    }
    return m_image.size() * m_minimumScale;
}

void ImageView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Window));
    if (m_image.isNull()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    // The largest whole-number zoom in device pixels keeps every source pixel the same size on screen, at 125 % or
    // 150 % display scaling too; below 1× fall back to a fractional fit so the image never spills out of the widget.
    const double dpr = devicePixelRatioF();
    const double fit = qMin(width() * dpr / m_image.width(), height() * dpr / m_image.height());
    const double scale = fit >= 1.0 && m_wholeZoom ? std::floor(fit) : fit;
    const QSizeF shown(qMax(1.0, m_image.width() * scale), qMax(1.0, m_image.height() * scale)); // device pixels
    const QPointF corner(std::floor((width() * dpr - shown.width()) / 2),
                         std::floor((height() * dpr - shown.height()) / 2));
    const QRectF target(corner / dpr, shown / dpr);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, scale != std::floor(scale));
    painter.drawImage(target, m_image);
    Q_EMIT painted();
}
