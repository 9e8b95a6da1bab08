#include "data/imagefolderreader.h"

#include <QColor>
#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QImageReader>

#include <algorithm>

namespace ImageFolder {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ImageFolder", text);
}

// A decoded image larger than this (in pixels) is refused before decoding: it cannot be a digit.
constexpr qint64 kMaxSourcePixels = 4096LL * 4096LL;

/// Every format this Qt's image plugins read (.webp and .tif when their plugins are installed), by suffix.
bool isImageFile(const QString &fileName)
{
    static const QList<QByteArray> formats = QImageReader::supportedImageFormats();
    return formats.contains(QFileInfo(fileName).suffix().toLower().toLatin1());
}

/// Light strokes on a dark, square background, as the models read digits: transparency is composited onto white
/// (drawing tools export black strokes on nothing), a light background is inverted, and a non-square image is
/// padded with its background colour rather than stretched.
QImage asDigit(const QImage &source)
{
    QImage gray(source.size(), QImage::Format_Grayscale8);
    const QImage argb = source.convertToFormat(QImage::Format_ARGB32);
    for (int y = 0; y < argb.height(); ++y) {
        const auto *in = reinterpret_cast<const QRgb *>(argb.constScanLine(y));
        uchar *out = gray.scanLine(y);
        for (int x = 0; x < argb.width(); ++x) {
            const int alpha = qAlpha(in[x]);
            out[x] = uchar((qGray(in[x]) * alpha + 255 * (255 - alpha) + 127) / 255);
        }
    }
    qint64 border = 0, borderCount = 0;
    for (int x = 0; x < gray.width(); ++x, borderCount += 2)
        border += gray.constScanLine(0)[x] + gray.constScanLine(gray.height() - 1)[x];
    for (int y = 0; y < gray.height(); ++y, borderCount += 2)
        border += gray.constScanLine(y)[0] + gray.constScanLine(y)[gray.width() - 1];
    int background = borderCount > 0 ? int(border / borderCount) : 0;
    if (background > 127) {
        gray.invertPixels();
        background = 255 - background;
    }
    const int side = std::max(gray.width(), gray.height());
    if (gray.width() == gray.height())
        return gray;
    QImage square(side, side, QImage::Format_Grayscale8);
    square.fill(QColor(background, background, background));
    const int dx = (side - gray.width()) / 2, dy = (side - gray.height()) / 2;
    for (int y = 0; y < gray.height(); ++y)
        std::copy_n(gray.constScanLine(y), gray.width(), square.scanLine(y + dy) + dx);
    return square;
}

} // namespace

Result<Dataset> read(const QString &folder, QStringList *skippedFiles)
{
    QDir root(folder);
    if (!root.exists())
        return Result<Dataset>::failure(tr("The folder %1 does not exist.").arg(folder));
    const QStringList classes = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Readable, QDir::Name);
    if (classes.isEmpty())
        return Result<Dataset>::failure(
            tr("%1 has no subfolders. An image folder needs one subfolder per class, each holding images.")
                .arg(folder));
    if (classes.size() > 256)
        return Result<Dataset>::failure(
            tr("%1 has %2 subfolders; at most 256 classes are supported.").arg(folder).arg(classes.size()));

    Dataset ds;
    ds.name = QDir(folder).dirName();
    ds.classNames = classes;
    QStringList skipped;
    for (int label = 0; label < classes.size(); ++label) {
        QDir classDir(root.filePath(classes[label]));
        const QStringList files = classDir.entryList(QDir::Files | QDir::Readable, QDir::Name);
        for (const QString &file : files) {
            if (!isImageFile(file))
                continue;
            if (ds.count() >= kMaxImages)
                return Result<Dataset>::failure(tr("%1 holds more than %2 images.").arg(folder).arg(kMaxImages));
            QImageReader reader(classDir.filePath(file));
            const QSize size = reader.size();
            const QString shown = classes[label] + QLatin1Char('/') + file;
            if (size.isValid() && qint64(size.width()) * size.height() > kMaxSourcePixels) {
                skipped.append(tr("%1 (larger than 4096×4096)").arg(shown));
                continue;
            }
            reader.setAllocationLimit(256);
            const QImage img = reader.read();
            if (img.isNull()) {
                skipped.append(tr("%1 (%2)").arg(shown, reader.errorString()));
                continue;
            }
            ds.pixels.append(imageToPixels(asDigit(img), ds.rows, ds.cols));
            ds.labels.append(label);
        }
    }
    if (skippedFiles)
        *skippedFiles = skipped;
    if (ds.count() == 0) {
        QString message =
            tr("%1 contains no readable images (PNG, JPEG, BMP, PGM or GIF) in its class subfolders.").arg(folder);
        if (!skipped.isEmpty())
            message += QLatin1Char(' ') + tr("Unreadable: %1.").arg(skipped.mid(0, 5).join(QStringLiteral(", ")));
        return Result<Dataset>::failure(message);
    }
    return Result<Dataset>::success(std::move(ds));
}

Status write(const Dataset &dataset, const QString &folder)
{
    QDir root(folder);
    if (!root.mkpath(QStringLiteral(".")))
        return Status::failure(tr("Could not create the folder %1.").arg(folder));
    for (int i = 0; i < dataset.count(); ++i) {
        const int label = dataset.hasLabels() ? dataset.labels.at(i) : 0;
        const QString className =
            label < dataset.classNames.size() ? dataset.classNames.at(label) : QString::number(label);
        if (!root.mkpath(className))
            return Status::failure(tr("Could not create the folder %1.").arg(root.filePath(className)));
        const QString path = root.filePath(QStringLiteral("%1/%2.png").arg(className).arg(i, 6, 10, QLatin1Char('0')));
        if (!dataset.image(i).save(path, "PNG"))
            return Status::failure(tr("Could not write %1 (is the disk full or read-only?).").arg(path));
    }
    return Status::success();
}

} // namespace ImageFolder
