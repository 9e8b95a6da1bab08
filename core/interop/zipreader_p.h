#pragma once

#include <QByteArray>
#include <QString>

#include <map>
#include <string>

/// The records of a zip archive's directory that torch.save writes and LibTorch's zip reader reads, each parsed from
/// its little-endian fields into named members, and the check that runs on them before LibTorch opens the archive.
namespace PyTorchInterop {
namespace Zip {

/// End of central directory record: where the directory is and how many entries it has.
struct EndRecord
{
    static constexpr quint32 kSignature = 0x06054b50u;
    static constexpr qint64 kSize = 22; // without the archive comment
    quint16 disk = 0;
    quint16 directoryDisk = 0;
    quint16 entriesOnDisk = 0;
    quint16 entries = 0;
    quint32 directorySize = 0;
    quint32 directoryOffset = 0;
};

/// ZIP64 end of central directory locator: immediately before the end record, it points at the ZIP64 end record.
struct Zip64Locator
{
    static constexpr quint32 kSignature = 0x07064b50u;
    static constexpr qint64 kSize = 20;
    quint32 recordDisk = 0;
    quint64 recordOffset = 0;
    quint32 diskCount = 0;
};

/// ZIP64 end of central directory record: the end record's fields, 64 bits wide.
struct Zip64EndRecord
{
    static constexpr quint32 kSignature = 0x06064b50u;
    static constexpr qint64 kSize = 56; // without the extensible data
    quint64 recordSize = 0;             // of the rest of the record, from after this field
    quint32 disk = 0;
    quint32 directoryDisk = 0;
    quint64 entriesOnDisk = 0;
    quint64 entries = 0;
    quint64 directorySize = 0;
    quint64 directoryOffset = 0;
};

/// Central directory file header: one archive entry; its name, extra field and comment follow it.
struct CentralDirectoryEntry
{
    static constexpr quint32 kSignature = 0x02014b50u;
    static constexpr qint64 kSize = 46; // the fixed part
    quint16 flags = 0;
    quint16 method = 0;
    quint32 crc32 = 0;
    quint32 compressedSize = 0;
    quint32 uncompressedSize = 0;
    quint16 nameLength = 0;
    quint16 extraLength = 0;
    quint16 commentLength = 0;
    quint32 externalAttributes = 0;
    quint32 localHeaderOffset = 0;

    /// Bytes from this header to the next one.
    qint64 recordSize() const { return kSize + nameLength + extraLength + commentLength; }
};

/// Local file header: precedes an entry's data, after its own copy of the name and an extra field.
struct LocalHeader
{
    static constexpr quint32 kSignature = 0x04034b50u;
    static constexpr qint64 kSize = 30; // the fixed part
    quint16 nameLength = 0;
    quint16 extraLength = 0;

    /// Where the entry's data starts, for a header at `headerOffset`.
    qint64 dataOffset(qint64 headerOffset) const { return headerOffset + kSize + nameLength + extraLength; }
};

/// Each reads the record at `offset` of `bytes`: false (and `out` unchanged) when the record does not fit in
/// `bytes` or its signature is not there.
bool parse(const QByteArray &bytes, qint64 offset, EndRecord *out);
bool parse(const QByteArray &bytes, qint64 offset, Zip64Locator *out);
bool parse(const QByteArray &bytes, qint64 offset, Zip64EndRecord *out);
bool parse(const QByteArray &bytes, qint64 offset, CentralDirectoryEntry *out);
bool parse(const QByteArray &bytes, qint64 offset, LocalHeader *out);

/// Where the end record is: the last signature within its reach of the file's end, or -1.
qint64 findEndRecord(const QByteArray &bytes);

} // namespace Zip

/// The records of an archive, as LibTorch's zip reader finds them: by name without regard to case.
struct ArchiveIndex
{
    struct Record
    {
        qint64 localHeader = 0;
        qint64 size = 0;
    };
    std::string folder;                    // "archive/": torch.save puts every record in one top-level folder
    std::map<std::string, Record> records; // by lower-case full name

    static std::string lower(std::string name);
    const Record *find(const std::string &name) const;
};

/// Checks the zip directory before LibTorch reads it: every entry stored uncompressed (as torch.save writes them)
/// and inside the file, and all entries together no larger than the file, so that nothing the reader allocates
/// for a record exceeds what the file holds. Fills `index`; returns a translated reason, or empty.
QString checkArchiveDirectory(const QByteArray &bytes, ArchiveIndex *index);

} // namespace PyTorchInterop
