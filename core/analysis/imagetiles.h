#pragma once

#include <QColor>
#include <QImage>
#include <QVector>

namespace ImageTiles {

/// Lays equally sized images out in rows of `columns`, separated by `gap` pixels of `background`, with `margin`
/// pixels of it around the whole grid, in `format` (the panels show RGB32; the CLI writes grayscale PNGs).
QImage grid(const QVector<QImage> &images, int columns, int gap = 1, QColor background = QColor(60, 60, 60),
            int margin = 0, QImage::Format format = QImage::Format_RGB32);

/// `images` as `heads` leading images, then each head's followers in turn (head 0's, head 1's, …), put in the order
/// grid(…, heads) lays out as one column per head: the heads in the first row, each one's followers below it.
/// Followers that do not share out evenly are left out.
QVector<QImage> followersBelow(const QVector<QImage> &images, int heads);

/// Scales up by a whole factor with nearest-neighbour sampling (for exports that stay crisp).
QImage scaledCrisp(const QImage &image, int factor);

} // namespace ImageTiles
