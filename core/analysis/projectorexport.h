#pragma once

#include "util/result.h"

#include <QImage>
#include <QString>
#include <QStringList>
#include <QVector>

/// What TensorBoard's Embedding Projector loads, written into one folder: tensors.tsv (one row of μ per
/// image), metadata.tsv (a header, then label and class name per image), sprite.png (the images in a square
/// grid) and projector_config.pbtxt. Shared by `latent-explorer encode` and the latent map panel.
namespace ProjectorExport {

/// The file names written, in the order they are written.
QStringList fileNames();

/// Writes the four files into the existing folder `dir`. `labels` is empty when the data has none (else one
/// per row); `classNames[label]` names a label where present. All images must be one size.
Status write(const QString &dir, const QVector<QVector<float>> &mus, const QVector<int> &labels,
             const QStringList &classNames, const QVector<QImage> &images);

} // namespace ProjectorExport
