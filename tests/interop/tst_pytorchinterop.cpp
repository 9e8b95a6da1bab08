// PyTorch interoperability: exports load in Debian's python3-torch (also with weights_only=True) into the modules of
// scripts/le_models.py (run with the python blocks of docs/pytorch.md) and decode fixed latents to the app's pixels within 1e-5; state dicts saved by PyTorch
// import back; damaged or mismatched state dicts are refused with a message; the CLI's export/import round-trips.

#include "interop/pytorchinterop.h"
#include "model/checkpoint.h"
#include "model/inferencemodel.h"
#include "tinyconfig.h"
#include "torcharchive.h"
#include "training/trainer.h"
#include "training/trainingcontroller.h"

#include "interop/zipreader_p.h"
#include "model/elbo_p.h"
#include "model/vae_p.h"

#include <torch/csrc/jit/serialization/pickle.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using SyntheticData::Pattern;

namespace {

const QString kPython = QStringLiteral("/usr/bin/python3"); // Debian's, with python3-torch (not a pyenv one)

/// The driver appended to docs/pytorch.md's code: "decode" an export, or "save" a fresh module's state dict.
const char kDriver[] = R"PY(
import json
import sys

torch.set_num_threads(1)
mode, arch, zs_path, out_json = sys.argv[1:5]
zs = torch.tensor(json.load(open(zs_path)), dtype=torch.float32)
if mode == "decode":
    state = load_state_dict_safely(sys.argv[5])  # torch.load(weights_only=True): tensors and plain containers only
    assert type(state) is dict and all(isinstance(v, torch.Tensor) for v in state.values()), type(state)
    model = load_export(sys.argv[5], arch)
else:
    hidden, latent, seed, out_pt, how = int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7]), sys.argv[8], sys.argv[9]
    torch.manual_seed(seed)
    model = MlpVae(hidden, latent) if arch == "mlp" else ConvVae(latent)
    if how == "documented":  # docs/pytorch.md: a plain dict of CPU tensors
        torch.save({k: v.cpu() for k, v in model.state_dict().items()}, out_pt)
    elif how == "ddp-wrapper":  # the keys DistributedDataParallel's own state_dict() has
        torch.save({"module." + k: v for k, v in model.state_dict().items()}, out_pt)
    else:  # "ordered-dict": torch.save(model.state_dict()) as is
        torch.save(model.state_dict(), out_pt)
    model.eval()
with torch.no_grad():
    means = decoder_mean(model.decode(zs))
json.dump({"means": means.tolist(), "keys": list(model.state_dict().keys())}, open(out_json, "w"))
)PY";

QVector<QVector<float>> fixedLatents(int latent)
{
    QVector<QVector<float>> zs;
    for (int i = 0; i < 5; ++i) {
        QVector<float> z(latent);
        for (int d = 0; d < latent; ++d)
            z[d] = float(std::sin(1.7 * i + 0.9 * d) * (0.5 + i)); // up to ±4.5: the sliders' range and beyond
        zs.append(z);
    }
    return zs;
}

/// The app's float decoder means (what InferenceModel::decode turns into pixels), B × 784.
QVector<QVector<float>> appMeans(const ModelSnapshot &snapshot, const QVector<QVector<float>> &zs)
{
    auto model = makeVae(snapshot.spec, 0);
    if (!loadParameters(*model, snapshot.weights))
        return {};
    model->eval();
    torch::NoGradGuard noGrad;
    QVector<QVector<float>> out;
    for (const auto &z : zs) {
        const auto zt = torch::from_blob(const_cast<float *>(z.constData()), {1, z.size()}, torch::kFloat);
        const auto mean = decoderMean(model->decode(zt), snapshot.spec.likelihood).contiguous();
        out.append(QVector<float>(mean.data_ptr<float>(), mean.data_ptr<float>() + mean.numel()));
    }
    return out;
}

ModelSnapshot trainedSnapshot(const ModelSpec &spec)
{
    TrainConfig config = tinyConfig(Pattern::Bars, 1, spec.hidden, spec.latent);
    config.model = spec;
    Trainer trainer(config, SyntheticData::split(Pattern::Bars, 96, 20, 3), std::nullopt);
    return trainer.runBlocking().checkpoint.snapshot();
}

QByteArray pickled(const c10::IValue &value)
{
    const std::vector<char> bytes = torch::pickle_save(value);
    return QByteArray(bytes.data(), qsizetype(bytes.size()));
}

c10::Dict<std::string, at::Tensor> stateDictOf(const ModelSnapshot &snapshot)
{
    auto model = makeVae(snapshot.spec, 0);
    loadParameters(*model, snapshot.weights);
    c10::Dict<std::string, at::Tensor> dict;
    for (const auto &item : model->named_parameters())
        dict.insert(item.key(), item.value().detach().clone());
    return dict;
}

// Hand-made torch.save archives for the pickle scanner's refusals: each pickle starts from what torch.save writes and
// changes one thing.
namespace Crafted {

using TorchArchive::archive;
using TorchArchive::le16;
using TorchArchive::le32;
using TorchArchive::zip;

/// A literal that may contain NUL bytes.
template <size_t N> QByteArray raw(const char (&s)[N])
{
    return QByteArray(s, N - 1);
}

QByteArray str(const QByteArray &s)
{
    return 'X' + le32(quint32(s.size())) + s;
}
QByteArray num(qint64 v)
{
    return v >= 0 && v < (qint64(1) << 31) ? 'J' + le32(quint32(v))
                                           : "\x8a\x08" + le32(quint32(v)) + le32(quint32(quint64(v) >> 32));
}
QByteArray global(const QByteArray &module, const QByteArray &name)
{
    return 'c' + module + '\n' + name + '\n';
}
QByteArray ints(const QList<qint64> &values)
{
    QByteArray b = "(";
    for (qint64 v : values)
        b += num(v);
    return b + 't';
}

/// _rebuild_tensor_v2 of float storage `key` declaring `numel` values, with the given sizes and strides.
QByteArray tensor(const QByteArray &key, qint64 numel, const QList<qint64> &sizes, const QList<qint64> &strides)
{
    return global("torch._utils", "_rebuild_tensor_v2") + "((" + str("storage") + global("torch", "FloatStorage")
        + str(key) + str("cpu") + num(numel) + "tQ" + num(0) + ints(sizes) + ints(strides) + "\x89"
        + global("collections", "OrderedDict") + ")Rt" + "R";
}

QByteArray dict(const QByteArray &entries)
{
    return "\x80\x02}(" + entries + "u.";
}

QByteArray floats(int count)
{
    return QByteArray(4 * count, '\0');
}

} // namespace Crafted

} // namespace

class TestPyTorchInterop : public QObject
{
    Q_OBJECT

    QString m_pythonProblem; // empty when /usr/bin/python3 imports torch
    QString m_docCode;       // the ```python blocks of docs/pytorch.md
    QTemporaryDir m_dir;

    /// Runs the documented modules plus the driver; returns the parsed JSON output or fails the test.
    QJsonObject runPython(const QStringList &arguments)
    {
        const QString script = m_dir.filePath(QStringLiteral("driver.py"));
        QFile f(script);
        if (!f.open(QIODevice::WriteOnly) || f.write(m_docCode.toUtf8() + kDriver) < 0)
            return {};
        f.close();
        QProcess python;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PYTHONPATH"), QStringLiteral(LE_SOURCE_DIR "/scripts")); // the page's import
        env.insert(QStringLiteral("OMP_NUM_THREADS"), QStringLiteral("1"));
        env.remove(QStringLiteral("LD_PRELOAD")); // a sanitizer runtime must not be forced into Python
        python.setProcessEnvironment(env);
        python.start(kPython, QStringList(script) + arguments);
        if (!python.waitForFinished(180000) || python.exitCode() != 0) {
            qWarning("python failed: %s", python.readAllStandardError().constData());
            return {};
        }
        QFile out(arguments.at(3));
        if (!out.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(out.readAll()).object();
    }

    QString writeLatents(const QVector<QVector<float>> &zs)
    {
        QJsonArray rows;
        for (const auto &z : zs) {
            QJsonArray row;
            for (float v : z)
                row.append(double(v));
            rows.append(row);
        }
        const QString path = m_dir.filePath(QStringLiteral("zs.json"));
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(QJsonDocument(rows).toJson());
        return path;
    }

    /// Largest |python − app| over all pixels; -1 if the shapes differ.
    static double maxDifference(const QJsonArray &python, const QVector<QVector<float>> &app)
    {
        if (python.size() != app.size())
            return -1;
        double worst = 0;
        for (int i = 0; i < app.size(); ++i) {
            const QJsonArray row = python.at(i).toArray();
            if (row.size() != app[i].size())
                return -1;
            for (int p = 0; p < row.size(); ++p)
                worst = std::max(worst, std::fabs(row.at(p).toDouble() - double(app[i][p])));
        }
        return worst;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // The module file itself (what scripts/train_ddp.py imports), then the page's python blocks, as users run them.
        QFile models(QStringLiteral(LE_SOURCE_DIR "/scripts/le_models.py"));
        QVERIFY(models.open(QIODevice::ReadOnly | QIODevice::Text));
        m_docCode = QString::fromUtf8(models.readAll()) + QLatin1Char('\n');
        QVERIFY(m_docCode.contains(QLatin1String("class MlpVae"))
                && m_docCode.contains(QLatin1String("def load_export")));
        QFile doc(QStringLiteral(LE_SOURCE_DIR "/docs/pytorch.md"));
        QVERIFY(doc.open(QIODevice::ReadOnly | QIODevice::Text));
        const QRegularExpression block(QStringLiteral("```python\\n(.*?)```"),
                                       QRegularExpression::DotMatchesEverythingOption);
        for (auto it = block.globalMatch(QString::fromUtf8(doc.readAll())); it.hasNext();)
            m_docCode += it.next().captured(1) + QLatin1Char('\n');
        QVERIFY2(m_docCode.contains(QLatin1String("from le_models import"))
                     && m_docCode.contains(QLatin1String("def load_state_dict_safely")),
                 "docs/pytorch.md no longer shows the import of scripts/le_models.py or the weights_only loader");

        QProcess probe;
        probe.start(kPython, {QStringLiteral("-c"), QStringLiteral("import torch; print(torch.__version__)")});
        if (!probe.waitForFinished(120000) || probe.exitStatus() != QProcess::NormalExit || probe.exitCode() != 0)
            m_pythonProblem =
                QStringLiteral("%1 cannot import torch (install python3-torch): %2")
                    .arg(kPython,
                         QString::fromLocal8Bit(probe.readAllStandardError()).trimmed().section(QLatin1Char('\n'), -1));
        else
            qInfo("PyTorch %s from %s", probe.readAllStandardOutput().trimmed().constData(), qPrintable(kPython));
    }

    void exportDecodesIdenticallyInPyTorch_data()
    {
        QTest::addColumn<ModelSpec>("spec");
        QTest::newRow("mlp 784-16-3, bernoulli") << ModelSpec{Architecture::Mlp, 16, 3, Likelihood::Bernoulli};
        QTest::newRow("mlp 784-8-2, gaussian") << ModelSpec{Architecture::Mlp, 8, 2, Likelihood::Gaussian};
        QTest::newRow("conv, latent 4") << ModelSpec{Architecture::Conv, 256, 4, Likelihood::Bernoulli};
        QTest::newRow("semi-supervised 784-16-3, 10 classes")
            << ModelSpec{Architecture::Mlp, 16, 3, Likelihood::Bernoulli, 10};
        QTest::newRow("semi-supervised 784-16-3 with a conv classifier, 10 classes")
            << ModelSpec{Architecture::Conv, 16, 3, Likelihood::Bernoulli, 10};
    }

    void exportDecodesIdenticallyInPyTorch()
    {
        if (!m_pythonProblem.isEmpty())
            QSKIP(qPrintable(m_pythonProblem));
        QFETCH(ModelSpec, spec);
        const ModelSnapshot snapshot = trainedSnapshot(spec);
        QVERIFY(snapshot.isValid());
        const QString pt = m_dir.filePath(QStringLiteral("export.pt"));
        const Status exported = PyTorchInterop::exportStateDict(snapshot, pt);
        QVERIFY2(exported.ok(), qPrintable(exported.error()));

        const auto zs = fixedLatents(spec.latent);
        const QJsonObject result = runPython({QStringLiteral("decode"), toString(spec.architecture), writeLatents(zs),
                                              m_dir.filePath(QStringLiteral("out.json")), pt});
        QVERIFY2(!result.isEmpty(), "python could not load the export into the documented module");
        const double worst = maxDifference(result.value(QLatin1String("means")).toArray(), appMeans(snapshot, zs));
        qInfo("%s: largest |PyTorch - app| over %lld decoded pixels: %.3g", qPrintable(spec.describe()),
              qint64(zs.size()) * 784, worst);
        QVERIFY(worst >= 0);
        QVERIFY2(worst <= 1e-5, qPrintable(QString::number(worst)));

        // The sliders' images are those means quantised: each pixel within half a grey level of PyTorch's.
        const auto model = InferenceModel::create(snapshot);
        QVERIFY(model.ok());
        const QJsonArray means = result.value(QLatin1String("means")).toArray();
        for (int i = 0; i < zs.size(); ++i) {
            const QImage image = model.value().decode(zs[i]);
            const QJsonArray row = means.at(i).toArray();
            for (int p = 0; p < 784; ++p) {
                const double expected = std::clamp(row.at(p).toDouble(), 0.0, 1.0) * 255.0;
                QVERIFY(std::fabs(image.constScanLine(p / 28)[p % 28] - expected) <= 0.5 + 1e-3);
            }
        }
    }

    void importsWhatPyTorchSaves_data()
    {
        QTest::addColumn<ModelSpec>("spec");
        QTest::addColumn<QString>("how");
        QTest::addColumn<QString>("refusal"); // empty: must import
        QTest::newRow("mlp, as documented")
            << ModelSpec{Architecture::Mlp, 12, 3, Likelihood::Bernoulli} << QStringLiteral("documented") << QString();
        QTest::newRow("conv, as documented")
            << ModelSpec{Architecture::Conv, ModelSpec().hidden, 2, Likelihood::Gaussian}
            << QStringLiteral("documented") << QString();
        QTest::newRow("DistributedDataParallel keys")
            << ModelSpec{Architecture::Mlp, 10, 2, Likelihood::Bernoulli} << QStringLiteral("ddp-wrapper") << QString();
        // torch.save(model.state_dict(), path) as is: an OrderedDict with its _metadata (read as the plain dict).
        QTest::newRow("OrderedDict from state_dict(), mlp")
            << ModelSpec{Architecture::Mlp, 10, 2, Likelihood::Bernoulli} << QStringLiteral("ordered-dict")
            << QString();
        QTest::newRow("OrderedDict from state_dict(), conv")
            << ModelSpec{Architecture::Conv, ModelSpec().hidden, 3, Likelihood::Bernoulli}
            << QStringLiteral("ordered-dict") << QString();
    }

    void importsWhatPyTorchSaves()
    {
        if (!m_pythonProblem.isEmpty())
            QSKIP(qPrintable(m_pythonProblem));
        QFETCH(ModelSpec, spec);
        QFETCH(QString, how);
        QFETCH(QString, refusal);
        const auto zs = fixedLatents(spec.latent);
        const QString pt = m_dir.filePath(QStringLiteral("from-python.pt"));
        const QJsonObject result = runPython({QStringLiteral("save"), toString(spec.architecture), writeLatents(zs),
                                              m_dir.filePath(QStringLiteral("out.json")), QString::number(spec.hidden),
                                              QString::number(spec.latent), QStringLiteral("17"), pt, how});
        QVERIFY2(!result.isEmpty(), "python could not build and save the documented module");

        // Sizes are read from the tensors; only the architecture and likelihood are given.
        PyTorchInterop::ImportSpec wanted;
        wanted.architecture = spec.architecture;
        wanted.likelihood = spec.likelihood;
        const auto imported = PyTorchInterop::importStateDict(pt, wanted);
        if (!refusal.isEmpty()) {
            QVERIFY(!imported.ok());
            QVERIFY2(imported.error().contains(refusal), qPrintable(imported.error()));
            return;
        }
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QCOMPARE(imported.value().spec, spec);
        const double worst =
            maxDifference(result.value(QLatin1String("means")).toArray(), appMeans(imported.value(), zs));
        QVERIFY(worst >= 0);
        QVERIFY2(worst <= 1e-5, qPrintable(QString::number(worst)));

        // And it becomes an ordinary checkpoint.
        Checkpoint c;
        c.config.model = imported.value().spec;
        c.weights = imported.value().weights;
        const QString path = m_dir.filePath(QStringLiteral("imported.ckpt"));
        QVERIFY(CheckpointIo::save(c, path).ok());
        const auto reloaded = CheckpointIo::load(path);
        QVERIFY2(reloaded.ok(), qPrintable(reloaded.error()));
        QCOMPARE(reloaded.value().weights, imported.value().weights);
    }

    void roundTripWithoutPython()
    {
        const ModelSnapshot snapshot = trainedSnapshot({Architecture::Mlp, 8, 2, Likelihood::Gaussian});
        const auto bytes = PyTorchInterop::toStateDict(snapshot);
        QVERIFY2(bytes.ok(), qPrintable(bytes.error()));
        PyTorchInterop::ImportSpec wanted;
        wanted.likelihood = Likelihood::Gaussian;
        const auto back = PyTorchInterop::fromStateDict(bytes.value(), wanted, QStringLiteral("memory"));
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QCOMPARE(back.value().spec, snapshot.spec);
        QCOMPARE(back.value().weights, snapshot.weights); // bit for bit
    }

    void importErrors_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("architecture");
        QTest::addColumn<int>("hidden");
        QTest::addColumn<QString>("expected");

        const ModelSnapshot mlp = trainedSnapshot({Architecture::Mlp, 6, 2, Likelihood::Bernoulli});
        const auto dictOf = [&] { return stateDictOf(mlp); };
        const QByteArray good = PyTorchInterop::toStateDict(mlp).value();
        const int m = int(Architecture::Mlp), c = int(Architecture::Conv);

        QTest::newRow("empty file") << QByteArray() << m << 0 << "not a zip archive";
        QTest::newRow("legacy torch.save format")
            << QByteArray::fromHex("80028a0a6cfc9c46f9206aa850192e") << m << 0 << "not a zip archive";
        QTest::newRow("truncated archive") << good.left(good.size() / 2) << m << 0 << "truncated";
        QTest::newRow("truncated inside the directory") << good.left(good.size() - 30) << m << 0 << "truncated";
        {
            // The first directory entry claims 1 GB: refused before LibTorch would allocate it.
            QByteArray huge = good;
            const qsizetype entry = huge.indexOf(QByteArray("PK\x01\x02", 4));
            QVERIFY(entry > 0);
            for (int offset : {20, 24})
                qToLittleEndian<quint32>(1u << 30, huge.data() + entry + offset);
            QTest::newRow("entry claims more than the file") << huge << m << 0 << "more data than the file holds";
            QByteArray compressed = good;
            qToLittleEndian<quint16>(8, compressed.data() + entry + 10);
            QTest::newRow("compressed entry") << compressed << m << 0 << "compressed";
            // LibTorch 1.13's reader would throw from its constructor on these and leak its zip state (fuzzer).
            QByteArray encrypted = good;
            encrypted[entry + 8] = char(encrypted[entry + 8] | 1);
            QTest::newRow("encrypted entry") << encrypted << m << 0 << "encrypted";
            QByteArray folder = good; // the zip reader would hand LibTorch an unfilled buffer for a "folder"
            folder[entry + 38] = char(folder[entry + 38] | 0x10);
            QTest::newRow("entry marked as a folder") << folder << m << 0 << "zip directory is damaged";
            // The zip reader takes the counts from the ZIP64 end record when there is one: they must agree.
            QByteArray zip64 = good;
            const qsizetype end64 = zip64.lastIndexOf(QByteArray("PK\x06\x06", 4));
            QVERIFY(end64 > 0);
            qToLittleEndian<quint64>(0, zip64.data() + end64 + 32);
            QTest::newRow("ZIP64 end record disagrees") << zip64 << m << 0 << "zip directory is damaged";
        }
        QTest::newRow("a list, not a dict")
            << pickled(c10::IValue(c10::List<int64_t>({1, 2, 3}))) << m << 0 << "not a dict";
        {
            auto d = dictOf();
            QCOMPARE(d.erase("decoder_out.bias"), size_t(1));
            QTest::newRow("a tensor missing") << pickled(c10::IValue(d)) << m << 0 << "lacks decoder_out.bias";
        }
        {
            auto d = dictOf();
            d.insert("extra.weight", torch::zeros({2}));
            QTest::newRow("an extra tensor") << pickled(c10::IValue(d)) << m << 0 << "extra.weight";
        }
        {
            auto d = dictOf();
            d.insert_or_assign("decoder_out.bias", torch::zeros({784}, torch::kLong));
            QTest::newRow("integer tensor") << pickled(c10::IValue(d)) << m << 0 << "not floating point";
        }
        {
            auto d = dictOf();
            d.insert_or_assign("encoder_out.bias", torch::full({4}, std::numeric_limits<float>::quiet_NaN()));
            QTest::newRow("NaN values") << pickled(c10::IValue(d)) << m << 0 << "NaN";
        }
        {
            c10::impl::GenericDict d(c10::StringType::get(), c10::IntType::get());
            d.insert(std::string("encoder_hidden.weight"), c10::IValue(int64_t(3)));
            QTest::newRow("not a tensor") << pickled(c10::IValue(d)) << m << 0 << "is not a tensor";
        }
        QTest::newRow("hidden given and wrong") << good << m << 7 << "encoder_hidden.weight is [6, 784]";

        // The pickle scanner (statedictscan.cpp) refuses before LibTorch's unpickler allocates what a pickle claims.
        using namespace Crafted;
        const QByteArray one = str("x") + tensor("0", 4, {2, 2}, {2, 1});
        QTest::newRow("version record fails its CRC")
            << archive(dict(one), {floats(4)})
                   .replace(QByteArray("archive/version3\n"), QByteArray("archive/version4\n"))
            << m << 0 << "version record is damaged";
        QTest::newRow("crafted archive, well formed (control)")
            << archive(dict(one), {floats(4)}) << m << 0 << "no usable 'encoder_hidden.weight'";
        QTest::newRow("storage declares 2^40 values")
            << archive(dict(str("x") + tensor("0", qint64(1) << 40, {4}, {1})), {floats(4)}) << m << 0
            << "declares 1099511627776 values of 4 bytes, but its record data/0 holds 16 bytes";
        QTest::newRow("storage declares more than its record")
            << archive(dict(str("x") + tensor("0", 5, {4}, {1})), {floats(4)}) << m << 0 << "holds 16 bytes";
        QTest::newRow("storage record missing")
            << archive(dict(str("x") + tensor("7", 4, {4}, {1})), {floats(4)}) << m << 0 << "no record data/7";
        QTest::newRow("shape beyond the storage")
            << archive(dict(str("x") + tensor("0", 4, {1 << 20, 1 << 20}, {1 << 20, 1})), {floats(4)}) << m << 0
            << "more values than its storage holds";
        QTest::newRow("stride 0 expands one value to 2^40")
            << archive(dict(str("x") + tensor("0", 1, {1 << 20, 1 << 20}, {0, 0})), {floats(1)}) << m << 0
            << "more values than its storage holds";
        QTest::newRow("offset past the storage")
            << archive(dict(str("x") + tensor("0", 4, {0}, {1}).replace(num(0) + "(", num(99) + "(")), {floats(4)}) << m
            << 0 << "more values than its storage holds";
        {
            // One 4 KB storage read 40 times: LibTorch would copy its record 40 times.
            QByteArray entries;
            for (int i = 0; i < 40; ++i)
                entries += str("x" + QByteArray::number(i)) + tensor("0", 1000, {1000}, {1});
            QTest::newRow("one storage read 40 times")
                << archive(dict(entries), {floats(1000)}) << m << 0 << "far more than the file holds";
        }
        QTest::newRow("string claims 4 GB") << archive("\x80\x02}(X\xf0\xff\xff\xff"
                                                       "abc")
                                            << m << 0 << "claims 4294967280 bytes";
        QTest::newRow("string longer than the pickle")
            << archive(dict(str("x").replace(le32(1), le32(100)))) << m << 0 << "claims 100 bytes";
        QTest::newRow("1000 nested MARKs")
            << archive("\x80\x02" + QByteArray(1000, '(') + "}.") << m << 0 << "nests containers";
        QTest::newRow("tuples nested 100 deep")
            << archive("\x80\x02)" + QByteArray(100, '\x85') + '.') << m << 0 << "nests containers";
        QTest::newRow("list within a list") << archive(raw("\x80\x02]q\x00(]e.")) << m << 0 << "nests containers";
        QTest::newRow("dict made to hold itself")
            << archive(dict(str("x") + raw("h\x00\x85")).replace("}(", raw("}q\x00("))) << m << 0 << "nests containers";
        QTest::newRow("GLOBAL os.system (never run)")
            << archive("\x80\x02" + global("os", "system") + str("touch /tmp/le-pwned") + "\x85R.") << m << 0
            << "'os.system'";
        QTest::newRow("GLOBAL builtins.eval (never run)")
            << archive(dict(str("x") + global("builtins", "eval") + str("1") + "\x85R")) << m << 0 << "'builtins.eval'";
        QTest::newRow("GLOBAL torch.load")
            << archive(dict(str("x") + global("torch", "load"))) << m << 0 << "'torch.load'";
        QTest::newRow("BINGET of a memo entry never stored")
            << archive(dict(str("x") + "h\x07")) << m << 0 << "memo entry 7 at byte 10, which it never stored";
        QTest::newRow("LONG_BINGET 4e9") << archive(dict(str("x") + raw("j\x00\x28\x6b\xee"))) << m << 0
                                         << "never stored";
        QTest::newRow("LONG_BINPUT 4e9") << archive(dict(str("x") + raw("r\x00\x28\x6b\xee") + one)) << m << 0
                                         << "stores memo entry 4000000000";
        QTest::newRow("truncated pickle")
            << archive(dict(one).left(dict(one).size() / 2), {floats(4)}) << m << 0 << "ends before its STOP";
        QTest::newRow("pickle without STOP")
            << archive(dict(one).chopped(1), {floats(4)}) << m << 0 << "ends before its STOP";
        QTest::newRow("odd SETITEMS") << archive(dict(one + str("y")), {floats(4)}) << m << 0 << "malformed at byte";
        QTest::newRow("TUPLE without MARK") << archive("\x80\x02t.") << m << 0 << "malformed at byte 2";
        QTest::newRow("TUPLE2 across a MARK") << archive("\x80\x02NN(\x86.") << m << 0 << "malformed at byte 5";
        QTest::newRow("REDUCE on a storage class")
            << archive(dict(str("x") + global("torch", "FloatStorage") + ")R")) << m << 0 << "malformed";
        QTest::newRow("opcode BUILD") << archive(dict(one).replace("u.", "u}b."), {floats(4)}) << m << 0
                                      << "opcode 0x62";
        // Python writes SETITEM for a dict of one entry; LibTorch 1.13 does not read it.
        QTest::newRow("SETITEM") << archive("\x80\x02}" + one + "s.", {floats(4)}) << m << 0 << "opcode 0x73";
        {
            // torch.save(model.state_dict()) is rewritten into a plain dict; crafted variants are still refused.
            const QByteArray ordered =
                QByteArray("\x80\x02") + global("collections", "OrderedDict") + QByteArray("q\x00)Rq\x01(", 7);
            QTest::newRow("OrderedDict with a BUILD but no _metadata")
                << archive(ordered + one + "u}b.", {floats(4)}) << m << 0 << "holds an OrderedDict";
            QTest::newRow("OrderedDict holding itself")
                << archive(ordered + one + str("self") + "h\x01u.", {floats(4)}) << m << 0 << "is a dict";
        }
        QTest::newRow("pickle protocol 4") << archive("\x80\x04}.") << m << 0 << "protocol 4";
        QTest::newRow("a dict within the dict") << archive(dict(str("model") + "}")) << m << 0 << "training checkpoint";
        QTest::newRow("no data.pkl") << zip({{"archive/version", "3\n"}}) << m << 0 << "no data.pkl record";
        QTest::newRow("names differing in case") << zip({{"archive/data.pkl", dict(one)},
                                                         {"archive/DATA.pkl", "\x80\x02}."},
                                                         {"archive/data/0", floats(4)},
                                                         {"archive/version", "3\n"}})
                                                 << m << 0 << "zip directory is damaged";
        {
            // An empty [16384, 0] tensor must not size a 16384-wide model (about 100 MB) from a file of 400 bytes.
            const QByteArray entries = str("encoder_hidden.weight") + tensor("0", 0, {16384, 0}, {1, 1});
            QTest::newRow("empty tensor as the hidden width")
                << archive(dict(entries), {QByteArray()}) << m << 0 << "no usable 'encoder_hidden.weight'";
        }
        QTest::newRow("mlp weights read as conv") << good << c << 0 << "lacks conv1.weight";
    }

    void importErrors()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, architecture);
        QFETCH(int, hidden);
        QFETCH(QString, expected);
        PyTorchInterop::ImportSpec wanted;
        wanted.architecture = Architecture(architecture);
        wanted.hidden = hidden;
        const auto result = PyTorchInterop::fromStateDict(bytes, wanted, QStringLiteral("bad.pt"));
        QVERIFY(!result.ok());
        QVERIFY2(result.error().startsWith(QLatin1String("bad.pt is not a usable PyTorch state dict")),
                 qPrintable(result.error()));
        QVERIFY2(result.error().contains(expected), qPrintable(result.error()));
    }

    /// The zip reader's records come from the fields the zip format puts at fixed offsets, each into its own member.
    void parsesZipRecords()
    {
        using namespace TorchArchive;
        const QByteArray name("archive/abc"), extra("XXXX"), comment("ccc");
        const QByteArray entry = QByteArray("PK\x01\x02", 4) + le16(0x031E) + le16(20) + le16(0x0808) + le16(0)
            + le16(0x1234) + le16(0x5678) + le32(0xDEADBEEF) + le32(1000) + le32(2000) + le16(quint16(name.size()))
            + le16(quint16(extra.size())) + le16(quint16(comment.size())) + le16(0) + le16(1) + le32(0x81A40010)
            + le32(0x00ABCDEF) + name + extra + comment;
        const QByteArray bytes = QByteArray("junk!") + entry;
        PyTorchInterop::Zip::CentralDirectoryEntry e;
        QVERIFY(PyTorchInterop::Zip::parse(bytes, 5, &e));
        QCOMPARE(e.flags, quint16(0x0808));
        QCOMPARE(e.method, quint16(0));
        QCOMPARE(e.crc32, 0xDEADBEEFu);
        QCOMPARE(e.compressedSize, 1000u);
        QCOMPARE(e.uncompressedSize, 2000u);
        QCOMPARE(e.nameLength, quint16(11));
        QCOMPARE(e.extraLength, quint16(4));
        QCOMPARE(e.commentLength, quint16(3));
        QCOMPARE(e.externalAttributes, 0x81A40010u);
        QCOMPARE(e.localHeaderOffset, 0x00ABCDEFu);
        QCOMPARE(e.recordSize(), qint64(entry.size()));
        // Not there: the wrong offset (no signature), a record cut short, an offset past the end.
        QVERIFY(!PyTorchInterop::Zip::parse(bytes, 4, &e));
        QVERIFY(!PyTorchInterop::Zip::parse(bytes.left(5 + 45), 5, &e));
        QVERIFY(!PyTorchInterop::Zip::parse(bytes, bytes.size(), &e));
        QVERIFY(!PyTorchInterop::Zip::parse(bytes, -1, &e));

        // A whole archive: the end record finds the directory, whose first entry's local header finds its data.
        const QByteArray pickle("\x80\x02}q\x00.", 6);
        const QByteArray zip = archive(pickle);
        const qint64 endAt = PyTorchInterop::Zip::findEndRecord(zip);
        PyTorchInterop::Zip::EndRecord end;
        QVERIFY(PyTorchInterop::Zip::parse(zip, endAt, &end));
        QCOMPARE(end.entries, quint16(2)); // data.pkl, version
        QCOMPARE(end.entriesOnDisk, end.entries);
        QCOMPARE(qint64(end.directoryOffset) + end.directorySize, endAt);
        PyTorchInterop::Zip::CentralDirectoryEntry first;
        QVERIFY(PyTorchInterop::Zip::parse(zip, end.directoryOffset, &first));
        QCOMPARE(first.uncompressedSize, quint32(pickle.size()));
        QCOMPARE(zip.mid(end.directoryOffset + PyTorchInterop::Zip::CentralDirectoryEntry::kSize, first.nameLength),
                 QByteArray("archive/data.pkl"));
        PyTorchInterop::Zip::LocalHeader local;
        QVERIFY(PyTorchInterop::Zip::parse(zip, first.localHeaderOffset, &local));
        QCOMPARE(zip.mid(local.dataOffset(first.localHeaderOffset), pickle.size()), pickle);
    }

#ifdef LE_APP_PATH
    void commandLineRoundTrip()
    {
        const auto run = [](const QStringList &args, QString *err = nullptr) {
            QProcess p;
            p.start(QStringLiteral(LE_APP_PATH), args);
            if (!p.waitForFinished(120000))
                return -1;
            if (err)
                *err = QString::fromLocal8Bit(p.readAllStandardError());
            return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        };
        Checkpoint original;
        original.config = tinyConfig(Pattern::Bars, 1, /*hidden=*/8, /*latent=*/2);
        original.weights = trainedSnapshot(original.config.model).weights;
        const QString ckpt = m_dir.filePath(QStringLiteral("cli.ckpt"));
        const QString pt = m_dir.filePath(QStringLiteral("cli.pt"));
        const QString back = m_dir.filePath(QStringLiteral("cli-back.ckpt"));
        QVERIFY(CheckpointIo::save(original, ckpt).ok());

        QString err;
        QCOMPARE(run({QStringLiteral("export"), QStringLiteral("--checkpoint"), ckpt, QStringLiteral("--pytorch"), pt},
                     &err),
                 0);
        QCOMPARE(run({QStringLiteral("import"), QStringLiteral("--pytorch"), pt, QStringLiteral("--model"),
                      QStringLiteral("mlp"), QStringLiteral("--out"), back},
                     &err),
                 0);
        QVERIFY2(err.contains(QLatin1String("mlp 784-8-2")), qPrintable(err));
        const auto reloaded = CheckpointIo::load(back);
        QVERIFY2(reloaded.ok(), qPrintable(reloaded.error()));
        QCOMPARE(reloaded.value().weights, original.weights);
        QCOMPARE(reloaded.value().config.model, original.config.model);

        // Usage errors exit 2, failures exit 1 with a message.
        QCOMPARE(run({QStringLiteral("export"), QStringLiteral("--checkpoint"), ckpt}, &err), 2);
        QVERIFY(err.contains(QLatin1String("--pytorch")));
        QCOMPARE(run({QStringLiteral("import"), QStringLiteral("--pytorch"), pt, QStringLiteral("--out"), back}, &err),
                 2);
        QVERIFY(err.contains(QLatin1String("--model")));
        QCOMPARE(
            run({QStringLiteral("import"), QStringLiteral("--pytorch"), pt, QStringLiteral("--model"),
                 QStringLiteral("mlp"), QStringLiteral("--hidden"), QStringLiteral("9"), QStringLiteral("--out"), back},
                &err),
            1);
        QVERIFY2(err.contains(QLatin1String("encoder_hidden.weight is [8, 784]")), qPrintable(err));
        QCOMPARE(run({QStringLiteral("export"), QStringLiteral("--checkpoint"),
                      m_dir.filePath(QStringLiteral("missing.ckpt")), QStringLiteral("--pytorch"), pt},
                     &err),
                 1);
        QVERIFY(err.contains(QLatin1String("does not exist")));
    }
#endif
};

QTEST_GUILESS_MAIN(TestPyTorchInterop)
#include "tst_pytorchinterop.moc"
