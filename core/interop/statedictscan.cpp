#include "interop/statedictscan.h"

#include <QCoreApplication>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <vector>

// What torch.save (PyTorch 1.6 and newer, pickle protocol 2) and LibTorch's pickle_save write for {name: tensor}:
//
//   PROTO 2, [GLOBAL torch.jit._pickle restore_type_tag]          (LibTorch only)
//   EMPTY_DICT, MARK, { BINUNICODE name, <tensor> }*, SETITEMS
//   <tensor> = GLOBAL torch._utils _rebuild_tensor_v2, (
//                  BINPERSID ('storage', GLOBAL torch FloatStorage, key, location, numel),
//                  offset, (sizes), (strides), requires_grad, GLOBAL collections OrderedDict () REDUCE) REDUCE
//   [BINUNICODE 'Dict[str, Tensor]' TUPLE2 REDUCE], STOP
//
// with BINPUT/LONG_BINPUT after most values and BINGET/LONG_BINGET for repeats. The scanner runs these opcodes on
// abstract values (kinds, integers, string positions), so that it knows what each REDUCE calls with which arguments.
// Lists of scalars and dicts of non-tensors are understood too, only to say what a file holds instead of tensors.
// Python writes SETITEM (not SETITEMS) for a dict of one entry and APPEND for a list of one item; LibTorch 1.13 reads
// neither, so both are refused here like any other opcode.
// Containers cannot contain themselves: only dicts and lists are mutable, dicts hold no dicts, lists hold no lists
// or dicts, and neither holds a tuple that holds a dict or a list (restore_type_tag's argument does).

namespace PyTorchInterop {
namespace {

QString tr(const char *text) { return QCoreApplication::translate("PyTorchInterop", text); }

enum class Kind : uint8_t {
    None, Bool, Int, Str, Tuple, List, Dict,
    Hooks,        // collections.OrderedDict() (a tensor's backward hooks; None in LibTorch)
    Storage,      // the result of BINPERSID
    Tensor,       // the result of _rebuild_tensor_v2
    StorageType,  // torch.FloatStorage etc.
    RebuildTensor, OrderedDictClass, RestoreTypeTag, BuildIntList, // callables
};

struct DictState
{
    qint64 badKeyAt = -1; // the key of the first entry that is not a tensor: position and length in the pickle
    qint64 badKeyLength = 0;
};

struct Value
{
    Kind kind = Kind::None;
    int depth = 0;          // tuples within tuples
    bool holdsMutable = false; // a tuple holding a dict or a list, perhaps within another tuple
    qint64 a = 0;  // Int: the value; Str: its position in the pickle; Storage: elements; StorageType: element bytes
    qint64 b = 0;  // Str: its length in bytes
    std::shared_ptr<const std::vector<Value>> items; // Tuple
    std::shared_ptr<DictState> dict;                  // Dict: shared with its copies in the memo
};

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

class Scanner
{
public:
    Scanner(const char *pickle, qint64 size, const StorageRecordSize &recordSize, qint64 maxStorageBytes,
            const PickleLimits &limits)
        : m_p(reinterpret_cast<const uchar *>(pickle)), m_size(size), m_recordSize(recordSize),
          m_maxStorageBytes(maxStorageBytes), m_limits(limits)
    {
    }

    QString run()
    {
        if (m_size < 2 || m_p[0] != 0x80)
            return tr("its data.pkl record is not a pickle");
        if (m_p[1] != 2)
            return tr("its pickle uses protocol %1; LibTorch reads protocol 2, torch.save's default (save without "
                      "pickle_protocol)").arg(int(m_p[1]));
        m_pos = 2;
        while (m_error.isEmpty()) {
            m_op = m_pos;
            if (!need(1))
                break;
            if (const uchar op = m_p[m_pos++]; op == '.')
                return stop();
            else
                step(op);
        }
        return m_error;
    }

private:
    const uchar *m_p;
    const qint64 m_size;
    const StorageRecordSize &m_recordSize;
    const qint64 m_maxStorageBytes;
    const PickleLimits m_limits;
    qint64 m_pos = 0;
    qint64 m_op = 0; // where the current opcode starts
    std::vector<Value> m_stack, m_memo;
    std::vector<size_t> m_marks; // stack sizes at each open MARK
    qint64 m_storageBytes = 0;
    QString m_error;

    bool fail(const QString &why)
    {
        if (m_error.isEmpty())
            m_error = why;
        return false;
    }
    bool malformed() { return fail(tr("its pickle is malformed at byte %1").arg(m_op)); }
    bool tooDeep() { return fail(tr("its pickle nests containers more deeply than a state dict does (at byte %1)").arg(m_op)); }
    bool need(qint64 n)
    {
        return m_size - m_pos >= n || fail(tr("its pickle ends before its STOP opcode (the file is truncated)"));
    }
    /// Values above the innermost MARK: what an opcode may take from the stack.
    size_t frame() const { return m_stack.size() - (m_marks.empty() ? 0 : m_marks.back()); }
    bool push(Value v)
    {
        if (qint64(m_stack.size()) >= m_limits.maxStack)
            return fail(tr("its pickle keeps more than %1 values on its stack (at byte %2)").arg(m_limits.maxStack).arg(m_op));
        m_stack.push_back(std::move(v));
        return true;
    }
    Value pop()
    {
        Value v = std::move(m_stack.back());
        m_stack.pop_back();
        return v;
    }
    quint64 unsignedLe(int bytes)
    {
        quint64 v = 0;
        for (int i = bytes - 1; i >= 0; --i)
            v = v << 8 | m_p[m_pos + i];
        m_pos += bytes;
        return v;
    }
    static Value of(Kind kind, qint64 a = 0, qint64 b = 0)
    {
        Value v;
        v.kind = kind;
        v.a = a;
        v.b = b;
        return v;
    }
    bool is(const Value &s, const char *literal) const
    {
        return s.kind == Kind::Str && size_t(s.b) == std::strlen(literal) && std::memcmp(m_p + s.a, literal, size_t(s.b)) == 0;
    }
    std::string bytesOf(const Value &s) const { return std::string(reinterpret_cast<const char *>(m_p + s.a), size_t(s.b)); }
    QString textOf(qint64 at, qint64 length) const
    {
        return QString::fromUtf8(reinterpret_cast<const char *>(m_p + at), qsizetype(std::min<qint64>(length, 200)));
    }

    void step(uchar op)
    {
        switch (op) {
        case '(': // MARK
            if (qint64(m_marks.size()) >= m_limits.maxMarks)
                tooDeep();
            else
                m_marks.push_back(m_stack.size());
            break;
        case 'N': push(of(Kind::None)); break;
        case 0x88: push(of(Kind::Bool, 1)); break; // NEWTRUE
        case 0x89: push(of(Kind::Bool, 0)); break; // NEWFALSE
        case 'K': if (need(1)) push(of(Kind::Int, qint64(unsignedLe(1)))); break;
        case 'M': if (need(2)) push(of(Kind::Int, qint64(unsignedLe(2)))); break;
        case 'J': if (need(4)) push(of(Kind::Int, qint64(qint32(quint32(unsignedLe(4)))))); break;
        case 0x8a: // LONG1: LibTorch reads only the 8-byte form
            if (need(1) && unsignedLe(1) != 8)
                malformed();
            else if (need(8))
                push(of(Kind::Int, qint64(unsignedLe(8))));
            break;
        case 'X': { // BINUNICODE
            if (!need(4))
                break;
            const qint64 length = qint64(unsignedLe(4));
            if (length > m_limits.maxString || length > m_size - m_pos) {
                fail(tr("a string at byte %1 claims %2 bytes, more than the pickle holds or a state dict's names need")
                         .arg(m_op).arg(length));
                break;
            }
            push(of(Kind::Str, m_pos, length));
            m_pos += length;
        } break;
        case 'c': global(); break;
        case 'q': if (need(1)) put(unsignedLe(1)); break; // BINPUT
        case 'r': if (need(4)) put(unsignedLe(4)); break; // LONG_BINPUT
        case 'h': if (need(1)) get(unsignedLe(1)); break; // BINGET
        case 'j': if (need(4)) get(unsignedLe(4)); break; // LONG_BINGET
        case '}': { // EMPTY_DICT
            Value v = of(Kind::Dict);
            v.dict = std::make_shared<DictState>();
            push(std::move(v));
        } break;
        case ']': push(of(Kind::List)); break;         // EMPTY_LIST
        case ')': push(tuple(0)); break;               // EMPTY_TUPLE
        case 't':                                      // TUPLE
            if (m_marks.empty()) {
                malformed();
            } else {
                Value t = tuple(frame());
                m_marks.pop_back();
                if (m_error.isEmpty())
                    push(std::move(t));
            }
            break;
        case 0x85: case 0x86: case 0x87: // TUPLE1, TUPLE2, TUPLE3
            if (frame() < size_t(op - 0x84))
                malformed();
            else if (Value t = tuple(op - 0x84); m_error.isEmpty())
                push(std::move(t));
            break;
        case 'u': // SETITEMS
        case 'e': { // APPENDS
            const size_t width = op == 'u' ? 2 : 1;
            if (m_marks.empty() || frame() % width != 0) {
                malformed();
                break;
            }
            const size_t start = m_marks.back();
            m_marks.pop_back();
            // The container is the last value of the enclosing frame.
            if (start <= (m_marks.empty() ? 0 : m_marks.back())) {
                malformed();
                break;
            }
            for (size_t i = start; i < m_stack.size() && m_error.isEmpty(); i += width)
                if (op == 'u')
                    setItem(m_stack[start - 1], m_stack[i], m_stack[i + 1]);
                else
                    append(m_stack[start - 1], m_stack[i]);
            m_stack.resize(start);
        } break;
        case 'R': // REDUCE
            if (frame() < 2) {
                malformed();
            } else {
                const Value args = pop(), callable = pop();
                if (Value result = reduce(callable, args); m_error.isEmpty())
                    push(std::move(result));
            }
            break;
        case 'Q': // BINPERSID
            if (frame() < 1)
                malformed();
            else if (Value storage = persistent(pop()); m_error.isEmpty())
                push(std::move(storage));
            break;
        default:
            fail(tr("its pickle uses opcode 0x%1 at byte %2, outside what LibTorch reads of a dict of tensors")
                     .arg(uint(op), 2, 16, QLatin1Char('0')).arg(m_op));
        }
    }

    QString stop()
    {
        if (!m_marks.empty() || m_stack.size() != 1 || m_pos != m_size) {
            malformed();
            return m_error;
        }
        const Value &top = m_stack.front();
        switch (top.kind) {
        case Kind::Dict:
            if (top.dict->badKeyAt >= 0)
                return tr("the entry '%1' is not a tensor").arg(textOf(top.dict->badKeyAt, top.dict->badKeyLength));
            return {};
        case Kind::Hooks: return orderedDict();
        case Kind::List: return tr("it holds a %1, not a dict of tensors").arg(QStringLiteral("list"));
        case Kind::Tuple: return tr("it holds a %1, not a dict of tensors").arg(QStringLiteral("tuple"));
        case Kind::Tensor: return tr("it holds a %1, not a dict of tensors").arg(QStringLiteral("tensor"));
        case Kind::Str: return tr("it holds a %1, not a dict of tensors").arg(QStringLiteral("string"));
        case Kind::Int: return tr("it holds a %1, not a dict of tensors").arg(QStringLiteral("int"));
        case Kind::Bool: return tr("it holds a %1, not a dict of tensors").arg(QStringLiteral("bool"));
        case Kind::None: return tr("it holds a %1, not a dict of tensors").arg(QStringLiteral("None"));
        default: malformed(); return m_error;
        }
    }

    static QString orderedDict()
    {
        return tr("it holds an OrderedDict, as torch.save(model.state_dict(), path) writes; save a plain dict "
                  "instead: torch.save(dict(model.state_dict()), path)");
    }

    /// GLOBAL: "module\nname\n". Only the names LibTorch rebuilds tensors and containers with are accepted.
    void global()
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

    void unknownGlobal(const std::string &module, const std::string &name)
    {
        std::string shown = module + '.' + name;
        for (char &ch : shown)
            if (!(std::isalnum(uchar(ch)) || ch == '_' || ch == '.'))
                ch = '?';
        fail(tr("it refers to the Python object '%1', which a state dict of tensors never needs (nothing was run)")
                 .arg(QString::fromLatin1(shown.c_str())));
    }

    void put(quint64 index)
    {
        if (frame() < 1) {
            malformed();
        } else if (index > m_memo.size()) {
            fail(tr("its pickle stores memo entry %1 at byte %2, past the %3 entries stored so far")
                     .arg(index).arg(m_op).arg(m_memo.size()));
        } else if (index < m_memo.size()) {
            m_memo[index] = m_stack.back();
        } else if (qint64(m_memo.size()) >= m_limits.maxMemo) {
            fail(tr("its pickle keeps more than %1 memo entries (at byte %2)").arg(m_limits.maxMemo).arg(m_op));
        } else {
            m_memo.push_back(m_stack.back());
        }
    }

    void get(quint64 index)
    {
        if (index >= m_memo.size())
            fail(tr("its pickle refers to memo entry %1 at byte %2, which it never stored").arg(index).arg(m_op));
        else
            push(m_memo[index]);
    }

    /// Pops the top `count` values into a tuple.
    Value tuple(size_t count)
    {
        if (qint64(count) > m_limits.maxTupleItems) {
            fail(tr("its pickle builds a tuple of %1 items at byte %2; a state dict's have at most %3")
                     .arg(count).arg(m_op).arg(m_limits.maxTupleItems));
            return {};
        }
        Value t = of(Kind::Tuple);
        auto items = std::make_shared<std::vector<Value>>();
        items->reserve(count);
        for (auto it = m_stack.end() - qsizetype(count); it != m_stack.end(); ++it) {
            t.holdsMutable = t.holdsMutable || it->kind == Kind::List || it->kind == Kind::Dict || it->holdsMutable;
            t.depth = std::max(t.depth, it->depth + 1);
            items->push_back(std::move(*it));
        }
        m_stack.resize(m_stack.size() - count);
        if (t.depth > m_limits.maxDepth) {
            tooDeep();
            return {};
        }
        t.items = std::move(items);
        return t;
    }

    void setItem(const Value &target, const Value &key, const Value &value)
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

    void append(const Value &target, const Value &item)
    {
        if (target.kind != Kind::List)
            malformed();
        else if (item.kind == Kind::List || item.kind == Kind::Dict || item.holdsMutable)
            tooDeep();
        else if (item.kind != Kind::None && item.kind != Kind::Bool && item.kind != Kind::Int && item.kind != Kind::Str
                 && item.kind != Kind::Tuple)
            malformed();
    }

    static bool isTuple(const Value &v, size_t size) { return v.kind == Kind::Tuple && v.items->size() == size; }

    Value reduce(const Value &callable, const Value &args)
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
    Value tensor(const Value &storage, const Value &offset, const Value &sizes, const Value &strides,
                 const Value &requiresGrad, const Value &hooks)
    {
        const auto ints = [&](const Value &t) {
            return t.kind == Kind::Tuple && qint64(t.items->size()) <= m_limits.maxDims
                && std::all_of(t.items->begin(), t.items->end(), [](const Value &v) { return v.kind == Kind::Int && v.a >= 0; });
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
        if (elements > available || (elements > 0 && last >= available) || (elements == 0 && quint64(offset.a) > quint64(storage.a))) {
            fail(tr("a tensor at byte %1 has a shape that needs more values than its storage holds").arg(m_op));
            return {};
        }
        return of(Kind::Tensor);
    }

    /// BINPERSID ('storage', storage class, key, location, elements): the record data/<key> must hold exactly that.
    Value persistent(const Value &id)
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
                     .arg(QString::fromStdString(key)).arg(elements).arg(elementBytes).arg(record));
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
};

} // namespace

QString checkStateDictPickle(const char *pickle, qint64 size, const StorageRecordSize &recordSize,
                             qint64 maxStorageBytes, const PickleLimits &limits)
{
    return Scanner(pickle, size, recordSize, maxStorageBytes, limits).run();
}

} // namespace PyTorchInterop
