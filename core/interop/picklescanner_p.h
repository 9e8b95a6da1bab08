#pragma once

#include "interop/statedictscan_p.h"

#include <QString>

#include <memory>
#include <string>
#include <vector>

/// The pickle scanner behind checkStateDictPickle(): it runs the opcodes of data.pkl on abstract values (kinds,
/// integers, string positions), so that it knows what each REDUCE calls with which arguments. statedictscan.cpp
/// holds the opcode loop and the stack, pickleobjects.cpp what the Python names and calls may build.
namespace PyTorchInterop {
namespace Pickle {

enum class Kind : uint8_t {
    None,
    Bool,
    Int,
    Str,
    Tuple,
    List,
    Dict,
    Hooks,       // collections.OrderedDict() (a tensor's backward hooks; None in LibTorch)
    Storage,     // the result of BINPERSID
    Tensor,      // the result of _rebuild_tensor_v2
    StorageType, // torch.FloatStorage etc.
    RebuildTensor,
    OrderedDictClass,
    RestoreTypeTag,
    BuildIntList, // callables
};

struct DictState
{
    qint64 badKeyAt = -1; // the key of the first entry that is not a tensor: position and length in the pickle
    qint64 badKeyLength = 0;
};

struct Value
{
    Kind kind = Kind::None;
    int depth = 0;             // tuples within tuples
    bool holdsMutable = false; // a tuple holding a dict or a list, perhaps within another tuple
    qint64 a = 0; // Int: the value; Str: its position in the pickle; Storage: elements; StorageType: element bytes
    qint64 b = 0; // Str: its length in bytes
    std::shared_ptr<const std::vector<Value>> items; // Tuple
    std::shared_ptr<DictState> dict;                 // Dict: shared with its copies in the memo
};

class Scanner
{
public:
    Scanner(const char *pickle, qint64 size, const StorageRecordSize &recordSize, qint64 maxStorageBytes,
            const PickleLimits &limits);

    /// A translated reason for refusing the pickle, or empty.
    QString run();

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

    // The opcode loop and the stack (statedictscan.cpp). Each opcode group returns false for an opcode not its own.
    bool fail(const QString &why);
    bool malformed();
    bool tooDeep();
    bool need(qint64 n);
    /// Values above the innermost MARK: what an opcode may take from the stack.
    size_t frame() const;
    bool push(Value v);
    Value pop();
    quint64 unsignedLe(int bytes);
    static Value of(Kind kind, qint64 a = 0, qint64 b = 0);
    void step(uchar op);
    bool scalarOpcode(uchar op);
    void binUnicode();
    bool memoOpcode(uchar op);
    bool containerOpcode(uchar op);
    void tupleToMark();
    void setItemsOrAppends(uchar op);
    bool callOpcode(uchar op);
    QString stop();
    void put(quint64 index);
    void get(quint64 index);
    /// Pops the top `count` values into a tuple.
    Value tuple(size_t count);

    // What the Python names, calls and containers may build (pickleobjects.cpp).
    bool is(const Value &s, const char *literal) const;
    std::string bytesOf(const Value &s) const;
    QString textOf(qint64 at, qint64 length) const;
    static QString orderedDict();
    void global();
    void unknownGlobal(const std::string &module, const std::string &name);
    void setItem(const Value &target, const Value &key, const Value &value);
    void append(const Value &target, const Value &item);
    Value reduce(const Value &callable, const Value &args);
    Value tensor(const Value &storage, const Value &offset, const Value &sizes, const Value &strides,
                 const Value &requiresGrad, const Value &hooks);
    Value persistent(const Value &id);
};

} // namespace Pickle
} // namespace PyTorchInterop
