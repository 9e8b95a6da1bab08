#pragma once

#include <QString>

#include <cstdint>
#include <functional>
#include <string>

/// A strict scanner for the data.pkl record of a torch.save archive, run before LibTorch's unpickler sees it.
/// LibTorch 1.13's unpickler trusts the declared sizes, counts and memo indices of its input (a LONG_BINPUT index
/// of 4e9 resizes its memo to 4e9 entries, an odd SETITEMS count reads past its stack, a storage's declared size is
/// used as is); this scanner accepts only the opcodes and the object shapes that torch.save and LibTorch's
/// pickle_save write for a dict of tensors, checks every length against the bytes that remain, bounds the memo,
/// the stack, the MARKs and the nesting, and checks each tensor storage against its record in the archive.
/// Nothing is imported or called: the only Python names accepted are the tensor-rebuilding ones LibTorch knows.
namespace PyTorchInterop {

struct PickleLimits
{
    int maxMarks = 32;          ///< open MARKs at once (torch.save nests 3)
    int maxDepth = 8;           ///< tuples within tuples (torch.save nests 2)
    int maxTupleItems = 16;     ///< items of one tuple (a tensor's rebuild arguments are 6)
    int maxDims = 8;            ///< dimensions of one tensor
    qint64 maxStack = 1 << 16;  ///< values on the stack (LibTorch puts 2 per dict entry there before SETITEMS)
    qint64 maxMemo = 1 << 20;   ///< memo entries
    qint64 maxString = 1 << 16; ///< bytes of one string (names, keys)
};

/// Returns the size in bytes of the archive record holding storage `key` ("<folder>/data/<key>"), or -1 if the
/// archive has no such record.
using StorageRecordSize = std::function<qint64(const std::string &key)>;

/// Checks `pickle` (the bytes of data.pkl). Returns a translated reason for refusing it, or an empty string.
/// `maxStorageBytes` bounds the bytes of all storages the pickle makes LibTorch read together (a storage read twice
/// counts twice).
QString checkStateDictPickle(const char *pickle, qint64 size, const StorageRecordSize &recordSize,
                             qint64 maxStorageBytes, const PickleLimits &limits = {});

} // namespace PyTorchInterop
