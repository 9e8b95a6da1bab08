#include "autosaves.h"
#include "mainwindow.h"
#include "runhistorypanel.h"
#include "session.h"
#include "wizardfixture.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenuBar>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>

/// What a transfer run leaves when the wizard closes: the model its answer names and its report, among the
/// transfers' autosaves, and a row of the Runs panel that opens that model (a new user's transfers were nowhere).
class TestTransferKept final : public QObject, private WizardFixture
{
    Q_OBJECT

    /// The explorer's own wizard (Tools ▸ Transfer to Another Dataset…), wired to its Runs panel.
    static TransferWizard *openWizard(MainWindow &window)
    {
        for (QAction *menu : window.menuBar()->actions())
            if (menu->menu())
                for (QAction *action : menu->menu()->actions())
                    if (action->text().startsWith(QLatin1String("&Transfer to Another")))
                        action->trigger();
        return window.findChild<TransferWizard *>();
    }

    /// Runs the wizard to its results page with one epoch of every default strategy.
    void runToResults(TransferWizard &wizard)
    {
        advanceToRun(wizard);
        QTRY_VERIFY_WITH_TIMEOUT(wizard.outcome.has_value() && !wizard.isRunning(), 120000);
        wizard.next();
        QCOMPARE(wizard.currentId(), int(TransferWizard::ResultsPageId));
    }

private Q_SLOTS:
    void initTestCase()
    {
        setUpData();
        if (QFileInfo(Autosaves::directory()).isFile()) // left by an interrupted run of the test below
            QVERIFY(QFile::remove(Autosaves::directory()));
    }

    void aFinishedRunKeepsItsAnswersModelAndReportAsARunsRow()
    {
        MainWindow window(/*restoreSession=*/false);
        window.show();
        window.session()->setData(m_data, QStringLiteral("bars"));
        QVERIFY(window.session()->openCheckpoint(m_source).ok()); // the wizard's preselected source
        QTRY_COMPARE(window.session()->pendingSaves(), 0);
        TransferWizard *wizard = openWizard(window);
        QVERIFY(wizard);
        runToResults(*wizard);

        // The model and the report are on disk, side by side.
        const QString model = wizard->keptPath;
        QVERIFY2(QFileInfo::exists(model), qPrintable(model));
        QVERIFY(QFileInfo(model).fileName().startsWith(QLatin1String("transfer-")));
        QFile reportFile(Autosaves::transferReportPath(model));
        QVERIFY(reportFile.open(QIODevice::ReadOnly));
        const QJsonObject report = QJsonDocument::fromJson(reportFile.readAll()).object();
        QCOMPARE(report.value(QStringLiteral("strategies")).toArray().size(),
                 wizard->outcome->report.strategies.size());
        // It is the answer's model: the strategy the verdict names, its weights and the epochs measured.
        const TransferReport &r = wizard->outcome->report;
        const TransferVerdict verdict = r.verdict();
        QVERIFY(verdict.strategy >= 0);
        const Result<Checkpoint> kept = CheckpointIo::load(model);
        QVERIFY(kept.ok());
        QCOMPARE(kept.value().weights, r.strategies[verdict.strategy].weights);
        QCOMPARE(kept.value().epochsDone(), 1);
        // Not one of the training runs' autosaves: never offered back at the next start.
        QVERIFY(Autosaves::newest() != model);

        // The Runs panel's newest row, also after a restart (the settings).
        auto *runs = window.findChild<RunHistoryPanel *>();
        QVERIFY(runs);
        QCOMPARE(runs->runs().size(), 1);
        const RunRecord &row = runs->runs().first();
        QVERIFY(row.transfer.has_value());
        QCOMPARE(row.checkpoint, model);
        QCOMPARE(row.transfer->strategy, TransferStrategies::name(r.strategies[verdict.strategy].strategy));
        QCOMPARE(row.transfer->sourceDataset, m_source.config.dataset);
        QCOMPARE(row.transfer->labelsPerClass, r.labelsPerClass);
        QVERIFY(std::isfinite(row.accuracy()));
        // Its Time is its strategy's, as a training run's is its model's; the whole run's is in the tooltip.
        QCOMPARE(row.seconds, r.strategies[verdict.strategy].seconds);
        QVERIFY(row.seconds > 0 && row.transfer->runSeconds > row.seconds);
        auto *table = runs->findChild<QTableWidget *>();
        QVERIFY2(table->item(0, 1)->text().contains(QStringLiteral(" → ")), qPrintable(table->item(0, 1)->text()));
        QVERIFY2(table->item(0, 1)->toolTip().contains(QLatin1String("the model a transfer run's answer names")),
                 qPrintable(table->item(0, 1)->toolTip()));
        QVERIFY2(
            table->item(0, 8)->toolTip().contains(QLatin1String("Its Time is this strategy's; the whole transfer")),
            qPrintable(table->item(0, 8)->toolTip()));
        const RunHistoryPanel restarted;
        QVERIFY(restarted.runs().first().transfer.has_value());
        QCOMPARE(restarted.runs().first().transfer->runSeconds, row.transfer->runSeconds);
        QCOMPARE(restarted.runs().first().transfer->report, reportFile.fileName());
        QVERIFY(restarted.toCsv().contains(QLatin1Char(',') + row.transfer->strategy + QLatin1Char(',')));

        // The results page says so.
        const auto *text = wizard->currentPage()->findChild<QTextBrowser *>();
        QVERIFY2(text->toPlainText().contains(QLatin1String("Kept, so that closing the wizard loses nothing")),
                 qPrintable(text->toPlainText()));
        wizard->close();
        QSettings().remove(QLatin1String(RunHistoryPanel::kSettingsKey));
    }

    void aTransfersRowSaysWhereItsModelAndItsAccuracyComeFrom()
    {
        QSettings().remove(QLatin1String(RunHistoryPanel::kSettingsKey));
        RunHistoryPanel panel;
        Checkpoint adapted = m_source;
        adapted.config.dataset = QStringLiteral("fashion-mnist");
        adapted.config.classes.clear(); // as TransferReport::adaptedCheckpoint makes it
        adapted.history = {EpochStats()};
        RunRecord record = RunRecord::of(adapted, RunOutcome::Completed, 30, QString());
        record.transfer = RunRecord::Transfer{
            QStringLiteral("mnist"), QStringLiteral("finetune-all"), QStringLiteral("probe"), 0.69, 0.677, 10,
            QStringLiteral("r.json")};
        panel.addRun(record);
        // The semi-supervised strategy's model never started from the source's (a new user read it as a transfer).
        record.transfer->strategy = QStringLiteral("semi-supervised");
        record.transfer->figure = QStringLiteral("own-graph");
        record.transfer->accuracy = 0.791;
        panel.addRun(record);
        auto *table = panel.findChild<QTableWidget *>();
        QCOMPARE(table->rowCount(), 2);
        auto rowOf = [&](const QString &accuracy) {
            for (int row = 0; row < table->rowCount(); ++row)
                if (table->item(row, 7)->text() == accuracy)
                    return row;
            return -1;
        };
        // The accuracy names its figure: a linear probe is not the model's own classifier.
        const int adaptedRow = rowOf(QStringLiteral("69.0 % (probe)"));
        const int semiRow = rowOf(QStringLiteral("79.1 % (q(y|x) × graph)"));
        QVERIFY(adaptedRow >= 0 && semiRow >= 0);
        QCOMPARE(table->item(adaptedRow, 1)->text(), QStringLiteral("mnist → fashion-mnist"));
        QCOMPARE(table->item(adaptedRow, 4)->text(), QStringLiteral("10 per class"));
        QVERIFY2(table->item(adaptedRow, 1)
                     ->toolTip()
                     .startsWith(QLatin1String("Adapted from mnist's model by "
                                               "finetune-all")),
                 qPrintable(table->item(adaptedRow, 1)->toolTip()));
        QCOMPARE(table->item(semiRow, 1)->text(), QStringLiteral("fashion-mnist"));
        QVERIFY2(table->item(semiRow, 1)->toolTip().contains(QLatin1String("from scratch (not from mnist's)")),
                 qPrintable(table->item(semiRow, 1)->toolTip()));
        QSettings().remove(QLatin1String(RunHistoryPanel::kSettingsKey));
    }

    void aRunThatCannotBeKeptSaysSoAndAddsNoRow()
    {
        MainWindow window(/*restoreSession=*/false);
        window.show();
        window.session()->setData(m_data, QStringLiteral("bars"));
        QVERIFY(window.session()->openCheckpoint(m_source).ok()); // the wizard's preselected source
        QTRY_COMPARE(window.session()->pendingSaves(), 0);
        // Then the autosave folder cannot be made (a file holds its name): as on a full or read-only disk.
        const QString folder = Autosaves::directory();
        QVERIFY(QDir(folder).removeRecursively());
        QFile blocker(folder);
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        TransferWizard *wizard = openWizard(window);
        runToResults(*wizard);
        QVERIFY(wizard->keptPath.isEmpty());
        QVERIFY(!wizard->keepError.isEmpty());
        QVERIFY(window.findChild<RunHistoryPanel *>()->runs().isEmpty());
        const auto *text = wizard->currentPage()->findChild<QTextBrowser *>();
        QVERIFY2(text->toPlainText().contains(QLatin1String("could not be kept")), qPrintable(text->toPlainText()));
        wizard->close();
        QVERIFY(QFile::remove(folder));
    }

    void onlyTheNewestTransfersAreKept()
    {
        QDir folder(Autosaves::directory());
        QVERIFY(QDir().mkpath(folder.path()));
        for (const QString &old : folder.entryList({QStringLiteral("transfer-*")}, QDir::Files))
            QVERIFY(folder.remove(old));
        const QDateTime now = QDateTime::currentDateTime();
        QStringList models;
        for (int i = 0; i < Autosaves::kKept + 2; ++i) {
            const QString model = folder.filePath(QStringLiteral("transfer-2026010%1-000000-1-1.ckpt").arg(i));
            for (const QString &path : {model, Autosaves::transferReportPath(model)}) {
                QFile file(path);
                QVERIFY(file.open(QIODevice::WriteOnly));
                file.write("x");
                file.flush(); // before the time is set: closing writes nothing more
                file.setFileTime(now.addSecs(-100 + i), QFileDevice::FileModificationTime);
            }
            models << model;
        }
        Autosaves::pruneTransfers();
        // The two oldest go, each with its report; the runs' autosaves are another matter.
        for (int i = 0; i < models.size(); ++i) {
            QCOMPARE(QFileInfo::exists(models[i]), i >= 2);
            QCOMPARE(QFileInfo::exists(Autosaves::transferReportPath(models[i])), i >= 2);
        }
    }
};

QTEST_MAIN(TestTransferKept)
#include "tst_transferkept.moc"
