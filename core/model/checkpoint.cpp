#include "model/checkpoint.h"

#include "data/datasetloader.h"
#include "model/layertable.h"
#include "util/filewrite.h"
#include "util/jsonio.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtEndian>

#include <cstring>

// File layout: "LEXCKPT\n", u32 BE format version, u32 BE header length, UTF-8 JSON header, then float32 LE payload
// (weights, Adam first moments, Adam second moments). The header describes every tensor and carries a SHA-256 of
// the payload, so a truncated or altered file is detected before anything is used.

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CheckpointIo", text);
}

const QByteArray kMagic("LEXCKPT\n");
constexpr quint32 kFormatVersion = 1;
constexpr quint32 kMaxHeaderBytes = 64u << 20;

QByteArray floatsToBytes(const QVector<float> &values)
{
    QByteArray out(values.size() * qsizetype(sizeof(float)), Qt::Uninitialized);
    for (qsizetype i = 0; i < values.size(); ++i)
        qToLittleEndian<float>(values[i], out.data() + i * sizeof(float));
    return out;
}

QVector<float> bytesToFloats(const char *data, qsizetype count)
{
    QVector<float> out(count);
    for (qsizetype i = 0; i < count; ++i)
        out[i] = qFromLittleEndian<float>(data + i * sizeof(float));
    return out;
}

QJsonArray layoutJson(const ModelSpec &spec)
{
    QJsonArray tensors;
    for (const ParameterShape &p : LayerTable::parameters(spec)) {
        QJsonArray dims;
        for (qint64 s : p.shape)
            dims.append(double(s));
        tensors.append(QJsonObject{{QStringLiteral("name"), p.name}, {QStringLiteral("shape"), dims}});
    }
    return tensors;
}

} // namespace

ModelSnapshot Checkpoint::snapshot() const
{
    return ModelSnapshot{config.model, weights, history.isEmpty() ? 0 : history.last().epoch,
                         history.isEmpty() ? QVector<double>() : history.last().test.klPerDim};
}

namespace CheckpointIo {

QByteArray serialize(const Checkpoint &c)
{
    const QByteArray payload =
        floatsToBytes(c.weights) + floatsToBytes(c.optimizer.firstMoment) + floatsToBytes(c.optimizer.secondMoment);
    QJsonArray history;
    for (const EpochStats &e : c.history)
        history.append(JsonIo::toJson(e));
    const QJsonObject header{
        {QStringLiteral("format"), QStringLiteral("latent-explorer checkpoint")},
        {QStringLiteral("config"), JsonIo::toJson(c.config)},
        {QStringLiteral("history"), history},
        {QStringLiteral("global_step"), double(c.globalStep)},
        {QStringLiteral("parameters"), layoutJson(c.config.model)},
        {QStringLiteral("weight_count"), double(c.weights.size())},
        {QStringLiteral("adam_step"), double(c.optimizer.step)},
        {QStringLiteral("adam_count"), double(c.optimizer.firstMoment.size())},
        {QStringLiteral("payload_sha256"),
         QString::fromLatin1(QCryptographicHash::hash(payload, QCryptographicHash::Sha256).toHex())}};
    const QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Indented);
    QByteArray out = kMagic;
    char word[4];
    qToBigEndian<quint32>(kFormatVersion, word);
    out.append(word, 4);
    qToBigEndian<quint32>(quint32(json.size()), word);
    out.append(word, 4);
    out.append(json);
    out.append(payload);
    return out;
}

namespace {

/// The dataset as an absolute path when it was given relative to the current folder, so that `eval` or a resume
/// from another folder finds it; built-in names and absent paths stay as written.
Checkpoint withAbsoluteDataset(Checkpoint checkpoint)
{
    const QString &dataset = checkpoint.config.dataset;
    if (!dataset.isEmpty() && !DatasetLoader::builtinNames().contains(dataset) && QFileInfo(dataset).isRelative()
        && QFileInfo::exists(dataset))
        checkpoint.config.dataset = QDir::cleanPath(QFileInfo(dataset).absoluteFilePath());
    return checkpoint;
}

} // namespace

Status save(const Checkpoint &checkpoint, const QString &path)
{
    return FileWrite::wholeOrNothing(path, serialize(withAbsoluteDataset(checkpoint)),
                                     tr("the checkpoint %1").arg(path));
}

Result<Checkpoint> load(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return Result<Checkpoint>::failure(tr("The checkpoint %1 does not exist.").arg(path));
    if (!file.open(QIODevice::ReadOnly))
        return Result<Checkpoint>::failure(tr("Cannot open the checkpoint %1: %2").arg(path, file.errorString()));
    // Checkpoints are at most a few hundred MB; refuse anything absurd before reading it.
    if (file.size() > (qint64(4) << 30))
        return Result<Checkpoint>::failure(tr("%1 is too large to be a checkpoint.").arg(path));
    return parse(file.readAll(), QFileInfo(path).fileName());
}

namespace {

/// Where the parts of a checkpoint file are; filled by readHeader.
struct FileParts
{
    QJsonObject header;
    qint64 payloadStart = 0;
};

/// The signature, the format version and the JSON header. Returns why the file is unusable, or empty.
QString readHeader(const QByteArray &bytes, FileParts *parts)
{
    if (bytes.size() < kMagic.size() + 8 || !bytes.startsWith(kMagic))
        return tr("it does not start with the Latent Explorer checkpoint signature");
    const auto *p = bytes.constData() + kMagic.size();
    const quint32 version = qFromBigEndian<quint32>(p);
    const quint32 headerSize = qFromBigEndian<quint32>(p + 4);
    if (version != kFormatVersion)
        return tr("it has format version %1; this app reads version %2").arg(version).arg(kFormatVersion);
    const qint64 headerStart = kMagic.size() + 8;
    if (headerSize > kMaxHeaderBytes || headerStart + headerSize > bytes.size())
        return tr("the file is truncated (its header is incomplete)");
    QJsonParseError jsonError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes.mid(headerStart, headerSize), &jsonError);
    if (!doc.isObject())
        return tr("its header is damaged (%1)")
            .arg(doc.isNull() ? jsonError.errorString() : tr("it is not a JSON object"));
    parts->header = doc.object();
    parts->payloadStart = headerStart + headerSize;
    return {};
}

/// The training settings and the per-epoch history.
QString readSettings(const QJsonObject &h, Checkpoint *c)
{
    if (!h.value(QLatin1String("config")).isObject())
        return tr("the training settings are missing");
    if (QString e = JsonIo::fromJson(h.value(QLatin1String("config")).toObject(), &c->config); !e.isEmpty())
        return tr("the training settings are invalid (%1)").arg(e);
    const QJsonValue history = h.value(QLatin1String("history"));
    if (!history.isArray())
        return tr("the training history is missing");
    for (const QJsonValue &v : history.toArray()) {
        EpochStats e;
        if (!v.isObject())
            return tr("an entry of the training history is damaged");
        if (QString why = JsonIo::fromJson(v.toObject(), &e); !why.isEmpty())
            return tr("an entry of the training history is invalid (%1)").arg(why);
        c->history.append(e);
    }
    return {};
}

/// The declared architecture against the bytes present and the declared parameter names and shapes.
QString checkLayout(const QJsonObject &h, const ModelSpec &spec, qint64 bytesAfterHeader)
{
    // The size check first: a few-kilobyte file declaring a huge model is refused before anything else is made of it.
    if (const qint64 needed = LayerTable::parameterCount(spec) * qint64(sizeof(float)); needed > bytesAfterHeader)
        return tr("the file is truncated (its %1 model needs %2 weight bytes, %3 are present)")
            .arg(spec.describe())
            .arg(needed)
            .arg(bytesAfterHeader);
    if (h.value(QLatin1String("parameters")).toArray() != layoutJson(spec))
        return tr("its parameter names or shapes do not match the %1 architecture it declares").arg(spec.describe());
    return {};
}

/// The weights and the Adam moments after the header, checked against the declared counts and checksum.
QString readPayload(const QByteArray &bytes, const FileParts &parts, Checkpoint *c)
{
    const QJsonObject &h = parts.header;
    const qint64 expected = LayerTable::parameterCount(c->config.model);
    if (!h.value(QLatin1String("weight_count")).isDouble() || !h.value(QLatin1String("adam_count")).isDouble())
        return tr("the number of weights is missing or not a number");
    const qint64 weightCount = qint64(h.value(QLatin1String("weight_count")).toDouble(-1));
    const qint64 adamCount = qint64(h.value(QLatin1String("adam_count")).toDouble(-1));
    if (weightCount != expected)
        return tr("it holds %1 weights but its architecture needs %2").arg(weightCount).arg(expected);
    if (adamCount != 0 && adamCount != expected)
        return tr("its optimizer state has %1 values but the model has %2").arg(adamCount).arg(expected);
    const qint64 payloadSize = (weightCount + 2 * adamCount) * qint64(sizeof(float));
    const qint64 present = bytes.size() - parts.payloadStart;
    if (present < payloadSize)
        return tr("the file is truncated (%1 of %2 weight bytes present)").arg(present).arg(payloadSize);
    if (present > payloadSize)
        return tr("it has %1 unexpected bytes at its end").arg(present - payloadSize);
    const QByteArray payload = bytes.mid(parts.payloadStart);
    const QString sha = QString::fromLatin1(QCryptographicHash::hash(payload, QCryptographicHash::Sha256).toHex());
    if (sha != h.value(QLatin1String("payload_sha256")).toString())
        return tr("its weights are damaged (checksum mismatch)");
    c->weights = bytesToFloats(payload.constData(), weightCount);
    for (float w : c->weights)
        if (!std::isfinite(w))
            return tr("its weights contain NaN or infinite values");
    if (adamCount > 0) {
        c->optimizer.firstMoment = bytesToFloats(payload.constData() + weightCount * 4, adamCount);
        c->optimizer.secondMoment = bytesToFloats(payload.constData() + (weightCount + adamCount) * 4, adamCount);
        c->optimizer.step = qint64(h.value(QLatin1String("adam_step")).toDouble(0));
    }
    c->globalStep = qint64(h.value(QLatin1String("global_step")).toDouble(0));
    return {};
}

} // namespace

Result<Checkpoint> parse(const QByteArray &bytes, const QString &what)
{
    FileParts parts;
    Checkpoint c;
    QString why = readHeader(bytes, &parts);
    if (why.isEmpty())
        why = readSettings(parts.header, &c);
    if (why.isEmpty())
        why = checkLayout(parts.header, c.config.model, bytes.size() - parts.payloadStart);
    if (why.isEmpty())
        why = readPayload(bytes, parts, &c);
    if (!why.isEmpty())
        return Result<Checkpoint>::failure(tr("%1 is not a usable checkpoint: %2.").arg(what, why));
    return Result<Checkpoint>::success(std::move(c));
}

} // namespace CheckpointIo
