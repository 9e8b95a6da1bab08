#pragma once

// Hand-made torch.save archives for the state-dict importer's tests and its fuzz target: a stored (uncompressed)
// zip with archive/data.pkl, archive/data/<i> and archive/version, as torch.save writes it. Header-only, Qt only.

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QtEndian>

namespace TorchArchive {

inline QByteArray le32(quint32 v)
{
    QByteArray b(4, '\0');
    qToLittleEndian(v, b.data());
    return b;
}

inline QByteArray le16(quint16 v)
{
    QByteArray b(2, '\0');
    qToLittleEndian(v, b.data());
    return b;
}

/// The zip CRC-32 (bitwise; test data is small).
inline quint32 crc32(const QByteArray &data)
{
    quint32 crc = 0xFFFFFFFFu;
    for (char ch : data) {
        crc ^= uchar(ch);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

/// A stored (uncompressed) zip archive of `records` (name, bytes).
inline QByteArray zip(const QList<QPair<QByteArray, QByteArray>> &records)
{
    QByteArray out, directory;
    for (const auto &[name, data] : records) {
        const QByteArray common = le16(20) + le16(0) + le16(0) + le16(0) + le16(0) + le32(crc32(data))
            + le32(quint32(data.size())) + le32(quint32(data.size())) + le16(quint16(name.size())) + le16(0);
        directory += QByteArray("PK\x01\x02", 4) + le16(20) + common + le16(0) + le16(0) + le16(0) + le32(0)
            + le32(quint32(out.size())) + name;
        out += QByteArray("PK\x03\x04", 4) + common + name + data;
    }
    return out + directory + QByteArray("PK\x05\x06", 4) + le16(0) + le16(0) + le16(quint16(records.size()))
        + le16(quint16(records.size())) + le32(quint32(directory.size())) + le32(quint32(out.size())) + le16(0);
}

/// archive/data.pkl = `pickle`, archive/data/<i> = storages[i], archive/version = "3".
inline QByteArray archive(const QByteArray &pickle, const QList<QByteArray> &storages = {})
{
    QList<QPair<QByteArray, QByteArray>> records{{"archive/data.pkl", pickle}};
    for (int i = 0; i < storages.size(); ++i)
        records.append(qMakePair("archive/data/" + QByteArray::number(i), storages[i]));
    records.append(qMakePair(QByteArray("archive/version"), QByteArray("3\n")));
    return zip(records);
}

} // namespace TorchArchive
