// libFuzzer target: the IDX reader, from bytes (Idx::parse) and from a file (Idx::readFile, raw or gzip) as the
// dataset loader calls it (Idx::readImages).

#include "data/idxreader.h"
#include "fuzzsupport.h"

#include <QDir>

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    FuzzSupport::scratch();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = FuzzSupport::bytes(data, size);
    if (auto parsed = Idx::parse(input, QStringLiteral("fuzz")); parsed.ok()) {
        qint64 elements = 1;
        for (int d : parsed.value().dims)
            elements *= d;
        if (elements != parsed.value().data.size())
            __builtin_trap(); // parse accepted data that does not match its own header
    }

    // gzread reads raw and gzip files alike; the fuzzer finds the gzip magic from the seeds.
    const QString path = QDir(FuzzSupport::scratch().path()).filePath(QStringLiteral("images-idx3-ubyte"));
    FuzzSupport::writeFile(path, input);
    if (auto read = Idx::readFile(path); read.ok() && read.value().dims.isEmpty())
        __builtin_trap(); // an accepted file always has at least one dimension
    auto images = Idx::readImages(path, {});
    if (images.ok() && images.value().pixels.size() != qsizetype(images.value().count()) * 28 * 28)
        __builtin_trap();
    return 0;
}
