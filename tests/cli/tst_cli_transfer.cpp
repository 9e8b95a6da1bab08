// The transfer command through the built binary: its usage errors, the accuracies with their intervals, and the
// answer it ends with.
#include "clifixture.h"
#include "clirun.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <utility>

using namespace CliRun;

class TestCliTransfer : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_data;    // a tiny IDX folder
    QString m_garbage; // a file that is not a checkpoint

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(QFileInfo(QStringLiteral(LE_APP_PATH)).isExecutable(), LE_APP_PATH);
        QVERIFY(CliFixture::writeTinyFiles(m_dir, &m_data, &m_garbage));
    }

    void repeatsZeroIsAUsageError()
    {
        const Run r =
            run({QStringLiteral("transfer"), QStringLiteral("--from"), m_garbage, QStringLiteral("--dataset"), m_data,
                 QStringLiteral("--strategy"), QStringLiteral("all"), QStringLiteral("--repeats"), QStringLiteral("0")},
                m_dir.path());
        QVERIFY2(r.exitStatus == QProcess::NormalExit && r.exitCode == 2, qPrintable(describe(r)));
        QVERIFY2(QString::fromLocal8Bit(r.err).contains(QLatin1String("--repeats")), qPrintable(describe(r)));
    }

    void aReportOfAnotherFormatIsAUsageError()
    {
        // Its format is its extension's: r.txt had silently become CSV.
        const Run r = run({QStringLiteral("transfer"), QStringLiteral("--from"), m_garbage, QStringLiteral("--dataset"),
                           m_data, QStringLiteral("--strategy"), QStringLiteral("all"), QStringLiteral("--report"),
                           m_dir.filePath(QStringLiteral("r.txt"))},
                          m_dir.path());
        QVERIFY2(r.exitStatus == QProcess::NormalExit && r.exitCode == 2, qPrintable(describe(r)));
        QVERIFY2(QString::fromLocal8Bit(r.err).contains(QLatin1String(".csv or .json")), qPrintable(describe(r)));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("r.txt"))));
    }

    void fewshotWarnsOnlyAboutClassesTheModelSaw()
    {
        const QString other = m_dir.filePath(QStringLiteral("other-data")); // the same images in another folder
        QVERIFY(CliFixture::writeTinyDataset(other));
        const QString heldOut = m_dir.filePath(QStringLiteral("fewshot-0-4.ckpt"));
        const QString every = m_dir.filePath(QStringLiteral("fewshot-every.ckpt"));
        const Run trainedHeldOut = run(CliFixture::tinyTrainArguments(m_data, heldOut, 1)
                                           << QStringLiteral("--classes") << QStringLiteral("0,1,2,3,4"),
                                       m_dir.path());
        QVERIFY2(trainedHeldOut.exitCode == 0, qPrintable(describe(trainedHeldOut)));
        const Run trainedEvery = run(CliFixture::tinyTrainArguments(m_data, every, 1), m_dir.path());
        QVERIFY2(trainedEvery.exitCode == 0, qPrintable(describe(trainedEvery)));
        const auto fewshot = [&](const QString &checkpoint, const QString &dataset, const QString &classes) {
            QStringList arguments{QStringLiteral("fewshot"),
                                  QStringLiteral("--checkpoint"),
                                  checkpoint,
                                  QStringLiteral("--dataset"),
                                  dataset,
                                  QStringLiteral("--ways"),
                                  QStringLiteral("3"),
                                  QStringLiteral("--shots"),
                                  QStringLiteral("1"),
                                  QStringLiteral("--queries"),
                                  QStringLiteral("2"),
                                  QStringLiteral("--episodes"),
                                  QStringLiteral("2"),
                                  QStringLiteral("--json")};
            if (!classes.isEmpty())
                arguments << QStringLiteral("--classes") << classes;
            return run(arguments, m_dir.path());
        };
        const auto classesOf = [](const Run &r) {
            bool allJson = false;
            const QVector<QJsonObject> lines = jsonLines(r.out, &allJson);
            return lines.isEmpty() ? QJsonArray() : lines.last().value(QLatin1String("classes")).toArray();
        };
        // Typed classes the model trained on are named.
        Run r = fewshot(heldOut, m_data, QStringLiteral("2,3,4,5,6"));
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(r.err.contains("warning: the checkpoint was trained on class(es) 2,3,4 of"), qPrintable(describe(r)));
        // A class the data lacks is named before any episode (77 read as "only 2 classes have the images").
        r = fewshot(heldOut, m_data, QStringLiteral("5,6,77"));
        QVERIFY2(r.exitCode == 1 && r.err.contains("has no label 77") && !r.err.contains("warning"),
                 qPrintable(describe(r)));
        // On other data nothing was seen: no warning, and the episodes draw from every class.
        r = fewshot(heldOut, other, {});
        QVERIFY2(r.exitCode == 0 && !r.err.contains("warning"), qPrintable(describe(r)));
        QCOMPARE(classesOf(r).size(), 10);
        r = fewshot(every, other, {});
        QVERIFY2(r.exitCode == 0 && !r.err.contains("warning"), qPrintable(describe(r)));
        // On its own data the model of every class holds none out.
        r = fewshot(every, m_data, {});
        QVERIFY2(r.err.contains("trained on every class"), qPrintable(describe(r)));
        r = fewshot(heldOut, m_data, {});
        QVERIFY2(!r.err.contains("warning"), qPrintable(describe(r)));
        QCOMPARE(classesOf(r), (QJsonArray{5, 6, 7, 8, 9}));
    }

    void reportsEveryAccuracyWithItsInterval()
    {
        // Two label draws: every accuracy has a half-width; the semi-supervised row has its classifier's accuracy.
        const QString source = m_dir.filePath(QStringLiteral("transfer-source.ckpt"));
        const Run trained = run(CliFixture::tinyTrainArguments(m_data, source, 1), m_dir.path());
        QVERIFY2(trained.exitCode == 0, qPrintable(describe(trained)));
        const Run r =
            run({QStringLiteral("transfer"), QStringLiteral("--from"), source, QStringLiteral("--dataset"), m_data,
                 QStringLiteral("--strategy"), QStringLiteral("freeze-encoder,semi-supervised"),
                 QStringLiteral("--epochs"), QStringLiteral("1"), QStringLiteral("--labels-per-class"),
                 QStringLiteral("3"), QStringLiteral("--repeats"), QStringLiteral("2"), QStringLiteral("--json")},
                m_dir.path());
        QVERIFY2(r.exitStatus == QProcess::NormalExit && r.exitCode == 0, qPrintable(describe(r)));
        // The first line says how long the run is planned to take (TransferPlan): a minute at most here.
        QVERIFY2(r.err.contains("; expected time about 1 min"), qPrintable(describe(r)));
        bool allJson = false;
        const QVector<QJsonObject> lines = jsonLines(r.out, &allJson);
        QVERIFY2(allJson && !lines.isEmpty(), qPrintable(describe(r)));
        const QJsonObject summary = lines.last();
        QCOMPARE(summary.value(QLatin1String("repeats")).toInt(), 2);
        for (const char *key : {"pixel_probe_accuracy", "pixel_probe_accuracy_ci95", "pixel_knn_accuracy",
                                "pixel_knn_accuracy_ci95", "source_knn_accuracy", "scratch_classifier_accuracy_ci95"})
            QVERIFY2(summary.value(QLatin1String(key)).isDouble(), key);
        const QJsonArray rows = summary.value(QLatin1String("strategies")).toArray();
        QCOMPARE(rows.size(), 2);
        const QJsonObject frozen = rows[0].toObject();
        for (const char *key : {"probe_accuracy", "probe_accuracy_ci95", "knn_accuracy", "knn_accuracy_ci95",
                                "finetune_accuracy", "finetune_accuracy_ci95"})
            QVERIFY2(frozen.value(QLatin1String(key)).isDouble(), key);
        const QJsonObject semi = rows[1].toObject();
        QCOMPARE(semi.value(QLatin1String("strategy")).toString(), QStringLiteral("semi-supervised"));
        const double accuracy = semi.value(QLatin1String("probe_accuracy")).toDouble(-1);
        QVERIFY2(accuracy >= 0 && accuracy <= 1, qPrintable(describe(r)));
        QVERIFY(semi.value(QLatin1String("probe_accuracy_ci95")).isDouble());
        // "best": a strategy figure against the better pixel classifier, both chosen on one half of the test images
        // and measured on the other (tst_transferrunner checks the choice itself).
        const QJsonObject verdict = summary.value(QLatin1String("best")).toObject();
        QCOMPARE(verdict.value(QLatin1String("chosen_from")).toInt(), 4); // frozen's three figures, semi's one
        QCOMPARE(verdict.value(QLatin1String("measured_on_images")).toInt(),
                 summary.value(QLatin1String("target_test_images")).toInt() / 2);
        const double best = verdict.value(QLatin1String("accuracy")).toDouble(-1);
        const double pixels = verdict.value(QLatin1String("pixel_accuracy")).toDouble(-1);
        QVERIFY2(best >= 0 && best <= 1 && pixels >= 0 && pixels <= 1, qPrintable(describe(r)));
        QVERIFY(qAbs(verdict.value(QLatin1String("gain_points")).toDouble() - 100 * (best - pixels)) < 1e-9);
        QVERIFY(verdict.value(QLatin1String("gain_points_ci95")).isDouble()); // paired over the two draws
    }

    void aPlainStrategyOfASemiSupervisedSourceKeepsItsClasses()
    {
        // A semi-supervised source of classes 0-4, adapted without labels to other data (the same tiny images in
        // another folder): its classifier is the source's, so on the target `eval` scores the bound only and says
        // whose classes it has; on the source's data it scores the classifier on the images of those classes.
        const QString source = m_dir.filePath(QStringLiteral("m2-source.ckpt"));
        const QString adapted = m_dir.filePath(QStringLiteral("m2-adapted.ckpt"));
        const QString target = m_dir.filePath(QStringLiteral("tiny-target"));
        QVERIFY(CliFixture::writeTinyDataset(target));
        QStringList train = CliFixture::tinyTrainArguments(m_data, source, 1);
        train << QStringLiteral("--classes") << QStringLiteral("0,1,2,3,4") << QStringLiteral("--labels-per-class")
              << QStringLiteral("2") << QStringLiteral("--label-graph") << QStringLiteral("off");
        const Run trained = run(train, m_dir.path());
        QVERIFY2(trained.exitCode == 0, qPrintable(describe(trained)));
        const Run transferred =
            run({QStringLiteral("transfer"), QStringLiteral("--from"), source, QStringLiteral("--dataset"), target,
                 QStringLiteral("--strategy"), QStringLiteral("freeze-decoder"), QStringLiteral("--epochs"),
                 QStringLiteral("1"), QStringLiteral("--labels-per-class"), QStringLiteral("3"),
                 QStringLiteral("--repeats"), QStringLiteral("1"), QStringLiteral("--out"), adapted},
                m_dir.path());
        QVERIFY2(transferred.exitCode == 0, qPrintable(describe(transferred)));
        const auto evaluate = [&](const QStringList &extra) {
            const Run r =
                run(QStringList{QStringLiteral("eval"), QStringLiteral("--checkpoint"), adapted} + extra, m_dir.path());
            return std::make_pair(r, QString::fromLocal8Bit(r.out));
        };
        const auto [onTarget, targetText] = evaluate({});
        QVERIFY2(onTarget.exitCode == 0, qPrintable(describe(onTarget)));
        QVERIFY2(targetText.contains(QLatin1String("its classes are its source's (0, 1, 2, 3, 4), not ")),
                 qPrintable(targetText));
        QVERIFY2(!targetText.contains(QLatin1String("accuracy")) && !targetText.contains(QLatin1String("mistakes")),
                 qPrintable(targetText));
        const auto [onSource, sourceText] = evaluate({QStringLiteral("--dataset"), m_data});
        QVERIFY2(onSource.exitCode == 0, qPrintable(describe(onSource)));
        QVERIFY2(sourceText.contains(QLatin1String("classifier accuracy"))
                     && sourceText.contains(QLatin1String("its classes are its source's (0, 1, 2, 3, 4), scored on "
                                                          "this data's test images of those classes")),
                 qPrintable(sourceText));
        const auto json = [&](const QString &dataset) {
            const Run r = run({QStringLiteral("eval"), QStringLiteral("--checkpoint"), adapted,
                               QStringLiteral("--dataset"), dataset, QStringLiteral("--json")},
                              m_dir.path());
            bool allJson = false;
            const QVector<QJsonObject> lines = jsonLines(r.out, &allJson);
            return r.exitCode == 0 && allJson && !lines.isEmpty() ? lines.last() : QJsonObject();
        };
        const QJsonObject targetJson = json(target), sourceJson = json(m_data);
        QVERIFY(!targetJson.isEmpty() && !targetJson.contains(QLatin1String("test_accuracy")));
        QCOMPARE(targetJson.value(QLatin1String("source_classes")).toArray().size(), 5);
        QCOMPARE(targetJson.value(QLatin1String("scored_on_source")).toBool(true), false);
        QCOMPARE(sourceJson.value(QLatin1String("scored_on_source")).toBool(), true);
        // Scored on the source's test images of classes 0-4 only, as the source itself was.
        const Run sourceEval = run(
            {QStringLiteral("eval"), QStringLiteral("--checkpoint"), source, QStringLiteral("--json")}, m_dir.path());
        bool allJson = false;
        const QVector<QJsonObject> sourceLines = jsonLines(sourceEval.out, &allJson);
        QVERIFY2(sourceEval.exitCode == 0 && allJson && !sourceLines.isEmpty(), qPrintable(describe(sourceEval)));
        QCOMPARE(sourceJson.value(QLatin1String("samples")).toInt(-1),
                 sourceLines.last().value(QLatin1String("samples")).toInt(-2));
        const double accuracy = sourceJson.value(QLatin1String("test_accuracy")).toDouble(-1);
        QVERIFY(accuracy >= 0 && accuracy <= 1);
    }

    void endsWithItsAnswer()
    {
        const QString source = m_dir.filePath(QStringLiteral("answer-source.ckpt"));
        const Run trained = run(CliFixture::tinyTrainArguments(m_data, source, 1), m_dir.path());
        QVERIFY2(trained.exitCode == 0, qPrintable(describe(trained)));
        const Run r = run({QStringLiteral("transfer"), QStringLiteral("--from"), source, QStringLiteral("--dataset"),
                           m_data, QStringLiteral("--strategy"), QStringLiteral("freeze-encoder"),
                           QStringLiteral("--epochs"), QStringLiteral("1"), QStringLiteral("--labels-per-class"),
                           QStringLiteral("3"), QStringLiteral("--repeats"), QStringLiteral("2")},
                          m_dir.path());
        QVERIFY2(r.exitStatus == QProcess::NormalExit && r.exitCode == 0, qPrintable(describe(r)));
        const QString last = QString::fromLocal8Bit(r.out).trimmed().split(QLatin1Char('\n')).last();
        QVERIFY2(last.startsWith(QLatin1String("best: freeze-encoder's ")), qPrintable(last));
        // Its probe, k-NN and fine-tuned classifier: the pick is made among three, and says so.
        QVERIFY2(last.contains(QLatin1String(" against raw pixels (")), qPrintable(last));
        QVERIFY2(last.contains(QLatin1String("on 25 test images; both were chosen on the other half, the VAE figure "
                                             "among 3")),
                 qPrintable(last));
        QVERIFY2(last.contains(QLatin1String(" points")), qPrintable(last));
        // Without the semi-supervised strategy, the answer says what was left out.
        QVERIFY2(last.contains(QLatin1String("semi-supervised strategy")), qPrintable(last));
    }
};

QTEST_GUILESS_MAIN(TestCliTransfer)
#include "tst_cli_transfer.moc"
