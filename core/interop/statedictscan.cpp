#include "interop/statedictscan_p.h"

#include "interop/interoptr_p.h"
#include "interop/picklescanner_p.h"

#include <algorithm>

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
namespace Pickle {

Scanner::Scanner(const char *pickle, qint64 size, const StorageRecordSize &recordSize, qint64 maxStorageBytes,
                 const PickleLimits &limits)
    : m_p(reinterpret_cast<const uchar *>(pickle))
    , m_size(size)
    , m_recordSize(recordSize)
    , m_maxStorageBytes(maxStorageBytes)
    , m_limits(limits)
{ }

QString Scanner::run()
{
    if (m_size < 2 || m_p[0] != 0x80)
        return tr("its data.pkl record is not a pickle");
    if (m_p[1] != 2)
        return tr("its pickle uses protocol %1; LibTorch reads protocol 2, torch.save's default (save without "
                  "pickle_protocol)")
            .arg(int(m_p[1]));
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

bool Scanner::fail(const QString &why)
{
    if (m_error.isEmpty())
        m_error = why;
    return false;
}

bool Scanner::malformed()
{
    return fail(tr("its pickle is malformed at byte %1").arg(m_op));
}

bool Scanner::tooDeep()
{
    return fail(tr("its pickle nests containers more deeply than a state dict does (at byte %1)").arg(m_op));
}

bool Scanner::need(qint64 n)
{
    return m_size - m_pos >= n || fail(tr("its pickle ends before its STOP opcode (the file is truncated)"));
}

size_t Scanner::frame() const
{
    return m_stack.size() - (m_marks.empty() ? 0 : m_marks.back());
}

bool Scanner::push(Value v)
{
    if (qint64(m_stack.size()) >= m_limits.maxStack)
        return fail(
            tr("its pickle keeps more than %1 values on its stack (at byte %2)").arg(m_limits.maxStack).arg(m_op));
    m_stack.push_back(std::move(v));
    return true;
}

Value Scanner::pop()
{
    Value v = std::move(m_stack.back());
    m_stack.pop_back();
    return v;
}

quint64 Scanner::unsignedLe(int bytes)
{
    quint64 v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = v << 8 | m_p[m_pos + i];
    m_pos += bytes;
    return v;
}

Value Scanner::of(Kind kind, qint64 a, qint64 b)
{
    Value v;
    v.kind = kind;
    v.a = a;
    v.b = b;
    return v;
}

void Scanner::step(uchar op)
{
    if (op == '(') { // MARK
        if (qint64(m_marks.size()) >= m_limits.maxMarks)
            tooDeep();
        else
            m_marks.push_back(m_stack.size());
        return;
    }
    if (scalarOpcode(op) || memoOpcode(op) || containerOpcode(op) || callOpcode(op))
        return;
    fail(tr("its pickle uses opcode 0x%1 at byte %2, outside what LibTorch reads of a dict of tensors")
             .arg(uint(op), 2, 16, QLatin1Char('0'))
             .arg(m_op));
}

bool Scanner::scalarOpcode(uchar op)
{
    switch (op) {
    case 'N':
        push(of(Kind::None));
        break;
    case 0x88:
        push(of(Kind::Bool, 1));
        break; // NEWTRUE
    case 0x89:
        push(of(Kind::Bool, 0));
        break; // NEWFALSE
    case 'K':
        if (need(1))
            push(of(Kind::Int, qint64(unsignedLe(1))));
        break;
    case 'M':
        if (need(2))
            push(of(Kind::Int, qint64(unsignedLe(2))));
        break;
    case 'J':
        if (need(4))
            push(of(Kind::Int, qint64(qint32(quint32(unsignedLe(4))))));
        break;
    case 0x8a: // LONG1: LibTorch reads only the 8-byte form
        if (need(1) && unsignedLe(1) != 8)
            malformed();
        else if (need(8))
            push(of(Kind::Int, qint64(unsignedLe(8))));
        break;
    case 'X':
        binUnicode();
        break;
    default:
        return false;
    }
    return true;
}

void Scanner::binUnicode()
{
    if (!need(4))
        return;
    const qint64 length = qint64(unsignedLe(4));
    if (length > m_limits.maxString || length > m_size - m_pos) {
        fail(tr("a string at byte %1 claims %2 bytes, more than the pickle holds or a state dict's names need")
                 .arg(m_op)
                 .arg(length));
        return;
    }
    push(of(Kind::Str, m_pos, length));
    m_pos += length;
}

bool Scanner::memoOpcode(uchar op)
{
    switch (op) {
    case 'q':
        if (need(1))
            put(unsignedLe(1));
        break; // BINPUT
    case 'r':
        if (need(4))
            put(unsignedLe(4));
        break; // LONG_BINPUT
    case 'h':
        if (need(1))
            get(unsignedLe(1));
        break; // BINGET
    case 'j':
        if (need(4))
            get(unsignedLe(4));
        break; // LONG_BINGET
    default:
        return false;
    }
    return true;
}

bool Scanner::containerOpcode(uchar op)
{
    switch (op) {
    case '}': { // EMPTY_DICT
        Value v = of(Kind::Dict);
        v.dict = std::make_shared<DictState>();
        push(std::move(v));
    } break;
    case ']':
        push(of(Kind::List));
        break; // EMPTY_LIST
    case ')':
        push(tuple(0));
        break; // EMPTY_TUPLE
    case 't':
        tupleToMark();
        break; // TUPLE
    case 0x85:
    case 0x86:
    case 0x87: // TUPLE1, TUPLE2, TUPLE3
        if (frame() < size_t(op - 0x84))
            malformed();
        else if (Value t = tuple(op - 0x84); m_error.isEmpty())
            push(std::move(t));
        break;
    case 'u': // SETITEMS
    case 'e': // APPENDS
        setItemsOrAppends(op);
        break;
    default:
        return false;
    }
    return true;
}

void Scanner::tupleToMark()
{
    if (m_marks.empty()) {
        malformed();
        return;
    }
    Value t = tuple(frame());
    m_marks.pop_back();
    if (m_error.isEmpty())
        push(std::move(t));
}

void Scanner::setItemsOrAppends(uchar op)
{
    const size_t width = op == 'u' ? 2 : 1;
    if (m_marks.empty() || frame() % width != 0) {
        malformed();
        return;
    }
    const size_t start = m_marks.back();
    m_marks.pop_back();
    // The container is the last value of the enclosing frame.
    if (start <= (m_marks.empty() ? 0 : m_marks.back())) {
        malformed();
        return;
    }
    for (size_t i = start; i < m_stack.size() && m_error.isEmpty(); i += width)
        if (op == 'u')
            setItem(m_stack[start - 1], m_stack[i], m_stack[i + 1]);
        else
            append(m_stack[start - 1], m_stack[i]);
    m_stack.resize(start);
}

bool Scanner::callOpcode(uchar op)
{
    switch (op) {
    case 'c':
        global();
        break; // GLOBAL
    case 'R':  // REDUCE
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
        return false;
    }
    return true;
}

QString Scanner::stop()
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
    case Kind::Hooks:
        return orderedDict();
    case Kind::List:
        return tr("it holds a %1, not a dict of tensors").arg(QStringLiteral("list"));
    case Kind::Tuple:
        return tr("it holds a %1, not a dict of tensors").arg(QStringLiteral("tuple"));
    case Kind::Tensor:
        return tr("it holds a %1, not a dict of tensors").arg(QStringLiteral("tensor"));
    case Kind::Str:
        return tr("it holds a %1, not a dict of tensors").arg(QStringLiteral("string"));
    case Kind::Int:
        return tr("it holds a %1, not a dict of tensors").arg(QStringLiteral("int"));
    case Kind::Bool:
        return tr("it holds a %1, not a dict of tensors").arg(QStringLiteral("bool"));
    case Kind::None:
        return tr("it holds a %1, not a dict of tensors").arg(QStringLiteral("None"));
    default:
        malformed();
        return m_error;
    }
}

void Scanner::put(quint64 index)
{
    if (frame() < 1) {
        malformed();
    } else if (index > m_memo.size()) {
        fail(tr("its pickle stores memo entry %1 at byte %2, past the %3 entries stored so far")
                 .arg(index)
                 .arg(m_op)
                 .arg(m_memo.size()));
    } else if (index < m_memo.size()) {
        m_memo[index] = m_stack.back();
    } else if (qint64(m_memo.size()) >= m_limits.maxMemo) {
        fail(tr("its pickle keeps more than %1 memo entries (at byte %2)").arg(m_limits.maxMemo).arg(m_op));
    } else {
        m_memo.push_back(m_stack.back());
    }
}

void Scanner::get(quint64 index)
{
    if (index >= m_memo.size())
        fail(tr("its pickle refers to memo entry %1 at byte %2, which it never stored").arg(index).arg(m_op));
    else
        push(m_memo[index]);
}

Value Scanner::tuple(size_t count)
{
    if (qint64(count) > m_limits.maxTupleItems) {
        fail(tr("its pickle builds a tuple of %1 items at byte %2; a state dict's have at most %3")
                 .arg(count)
                 .arg(m_op)
                 .arg(m_limits.maxTupleItems));
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

} // namespace Pickle

QString checkStateDictPickle(const char *pickle, qint64 size, const StorageRecordSize &recordSize,
                             qint64 maxStorageBytes, const PickleLimits &limits)
{
    return Pickle::Scanner(pickle, size, recordSize, maxStorageBytes, limits).run();
}

} // namespace PyTorchInterop
