// Reading PyTorch state dicts without Python: the app's own export reads back bit for bit, and damaged, hand-made or
// mismatched archives are refused with a message before LibTorch sees them; the zip reader's records. The round trips
// through Debian's python3-torch: tst_pytorchinterop.cpp.

#include "interop/pytorchinterop.h"
#include "torcharchive.h"
#include "trainedsnapshot.h"

#include "interop/zipreader_p.h"
#include "model/vae_p.h"

#include <torch/csrc/jit/serialization/pickle.h>

#include <QTest>
#include <QtEndian>

namespace {

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

class TestStateDictScan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
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
};

QTEST_GUILESS_MAIN(TestStateDictScan)
#include "tst_statedictscan.moc"
