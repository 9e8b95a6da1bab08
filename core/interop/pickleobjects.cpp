#include "interop/interoptr_p.h"
#include "interop/picklescanner_p.h"

#include <algorithm>
#include <cctype>
#include <cstring>

// What the scanner lets the pickle's Python names, REDUCE calls and BINPERSID storages build: only the objects a
// dict of tensors needs, each checked (a tensor's shape against its storage, a storage against its archive record).

namespace PyTorchInterop {
namespace Pickle {
namespace {

struct StorageName
{
    const char *name;
    int bytes;
};
// The storage classes LibTorch's unpickler maps to scalar types (complex and quantised ones are never needed here).
constexpr StorageName kStorages[] = {
    {"FloatStorage", 4}, {"DoubleStorage", 8}, {"HalfStorage", 2}, {"BFloat16Storage", 2}, {"LongStorage", 8},
    {"IntStorage", 4},   {"ShortStorage", 2},  {"CharStorage", 1}, {"ByteStorage", 1},     {"BoolStorage", 1},
};

// The type tags restore_type_tag may carry (LibTorch parses them; only these plain ones are let through).
constexpr const char *kDictTags[] = {"Dict[str, Tensor]", "Dict[str, int]", "Dict[str, float]", "Dict[str, bool]",
                                     "Dict[str, str]"};
constexpr const char *kListTags[] = {"List[int]", "List[float]", "List[bool]", "List[str]"};

bool isTuple(const Value &v, size_t size)
{
    return v.kind == Kind::Tuple && v.items->size() == size;
}

} // namespace

bool Scanner::is(const Value &s, const char *literal) const
{
    return s.kind == Kind::Str && size_t(s.b) == std::strlen(literal)
        && std::memcmp(m_p + s.a, literal, size_t(s.b)) == 0;
}

std::string Scanner::bytesOf(const Value &s) const
{
    return std::string(reinterpret_cast<const char *>(m_p + s.a), size_t(s.b));
}

QString Scanner::textOf(qint64 at, qint64 length) const
{
    return QString::fromUtf8(reinterpret_cast<const char *>(m_p + at), qsizetype(std::min<qint64>(length, 200)));
}

QString Scanner::orderedDict()
{
    return tr("it holds an OrderedDict, as torch.save(model.state_dict(), path) writes; save a plain dict "
              "instead: torch.save(dict(model.state_dict()), path)");
}

/// GLOBAL: "module\nname\n". Only the names LibTorch rebuilds tensors and containers with are accepted.
void Scanner::global()
{
    std::string parts[2];
    for (auto &part : parts) {
        const qint64 limit = std::min<qint64>(m_size - m_pos, 128);
        const auto *begin = m_p + m_pos;
        const auto *newline = static_cast<const uchar *>(std::memchr(begin, '\n', size_t(limit)));
        if (!newline) {
            if (limit < 128)
                need(m_size - m_pos + 1); // truncated
            else
                malformed();
            return;
        }
        part.assign(reinterpret_cast<const char *>(begin), size_t(newline - begin));
        m_pos += newline - begin + 1;
    }
    const std::string &module = parts[0], &name = parts[1];
    if (module == "torch._utils" && name == "_rebuild_tensor_v2")
        push(of(Kind::RebuildTensor));
    else if (module == "collections" && name == "OrderedDict")
        push(of(Kind::OrderedDictClass));
    else if (module == "torch.jit._pickle" && name == "restore_type_tag")
        push(of(Kind::RestoreTypeTag));
    else if (module == "torch.jit._pickle" && name == "build_intlist")
        push(of(Kind::BuildIntList));
    else if (module == "torch") {
        for (const auto &storage : kStorages)
            if (name == storage.name) {
                push(of(Kind::StorageType, storage.bytes));
                return;
            }
        unknownGlobal(module, name);
    } else {
        unknownGlobal(module, name);
    }
}

void Scanner::unknownGlobal(const std::string &module, const std::string &name)
{
    std::string shown = module + '.' + name;
    for (char &ch : shown)
        if (!(std::isalnum(uchar(ch)) || ch == '_' || ch == '.'))
            ch = '?';
    fail(tr("it refers to the Python object '%1', which a state dict of tensors never needs (nothing was run)")
             .arg(QString::fromLatin1(shown.c_str())));
}

void Scanner::setItem(const Value &target, const Value &key, const Value &value)
{
    if (target.kind == Kind::Hooks) {
        fail(orderedDict());
        return;
    }
    if (target.kind != Kind::Dict) {
        malformed();
        return;
    }
    if (key.kind != Kind::Str) {
        fail(tr("one of its keys is not a string"));
        return;
    }
    if (value.kind == Kind::Dict || value.kind == Kind::Hooks) {
        fail(tr("the entry '%1' is a dict, as in a training checkpoint; save the model's state dict by itself")
                 .arg(textOf(key.a, key.b)));
        return;
    }
    if (value.holdsMutable) { // the dict could be made to contain itself
        tooDeep();
        return;
    }
    if (value.kind != Kind::Tensor && target.dict->badKeyAt < 0) {
        target.dict->badKeyAt = key.a;
        target.dict->badKeyLength = key.b;
    }
}

void Scanner::append(const Value &target, const Value &item)
{
    if (target.kind != Kind::List)
        malformed();
    else if (item.kind == Kind::List || item.kind == Kind::Dict || item.holdsMutable)
        tooDeep();
    else if (item.kind != Kind::None && item.kind != Kind::Bool && item.kind != Kind::Int && item.kind != Kind::Str
             && item.kind != Kind::Tuple)
        malformed();
}

Value Scanner::reduce(const Value &callable, const Value &args)
{
    if (args.kind != Kind::Tuple) {
        malformed();
        return {};
    }
    const std::vector<Value> &a = *args.items;
    switch (callable.kind) {
    case Kind::RebuildTensor:
        if (isTuple(args, 6))
            return tensor(a[0], a[1], a[2], a[3], a[4], a[5]);
        break;
    case Kind::OrderedDictClass:
        if (a.empty())
            return of(Kind::Hooks);
        break;
    case Kind::RestoreTypeTag:
        if (isTuple(args, 2) && a[0].kind == Kind::Dict
            && std::any_of(std::begin(kDictTags), std::end(kDictTags), [&](const char *t) { return is(a[1], t); }))
            return a[0];
        if (isTuple(args, 2) && a[0].kind == Kind::List
            && std::any_of(std::begin(kListTags), std::end(kListTags), [&](const char *t) { return is(a[1], t); }))
            return a[0];
        break;
    case Kind::BuildIntList:
        if (isTuple(args, 1) && a[0].kind == Kind::List)
            return a[0];
        break;
    default:
        break;
    }
    malformed();
    return {};
}

/// _rebuild_tensor_v2(storage, offset, sizes, strides, requires_grad, hooks): every element the sizes and
/// strides reach must lie in the storage, and the tensor may not have more elements than its storage.
Value Scanner::tensor(const Value &storage, const Value &offset, const Value &sizes, const Value &strides,
                      const Value &requiresGrad, const Value &hooks)
{
    const auto ints = [&](const Value &t) {
        return t.kind == Kind::Tuple && qint64(t.items->size()) <= m_limits.maxDims
            && std::all_of(t.items->begin(), t.items->end(),
                           [](const Value &v) { return v.kind == Kind::Int && v.a >= 0; });
    };
    if (storage.kind != Kind::Storage || offset.kind != Kind::Int || offset.a < 0 || !ints(sizes) || !ints(strides)
        || sizes.items->size() != strides.items->size() || requiresGrad.kind != Kind::Bool
        || (hooks.kind != Kind::Hooks && hooks.kind != Kind::None)) {
        malformed();
        return {};
    }
    const unsigned __int128 available = quint64(storage.a);
    unsigned __int128 elements = 1, last = quint64(offset.a); // index of the last element reached
    for (size_t d = 0; d < sizes.items->size(); ++d) {
        const quint64 size = quint64((*sizes.items)[d].a), stride = quint64((*strides.items)[d].a);
        elements = size == 0 ? 0 : std::min<unsigned __int128>(elements * size, available + 1);
        if (size > 0) // each term < 2^126 and the sum is clamped: no overflow
            last = std::min<unsigned __int128>(last + (unsigned __int128)(size - 1) * stride, available + 1);
    }
    if (elements > available || (elements > 0 && last >= available)
        || (elements == 0 && quint64(offset.a) > quint64(storage.a))) {
        fail(tr("a tensor at byte %1 has a shape that needs more values than its storage holds").arg(m_op));
        return {};
    }
    return of(Kind::Tensor);
}

/// BINPERSID ('storage', storage class, key, location, elements): the record data/<key> must hold exactly that.
Value Scanner::persistent(const Value &id)
{
    if (!isTuple(id, 5)) {
        malformed();
        return {};
    }
    const std::vector<Value> &a = *id.items;
    if (!is(a[0], "storage") || a[1].kind != Kind::StorageType || a[2].kind != Kind::Str || a[3].kind != Kind::Str
        || a[4].kind != Kind::Int || a[4].a < 0 || a[2].b < 1 || a[2].b > 64) {
        malformed();
        return {};
    }
    const std::string key = bytesOf(a[2]);
    if (!std::all_of(key.begin(), key.end(), [](char ch) { return std::isalnum(uchar(ch)) || ch == '_'; })) {
        malformed();
        return {};
    }
    const std::string location = bytesOf(a[3]);
    const bool cuda = location.size() > 5 && location.size() <= 7 && location.compare(0, 5, "cuda:") == 0
        && std::all_of(location.begin() + 5, location.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    if (location != "cpu" && location != "cuda" && !cuda) {
        fail(tr("tensor storage '%1' is on the device '%2', which LibTorch cannot map to the CPU")
                 .arg(QString::fromStdString(key), textOf(a[3].a, std::min<qint64>(a[3].b, 32))));
        return {};
    }
    const qint64 elements = a[4].a, elementBytes = a[1].a;
    const qint64 record = m_recordSize(key);
    // LibTorch reads no record for an empty storage.
    if (elements > 0 && record < 0) {
        fail(tr("tensor storage '%1' has no record data/%1 in the archive").arg(QString::fromStdString(key)));
        return {};
    }
    if (elements > 0 && (elements > record / elementBytes || elements * elementBytes != record)) {
        fail(tr("tensor storage '%1' declares %2 values of %3 bytes, but its record data/%1 holds %4 bytes")
                 .arg(QString::fromStdString(key))
                 .arg(elements)
                 .arg(elementBytes)
                 .arg(record));
        return {};
    }
    m_storageBytes += elements * elementBytes;
    if (m_storageBytes > m_maxStorageBytes) {
        fail(tr("its tensors make LibTorch read their storages %1 bytes in all, far more than the file holds")
                 .arg(m_storageBytes));
        return {};
    }
    return of(Kind::Storage, elements);
}

} // namespace Pickle
} // namespace PyTorchInterop
