// PyTorch interoperability: exports load in Debian's python3-torch (also with weights_only=True) into the modules of
// scripts/le_models.py (run with the python blocks of docs/pytorch.md) and decode fixed latents to the app's pixels
// within 1e-5; state dicts saved by PyTorch import back; the CLI's export/import round-trips. Damaged or mismatched
// state dicts, without Python: tst_statedictscan.cpp.

#include "interop/pytorchinterop.h"
#include "model/checkpoint.h"
#include "model/inferencemodel.h"
#include "trainedsnapshot.h"

#include "model/elbo_p.h"
#include "model/vae_p.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

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
    # The semi-supervised model's classifier on those decoded images (the app classifies its own, equal within 1e-5).
    logits = model.classify(means).tolist() if getattr(model, "classes", 0) else []
json.dump({"means": means.tolist(), "logits": logits, "keys": list(model.state_dict().keys())}, open(out_json, "w"))
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

/// q(y|x)'s logits in the app for `images` (the decoded means) against PyTorch's for its own decoded means.
bool classifiesIdentically(const ModelSnapshot &snapshot, const QVector<QVector<float>> &images,
                           const QJsonValue &python)
{
    auto model = makeVae(snapshot.spec, 0);
    if (!loadParameters(*model, snapshot.weights) || !python.isArray())
        return false;
    model->eval();
    torch::NoGradGuard noGrad;
    const QJsonArray rows = python.toArray();
    double worst = 0;
    for (int i = 0; i < images.size(); ++i) {
        const auto x = torch::from_blob(const_cast<float *>(images[i].constData()), {1, 784}, torch::kFloat);
        const auto logits = model->classify(x).contiguous();
        const QJsonArray expected = rows.at(i).toArray();
        if (expected.size() != logits.size(1))
            return false;
        for (int k = 0; k < expected.size(); ++k)
            worst = std::max(worst, std::fabs(expected.at(k).toDouble() - logits.data_ptr<float>()[k]));
    }
    qInfo("%s: largest |PyTorch - app| over the classifier's logits: %.3g", qPrintable(snapshot.spec.describe()),
          worst);
    return rows.size() == images.size() && worst <= 1e-4;
}

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
        QTest::newRow("semi-supervised 784-16-3 reading gradient histograms, 10 classes")
            << ModelSpec{Architecture::Mlp, 16, 3, Likelihood::Bernoulli, 10, ClassifierInput::Gradients};
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
        if (spec.isSemiSupervised()) {
            QVERIFY(classifiesIdentically(snapshot, appMeans(snapshot, zs), result.value(QLatin1String("logits"))));
            // And the app reads its own export back as the same model (the classifier's input from its width).
            PyTorchInterop::ImportSpec wanted;
            wanted.architecture = spec.architecture;
            wanted.likelihood = spec.likelihood;
            const auto imported = PyTorchInterop::importStateDict(pt, wanted);
            QVERIFY2(imported.ok(), qPrintable(imported.error()));
            QCOMPARE(imported.value().spec, spec);
        }

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
