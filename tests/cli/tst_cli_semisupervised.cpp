// `train --labels-per-class K|all`: the summary's accuracy and labelled count, eval's accuracy, and every bad input
// refused with one clear message and the right exit code before any training.

#include "clifixture.h"
#include "clirun.h"
#include "datafiles.h"
#include "syntheticdata.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace CliRun;

class TestCliSemiSupervised : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_data;       // 200 labelled training images, 20 per class
    QString m_unlabelled; // the same images without label files
    QString m_plain;      // a plain VAE's checkpoint

    QStringList trainArguments(const QString &dataset, const QString &out) const
    {
        return CliFixture::tinyTrainArguments(dataset, out, 1);
    }

    /// `train` on the tiny data with every label kept, plus `extra`, writing `out`.
    Run trainWithEveryLabel(const QString &out, const QStringList &extra)
    {
        return run(trainArguments(m_data, out)
                       << QStringLiteral("--labels-per-class") << QStringLiteral("all") << extra,
                   m_dir.path());
    }

    QJsonObject summary(const Run &r)
    {
        bool allJson = false;
        const QVector<QJsonObject> lines = jsonLines(r.out, &allJson);
        return allJson && !lines.isEmpty() ? lines.last() : QJsonObject();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        const DataSplit split = SyntheticData::split(SyntheticData::Pattern::DottedBars, 200, 50, 7);
        m_data = m_dir.filePath(QStringLiteral("tiny"));
        QVERIFY(QDir().mkpath(m_data));
        QVERIFY(DataFiles::writeIdxPair(split.train, m_data, QStringLiteral("train")));
        QVERIFY(DataFiles::writeIdxPair(split.test, m_data, QStringLiteral("t10k")));
        m_unlabelled = m_dir.filePath(QStringLiteral("unlabelled"));
        QVERIFY(QDir().mkpath(m_unlabelled));
        QVERIFY(DataFiles::writeBytes(m_unlabelled + QStringLiteral("/train-images-idx3-ubyte"),
                                      DataFiles::imageBytes(split.train)));
        QVERIFY(DataFiles::writeBytes(m_unlabelled + QStringLiteral("/t10k-images-idx3-ubyte"),
                                      DataFiles::imageBytes(split.test)));
        m_plain = m_dir.filePath(QStringLiteral("plain.ckpt"));
        const Run r = run(trainArguments(m_data, m_plain), m_dir.path());
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    }

    void trainsAndReportsTheClassifier()
    {
        const QString out = m_dir.filePath(QStringLiteral("semi.ckpt"));
        const Run r = run(trainArguments(m_data, out) << QStringLiteral("--labels-per-class") << QStringLiteral("2"),
                          m_dir.path());
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QJsonObject s = summary(r);
        QCOMPARE(s.value(QLatin1String("labelled")).toInt(), 20); // 10 classes × 2
        const double accuracy = s.value(QLatin1String("test_accuracy")).toDouble(-1);
        QVERIFY2(accuracy >= 0 && accuracy <= 1, qPrintable(describe(r)));
        QVERIFY(r.err.contains("semi-supervised over 10 classes"));
        QVERIFY(r.err.contains("test accuracy"));
        // Data other than the digits: the label graph by default, its product reported beside its two parts.
        // A line for each of its steps, what it does while it runs.
        for (const char *step :
             {"patch features", "nearest neighbours", "spreading the labels", "the evaluation images' votes"})
            QVERIFY2(r.err.contains(QByteArray("Label graph: ") + step + " (200 training images)…"), qPrintable(r.err));
        QCOMPARE(s.value(QLatin1String("label_graph")).toBool(), true);
        const double classifier = s.value(QLatin1String("test_classifier_accuracy")).toDouble(-1);
        const double graph = s.value(QLatin1String("test_graph_accuracy")).toDouble(-1);
        QVERIFY2(classifier >= 0 && classifier <= 1 && graph >= 0 && graph <= 1, qPrintable(describe(r)));
        const Run evaluated =
            run({QStringLiteral("eval"), QStringLiteral("--checkpoint"), out, QStringLiteral("--json")}, m_dir.path());
        QVERIFY2(evaluated.exitCode == 0, qPrintable(describe(evaluated)));
        // eval rebuilds the same graph from the run's data, labels and seed: the same three figures.
        QCOMPARE(summary(evaluated).value(QLatin1String("test_accuracy")).toDouble(-1), accuracy);
        QCOMPARE(summary(evaluated).value(QLatin1String("test_classifier_accuracy")).toDouble(-1), classifier);
        QCOMPARE(summary(evaluated).value(QLatin1String("test_graph_accuracy")).toDouble(-1), graph);
        // Both summaries carry the confusion matrix behind that accuracy: 10 rows of 10, its diagonal the hits.
        for (const QJsonObject &o : {s, summary(evaluated)}) {
            const QJsonArray rows = o.value(QLatin1String("confusion")).toArray();
            QCOMPARE(rows.size(), 10);
            int total = 0, hits = 0;
            for (int t = 0; t < rows.size(); ++t) {
                QCOMPARE(rows.at(t).toArray().size(), 10);
                for (int p = 0; p < 10; ++p)
                    total += rows.at(t).toArray().at(p).toInt();
                hits += rows.at(t).toArray().at(t).toInt();
            }
            QVERIFY(total > 0);
            QCOMPARE(double(hits) / total, accuracy);
        }
        // Without --json, eval names the most frequent mistakes.
        const Run said = run({QStringLiteral("eval"), QStringLiteral("--checkpoint"), out}, m_dir.path());
        QVERIFY2(said.exitCode == 0, qPrintable(describe(said)));
        QVERIFY2(said.out.contains("label graph × classifier") && said.out.contains("the graph alone")
                     && (accuracy == 1.0 || said.out.contains("taken for")),
                 qPrintable(describe(said)));
        // info shows the settings in effect: 'auto' resolved for this dataset (a path: λ 1, shifts only).
        const Run described =
            run({QStringLiteral("info"), QStringLiteral("--checkpoint"), out, QStringLiteral("--json")}, m_dir.path());
        QVERIFY2(described.exitCode == 0, qPrintable(describe(described)));
        const QJsonObject settings = summary(described).value(QLatin1String("semi_supervised")).toObject();
        QCOMPARE(settings.value(QLatin1String("labels_per_class")).toInt(), 2);
        QCOMPARE(settings.value(QLatin1String("consistency")).toDouble(), 1.0);
        QVERIFY(settings.value(QLatin1String("consistency_auto")).toBool());
        QCOMPARE(settings.value(QLatin1String("perturbation")).toDouble(), 0.0);
        QCOMPARE(settings.value(QLatin1String("class_sampling")).toDouble(), 0.3);
        QCOMPARE(settings.value(QLatin1String("balance")).toDouble(), 3.0);
        // 'auto' away from the digits: the classifier reads gradient histograms beside the pixels, which a resumed
        // run cannot change.
        QCOMPARE(settings.value(QLatin1String("classifier_input")).toString(), QStringLiteral("gradients"));
        const Run changed = run({QStringLiteral("train"), QStringLiteral("--resume"), out,
                                 QStringLiteral("--classifier-input"), QStringLiteral("pixels")},
                                m_dir.path());
        QVERIFY2(changed.exitCode == 2
                     && changed.err.contains("the checkpoint's classifier reads gradients; --classifier-input cannot "
                                             "change it on --resume"),
                 qPrintable(describe(changed)));
        // Nor its labelled images: other labels per class, or another seed drawing them, would have shown the model
        // more labels than the checkpoint says it learned from.
        for (const QStringList &other : {QStringList{QStringLiteral("--labels-per-class"), QStringLiteral("3")},
                                         QStringList{QStringLiteral("--seed"), QStringLiteral("5")}}) {
            const Run relabelled =
                run(QStringList{QStringLiteral("train"), QStringLiteral("--resume"), out} + other, m_dir.path());
            QVERIFY2(relabelled.exitCode == 2 && relabelled.err.contains("--resume continues the same run"),
                     qPrintable(describe(relabelled)));
        }
        QCOMPARE(summary(described).value(QLatin1String("test_accuracy")).toDouble(-1), accuracy);
        const Run people = run({QStringLiteral("info"), QStringLiteral("--checkpoint"), out}, m_dir.path());
        QVERIFY2(people.out.contains("2 per class") && people.out.contains("λ 1 (auto)")
                     && people.out.contains("class sampling 0.3") && people.out.contains("balance 3"),
                 qPrintable(describe(people)));
        // A plain VAE's summary has no accuracy.
        const Run plain = run(
            {QStringLiteral("eval"), QStringLiteral("--checkpoint"), m_plain, QStringLiteral("--json")}, m_dir.path());
        QVERIFY(!summary(plain).contains(QLatin1String("test_accuracy")));
        const Run plainInfo = run(
            {QStringLiteral("info"), QStringLiteral("--checkpoint"), m_plain, QStringLiteral("--json")}, m_dir.path());
        QVERIFY(!summary(plainInfo).contains(QLatin1String("semi_supervised")));
    }

    void theLabelGraphCanBeTurnedOff()
    {
        // --label-graph off: q(y|x) alone, as on the digits by default; nothing of the graph in the summary or eval.
        const QString out = m_dir.filePath(QStringLiteral("nograph.ckpt"));
        const Run r = run(trainArguments(m_data, out) << QStringLiteral("--labels-per-class") << QStringLiteral("2")
                                                      << QStringLiteral("--label-graph") << QStringLiteral("off"),
                          m_dir.path());
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(!r.err.contains("Label graph:"), qPrintable(r.err));
        const QJsonObject s = summary(r);
        QCOMPARE(s.value(QLatin1String("label_graph")).toBool(true), false);
        QVERIFY(s.contains(QLatin1String("test_accuracy")) && !s.contains(QLatin1String("test_graph_accuracy")));
        const Run said = run({QStringLiteral("eval"), QStringLiteral("--checkpoint"), out}, m_dir.path());
        QVERIFY2(said.exitCode == 0 && said.out.contains("classifier accuracy") && !said.out.contains("graph"),
                 qPrintable(describe(said)));
    }

    void validationReplacesTheTestSplit()
    {
        // --validation 40 holds 40 of the 200 training images out and reports on them; eval still uses the test split.
        const QString out = m_dir.filePath(QStringLiteral("validated.ckpt"));
        const Run r = run(trainArguments(m_data, out) << QStringLiteral("--labels-per-class") << QStringLiteral("2")
                                                      << QStringLiteral("--validation") << QStringLiteral("40"),
                          m_dir.path());
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(r.err.contains("(160 train / 40 validation images)") && r.err.contains("validation accuracy")
                     && r.err.contains("validation -ELBO") && !r.err.contains("test accuracy"),
                 qPrintable(describe(r)));
        const QJsonObject s = summary(r);
        QCOMPARE(s.value(QLatin1String("evaluation")).toString(), QStringLiteral("validation"));
        QCOMPARE(s.value(QLatin1String("validation_images")).toInt(), 40);
        QVERIFY(!s.contains(QLatin1String("test_accuracy")) && !s.contains(QLatin1String("test_neg_elbo")));
        const double accuracy = s.value(QLatin1String("validation_accuracy")).toDouble(-1);
        QVERIFY2(accuracy >= 0 && accuracy <= 1, qPrintable(describe(r)));
        const auto total = [](const QJsonObject &o) {
            int n = 0;
            for (const QJsonValue &row : o.value(QLatin1String("confusion")).toArray())
                for (const QJsonValue &count : row.toArray())
                    n += count.toInt();
            return n;
        };
        QCOMPARE(total(s), 40);
        const Run evaluated =
            run({QStringLiteral("eval"), QStringLiteral("--checkpoint"), out, QStringLiteral("--json")}, m_dir.path());
        QVERIFY2(evaluated.exitCode == 0, qPrintable(describe(evaluated)));
        QCOMPARE(total(summary(evaluated)), 50); // the test split's 50 images
        const Run described =
            run({QStringLiteral("info"), QStringLiteral("--checkpoint"), out, QStringLiteral("--json")}, m_dir.path());
        QCOMPARE(summary(described).value(QLatin1String("validation_images")).toInt(), 40);
        QCOMPARE(summary(described).value(QLatin1String("validation_accuracy")).toDouble(-1), accuracy);
        const Run people = run({QStringLiteral("info"), QStringLiteral("--checkpoint"), out}, m_dir.path());
        QVERIFY2(people.out.contains("validation -ELBO") && people.out.contains("40 training images held out")
                     && people.out.contains("on the validation split"),
                 qPrintable(describe(people)));
        // A resumed run holds out the same images: the summary still speaks of 40 validation images.
        const Run resumed = run({QStringLiteral("train"), QStringLiteral("--resume"), out, QStringLiteral("--epochs"),
                                 QStringLiteral("1"), QStringLiteral("--json")},
                                m_dir.path());
        QVERIFY2(resumed.exitCode == 0, qPrintable(describe(resumed)));
        QCOMPARE(summary(resumed).value(QLatin1String("validation_images")).toInt(), 40);
        QCOMPARE(summary(resumed).value(QLatin1String("epochs")).toInt(), 2);
        QCOMPARE(total(summary(resumed)), 40);
    }

    void theConvModelTrainsAConvClassifier()
    {
        const QString out = m_dir.filePath(QStringLiteral("conv.ckpt"));
        const Run r = trainWithEveryLabel(out, {QStringLiteral("--model"), QStringLiteral("conv")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        // --hidden sizes its MLP encoder and decoder, so it is not ignored, and the summary names the classifier.
        QVERIFY2(!r.err.contains("--hidden is ignored"), qPrintable(describe(r)));
        QVERIFY2(r.err.contains("mlp 784-16-2 with a conv classifier"), qPrintable(describe(r)));
        const double accuracy = summary(r).value(QLatin1String("test_accuracy")).toDouble(-1);
        QVERIFY2(accuracy >= 0 && accuracy <= 1, qPrintable(describe(r)));
        const Run described =
            run({QStringLiteral("info"), QStringLiteral("--checkpoint"), out, QStringLiteral("--json")}, m_dir.path());
        QCOMPARE(summary(described).value(QLatin1String("model")).toString(), QStringLiteral("conv"));
    }

    void everyLabelKeepsItsLabel()
    {
        const QString out = m_dir.filePath(QStringLiteral("all.ckpt"));
        const Run r = trainWithEveryLabel(out, {QStringLiteral("--classes"), QStringLiteral("0,1,2")});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QCOMPARE(summary(r).value(QLatin1String("labelled")).toInt(), 60); // 20 of each of the three classes
        QVERIFY(r.err.contains("semi-supervised over 3 classes"));
        // With no unlabelled image, info leaves out the weights of the unlabelled terms.
        const Run people = run({QStringLiteral("info"), QStringLiteral("--checkpoint"), out}, m_dir.path());
        QVERIFY2(people.out.contains("every training image") && !people.out.contains("λ"),
                 qPrintable(describe(people)));

        // eval scores the classifier on its three classes only: on the same data named again, on those classes'
        // test images; on a copy under another name, on every image, the others not counted as its mistakes.
        const auto evaluate = [&](const QStringList &extra) {
            return summary(
                run(QStringList{QStringLiteral("eval"), QStringLiteral("--checkpoint"), out, QStringLiteral("--json")}
                        << extra,
                    m_dir.path()));
        };
        const QJsonObject own = evaluate({});
        const double accuracy = own.value(QLatin1String("test_accuracy")).toDouble(-1);
        QVERIFY(accuracy >= 0);
        QCOMPARE(own.value(QLatin1String("samples")).toInt(), 15); // five test images of each class
        const QJsonObject named = evaluate({QStringLiteral("--dataset"), m_data});
        QCOMPARE(named.value(QLatin1String("samples")).toInt(), 15);
        QCOMPARE(named.value(QLatin1String("test_accuracy")).toDouble(-1), accuracy);
        const QString copy = m_dir.filePath(QStringLiteral("tiny-copy"));
        QVERIFY(QDir().mkpath(copy));
        for (const QString &file : QDir(m_data).entryList(QDir::Files))
            QVERIFY(QFile::copy(m_data + QLatin1Char('/') + file, copy + QLatin1Char('/') + file));
        const QJsonObject other = evaluate({QStringLiteral("--dataset"), copy});
        QCOMPARE(other.value(QLatin1String("samples")).toInt(), 50);
        QCOMPARE(other.value(QLatin1String("test_accuracy")).toDouble(-1), accuracy);
    }

    void aFewShotBaseGetsTheRecipeUnlessOverridden()
    {
        // --labels-per-class all on some classes, nothing else: the conv classifier, 30 epochs, perturbation 2.
        const QString out = m_dir.filePath(QStringLiteral("base.ckpt"));
        QStringList arguments = trainArguments(m_data, out);
        arguments.remove(arguments.indexOf(QStringLiteral("--epochs")), 2);
        const Run r = run(arguments << QStringLiteral("--labels-per-class") << QStringLiteral("all")
                                    << QStringLiteral("--classes") << QStringLiteral("0,1"),
                          m_dir.path());
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(r.err.contains("Few-shot base") && r.err.contains("conv classifier, 30 epochs, perturbation 2"),
                 qPrintable(describe(r)));
        const Run described =
            run({QStringLiteral("info"), QStringLiteral("--checkpoint"), out, QStringLiteral("--json")}, m_dir.path());
        const QJsonObject info = summary(described);
        QCOMPARE(info.value(QLatin1String("model")).toString(), QStringLiteral("conv"));
        QCOMPARE(info.value(QLatin1String("epochs")).toInt(), 30);
        const QJsonObject settings = info.value(QLatin1String("semi_supervised")).toObject();
        QCOMPARE(settings.value(QLatin1String("perturbation")).toDouble(), 2.0);
        QVERIFY(settings.value(QLatin1String("perturbation_auto")).toBool());

        // Each flag the user gives wins; with both given there is no recipe to announce.
        const QString mlp = m_dir.filePath(QStringLiteral("base-mlp.ckpt"));
        const Run overridden = trainWithEveryLabel(
            mlp,
            {QStringLiteral("--classes"), QStringLiteral("0,1"), QStringLiteral("--model"), QStringLiteral("mlp")});
        QVERIFY2(overridden.exitCode == 0 && !overridden.err.contains("Few-shot base"),
                 qPrintable(describe(overridden)));
        const QJsonObject mlpInfo = summary(
            run({QStringLiteral("info"), QStringLiteral("--checkpoint"), mlp, QStringLiteral("--json")}, m_dir.path()));
        QCOMPARE(mlpInfo.value(QLatin1String("model")).toString(), QStringLiteral("mlp"));
        QCOMPARE(mlpInfo.value(QLatin1String("epochs")).toInt(), 1);
        QCOMPARE(mlpInfo.value(QLatin1String("semi_supervised")).toObject().value(QLatin1String("perturbation")),
                 QJsonValue(0.0));
    }

    void refusesBadInputBeforeTraining_data()
    {
        QTest::addColumn<QStringList>("extra"); // "@unlabelled" and "@plain" are replaced by paths
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("zero") << QStringList{"--labels-per-class", "0"} << 2 << "--labels-per-class must be";
        QTest::newRow("not a number") << QStringList{"--labels-per-class", "many"} << 2 << "--labels-per-class must be";
        QTest::newRow("more than a class holds")
            << QStringList{"--labels-per-class", "21"} << 1 << "Class 0 has 20 training images, fewer than the 21";
        QTest::newRow("no labels") << QStringList{"--labels-per-class", "2", "--dataset", "@unlabelled"} << 1
                                   << "needs labels";
        QTest::newRow("perturbation too strong") << QStringList{"--labels-per-class", "2", "--perturbation", "4"} << 2
                                                 << "--perturbation must be a number from 0 to 3, not '4'";
        QTest::newRow("perturbation neither a number nor auto")
            << QStringList{"--labels-per-class", "2", "--perturbation", "strong"} << 2
            << "--perturbation must be a number from 0 to 3, not 'strong'";
        QTest::newRow("consistency neither a number nor auto")
            << QStringList{"--labels-per-class", "2", "--consistency", "high"} << 2 << "--consistency must be a number";
        QTest::newRow("class sampling above 1") << QStringList{"--labels-per-class", "2", "--class-sampling", "2"} << 2
                                                << "--class-sampling must be a number from 0 to 1, not '2'";
        QTest::newRow("negative balance")
            << QStringList{"--labels-per-class", "2", "--balance", "-1"} << 2 << "--balance must be";
        QTest::newRow("validation of every training image")
            << QStringList{"--labels-per-class", "2", "--validation", "200"} << 1
            << "200 validation images would leave no training image: the training split holds 200";
        QTest::newRow("negative validation") << QStringList{"--validation", "-5"} << 2 << "--validation must be";
        QTest::newRow("validation leaves a class too few labels")
            << QStringList{"--labels-per-class", "10", "--validation", "150"} << 1 << "fewer than the 10";
        QTest::newRow("classifier input unknown")
            << QStringList{"--labels-per-class", "2", "--classifier-input", "edges"} << 2
            << "--classifier-input must be pixels, gradients or auto";
        QTest::newRow("label graph unknown") << QStringList{"--labels-per-class", "2", "--label-graph", "maybe"} << 2
                                             << "--label-graph must be on, off or auto";
        QTest::newRow("negative graph weight")
            << QStringList{"--labels-per-class", "2", "--graph-weight", "-1"} << 2 << "--graph-weight must be";
        QTest::newRow("resuming a plain VAE")
            << QStringList{"--labels-per-class", "2", "--resume", "@plain"} << 2 << "cannot change it on --resume";
    }

    void refusesBadInputBeforeTraining()
    {
        QFETCH(QStringList, extra);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const QString out = m_dir.filePath(QStringLiteral("refused.ckpt"));
        QStringList arguments = trainArguments(m_data, out);
        for (const QString &a : std::as_const(extra))
            arguments << (a == QLatin1String("@unlabelled")  ? m_unlabelled
                              : a == QLatin1String("@plain") ? m_plain
                                                             : a);
        const Run r = run(arguments, m_dir.path());
        QVERIFY2(r.exitStatus == QProcess::NormalExit && r.exitCode == exitCode, qPrintable(describe(r)));
        QVERIFY2(r.err.contains(message.toUtf8()), qPrintable(describe(r)));
        QVERIFY2(!r.err.contains("epoch 1/"), "no training may start");
        QVERIFY(!QFile::exists(out));
    }
};

QTEST_GUILESS_MAIN(TestCliSemiSupervised)
#include "tst_cli_semisupervised.moc"
