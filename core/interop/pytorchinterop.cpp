#include "interop/pytorchinterop.h"

#include "interop/interoptr_p.h"
#include "interop/statedictscan_p.h"
#include "interop/zipreader_p.h"
#include "model/vae_p.h"
#include "util/errortext.h"
#include "util/filewrite.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QStringList>

#include <caffe2/serialize/inline_container.h>
#include <caffe2/serialize/read_adapter_interface.h>
#include <torch/csrc/jit/serialization/export.h>
#include <torch/csrc/jit/serialization/import_read.h>
#include <torch/csrc/jit/serialization/pickle.h>
#include <torch/csrc/jit/serialization/unpickler.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

// The state dict is a plain dict {name: float32 CPU tensor} in registration order, pickled by LibTorch's own
// torch.save-compatible writer. Reading uses LibTorch's unpickler, which knows a fixed set of classes (tensors,
// containers) and never imports or runs Python code; everything it returns is checked against the architecture.
//
// torch::pickle_load is not used for reading: its VectorReader copies whatever range the zip reader asks for without
// a bounds check, so a truncated or crafted archive makes it read past the buffer (found by ASan in
// tst_pytorchinterop). The archive's directory is checked first (zipreader.cpp), and reads go through a bounded
// adapter.
//
// LibTorch's unpickler also trusts what the pickle declares (memo indices, item counts, storage sizes), so data.pkl is
// scanned first by a strict scanner of our own (statedictscan.cpp) that accepts only what torch.save and pickle_save
// write for a dict of tensors and checks every storage against its record: nothing LibTorch then allocates exceeds
// what the file holds (a storage read again for a shared tensor counts again, up to kStorageReadFactor times the file).
//
// Qt 5: Debian's libtorch_cpu needs libopencv_highgui, which loads Qt 5 into every process that links
// LibTorch. When an executable instantiates an inline Qt 6 function whose mangled name Qt 5 also exports (e.g.
// QByteArray::append(const char *)), the linker exports the executable's copy and Qt 5's own initialisers call it
// with Qt 5 objects: a crash before main. This file therefore keeps such helpers to the standard library.

namespace PyTorchInterop {
namespace {

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
    explicit BoundedReader(QByteArray bytes)
        : m_bytes(std::move(bytes))
    { }
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

/// The bytes of <folder>/data.pkl (torch.save stores them uncompressed) into `pickle`. Returns a reason, or empty.
QString extractPickle(const QByteArray &bytes, const ArchiveIndex &index, std::string *pickle)
{
    const ArchiveIndex::Record *record = index.find("data.pkl");
    if (!record)
        return tr("it has no data.pkl record, which torch.save always writes");
    // Where the zip reader finds the bytes: after the local header's own name and extra field.
    Zip::LocalHeader local;
    if (!Zip::parse(bytes, record->localHeader, &local))
        return tr("its zip directory is damaged");
    const qint64 start = local.dataOffset(record->localHeader);
    if (start + record->size > bytes.size())
        return tr("its zip entries claim more data than the file holds");
    pickle->assign(bytes.constData() + start, size_t(record->size));
    return {};
}

/// torch.save(model.state_dict()) pickles an OrderedDict: OrderedDict() REDUCE, its items, then a BUILD with the
/// module versions (_metadata). LibTorch 1.13 turns any OrderedDict into None, so the pickle is rewritten into the
/// plain dict torch.save writes for dict(model.state_dict()): EMPTY_DICT for the top level, None for each tensor's
/// empty backward hooks (memo 0, the OrderedDict class), and no _metadata. The result is scanned like any other
/// file, so a crafted one gains nothing from the rewrite. Returns false for a pickle not of that shape.
bool plainDictFromOrderedDict(std::string *pickle)
{
    static const std::string kPrefix("\x80\x02"
                                     "ccollections\nOrderedDict\nq\x00)Rq\x01",
                                     33);
    static const std::string kHooks("h\x00)R", 4);
    static const std::string kMetadata("X\x09\x00\x00\x00_metadata", 14);
    if (pickle->compare(0, kPrefix.size(), kPrefix) != 0)
        return false;
    std::string body = pickle->substr(kPrefix.size());
    if (body.size() >= 2 && body.compare(body.size() - 2, 2, "b.") == 0) {
        // The BUILD's state, {'_metadata': OrderedDict(...)}, starts with EMPTY_DICT and a BINPUT or LONG_BINPUT.
        const size_t at = body.rfind(kMetadata);
        size_t start = std::string::npos;
        if (at != std::string::npos && at >= 3 && body[at - 3] == '}' && body[at - 2] == 'q')
            start = at - 3;
        else if (at != std::string::npos && at >= 6 && body[at - 6] == '}' && body[at - 5] == 'r')
            start = at - 6;
        if (start == std::string::npos)
            return false;
        body.erase(start, body.size() - 1 - start); // keep STOP
    }
    for (size_t at = body.find(kHooks); at != std::string::npos; at = body.find(kHooks, at + 1))
        body.replace(at, kHooks.size(), "N");
    // The dict takes memo 0 and 1 (the class and the dict before), so every later memo index stays valid.
    *pickle = std::string("\x80\x02}q\x00q\x01", 7) + body;
    return true;
}

/// Everything checked before LibTorch reads a byte: the size, the zip directory and the pickle, which lands in
/// `pickle` (an OrderedDict's rewritten into a plain dict). A reason, or empty.
QString checkArchive(const QByteArray &bytes, std::string *pickle)
{
    if (bytes.size() > kMaxFileBytes)
        return tr("it is larger than %1 bytes").arg(kMaxFileBytes);
    // torch.save has written zip archives since PyTorch 1.6; the legacy format starts with a pickle protocol byte.
    if (!bytes.startsWith("PK\x03\x04"))
        return tr("it is not a zip archive as torch.save writes (save with PyTorch 1.6 or newer, without "
                  "_use_new_zipfile_serialization=False)");
    ArchiveIndex index;
    if (const QString why = checkArchiveDirectory(bytes, &index); !why.isEmpty())
        return why;
    if (const QString why = extractPickle(bytes, index, pickle); !why.isEmpty())
        return why;
    plainDictFromOrderedDict(pickle);
    const auto recordSize = [&](const std::string &key) -> qint64 {
        const ArchiveIndex::Record *record = index.find("data/" + key);
        return record ? record->size : -1;
    };
    return checkStateDictPickle(pickle->data(), qint64(pickle->size()), recordSize,
                                kStorageReadFactor * qint64(bytes.size()));
}

/// What torch::pickle_save writes, without its type tag: pickle_save wraps the dict in
/// torch.jit._pickle.restore_type_tag(dict, "Dict[str, Tensor]"), a name Python's weights_only unpickler (the
/// default of torch.load since PyTorch 2.6) refuses. Untagged, the pickle uses only the plain dict, tensor and
/// storage names that torch.save itself writes.
QByteArray pickleUntagged(const c10::IValue &value)
{
    std::vector<char> pickle;
    // No tensor table: tensors are written as torch.save writes them (storages in data/<key>), not as references.
    torch::jit::Pickler pickler([&](const char *bytes, size_t n) { pickle.insert(pickle.end(), bytes, bytes + n); },
                                /*tensor_table=*/nullptr, /*type_renamer=*/nullptr, /*memoized_class_types=*/nullptr,
                                /*get_tensor_id=*/nullptr, /*tag_aggregates=*/false);
    pickler.protocol();
    pickler.pushIValue(value);
    pickler.stop();
    std::string archive;
    caffe2::serialize::PyTorchStreamWriter writer([&](const void *bytes, size_t n) {
        archive.append(static_cast<const char *>(bytes), n);
        return n;
    });
    torch::jit::writeArchiveAndTensors("data", pickle.data(), pickle.size(), pickler.tensorData(), writer);
    writer.writeEndOfFile();
    return QByteArray(archive.data(), qsizetype(archive.size()));
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
    // The semi-supervised model: its classifier says how many classes; its decoder reads [z, y]. With a conv
    // classifier (classifier_conv1) the encoder and decoder are still MLPs.
    const bool convClassifier =
        wanted.architecture == Architecture::Conv && tensors.contains(QStringLiteral("classifier_conv1.weight"));
    const bool mlpEncoder = wanted.architecture == Architecture::Mlp || convClassifier;
    if (mlpEncoder && wanted.hidden <= 0) {
        const qint64 hidden = dim("encoder_hidden.weight", 0);
        if (hidden < 1 || hidden > ModelSpec::kMaxHidden)
            return tr("it has no usable 'encoder_hidden.weight' to take the hidden width from (give --hidden)");
        spec->hidden = int(hidden);
    }
    // The conv classifier's last layer has a logit per (class, quarter turn): ModelSpec::classifierLearnsTurns.
    const qint64 outputs = mlpEncoder ? dim("classifier_out.weight", 0) : 0;
    const qint64 classes = convClassifier ? outputs / ModelSpec::kQuarterTurns : outputs;
    if (classes < 0 || classes > ModelSpec::kMaxClasses)
        return tr("its classifier has an implausible number of classes (%1)").arg(classes);
    spec->classes = int(classes);
    // The MLP classifier that reads gradient histograms beside the pixels (ModelSpec::classifierReadsGradients).
    if (classes > 0 && !convClassifier && dim("classifier_hidden.weight", 1) == ModelSpec::kGradientFeatures + 28 * 28)
        spec->classifierInput = ClassifierInput::Gradients;
    if (wanted.latent <= 0) {
        const qint64 latent = dim("decoder_hidden.weight", 1) - classes;
        if (latent < 1 || latent > ModelSpec::kMaxLatent)
            return tr("it has no usable 'decoder_hidden.weight' to take the latent size from (give --latent)");
        spec->latent = int(latent);
    }
    if (spec->hidden < 1 || spec->hidden > ModelSpec::kMaxHidden || spec->latent < 1
        || spec->latent > ModelSpec::kMaxLatent)
        return tr("the model size is implausible (hidden %1, latent %2)").arg(spec->hidden).arg(spec->latent);
    return {};
}

/// Unpickles the checked archive into `tensors` by name, without a "module." prefix that every key has
/// (DistributedDataParallel's). Returns a reason, or empty; LibTorch may throw.
QString readTensors(const QByteArray &bytes, const std::string &pickle, QHash<QString, torch::Tensor> *tensors)
{
    // What torch::pickle_load does (torch::jit::readArchiveAndTensors), with a bounded reader and the checked
    // pickle in place of data.pkl; tensors saved on a GPU are mapped to the CPU.
    caffe2::serialize::PyTorchStreamReader reader(std::make_shared<BoundedReader>(bytes));
    size_t read = 0;
    const auto readPickle = [&](char *buffer, size_t n) -> size_t {
        n = std::min(n, pickle.size() - read);
        std::memcpy(buffer, pickle.data() + read, n);
        read += n;
        return n;
    };
    const auto readRecord = [&](const std::string &name) { return std::get<0>(reader.getRecord("data/" + name)); };
    torch::jit::Unpickler unpickler(readPickle, /*type_resolver=*/nullptr, /*obj_loader=*/nullptr, readRecord,
                                    /*device=*/at::Device(at::kCPU));
    unpickler.set_version(reader.version());
    const c10::IValue value = unpickler.parse_ivalue();
    if (!value.isGenericDict())
        return tr("it holds a %1, not a dict of tensors").arg(QString::fromStdString(value.tagKind()));
    const auto dict = value.toGenericDict();
    bool allPrefixed = dict.size() > 0;
    for (const auto &entry : dict) {
        if (!entry.key().isString())
            return tr("one of its keys is not a string");
        if (!entry.value().isTensor())
            return tr("the entry '%1' is not a tensor").arg(QString::fromStdString(entry.key().toStringRef()));
        const QString name = QString::fromStdString(entry.key().toStringRef());
        allPrefixed = allPrefixed && name.startsWith(kDdpPrefix);
        tensors->insert(name, entry.value().toTensor());
    }
    if (allPrefixed) {
        QHash<QString, torch::Tensor> stripped;
        for (auto it = tensors->constBegin(); it != tensors->constEnd(); ++it)
            stripped.insert(it.key().mid(kDdpPrefix.size()), it.value());
        *tensors = stripped;
    }
    return {};
}

/// The model's parameters from `tensors`, in its order, as float32: every name there with its shape and a floating
/// type, and nothing else. Returns a reason (missing names first, then shapes, then extra names), or empty.
QString matchParameters(const QHash<QString, torch::Tensor> &tensors, const ModelSpec &spec,
                        std::vector<torch::Tensor> *ordered)
{
    auto model = makeVae(spec, 0);
    QStringList missing, mismatched;
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
                                  .arg(name, shapeText(it->sizes()), spec.describe(), shapeText(item.value().sizes())));
            continue;
        }
        if (!at::isFloatingType(it->scalar_type()))
            return tr("'%1' holds %2 values, not floating point")
                .arg(name, QString::fromLatin1(c10::toString(it->scalar_type())));
        ordered->push_back(it->detach().to(torch::kCPU, torch::kFloat).contiguous());
    }
    QStringList unexpected;
    for (auto it = tensors.constBegin(); it != tensors.constEnd(); ++it)
        if (!expectedNames.contains(it.key()))
            unexpected.append(it.key());
    unexpected.sort();
    if (!missing.isEmpty())
        return tr("it lacks %1 of the %2 model").arg(missing.join(QStringLiteral(", ")), spec.describe());
    if (!mismatched.isEmpty())
        return mismatched.join(QStringLiteral("; "));
    if (!unexpected.isEmpty())
        return tr("it has entries the %1 model does not: %2")
            .arg(spec.describe(), unexpected.join(QStringLiteral(", ")));
    return {};
}

} // namespace

Result<QByteArray> toStateDict(const ModelSnapshot &snapshot)
{
    using R = Result<QByteArray>;
    const ModelSpec &spec = snapshot.spec;
    if (spec.latent < 1 || spec.latent > ModelSpec::kMaxLatent || spec.hidden < 1
        || spec.hidden > ModelSpec::kMaxHidden)
        return R::failure(
            tr("The model size is implausible (hidden %1, latent %2).").arg(spec.hidden).arg(spec.latent));
    if (snapshot.weights.size() != LayerTable::parameterCount(spec))
        return R::failure(tr("The weights hold %1 values but the %2 model needs %3.")
                              .arg(snapshot.weights.size())
                              .arg(spec.describe())
                              .arg(LayerTable::parameterCount(spec)));
    try {
        auto model = makeVae(spec, 0);
        if (Status s = loadParameters(*model, snapshot.weights); !s)
            return R::failure(s.error());
        c10::Dict<std::string, at::Tensor> dict;
        for (const auto &item : model->named_parameters())
            dict.insert(item.key(), item.value().detach().to(torch::kCPU, torch::kFloat).contiguous().clone());
        return R::success(pickleUntagged(c10::IValue(dict)));
    } catch (const std::exception &e) {
        return R::failure(tr("LibTorch could not write the state dict: %1").arg(errorText(e)));
    }
}

Status exportStateDict(const ModelSnapshot &snapshot, const QString &path)
{
    const auto bytes = toStateDict(snapshot);
    if (!bytes)
        return Status::failure(bytes.error());
    return FileWrite::wholeOrNothing(path, bytes.value());
}

Result<ModelSnapshot> fromStateDict(const QByteArray &bytes, const ImportSpec &wanted, const QString &what)
{
    using R = Result<ModelSnapshot>;
    const auto bad = [&](const QString &why) {
        return R::failure(tr("%1 is not a usable PyTorch state dict: %2.").arg(what, why));
    };
    std::string pickle;
    if (const QString why = checkArchive(bytes, &pickle); !why.isEmpty())
        return bad(why);
    try {
        QHash<QString, torch::Tensor> tensors;
        if (const QString why = readTensors(bytes, pickle, &tensors); !why.isEmpty())
            return bad(why);
        ModelSnapshot snapshot;
        if (const QString why = completeSpec(wanted, tensors, &snapshot.spec); !why.isEmpty())
            return bad(why);
        std::vector<torch::Tensor> ordered;
        if (const QString why = matchParameters(tensors, snapshot.spec, &ordered); !why.isEmpty())
            return bad(why);
        snapshot.weights = flattenTensors(ordered);
        for (float w : snapshot.weights)
            if (!std::isfinite(w))
                return bad(tr("its tensors contain NaN or infinite values"));
        return R::success(std::move(snapshot));
    } catch (const std::exception &e) {
        return bad(tr("LibTorch could not read it (%1)").arg(errorText(e)));
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
        return Result<ModelSnapshot>::failure(
            tr("%1 is larger than %2 bytes; it is not a state dict of these models.").arg(path).arg(kMaxFileBytes));
    return fromStateDict(file.readAll(), spec, QFileInfo(path).fileName());
}

} // namespace PyTorchInterop
