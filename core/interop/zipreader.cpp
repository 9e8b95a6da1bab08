#include "interop/zipreader_p.h"

#include "interop/interoptr_p.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <optional>

// Like pytorchinterop.cpp, this file keeps to QByteArray's constData() and size() (see the note on Qt 5 there).

namespace PyTorchInterop {
namespace Zip {
namespace {

quint16 le16(const uchar *p)
{
    return quint16(p[0] | p[1] << 8);
}
quint32 le32(const uchar *p)
{
    return quint32(p[0]) | quint32(p[1]) << 8 | quint32(p[2]) << 16 | quint32(p[3]) << 24;
}
quint64 le64(const uchar *p)
{
    return quint64(le32(p)) | quint64(le32(p + 4)) << 32;
}

/// The record of `size` bytes at `offset`, if it fits and starts with `signature`; else null.
const uchar *record(const QByteArray &bytes, qint64 offset, qint64 size, quint32 signature)
{
    if (offset < 0 || offset > bytes.size() - size)
        return nullptr;
    const auto *p = reinterpret_cast<const uchar *>(bytes.constData()) + offset;
    return le32(p) == signature ? p : nullptr;
}

} // namespace

bool parse(const QByteArray &bytes, qint64 offset, EndRecord *out)
{
    const uchar *p = record(bytes, offset, EndRecord::kSize, EndRecord::kSignature);
    if (!p)
        return false;
    *out = EndRecord{le16(p + 4), le16(p + 6), le16(p + 8), le16(p + 10), le32(p + 12), le32(p + 16)};
    return true;
}

bool parse(const QByteArray &bytes, qint64 offset, Zip64Locator *out)
{
    const uchar *p = record(bytes, offset, Zip64Locator::kSize, Zip64Locator::kSignature);
    if (!p)
        return false;
    *out = Zip64Locator{le32(p + 4), le64(p + 8), le32(p + 16)};
    return true;
}

bool parse(const QByteArray &bytes, qint64 offset, Zip64EndRecord *out)
{
    const uchar *p = record(bytes, offset, Zip64EndRecord::kSize, Zip64EndRecord::kSignature);
    if (!p)
        return false;
    // Between the record's size (4) and its disk number (16): the versions made by and needed, unused here.
    *out =
        Zip64EndRecord{le64(p + 4), le32(p + 16), le32(p + 20), le64(p + 24), le64(p + 32), le64(p + 40), le64(p + 48)};
    return true;
}

bool parse(const QByteArray &bytes, qint64 offset, CentralDirectoryEntry *out)
{
    const uchar *p = record(bytes, offset, CentralDirectoryEntry::kSize, CentralDirectoryEntry::kSignature);
    if (!p)
        return false;
    CentralDirectoryEntry entry;
    entry.flags = le16(p + 8);
    entry.method = le16(p + 10);
    entry.crc32 = le32(p + 16); // after the modification time and date
    entry.compressedSize = le32(p + 20);
    entry.uncompressedSize = le32(p + 24);
    entry.nameLength = le16(p + 28);
    entry.extraLength = le16(p + 30);
    entry.commentLength = le16(p + 32);
    entry.externalAttributes = le32(p + 38); // after the start disk and the internal attributes
    entry.localHeaderOffset = le32(p + 42);
    *out = entry;
    return true;
}

bool parse(const QByteArray &bytes, qint64 offset, LocalHeader *out)
{
    const uchar *p = record(bytes, offset, LocalHeader::kSize, LocalHeader::kSignature);
    if (!p)
        return false;
    *out = LocalHeader{le16(p + 26), le16(p + 28)};
    return true;
}

qint64 findEndRecord(const QByteArray &bytes)
{
    // The end record is followed by a comment of at most 65535 bytes.
    const qint64 last = bytes.size() - EndRecord::kSize;
    const auto *data = reinterpret_cast<const uchar *>(bytes.constData());
    for (qint64 at = last; at >= 0 && at >= last - 65535; --at)
        if (le32(data + at) == EndRecord::kSignature)
            return at;
    return -1;
}

} // namespace Zip

namespace {

using namespace Zip;

/// Walks the directory entry by entry, filling the index and noting the format version records.
class DirectoryCheck
{
public:
    DirectoryCheck(const QByteArray &bytes, ArchiveIndex *index)
        : m_bytes(bytes)
        , m_index(index)
    { }

    QString run()
    {
        const qint64 endAt = findEndRecord(m_bytes);
        EndRecord end;
        if (endAt < 0 || !parse(m_bytes, endAt, &end))
            return tr("its zip directory is missing (the file is truncated)");
        if (const QString why = checkEnd(end, endAt); !why.isEmpty())
            return why;
        const qint64 directoryEnd = qint64(end.directoryOffset) + end.directorySize;
        qint64 at = end.directoryOffset;
        for (qint64 i = 0; i < end.entries; ++i) {
            CentralDirectoryEntry entry;
            if (at + CentralDirectoryEntry::kSize > directoryEnd || !parse(m_bytes, at, &entry))
                return tr("its zip directory is damaged");
            if (const QString why = checkEntry(entry, at, directoryEnd); !why.isEmpty())
                return why;
            at += entry.recordSize();
        }
        if (const QString why = checkFormatVersion(); !why.isEmpty())
            return why;
        m_index->folder = m_folder;
        return {};
    }

private:
    const QByteArray &m_bytes;
    ArchiveIndex *m_index;
    qint64 m_total = 0;   // bytes of all entries so far
    std::string m_folder; // torch.save puts every record in one top-level folder
    // The contents of <folder>/version and <folder>/.data/version; LibTorch reads the second when there is one.
    std::optional<std::string> m_plainVersion, m_dataVersion;

    QString checkEnd(const EndRecord &end, qint64 endAt) const
    {
        // torch.save writes ZIP64 records only past 4 GB, far beyond kMaxFileBytes.
        if (end.entries == 0xFFFF || end.directoryOffset == 0xFFFFFFFF)
            return tr("it uses ZIP64 records, which a state dict of these models never needs");
        if (qint64(end.directoryOffset) + end.directorySize > endAt)
            return tr("its zip directory points outside the file");
        if (end.disk != 0 || end.directoryDisk != 0 || end.entriesOnDisk != end.entries)
            return tr("its zip directory is damaged");
        return checkZip64End(end, endAt);
    }

    /// torch.save and LibTorch also write a ZIP64 end record with the same counts. The zip reader takes the counts
    /// from it whenever its locator (just before the end record) and its signature are there: they must agree with
    /// the ones checked here, or LibTorch would read a different directory (the fuzzer found one it read as empty).
    QString checkZip64End(const EndRecord &end, qint64 endAt) const
    {
        Zip64Locator locator;
        Zip64EndRecord zip64;
        if (endAt < Zip64Locator::kSize + Zip64EndRecord::kSize
            || !parse(m_bytes, endAt - Zip64Locator::kSize, &locator)
            || locator.recordOffset > quint64(m_bytes.size() - Zip64EndRecord::kSize)
            || !parse(m_bytes, qint64(locator.recordOffset), &zip64))
            return {};
        if (locator.diskCount != 1 || zip64.recordSize < 44 || zip64.disk != 0 || zip64.directoryDisk != 0
            || zip64.entriesOnDisk != end.entries || zip64.entries != end.entries
            || zip64.directorySize != end.directorySize || zip64.directoryOffset != end.directoryOffset)
            return tr("its zip directory is damaged");
        return {};
    }

    QString checkEntry(const CentralDirectoryEntry &entry, qint64 at, qint64 directoryEnd)
    {
        // Encrypted (bits 0 and 6), patch data (5), masked local headers (13): the zip reader refuses these.
        if (entry.flags & 0x2061)
            return tr("its zip entries are encrypted, which torch.save never writes");
        if (entry.compressedSize == 0xFFFFFFFF || entry.uncompressedSize == 0xFFFFFFFF
            || entry.localHeaderOffset == 0xFFFFFFFF)
            return tr("it uses ZIP64 records, which a state dict of these models never needs");
        if (entry.method != 0 || entry.compressedSize != entry.uncompressedSize)
            return tr("it holds compressed entries, which torch.save never writes");
        const qint64 size = m_bytes.size();
        m_total += entry.uncompressedSize;
        if (qint64(entry.localHeaderOffset) + LocalHeader::kSize + entry.uncompressedSize > size || m_total > size
            || at + CentralDirectoryEntry::kSize + entry.nameLength > directoryEnd)
            return tr("its zip entries claim more data than the file holds");
        // std::string, not QByteArray: see the note on Qt 5 in pytorchinterop.cpp.
        const std::string name(m_bytes.constData() + at + CentralDirectoryEntry::kSize, size_t(entry.nameLength));
        const size_t slash = name.find('/');
        if (slash == 0 || slash == std::string::npos
            || (!m_folder.empty() && name.compare(0, m_folder.size(), m_folder) != 0))
            return tr("its zip entries are not in one folder, as torch.save writes them");
        m_folder = name.substr(0, slash + 1);
        // The zip reader takes an entry with the DOS directory attribute, or a name ending in '/', for a folder and
        // "extracts" it without filling the buffer LibTorch then parses (the fuzzer found this): torch.save writes none.
        if ((entry.externalAttributes & 0x10) || name.back() == '/')
            return tr("its zip directory is damaged");
        // Two entries whose names differ only in case would leave it to the zip reader which one LibTorch reads.
        const std::string lower = ArchiveIndex::lower(name);
        if (!m_index->records.emplace(lower, ArchiveIndex::Record{entry.localHeaderOffset, entry.uncompressedSize})
                 .second)
            return tr("its zip directory is damaged");
        return readVersion(entry, lower);
    }

    /// Keeps the contents of a version record (found without regard to case, as the zip reader does).
    QString readVersion(const CentralDirectoryEntry &entry, const std::string &lowerName)
    {
        const std::string lowerFolder = ArchiveIndex::lower(m_folder);
        const bool dataVersion = lowerName == lowerFolder + ".data/version";
        if (!dataVersion && lowerName != lowerFolder + "version")
            return {};
        LocalHeader local;
        const bool found = parse(m_bytes, entry.localHeaderOffset, &local);
        const qint64 start = local.dataOffset(entry.localHeaderOffset);
        const auto *data = reinterpret_cast<const uchar *>(m_bytes.constData());
        if (!found || start + entry.uncompressedSize > m_bytes.size() || entry.uncompressedSize > 20
            || crc32(0, data + start, uInt(entry.uncompressedSize)) != entry.crc32)
            return tr("its version record is damaged");
        (dataVersion ? m_dataVersion : m_plainVersion)
            .emplace(m_bytes.constData() + start, size_t(entry.uncompressedSize));
        return {};
    }

    /// LibTorch's reader throws on these after opening the archive and then leaks its zip state (LibTorch 1.13), so
    /// they are refused here first. Format versions 1 to 10 are the ones LibTorch 1.13 reads.
    QString checkFormatVersion() const
    {
        std::string version = m_dataVersion ? *m_dataVersion : m_plainVersion.value_or(std::string());
        while (!version.empty() && std::isspace(uchar(version.back())))
            version.pop_back();
        const bool numeric = !version.empty() && version.size() <= 2
            && std::all_of(version.begin(), version.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
        if (!numeric || std::stoi(version) < 1 || std::stoi(version) > 10)
            return tr("it has no usable format version record");
        return {};
    }
};

} // namespace

std::string ArchiveIndex::lower(std::string name)
{
    for (char &ch : name)
        ch = char(std::tolower(uchar(ch)));
    return name;
}

const ArchiveIndex::Record *ArchiveIndex::find(const std::string &name) const
{
    const auto it = records.find(lower(folder + name));
    return it == records.end() ? nullptr : &it->second;
}

QString checkArchiveDirectory(const QByteArray &bytes, ArchiveIndex *index)
{
    return DirectoryCheck(bytes, index).run();
}

} // namespace PyTorchInterop
