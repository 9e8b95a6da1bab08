#include "data/idxreader.h"
#include "util/filewrite.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QImage>

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace Idx {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Idx", text);
}

constexpr int kTypeUnsignedByte = 0x08;
constexpr int kMaxDims = 4;
// Deflate cannot compress better than about 1032:1, so a gzip file cannot justify more than this.
constexpr qint64 kMaxDeflateRatio = 1100;

quint32 bigEndian32(const uchar *p)
{
    return (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | quint32(p[3]);
}

/// Checks the header in `head` (at least 4 bytes) and returns the dims, or a message.
Result<QVector<int>> parseHeader(const uchar *head, qint64 available, const QString &what, qint64 *headerSize,
                                 qint64 *elementCount)
{
    if (available < 4)
        return Result<QVector<int>>::failure(
            tr("%1 is too short to be an IDX file (%2 bytes).").arg(what).arg(available));
    if (head[0] != 0 || head[1] != 0)
        return Result<QVector<int>>::failure(
            tr("%1 is not an IDX file (its first bytes are not an IDX magic number).").arg(what));
    const int type = head[2];
    const int ndims = head[3];
    if (type != kTypeUnsignedByte)
        return Result<QVector<int>>::failure(
            tr("%1 holds IDX element type 0x%2; only unsigned bytes (0x08) are supported.")
                .arg(what)
                .arg(type, 2, 16, QLatin1Char('0')));
    if (ndims < 1 || ndims > kMaxDims)
        return Result<QVector<int>>::failure(
            tr("%1 claims %2 dimensions; 1 to %3 are supported.").arg(what).arg(ndims).arg(kMaxDims));
    *headerSize = 4 + 4 * qint64(ndims);
    if (available < *headerSize)
        return Result<QVector<int>>::failure(tr("%1 ends inside its header.").arg(what));
    QVector<int> dims;
    qint64 elements = 1;
    for (int i = 0; i < ndims; ++i) {
        const quint32 d = bigEndian32(head + 4 + 4 * i);
        if (d == 0 || d > quint32(kMaxElements))
            return Result<QVector<int>>::failure(
                tr("%1 claims a dimension of %2, which is not plausible.").arg(what).arg(d));
        elements *= d;
        if (elements > kMaxElements)
            return Result<QVector<int>>::failure(
                tr("%1 claims more than %2 elements; this is larger than any dataset the app accepts.")
                    .arg(what)
                    .arg(kMaxElements));
        dims.append(int(d));
    }
    *elementCount = elements;
    return Result<QVector<int>>::success(dims);
}

/// Reads the magic number and as many dims as it announces from the start of `file`, then checks them.
Result<QVector<int>> readHeader(gzFile file, const QString &what, qint64 *headerSize, qint64 *elementCount)
{
    uchar head[4 + 4 * kMaxDims];
    int got = gzread(file, head, 4);
    if (got < 0)
        return Result<QVector<int>>::failure(tr("%1 is not a valid gzip file.").arg(what));
    qint64 available = got;
    if (available == 4 && head[3] >= 1 && head[3] <= kMaxDims) {
        const int more = 4 * head[3];
        const int extra = gzread(file, head + 4, unsigned(more));
        if (extra < 0)
            return Result<QVector<int>>::failure(tr("%1 is corrupt (gzip error while reading the header).").arg(what));
        available += extra;
    }
    return parseHeader(head, available, what, headerSize, elementCount);
}

/// Allocate only what the file can justify: a message when the header announces more data than it can hold.
QString checkJustified(qint64 elements, qint64 fileSize, qint64 headerSize, bool compressed, const QString &what)
{
    const qint64 justified = compressed ? fileSize * kMaxDeflateRatio : fileSize - headerSize;
    if (elements <= justified)
        return {};
    if (compressed)
        return tr("%1 is truncated: its header announces %2 bytes of data but the compressed file "
                  "is only %3 bytes.")
            .arg(what)
            .arg(elements)
            .arg(fileSize);
    return tr("%1 is truncated: its header announces %2 bytes of data but only %3 follow.")
        .arg(what)
        .arg(elements)
        .arg(fileSize - headerSize);
}

/// Reads exactly `elements` bytes of data, and checks that nothing follows them.
Result<QByteArray> readPayload(gzFile file, qint64 elements, const QString &what)
{
    QByteArray data;
    data.resize(qsizetype(elements));
    qint64 done = 0;
    while (done < elements) {
        const unsigned chunk = unsigned(std::min<qint64>(elements - done, 1 << 30));
        const int n = gzread(file, data.data() + done, chunk);
        if (n < 0)
            return Result<QByteArray>::failure(tr("%1 is corrupt (gzip error while reading data).").arg(what));
        if (n == 0)
            break;
        done += n;
    }
    if (done < elements)
        return Result<QByteArray>::failure(
            tr("%1 is truncated: its header announces %2 bytes of data but only %3 follow.")
                .arg(what)
                .arg(elements)
                .arg(done));
    char probe;
    const int trailing = gzread(file, &probe, 1);
    if (trailing > 0)
        return Result<QByteArray>::failure(tr("%1 has unexpected bytes after its data.").arg(what));
    if (trailing < 0)
        return Result<QByteArray>::failure(tr("%1 is corrupt (gzip error at its end).").arg(what));
    return Result<QByteArray>::success(std::move(data));
}

} // namespace

Result<Array> parse(const QByteArray &bytes, const QString &what)
{
    qint64 headerSize = 0, elements = 0;
    auto dims =
        parseHeader(reinterpret_cast<const uchar *>(bytes.constData()), bytes.size(), what, &headerSize, &elements);
    if (!dims)
        return Result<Array>::failure(dims.error());
    const qint64 payload = bytes.size() - headerSize;
    if (payload < elements)
        return Result<Array>::failure(tr("%1 is truncated: its header announces %2 bytes of data but only %3 follow.")
                                          .arg(what)
                                          .arg(elements)
                                          .arg(payload));
    if (payload > elements)
        return Result<Array>::failure(
            tr("%1 has %2 unexpected bytes after its data.").arg(what).arg(payload - elements));
    return Result<Array>::success(Array{dims.value(), bytes.mid(headerSize)});
}

Result<Array> readFile(const QString &path)
{
    const QString what = QFileInfo(path).fileName();
    QFileInfo info(path);
    if (!info.exists())
        return Result<Array>::failure(tr("%1 does not exist.").arg(path));
    if (!info.isFile() || !info.isReadable())
        return Result<Array>::failure(tr("%1 is not a readable file.").arg(path));
    const qint64 fileSize = info.size();

    // gzread reads plain files transparently, so one path serves raw and compressed IDX.
    std::unique_ptr<gzFile_s, int (*)(gzFile)> file(gzopen(QFile::encodeName(path).constData(), "rb"), gzclose);
    if (!file)
        return Result<Array>::failure(tr("%1 could not be opened.").arg(path));
    const bool compressed = gzdirect(file.get()) == 0;
    qint64 headerSize = 0, elements = 0;
    auto dims = readHeader(file.get(), what, &headerSize, &elements);
    if (!dims)
        return Result<Array>::failure(dims.error());
    if (const QString why = checkJustified(elements, fileSize, headerSize, compressed, what); !why.isEmpty())
        return Result<Array>::failure(why);
    auto data = readPayload(file.get(), elements, what);
    if (!data)
        return Result<Array>::failure(data.error());
    return Result<Array>::success(Array{dims.value(), std::move(data.value())});
}

namespace {

/// Images of another size as the models read them: padded to square with black (IDX digits are light on dark),
/// not stretched, then scaled to 28×28 as image folders are.
QByteArray resizedTo28(const QByteArray &data, int count, int rows, int cols)
{
    const int side = std::max(rows, cols);
    QByteArray out;
    out.reserve(qsizetype(count) * 28 * 28);
    QImage square(side, side, QImage::Format_Grayscale8);
    for (int i = 0; i < count; ++i) {
        square.fill(0);
        const char *image = data.constData() + qsizetype(i) * rows * cols;
        for (int y = 0; y < rows; ++y)
            std::memcpy(square.scanLine(y + (side - rows) / 2) + (side - cols) / 2, image + qsizetype(y) * cols,
                        size_t(cols));
        out.append(imageToPixels(square));
    }
    return out;
}

} // namespace

Result<Dataset> readImages(const QString &imagesPath, const QString &labelsPath)
{
    auto images = readFile(imagesPath);
    if (!images)
        return Result<Dataset>::failure(images.error());
    const QVector<int> &dims = images.value().dims;
    const QString what = QFileInfo(imagesPath).fileName();
    if (dims.size() != 3)
        return Result<Dataset>::failure(
            tr("%1 has %2 dimensions; an image file needs 3 (count × rows × columns).").arg(what).arg(dims.size()));
    Dataset ds;
    ds.name = what;
    ds.pixels = dims[1] == 28 && dims[2] == 28 ? std::move(images.value().data)
                                               : resizedTo28(images.value().data, dims[0], dims[1], dims[2]);
    if (!labelsPath.isEmpty()) {
        auto labels = readFile(labelsPath);
        if (!labels)
            return Result<Dataset>::failure(labels.error());
        const QString lwhat = QFileInfo(labelsPath).fileName();
        if (labels.value().dims.size() != 1)
            return Result<Dataset>::failure(tr("%1 is not a label file (it has %2 dimensions, labels have 1).")
                                                .arg(lwhat)
                                                .arg(labels.value().dims.size()));
        if (labels.value().dims[0] != dims[0])
            return Result<Dataset>::failure(tr("%1 has %2 labels but %3 has %4 images.")
                                                .arg(lwhat)
                                                .arg(labels.value().dims[0])
                                                .arg(what)
                                                .arg(dims[0]));
        const QByteArray &l = labels.value().data;
        ds.labels.resize(l.size());
        for (qsizetype i = 0; i < l.size(); ++i)
            ds.labels[i] = uchar(l[i]);
    }
    return Result<Dataset>::success(std::move(ds));
}

QByteArray encode(const Array &array)
{
    QByteArray out;
    out.append('\0').append('\0').append(char(kTypeUnsignedByte)).append(char(array.dims.size()));
    for (int d : array.dims) {
        const quint32 v = quint32(d);
        out.append(char(v >> 24)).append(char(v >> 16)).append(char(v >> 8)).append(char(v));
    }
    out.append(array.data);
    return out;
}

Status writeDataset(const Dataset &dataset, const QString &imagesPath, const QString &labelsPath)
{
    Status s = FileWrite::wholeOrNothing(imagesPath,
                                         encode(Array{{dataset.count(), dataset.rows, dataset.cols}, dataset.pixels}));
    if (!s || labelsPath.isEmpty() || !dataset.hasLabels())
        return s;
    QByteArray labels;
    labels.reserve(dataset.labels.size());
    for (int l : dataset.labels)
        labels.append(char(l));
    return FileWrite::wholeOrNothing(labelsPath, encode(Array{{int(dataset.labels.size())}, labels}));
}

} // namespace Idx
