#include "analysis/projectorexport.h"
#include "analysis/imagetiles.h"
#include "util/filewrite.h"

#include <QDir>
#include <algorithm>
#include <cmath>

namespace {

/// Writes `text` to DIR/name atomically, so a failed export never leaves half a file the projector would read.
Status writeText(const QDir &dir, const QString &name, const QString &text)
{
    return FileWrite::wholeOrNothing(dir.filePath(name), text.toUtf8());
}

/// A TSV field: tabs and newlines would break the columns the projector reads.
QString tsvField(QString text)
{
    return text.replace(QLatin1Char('\t'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' '));
}

QString tensorsText(const QVector<QVector<float>> &mus)
{
    QString tensors;
    for (const QVector<float> &mu : mus) {
        QStringList row;
        for (float v : mu)
            row << QString::number(double(v), 'g', 7);
        tensors += row.join(QLatin1Char('\t')) + QLatin1Char('\n');
    }
    return tensors;
}

QString metadataText(int rows, const QVector<int> &labels, const QStringList &classNames)
{
    QString metadata = QStringLiteral("label\tclass\n");
    for (int i = 0; i < rows; ++i) {
        const int label = i < labels.size() ? labels.at(i) : -1;
        const QString name = label >= 0 && label < classNames.size() ? classNames.at(label)
            : label >= 0                                             ? QString::number(label)
                                                                     : QString();
        metadata += QStringLiteral("%1\t%2\n").arg(label >= 0 ? QString::number(label) : QString(), tsvField(name));
    }
    return metadata;
}

} // namespace

QStringList ProjectorExport::fileNames()
{
    return {QStringLiteral("tensors.tsv"), QStringLiteral("metadata.tsv"), QStringLiteral("projector_config.pbtxt"),
            QStringLiteral("sprite.png")};
}

Status ProjectorExport::write(const QString &dirPath, const QVector<QVector<float>> &mus, const QVector<int> &labels,
                              const QStringList &classNames, const QVector<QImage> &images)
{
    const QDir dir(dirPath);
    const QSize tile = images.isEmpty() ? QSize(28, 28) : images.first().size();
    // The projector cuts the sprite into equal square tiles, row by row: no gaps, a square grid.
    const int columns = std::max(1, int(std::ceil(std::sqrt(double(images.size())))));
    // A square sprite (the grid has only the rows it needs): copy() fills what lies outside with black.
    const QImage sprite =
        ImageTiles::grid(images, columns, /*gap=*/0, Qt::black, /*margin=*/0, QImage::Format_Grayscale8)
            .copy(0, 0, columns * tile.width(), columns * tile.height());
    const QString config = QStringLiteral("embeddings {\n  tensor_path: \"tensors.tsv\"\n  metadata_path: "
                                          "\"metadata.tsv\"\n  sprite {\n    image_path: \"sprite.png\"\n"
                                          "    single_image_dim: %1\n    single_image_dim: %2\n  }\n}\n")
                               .arg(tile.width())
                               .arg(tile.height());
    const QStringList texts = {tensorsText(mus), metadataText(int(mus.size()), labels, classNames), config};
    for (int i = 0; i < texts.size(); ++i)
        if (Status s = writeText(dir, fileNames().at(i), texts.at(i)); !s)
            return s;
    if (!sprite.save(dir.filePath(QStringLiteral("sprite.png")), "PNG"))
        return Status::failure(QStringLiteral("could not write %1").arg(dir.filePath(QStringLiteral("sprite.png"))));
    return Status::success();
}
