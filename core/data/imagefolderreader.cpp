#include "data/imagefolderreader.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QImageReader>

namespace ImageFolder {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ImageFolder", text);
}

// A decoded image larger than this (in pixels) is refused before decoding: it cannot be a digit.
constexpr qint64 kMaxSourcePixels = 4096LL * 4096LL;

bool isImageFile(const QString &fileName)
{
    static const QStringList suffixes = {QStringLiteral("png"), QStringLiteral("jpg"), QStringLiteral("jpeg"),
                                         QStringLiteral("bmp"), QStringLiteral("pgm"), QStringLiteral("gif")};
    return suffixes.contains(QFileInfo(fileName).suffix().toLower());
}

} // namespace

Result<Dataset> read(const QString &folder)
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
            if (size.isValid() && qint64(size.width()) * size.height() > kMaxSourcePixels) {
                skipped.append(classes[label] + QLatin1Char('/') + file);
                continue;
            }
            reader.setAllocationLimit(256);
            const QImage img = reader.read();
            if (img.isNull()) {
                skipped.append(classes[label] + QLatin1Char('/') + file);
                continue;
            }
            ds.pixels.append(imageToPixels(img, ds.rows, ds.cols));
            ds.labels.append(label);
        }
    }
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
