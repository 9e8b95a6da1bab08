#pragma once

#include <QImage>
#include <QVector>

namespace ImageTiles {

/// Lays equally sized images out in rows of `columns`, separated by `gap` pixels of `background`.
QImage grid(const QVector<QImage> &images, int columns, int gap = 1, QColor background = QColor(60, 60, 60));

/// Scales up by a whole factor with nearest-neighbour sampling (for exports that stay crisp).
QImage scaledCrisp(const QImage &image, int factor);

} // namespace ImageTiles
