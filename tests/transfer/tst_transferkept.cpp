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
    void initTestCase() { setUpData(); }

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
        QVERIFY(row.seconds > 0);
        auto *table = runs->findChild<QTableWidget *>();
        QVERIFY2(table->item(0, 1)->text().contains(QStringLiteral(" → ")), qPrintable(table->item(0, 1)->text()));
        QVERIFY2(table->item(0, 1)->toolTip().contains(QLatin1String("Transferred from")),
                 qPrintable(table->item(0, 1)->toolTip()));
        const RunHistoryPanel restarted;
        QVERIFY(restarted.runs().first().transfer.has_value());
        QCOMPARE(restarted.runs().first().transfer->report, reportFile.fileName());
        QVERIFY(restarted.toCsv().contains(QLatin1Char(',') + row.transfer->strategy + QLatin1Char(',')));

        // The results page says so.
        const auto *text = wizard->currentPage()->findChild<QTextBrowser *>();
        QVERIFY2(text->toPlainText().contains(QLatin1String("Kept, so that closing the wizard loses nothing")),
                 qPrintable(text->toPlainText()));
        wizard->close();
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
