#include "runcomparison.h"
#include "runhistorypanel.h"

#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTranslator>

#include <cmath>
#include <functional>
#include <memory>

namespace {

/// A finished run's checkpoint: `epochs` epochs of a plain VAE, or of a semi-supervised one with `labels` per class.
Checkpoint endedRun(int epochs, int labels = 0)
{
    Checkpoint c;
    c.config.dataset = QStringLiteral("/data/some folder/fashion");
    c.config.model.latent = 8;
    c.config.model.hidden = 256;
    c.config.beta = 4;
    if (labels != 0) {
        c.config.model.classes = 10;
        c.config.labelsPerClass = labels;
    }
    for (int e = 0; e < epochs; ++e) {
        EpochStats stats;
        stats.epoch = e;
        stats.test.negElbo = 130.0 - e;
        stats.test.recon = 110.0 - e;
        stats.test.kl = 20.0;
        if (labels != 0)
            stats.test.accuracy = 0.8 + 0.01 * e;
        c.history.append(stats);
    }
    return c;
}

QTableWidget *tableOf(RunHistoryPanel &panel)
{
    return panel.findChild<QTableWidget *>(QStringLiteral("runTable"));
}

/// Another language, as far as the Runs panel's tooltip goes: its words marked.
class MarkingTranslator final : public QTranslator
{
public:
    QString translate(const char *context, const char *source, const char *, int) const override
    {
        const QByteArray c(context);
        if (c != "EpochReadout" && c != "RunHistoryPanel" && c != "ModelSpec")
            return QString();
        return QStringLiteral("[zh] ") + QString::fromUtf8(source);
    }
    bool isEmpty() const override { return false; }
};

} // namespace

/// The Runs panel: each ended run a row, newest first, kept between sessions; its autosave a double-click away.
class TestRunHistory final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void aSemiSupervisedConvModelIsNamedAsAnMlpWithAConvClassifier()
    {
        // Its VAE is an MLP; only the classifier is convolutional (a user read "conv 256" beside the few-shot recipe).
        Checkpoint semi = endedRun(1, 10);
        semi.config.model.architecture = Architecture::Conv;
        semi.config.model.classes = 5;
        RunHistoryPanel panel;
        panel.addRun(RunRecord::of(semi, RunOutcome::Completed, 1, QString()));
        QCOMPARE(tableOf(panel)->item(0, 2)->text(), QStringLiteral("mlp 256 + conv classifier, latent 8"));
    }

    void theTableFitsBesideThePlotAt1366()
    {
        // The panel is 646 px wide beside the training panel and the sliders at 1366 × 768: a plain and a
        // semi-supervised run of the digits show every column without a horizontal scroll bar (with "−ELBO (nats)"
        // as a header, the time and half the accuracy were off to the right).
        RunHistoryPanel panel;
        QTableWidget *table = tableOf(panel);
        for (int labels : {0, 10}) {
            Checkpoint c = endedRun(10, labels);
            c.config.dataset = QStringLiteral("mnist");
            c.config.model.hidden = 512;
            c.config.beta = 1;
            panel.runStarted();
            panel.runEnded(c, RunOutcome::Completed, QStringLiteral("/nowhere/a.ckpt"));
        }
        panel.resize(646, 260);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        // Every column whole, the last one too (stretched into the room left, Time read "Ti…"); a few pixels of
        // scrolling at most.
        QHeaderView *header = table->horizontalHeader();
        for (int c = 0; c < table->columnCount(); ++c)
            QTRY_VERIFY2(header->sectionSize(c) >= header->sectionSizeHint(c), qPrintable(QString::number(c)));
        int total = 0;
        for (int c = 0; c < table->columnCount(); ++c)
            total += header->sectionSize(c);
        QVERIFY2(total < table->viewport()->width() + 40, qPrintable(QString::number(total)));
        QVERIFY(table->horizontalHeaderItem(6)->toolTip().contains(QLatin1String("nats per image")));

        // Wider rows (a continued, stopped run; a transfer's): the last column keeps its width, reached by scrolling.
        Checkpoint wide = endedRun(18, 10);
        wide.config.dataset = QStringLiteral("/home/someone/datasets/fashion-mnist-folder");
        panel.runStarted();
        panel.epochEnded();
        panel.runEnded(wide, RunOutcome::Stopped, QStringLiteral("/nowhere/b.ckpt"));
        panel.resize(480, 260);
        const int time = table->columnCount() - 1;
        QTRY_VERIFY(header->sectionSize(time) >= header->sectionSizeHint(time));
        QTRY_VERIFY(table->horizontalScrollBar()->maximum() > 0);
    }

    void eachEndedRunIsARowNewestFirst()
    {
        RunHistoryPanel panel;
        QTableWidget *table = tableOf(panel);
        QCOMPARE(table->rowCount(), 0);
        panel.runStarted();
        for (int e = 0; e < 3; ++e)
            panel.epochEnded();
        panel.runEnded(endedRun(3), RunOutcome::Completed, QStringLiteral("/nowhere/a.ckpt"));
        panel.runStarted();
        panel.epochEnded(); // a run continued from a checkpoint of one epoch, stopped after one more
        panel.runEnded(endedRun(2, 10), RunOutcome::Stopped, QStringLiteral("/nowhere/b.ckpt"));
        // Failed runs and runs without an epoch leave no row.
        panel.runEnded(endedRun(4), RunOutcome::Failed, QString());
        panel.runEnded(endedRun(0), RunOutcome::Stopped, QString());
        QCOMPARE(table->rowCount(), 2);
        const auto row = [table](int r) {
            QStringList cells;
            for (int c = 1; c < table->columnCount(); ++c)
                cells << table->item(r, c)->text();
            return cells;
        };
        // Newest first: the stopped semi-supervised run, then the plain one; the time column is this run's wall time.
        QCOMPARE(row(0).mid(0, 7),
                 QStringList({QStringLiteral("fashion"), QStringLiteral("mlp 256, latent 8"), QStringLiteral("4"),
                              QStringLiteral("10 per class"), QStringLiteral("1 → 2 (stopped)"),
                              QStringLiteral("129.00"), QStringLiteral("81.0 %")}));
        QCOMPARE(
            row(1).mid(0, 7),
            QStringList({QStringLiteral("fashion"), QStringLiteral("mlp 256, latent 8"), QStringLiteral("4"),
                         QStringLiteral("off"), QStringLiteral("3"), QStringLiteral("128.00"), QStringLiteral("–")}));
        QVERIFY(row(0).last().contains(QLatin1Char(':')));
        // When it ended: today's by its time alone (the date in the tooltip); an older run's with its date, and the
        // year when it is not this one.
        QCOMPARE(table->item(0, 0)->text(), panel.runs().first().finished.toString(QStringLiteral("HH:mm")));
        QVERIFY(table->item(0, 0)->toolTip().contains(
            QStringLiteral("Ended %1.").arg(QLocale().toString(panel.runs().first().finished, QLocale::ShortFormat))));
        RunRecord old = panel.runs().first();
        old.finished = QDateTime(QDate(2019, 3, 4), QTime(5, 6));
        panel.addRun(old);
        QCOMPARE(table->item(2, 0)->text(), QStringLiteral("2019-03-04 05:06")); // sorted by when it ended: last
        // The tooltip has the whole evaluation and says the autosave is gone.
        QVERIFY2(table->item(0, 6)->toolTip().startsWith(QStringLiteral("Epoch 2\nTest: −ELBO 129.00")),
                 qPrintable(table->item(0, 6)->toolTip()));
        QVERIFY(table->item(0, 6)->toolTip().endsWith(QStringLiteral("(the newest five are kept).")));
    }

    void sortsByAColumnsFigures()
    {
        RunHistoryPanel panel;
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QTemporaryDir dir;
        // Three runs of 1, 12 and 3 epochs: −ELBO 130, 119 and 128 (as text "119.00" sorts before "128.00" either
        // way; 12 epochs sorts after 3 only by number).
        for (const int epochs : {1, 12, 3}) {
            const QString path = dir.filePath(QStringLiteral("run-%1.ckpt").arg(epochs));
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            panel.runEnded(endedRun(epochs), RunOutcome::Completed, path);
        }
        QTableWidget *table = tableOf(panel);
        const auto column = [table](int c) {
            QStringList cells;
            for (int r = 0; r < table->rowCount(); ++r)
                cells << table->item(r, c)->text();
            return cells;
        };
        QCOMPARE(column(5),
                 QStringList({QStringLiteral("3"), QStringLiteral("12"), QStringLiteral("1")})); // newest first
        // A click on the Epochs header: by number, not by text.
        QHeaderView *header = table->horizontalHeader();
        const auto clickHeader = [header](int c) {
            QTest::mouseClick(
                header->viewport(), Qt::LeftButton, Qt::NoModifier,
                QPoint(header->sectionViewportPosition(c) + header->sectionSize(c) / 2, header->height() / 2));
        };
        clickHeader(5);
        QCOMPARE(column(5), QStringList({QStringLiteral("1"), QStringLiteral("3"), QStringLiteral("12")}));
        clickHeader(6); // −ELBO, lowest first
        QCOMPARE(column(6),
                 QStringList({QStringLiteral("119.00"), QStringLiteral("128.00"), QStringLiteral("130.00")}));
        // Opening a row opens that row's run, whatever the order.
        QSignalSpy open(&panel, &RunHistoryPanel::openRequested);
        table->setCurrentCell(0, 1);
        QTest::keyClick(table, Qt::Key_Return);
        QCOMPARE(open.size(), 1);
        QVERIFY(open.first().first().toString().endsWith(QStringLiteral("run-12.ckpt")));
        // A new run keeps the order chosen.
        panel.runEnded(endedRun(2), RunOutcome::Completed, QString());
        QCOMPARE(column(6).first(), QStringLiteral("119.00"));
    }

    void isKeptBetweenSessions()
    {
        {
            RunHistoryPanel panel;
            panel.runEnded(endedRun(3), RunOutcome::Completed, QStringLiteral("/nowhere/a.ckpt"));
            panel.runEnded(endedRun(5, TrainConfig::kAllLabels), RunOutcome::Completed, QString());
        }
        RunHistoryPanel again;
        QCOMPARE(again.runs().size(), 2);
        const RunRecord &newest = again.runs().first();
        QCOMPARE(newest.epochs, 5);
        QCOMPARE(newest.labelsPerClass(), TrainConfig::kAllLabels);
        QCOMPARE(newest.last.test.accuracy, 0.84);
        QCOMPARE(tableOf(again)->item(0, 4)->text(), QStringLiteral("all"));
        const RunRecord &plain = again.runs().last();
        QVERIFY(std::isnan(plain.last.test.accuracy)); // JSON has no NaN: read back as "not measured"
        QCOMPARE(plain.last.test.negElbo, 128.0);
        QCOMPARE(plain.config.model.hidden, 256);
        QCOMPARE(plain.config.dataset, QStringLiteral("/data/some folder/fashion"));
        QCOMPARE(plain.checkpoint, QStringLiteral("/nowhere/a.ckpt"));
        // At most kMaxRuns, the oldest dropped.
        for (int i = 0; i < RunHistoryPanel::kMaxRuns - 1; ++i)
            again.addRun(RunRecord::of(endedRun(1), RunOutcome::Completed, 1, QString()));
        QCOMPARE(again.runs().size(), RunHistoryPanel::kMaxRuns);
        QCOMPARE(again.runs().last().epochs, 5);
    }

    void aDoubleClickOpensTheAutosaveWhileItExists()
    {
        QTemporaryDir dir;
        const QString kept = dir.filePath(QStringLiteral("kept.ckpt"));
        QFile file(kept);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        RunHistoryPanel panel;
        panel.runEnded(endedRun(1), RunOutcome::Completed, dir.filePath(QStringLiteral("gone.ckpt")));
        panel.runEnded(endedRun(2), RunOutcome::Completed, kept);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy open(&panel, &RunHistoryPanel::openRequested);
        QSignalSpy status(&panel, &RunHistoryPanel::statusMessage);
        QTableWidget *table = tableOf(panel);
        const auto doubleClick = [table](int row) {
            const QPoint at = table->visualItemRect(table->item(row, 1)).center();
            QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::NoModifier, at); // a view acts on a press first
            QTest::mouseDClick(table->viewport(), Qt::LeftButton, Qt::NoModifier, at);
        };
        doubleClick(0);
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().first().toString(), kept);
        // Enter on the chosen row does the same.
        QTest::keyClick(table, Qt::Key_Return);
        QCOMPARE(open.size(), 2);
        doubleClick(1);
        QCOMPARE(open.size(), 2);
        QCOMPARE(status.size(), 1);
        QVERIFY(status.first().first().toString().contains(QStringLiteral("newest five are kept")));
        QVERIFY(
            table->item(0, 1)->toolTip().endsWith(QStringLiteral("Double-click to open its autosave, %1.").arg(kept)));

        // A right-click's "Compare on the ELBO plot" names the chosen run by when it ended.
        auto *compare = table->findChild<QAction *>(QStringLiteral("compareRun"));
        QVERIFY(compare && table->actions().contains(compare));
        QSignalSpy compared(&panel, &RunHistoryPanel::compareRequested);
        table->setCurrentCell(0, 1);
        compare->trigger();
        QCOMPARE(compared.size(), 1);
        QCOMPARE(compared.first().at(0).toString(), kept);
        QCOMPARE(
            compared.first().at(1).toString(),
            QStringLiteral("run of %1").arg(panel.runs().first().finished.toString(QStringLiteral("MM-dd HH:mm"))));
        table->setCurrentCell(1, 1); // its autosave is gone
        compare->trigger();
        QCOMPARE(compared.size(), 1);
        QCOMPARE(status.size(), 2);
        // The model the window shows is on the plot already: not compared with itself.
        panel.setShownAutosave([&kept] { return kept; });
        table->setCurrentCell(0, 1);
        compare->trigger();
        QCOMPARE(compared.size(), 1);
        QCOMPARE(status.size(), 3);
        QVERIFY(status.last().first().toString().contains(QStringLiteral("model shown")));

        // The right-click menu offers only what can be done: nothing to open where the autosave is gone, no comparison
        // of the model shown with itself.
        const auto menuFor = [table](int row) {
            QList<QAction *> offered;
            QTimer::singleShot(50, table, [&offered] {
                if (auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())) {
                    for (QAction *action : menu->actions())
                        if (action->isEnabled())
                            offered << action;
                    menu->close();
                }
            });
            Q_EMIT table->customContextMenuRequested(table->visualItemRect(table->item(row, 1)).center());
            return offered;
        };
        auto *openAction = table->findChild<QAction *>(QStringLiteral("openRun"));
        QCOMPARE(menuFor(0), QList<QAction *>{openAction}); // kept, and the model shown
        QCOMPARE(menuFor(1), QList<QAction *>{});           // its autosave is gone
        panel.setShownAutosave([] { return QString(); });
        QCOMPARE(menuFor(0), (QList<QAction *>{openAction, compare}));
    }

    void runsCompareOnTheSameImagesInTheSameUnits()
    {
        TrainConfig before;
        TrainConfig now = before;
        QVERIFY(RunComparison::comparable(before, now));
        QCOMPARE(RunComparison::differences(before, now), QString());
        now.model.latent = 4;
        now.beta = 2;
        now.labelsPerClass = 10;
        now.model.classes = 10;
        QVERIFY(RunComparison::comparable(before, now)); // what a comparison is for
        QCOMPARE(RunComparison::differences(before, now),
                 QStringLiteral("latent %1, β 1, labels off").arg(before.model.latent));
        // Other images or other units: not comparable.
        for (const auto &change : QVector<std::function<void(TrainConfig &)>>{
                 [](TrainConfig &c) { c.dataset = QStringLiteral("fashion-mnist"); },
                 [](TrainConfig &c) {
                     c.classes = {0, 1, 2};
                 },
                 [](TrainConfig &c) { c.model.likelihood = Likelihood::Gaussian; },
                 [](TrainConfig &c) { c.validation = 1000; }}) {
            TrainConfig other = before;
            change(other);
            QVERIFY(!RunComparison::comparable(before, other));
        }
        // Held-out images are drawn with the seed: another seed holds out other images.
        TrainConfig held = before;
        held.validation = 1000;
        TrainConfig reseeded = held;
        reseeded.seed = 2;
        QVERIFY(!RunComparison::comparable(held, reseeded));
        before.seed = 2; // on the test split the seed is a setting like another
        QVERIFY(RunComparison::comparable(before, TrainConfig()));
        QCOMPARE(RunComparison::differences(before, TrainConfig()), QStringLiteral("seed 2"));
    }

    void aRowSpeaksTheLanguageItIsShownIn()
    {
        // Recorded in one session, shown in the next after View ▸ Language changed: the tooltip's words are the
        // window's, not those of the session that recorded it.
        {
            RunHistoryPanel panel;
            panel.runEnded(endedRun(2), RunOutcome::Completed, QStringLiteral("/nowhere/a.ckpt"));
        }
        MarkingTranslator marked;
        QCoreApplication::installTranslator(&marked);
        const QString tip = tableOf(*std::make_unique<RunHistoryPanel>())->item(0, 6)->toolTip();
        QCoreApplication::removeTranslator(&marked);
        QVERIFY2(tip.startsWith(QStringLiteral("[zh] Epoch 2\n[zh] Test: −ELBO 129.00")), qPrintable(tip));
        QVERIFY2(
            tip.contains(QStringLiteral("[zh] mlp 784-256-8, [zh] bernoulli; learning rate 0.001, batch 128, seed 1")),
            qPrintable(tip));
        const QString english = tableOf(*std::make_unique<RunHistoryPanel>())->item(0, 6)->toolTip();
        QVERIFY2(english.startsWith(QStringLiteral("Epoch 2\nTest: −ELBO 129.00")), qPrintable(english));
    }

    void readsTheRowsOfEarlierVersions()
    {
        // Up to session 30 a row kept the table's figures and its tooltip's words, not the settings.
        const QJsonObject old{{QStringLiteral("finished"), QStringLiteral("2026-12-01T10:00:00")},
                              {QStringLiteral("dataset"), QStringLiteral("mnist")},
                              {QStringLiteral("classes"), QJsonArray{0, 1, 2, 3, 4}},
                              {QStringLiteral("architecture"), QStringLiteral("conv")},
                              {QStringLiteral("hidden"), 512},
                              {QStringLiteral("latent"), 16},
                              {QStringLiteral("beta"), 2},
                              {QStringLiteral("labels_per_class"), 0},
                              {QStringLiteral("epochs"), 4},
                              {QStringLiteral("first_epoch"), 0},
                              {QStringLiteral("stopped"), true},
                              {QStringLiteral("validation"), true},
                              {QStringLiteral("neg_elbo"), 101.5},
                              {QStringLiteral("recon"), 90.0},
                              {QStringLiteral("kl"), 11.5},
                              {QStringLiteral("accuracy"), QJsonValue()},
                              {QStringLiteral("seconds"), 75.0},
                              {QStringLiteral("details"), QStringLiteral("第 4 轮")},
                              {QStringLiteral("checkpoint"), QStringLiteral("/nowhere/old.ckpt")}};
        QSettings().setValue(QLatin1String(RunHistoryPanel::kSettingsKey),
                             QJsonDocument(QJsonArray{old}).toJson(QJsonDocument::Compact));
        RunHistoryPanel panel;
        QTableWidget *table = tableOf(panel);
        QCOMPARE(table->rowCount(), 1);
        QStringList cells;
        for (int c = 1; c < table->columnCount(); ++c)
            cells << table->item(0, c)->text();
        QCOMPARE(cells,
                 QStringList({QStringLiteral("mnist (classes 0,1,2,3,4)"), QStringLiteral("conv, latent 16"),
                              QStringLiteral("2"), QStringLiteral("off"), QStringLiteral("4 (stopped)"),
                              QStringLiteral("101.50 (validation)"), QStringLiteral("–"), QStringLiteral("1:15")}));
        QVERIFY(table->item(0, 6)->toolTip().startsWith(QStringLiteral("第 4 轮\n\n"))); // its words as recorded
        // Saved again in the new form, it reads back the same.
        panel.addRun(RunRecord::of(endedRun(1), RunOutcome::Completed, 1, QString()));
        const RunRecord kept = RunHistoryPanel().runs().last();
        QVERIFY(kept.config.model.architecture == Architecture::Conv);
        QCOMPARE(kept.last.test.negElbo, 101.5);
        QVERIFY(kept.validation());
        QCOMPARE(kept.details(), QStringLiteral("第 4 轮"));
    }

    void exportsCsvAndClearsAfterAsking()
    {
        RunHistoryPanel panel;
        panel.runStarted();
        panel.epochEnded();
        panel.epochEnded();
        panel.runEnded(endedRun(2, 10), RunOutcome::Stopped, QStringLiteral("/a, b.ckpt"));
        const QStringList lines = panel.toCsv().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines[0].startsWith(QStringLiteral("ended,dataset,classes,architecture,hidden,latent,beta,")));
        QVERIFY2(lines[1].contains(QStringLiteral(",/data/some folder/fashion,,mlp,256,8,4,10,0,2,1,test,129.0000,"
                                                  "109.0000,20.0000,0.8100,")),
                 qPrintable(lines[1]));
        QVERIFY(lines[1].endsWith(QStringLiteral(",\"/a, b.ckpt\",,,"))); // not a transfer: no origin

        // Clear asks first; Cancel keeps the rows, Clear forgets them (and the settings with them).
        auto *clear = panel.findChild<QPushButton *>(QStringLiteral("clearRuns"));
        const auto answer = [](QMessageBox::ButtonRole role) {
            QTimer::singleShot(0, [role] {
                auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
                QVERIFY(box && box->objectName() == QStringLiteral("clearRunsQuestion"));
                for (QAbstractButton *button : box->buttons())
                    if (box->buttonRole(button) == role)
                        button->click();
            });
        };
        answer(QMessageBox::RejectRole);
        clear->click();
        QCOMPARE(panel.runs().size(), 1);
        answer(QMessageBox::DestructiveRole);
        clear->click();
        QCOMPARE(panel.runs().size(), 0);
        QCOMPARE(RunHistoryPanel().runs().size(), 0);
    }
};

QTEST_MAIN(TestRunHistory)
#include "tst_runhistory.moc"
