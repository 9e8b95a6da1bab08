// libFuzzer target: the image-folder reader. The first byte picks the file's suffix, the rest is the file, written
// as the only image of a one-class folder.

#include "data/imagefolderreader.h"
#include "fuzzsupport.h"

#include <QDir>

#include <iterator>

namespace {
const char *const kSuffixes[] = {"png", "jpg", "bmp", "pgm", "gif", "jpeg"};
}

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    QDir(FuzzSupport::scratch().path()).mkpath(QStringLiteral("folder/digit"));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const QDir classDir(QDir(FuzzSupport::scratch().path()).filePath(QStringLiteral("folder/digit")));
    for (const QString &old : classDir.entryList(QDir::Files))
        QFile::remove(classDir.filePath(old));
    const QString name = QStringLiteral("image.") + QLatin1String(kSuffixes[data[0] % std::size(kSuffixes)]);
    FuzzSupport::writeFile(classDir.filePath(name), FuzzSupport::bytes(data + 1, size - 1));

    auto read = ImageFolder::read(QDir(FuzzSupport::scratch().path()).filePath(QStringLiteral("folder")));
    if (read.ok()) {
        const Dataset &ds = read.value();
        if (ds.count() != 1 || ds.rows != 28 || ds.cols != 28 || ds.labels.size() != 1 || ds.classNames.size() != 1)
            __builtin_trap(); // one image in one class must give exactly one 28×28 labelled sample
    }
    return 0;
}
