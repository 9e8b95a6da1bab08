#include "analysis/imagetiles.h"

#include <QPainter>

namespace ImageTiles {

QImage grid(const QVector<QImage> &images, int columns, int gap, QColor background, int margin, QImage::Format format)
{
    if (images.isEmpty() || columns <= 0)
        return {};
    const QSize tile = images.first().size();
    const int rows = (int(images.size()) + columns - 1) / columns;
    const int usedColumns = qMin(columns, int(images.size()));
    QImage out(2 * margin + usedColumns * tile.width() + (usedColumns - 1) * gap,
               2 * margin + rows * tile.height() + (rows - 1) * gap, format);
    out.fill(background);
    QPainter painter(&out);
    for (int i = 0; i < images.size(); ++i) {
        const int r = i / columns;
        const int c = i % columns;
        painter.drawImage(QRect(QPoint(margin + c * (tile.width() + gap), margin + r * (tile.height() + gap)), tile),
                          images.at(i));
    }
    return out;
}

QVector<QImage> followersBelow(const QVector<QImage> &images, int heads)
{
    if (heads <= 0 || heads > images.size())
        return images;
    const int each = int(images.size() - heads) / heads;
    QVector<QImage> out = images.mid(0, heads);
    for (int row = 0; row < each; ++row)
        for (int head = 0; head < heads; ++head)
            out.append(images.at(heads + head * each + row));
    return out;
}

QImage scaledCrisp(const QImage &image, int factor)
{
    if (image.isNull() || factor <= 1)
        return image;
    return image.scaled(image.size() * factor, Qt::IgnoreAspectRatio, Qt::FastTransformation);
}

} // namespace ImageTiles
