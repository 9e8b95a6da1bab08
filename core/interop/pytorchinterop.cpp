#include "interop/pytorchinterop.h"

#include "model/vae_p.h"
#include "interop/statedictscan.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSet>
#include <QStringList>

#include <caffe2/serialize/inline_container.h>
#include <caffe2/serialize/read_adapter_interface.h>
#include <torch/csrc/jit/serialization/import_read.h>
#include <torch/csrc/jit/serialization/pickle.h>

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <map>
#include <optional>
#include <string>

// The state dict is a plain dict {name: float32 CPU tensor} in registration order, pickled by LibTorch's own
// torch.save-compatible writer. Reading uses LibTorch's unpickler, which knows a fixed set of classes (tensors,
// containers) and never imports or runs Python code; everything it returns is checked against the architecture.
//
// torch::pickle_load is not used for reading: its VectorReader copies whatever range the zip reader asks for without
// a bounds check, so a truncated or crafted archive makes it read past the buffer (found by ASan in
// tst_pytorchinterop). The archive's directory is checked here first, and reads go through a bounded adapter.
//
// LibTorch's unpickler also trusts what the pickle declares (memo indices, item counts, storage sizes), so data.pkl is
// scanned first by a strict scanner of our own (statedictscan.cpp) that accepts only what torch.save and pickle_save
// write for a dict of tensors and checks every storage against its record: nothing LibTorch then allocates exceeds
// what the file holds (a storage read again for a shared tensor counts again, up to kStorageReadFactor times the file).

namespace PyTorchInterop {
namespace {

QString tr(const char *text) { return QCoreApplication::translate("PyTorchInterop", text); }

const QString kDdpPrefix = QStringLiteral("module.");

QString shapeText(at::IntArrayRef sizes)
{
    QStringList parts;
    for (auto s : sizes)
        parts.append(QString::number(s));
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

/// Reads from the file's bytes and never past them: a request beyond the end returns what there is.
class BoundedReader final : public caffe2::serialize::ReadAdapterInterface
{
public:
    explicit BoundedReader(QByteArray bytes) : m_bytes(std::move(bytes)) {}
    size_t size() const override { return size_t(m_bytes.size()); }
    size_t read(uint64_t pos, void *buf, size_t n, const char *) const override
    {
        if (pos >= uint64_t(m_bytes.size()))
            return 0;
        const size_t count = std::min<uint64_t>(n, uint64_t(m_bytes.size()) - pos);
        std::memcpy(buf, m_bytes.constData() + pos, count);
        return count;
    }

private:
    QByteArray m_bytes;
};

/// All storages LibTorch reads together, at most this many times the file (tensors sharing a storage read it again).
constexpr qint64 kStorageReadFactor = 4;

/// The records of an archive, as LibTorch's zip reader finds them: by name without regard to case.
struct ArchiveIndex
{
    struct Record
    {
        qint64 localHeader = 0;
        qint64 size = 0;
    };
    std::string folder;                   // "archive/": torch.save puts every record in one top-level folder
    std::map<std::string, Record> records; // by lower-case full name

    static std::string lower(std::string name)
    {
        for (char &ch : name)
            ch = char(std::tolower(uchar(ch)));
        return name;
    }
    const Record *find(const std::string &name) const
    {
        const auto it = records.find(lower(folder + name));
        return it == records.end() ? nullptr : &it->second;
    }
};

quint32 le32(const uchar *p) { return quint32(p[0]) | quint32(p[1]) << 8 | quint32(p[2]) << 16 | quint32(p[3]) << 24; }
quint64 le64(const uchar *p) { return quint64(le32(p)) | quint64(le32(p + 4)) << 32; }
quint16 le16(const uchar *p) { return quint16(p[0] | p[1] << 8); }

/// Checks the zip directory before LibTorch reads it: every entry stored uncompressed (as torch.save writes them)
/// and inside the file, and all entries together no larger than the file, so that nothing the reader allocates
/// for a record exceeds what the file holds. Fills `index`; returns a reason, or empty.
QString checkArchiveDirectory(const QByteArray &bytes, ArchiveIndex *index)
{
    const auto *data = reinterpret_cast<const uchar *>(bytes.constData());
    const qint64 size = bytes.size();
    constexpr qint64 kEndRecord = 22;
    qint64 end = -1;
    for (qint64 at = size - kEndRecord; at >= 0 && at >= size - kEndRecord - 65535; --at)
        if (le32(data + at) == 0x06054b50u) {
            end = at;
            break;
        }
    if (end < 0)
        return tr("its zip directory is missing (the file is truncated)");
    const qint64 entries = le16(data + end + 10);
    const qint64 directorySize = le32(data + end + 12);
    const qint64 directoryStart = le32(data + end + 16);
    // torch.save writes ZIP64 records only past 4 GB, far beyond kMaxFileBytes.
    if (entries == 0xFFFF || directoryStart == 0xFFFFFFFF)
        return tr("it uses ZIP64 records, which a state dict of these models never needs");
    if (directoryStart + directorySize > end)
        return tr("its zip directory points outside the file");
    if (le16(data + end + 4) != 0 || le16(data + end + 6) != 0 || le16(data + end + 8) != entries)
        return tr("its zip directory is damaged");
    // torch.save and LibTorch also write a ZIP64 end record with the same counts. The zip reader takes the counts
    // from it whenever its locator (just before the end record) and its signature are there: they must agree with
    // the ones checked here, or LibTorch would read a different directory (the fuzzer found one it read as empty).
    if (end >= 20 + 56 && le32(data + end - 20) == 0x07064b50u) {
        const quint64 zip64 = le64(data + end - 20 + 8);
        if (zip64 <= quint64(size - 56) && le32(data + zip64) == 0x06064b50u) {
            const uchar *record = data + zip64;
            if (le32(data + end - 20 + 16) != 1 || le64(record + 4) < 44 || le32(record + 16) != 0 || le32(record + 20) != 0
                || le64(record + 24) != quint64(entries) || le64(record + 32) != quint64(entries)
                || le64(record + 40) != quint64(directorySize) || le64(record + 48) != quint64(directoryStart))
                return tr("its zip directory is damaged");
        }
    }
    qint64 at = directoryStart, total = 0;
    std::string folder;  // torch.save puts every record in one top-level folder
    // The contents of <folder>/version and <folder>/.data/version; LibTorch reads the second when there is one.
    std::optional<std::string> plainVersion, dataVersion;
    for (qint64 i = 0; i < entries; ++i) {
        if (at + 46 > directoryStart + directorySize || le32(data + at) != 0x02014b50u)
            return tr("its zip directory is damaged");
        const quint16 flags = le16(data + at + 8), method = le16(data + at + 10);
        // Encrypted (bits 0 and 6), patch data (5), masked local headers (13): the zip reader refuses these.
        if (flags & 0x2061)
            return tr("its zip entries are encrypted, which torch.save never writes");
        const qint64 compressed = le32(data + at + 20), uncompressed = le32(data + at + 24);
        const qint64 nameLength = le16(data + at + 28), extraLength = le16(data + at + 30), commentLength = le16(data + at + 32);
        const qint64 localHeader = le32(data + at + 42);
        if (compressed == 0xFFFFFFFF || uncompressed == 0xFFFFFFFF || localHeader == 0xFFFFFFFF)
            return tr("it uses ZIP64 records, which a state dict of these models never needs");
        if (method != 0 || compressed != uncompressed)
            return tr("it holds compressed entries, which torch.save never writes");
        total += uncompressed;
        if (localHeader + 30 + uncompressed > size || total > size || at + 46 + nameLength > directoryStart + directorySize)
            return tr("its zip entries claim more data than the file holds");
        // std::string, not QByteArray: see the note on Qt 5 below checkArchiveDirectory.
        const std::string name(reinterpret_cast<const char *>(data + at + 46), size_t(nameLength));
        const size_t slash = name.find('/');
        if (slash == 0 || slash == std::string::npos || (!folder.empty() && name.compare(0, folder.size(), folder) != 0))
            return tr("its zip entries are not in one folder, as torch.save writes them");
        folder = name.substr(0, slash + 1);
        // The zip reader takes an entry with the DOS directory attribute, or a name ending in '/', for a folder and
        // "extracts" it without filling the buffer LibTorch then parses (the fuzzer found this): torch.save writes none.
        if ((le32(data + at + 38) & 0x10) || name.back() == '/')
            return tr("its zip directory is damaged");
        // Two entries whose names differ only in case would leave it to the zip reader which one LibTorch reads.
        if (!index->records.emplace(ArchiveIndex::lower(name), ArchiveIndex::Record{localHeader, uncompressed}).second)
            return tr("its zip directory is damaged");
        // The zip reader finds records without regard to case.
        const std::string lower = ArchiveIndex::lower(name), lowerFolder = ArchiveIndex::lower(folder);
        if (lower == lowerFolder + "version" || lower == lowerFolder + ".data/version") {
            const qint64 dataStart = localHeader + 30 + le16(data + localHeader + 26) + le16(data + localHeader + 28);
            if (le32(data + localHeader) != 0x04034b50u || dataStart + uncompressed > size || uncompressed > 20
                || crc32(0, data + dataStart, uInt(uncompressed)) != le32(data + at + 16))
                return tr("its version record is damaged");
            (lower == lowerFolder + ".data/version" ? dataVersion : plainVersion).emplace(reinterpret_cast<const char *>(data + dataStart), size_t(uncompressed));
        }
        at += 46 + nameLength + extraLength + commentLength;
    }
    // LibTorch's reader throws on these after opening the archive and then leaks its zip state (LibTorch 1.13), so
    // they are refused here first. Format versions 1 to 10 are the ones LibTorch 1.13 reads.
    std::string version = dataVersion ? *dataVersion : plainVersion.value_or(std::string());
    while (!version.empty() && std::isspace(uchar(version.back())))
        version.pop_back();
    const bool numeric = !version.empty() && version.size() <= 2
        && std::all_of(version.begin(), version.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    if (!numeric || std::stoi(version) < 1 || std::stoi(version) > 10)
        return tr("it has no usable format version record");
    index->folder = folder;
    return {};
}

/// Runs the strict pickle scanner over <folder>/data.pkl before LibTorch's unpickler sees it. Returns a reason, or empty.
QString checkPickle(const QByteArray &bytes, const ArchiveIndex &index)
{
    const auto *data = reinterpret_cast<const uchar *>(bytes.constData());
    const ArchiveIndex::Record *pickle = index.find("data.pkl");
    if (!pickle)
        return tr("it has no data.pkl record, which torch.save always writes");
    // Where the zip reader finds the bytes: after the local header's own name and extra field.
    const qint64 at = pickle->localHeader;
    if (at + 30 > bytes.size() || le32(data + at) != 0x04034b50u)
        return tr("its zip directory is damaged");
    const qint64 start = at + 30 + le16(data + at + 26) + le16(data + at + 28);
    if (start + pickle->size > bytes.size())
        return tr("its zip entries claim more data than the file holds");
    const auto recordSize = [&](const std::string &key) -> qint64 {
        const ArchiveIndex::Record *record = index.find("data/" + key);
        return record ? record->size : -1;
    };
    return checkStateDictPickle(bytes.constData() + start, pickle->size, recordSize,
                                kStorageReadFactor * qint64(bytes.size()));
}

// A note on Qt 5: Debian's libtorch_cpu needs libopencv_highgui, which loads Qt 5 into every process that links
// LibTorch. When an executable instantiates an inline Qt 6 function whose mangled name Qt 5 also exports (e.g.
// QByteArray::append(const char *)), the linker exports the executable's copy and Qt 5's own initialisers call it
// with Qt 5 objects: a crash before main. This file therefore keeps such helpers to the standard library.

QString firstLine(const std::exception &e)
{
    return QString::fromLocal8Bit(e.what()).section(QLatin1Char('\n'), 0, 0);
}

/// Fills in hidden and latent from the tensors when the caller left them at 0, so a state dict describes itself.
QString completeSpec(const ImportSpec &wanted, const QHash<QString, torch::Tensor> &tensors, ModelSpec *spec)
{
    spec->architecture = wanted.architecture;
    spec->likelihood = wanted.likelihood;
    spec->hidden = wanted.hidden > 0 ? wanted.hidden : ModelSpec().hidden;
    spec->latent = wanted.latent;
    // Only from a 2-D tensor with values: an empty [16384, 0] tensor in a small file must not size a large model.
    const auto dim = [&](const char *name, int axis) -> qint64 {
        const auto it = tensors.constFind(QLatin1String(name));
        return it != tensors.constEnd() && it->dim() == 2 && it->numel() > 0 ? it->size(axis) : 0;
    };
    if (wanted.architecture == Architecture::Mlp && wanted.hidden <= 0) {
        const qint64 hidden = dim("encoder_hidden.weight", 0);
        if (hidden < 1 || hidden > 16384)
            return tr("it has no usable 'encoder_hidden.weight' to take the hidden width from (give --hidden)");
        spec->hidden = int(hidden);
    }
    if (wanted.latent <= 0) {
        const qint64 latent = dim("decoder_hidden.weight", 1);
        if (latent < 1 || latent > 1024)
            return tr("it has no usable 'decoder_hidden.weight' to take the latent size from (give --latent)");
        spec->latent = int(latent);
    }
    if (spec->hidden < 1 || spec->hidden > 16384 || spec->latent < 1 || spec->latent > 1024)
        return tr("the model size is implausible (hidden %1, latent %2)").arg(spec->hidden).arg(spec->latent);
    return {};
}

} // namespace

Result<QByteArray> toStateDict(const ModelSnapshot &snapshot)
{
    using R = Result<QByteArray>;
    const ModelSpec &spec = snapshot.spec;
    if (spec.latent < 1 || spec.latent > 1024 || spec.hidden < 1 || spec.hidden > 16384)
        return R::failure(tr("The model size is implausible (hidden %1, latent %2).").arg(spec.hidden).arg(spec.latent));
    if (snapshot.weights.size() != parameterCount(spec))
        return R::failure(tr("The weights hold %1 values but the %2 model needs %3.")
                              .arg(snapshot.weights.size()).arg(spec.describe()).arg(parameterCount(spec)));
    try {
        auto model = makeVae(spec, 0);
        if (Status s = loadParameters(*model, snapshot.weights); !s)
            return R::failure(s.error());
        c10::Dict<std::string, at::Tensor> dict;
        for (const auto &item : model->named_parameters())
            dict.insert(item.key(), item.value().detach().to(torch::kCPU, torch::kFloat).contiguous().clone());
        const std::vector<char> bytes = torch::pickle_save(c10::IValue(dict));
        return R::success(QByteArray(bytes.data(), qsizetype(bytes.size())));
    } catch (const std::exception &e) {
        return R::failure(tr("LibTorch could not write the state dict: %1").arg(firstLine(e)));
    }
}

Status exportStateDict(const ModelSnapshot &snapshot, const QString &path)
{
    const auto bytes = toStateDict(snapshot);
    if (!bytes)
        return Status::failure(bytes.error());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Status::failure(tr("Cannot write %1: %2").arg(path, file.errorString()));
    if (file.write(bytes.value()) != bytes.value().size()) {
        const QString why = file.errorString();
        file.cancelWriting();
        return Status::failure(tr("Writing %1 failed (is the disk full?): %2. The previous file is unchanged.").arg(path, why));
    }
    if (!file.commit())
        return Status::failure(tr("Saving %1 failed: %2. The previous file is unchanged.").arg(path, file.errorString()));
    return Status::success();
}

Result<ModelSnapshot> fromStateDict(const QByteArray &bytes, const ImportSpec &wanted, const QString &what)
{
    using R = Result<ModelSnapshot>;
    const auto bad = [&](const QString &why) { return R::failure(tr("%1 is not a usable PyTorch state dict: %2.").arg(what, why)); };
    if (bytes.size() > kMaxFileBytes)
        return bad(tr("it is larger than %1 bytes").arg(kMaxFileBytes));
    // torch.save has written zip archives since PyTorch 1.6; the legacy format starts with a pickle protocol byte.
    if (!bytes.startsWith("PK\x03\x04"))
        return bad(tr("it is not a zip archive as torch.save writes (save with PyTorch 1.6 or newer, without "
                      "_use_new_zipfile_serialization=False)"));
    ArchiveIndex index;
    if (const QString why = checkArchiveDirectory(bytes, &index); !why.isEmpty())
        return bad(why);
    if (const QString why = checkPickle(bytes, index); !why.isEmpty())
        return bad(why);
    try {
        // What torch::pickle_load does, with a bounded reader; tensors saved on a GPU are mapped to the CPU.
        caffe2::serialize::PyTorchStreamReader reader(std::make_shared<BoundedReader>(bytes));
        const c10::IValue value = torch::jit::readArchiveAndTensors(
            "data", /*pickle_prefix=*/"", /*tensor_prefix=*/"", /*type_resolver=*/c10::nullopt, /*obj_loader=*/c10::nullopt,
            /*device=*/at::Device(at::kCPU), reader);
        if (!value.isGenericDict())
            return bad(tr("it holds a %1, not a dict of tensors").arg(QString::fromStdString(value.tagKind())));

        QHash<QString, torch::Tensor> tensors;
        const auto dict = value.toGenericDict();
        bool allPrefixed = dict.size() > 0;
        for (const auto &entry : dict) {
            if (!entry.key().isString())
                return bad(tr("one of its keys is not a string"));
            if (!entry.value().isTensor())
                return bad(tr("the entry '%1' is not a tensor").arg(QString::fromStdString(entry.key().toStringRef())));
            const QString name = QString::fromStdString(entry.key().toStringRef());
            allPrefixed = allPrefixed && name.startsWith(kDdpPrefix);
            tensors.insert(name, entry.value().toTensor());
        }
        if (allPrefixed) {
            QHash<QString, torch::Tensor> stripped;
            for (auto it = tensors.constBegin(); it != tensors.constEnd(); ++it)
                stripped.insert(it.key().mid(kDdpPrefix.size()), it.value());
            tensors = stripped;
        }

        ModelSnapshot snapshot;
        if (const QString why = completeSpec(wanted, tensors, &snapshot.spec); !why.isEmpty())
            return bad(why);
        auto model = makeVae(snapshot.spec, 0);
        QStringList missing, mismatched;
        std::vector<torch::Tensor> ordered;
        QSet<QString> expectedNames;
        for (const auto &item : model->named_parameters()) {
            const QString name = QString::fromStdString(item.key());
            expectedNames.insert(name);
            const auto it = tensors.constFind(name);
            if (it == tensors.constEnd()) {
                missing.append(name);
                continue;
            }
            if (!it->sizes().equals(item.value().sizes())) {
                mismatched.append(tr("%1 is %2, the %3 model needs %4")
                                      .arg(name, shapeText(it->sizes()), snapshot.spec.describe(), shapeText(item.value().sizes())));
                continue;
            }
            if (!at::isFloatingType(it->scalar_type()))
                return bad(tr("'%1' holds %2 values, not floating point").arg(name, QString::fromLatin1(c10::toString(it->scalar_type()))));
            ordered.push_back(it->detach().to(torch::kCPU, torch::kFloat).contiguous());
        }
        QStringList unexpected;
        for (auto it = tensors.constBegin(); it != tensors.constEnd(); ++it)
            if (!expectedNames.contains(it.key()))
                unexpected.append(it.key());
        unexpected.sort();
        if (!missing.isEmpty())
            return bad(tr("it lacks %1 of the %2 model").arg(missing.join(QStringLiteral(", ")), snapshot.spec.describe()));
        if (!mismatched.isEmpty())
            return bad(mismatched.join(QStringLiteral("; ")));
        if (!unexpected.isEmpty())
            return bad(tr("it has entries the %1 model does not: %2").arg(snapshot.spec.describe(), unexpected.join(QStringLiteral(", "))));
        snapshot.weights = flattenTensors(ordered);
        for (float w : snapshot.weights)
            if (!std::isfinite(w))
                return bad(tr("its tensors contain NaN or infinite values"));
        return R::success(std::move(snapshot));
    } catch (const std::exception &e) {
        // The scanner names a top-level OrderedDict (LibTorch's unpickler would turn it into None).
        return bad(tr("LibTorch could not read it (%1)").arg(firstLine(e)));
    }
}

Result<ModelSnapshot> importStateDict(const QString &path, const ImportSpec &spec)
{
    QFile file(path);
    if (!file.exists())
        return Result<ModelSnapshot>::failure(tr("%1 does not exist.").arg(path));
    if (!file.open(QIODevice::ReadOnly))
        return Result<ModelSnapshot>::failure(tr("Cannot open %1: %2").arg(path, file.errorString()));
    if (file.size() > kMaxFileBytes)
        return Result<ModelSnapshot>::failure(tr("%1 is larger than %2 bytes; it is not a state dict of these models.")
                                                  .arg(path).arg(kMaxFileBytes));
    return fromStateDict(file.readAll(), spec, QFileInfo(path).fileName());
}

} // namespace PyTorchInterop
