// The autosaves: every epoch of a run in its own file, the newest offered at the next start, a model handed over in
// memory (the transfer wizard's) autosaved too, and an opened file's continuation not written over an older run's.
#include "autosaves.h"
#include "mainwindow.h"
#include "mainwindowfixture.h"
#include "model/checkpoint.h"
#include "runhistorypanel.h"
#include "session.h"
#include "tinyconfig.h"
#include "trainingpanel.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

/// Continues the window's model (Continue from checkpoint ticked) to the end of its run and of its autosave.
bool continueToTheEnd(MainWindow &window)
{
    if (!window.trainingPanel()->continueFromCheckpoint())
        return false;
    QSignalSpy finished(window.session(), &Session::finished);
    window.startTraining();
    return finished.wait(120000) && QTest::qWaitFor([&window] { return window.session()->pendingSaves() == 0; });
}

} // namespace

class TestAutosave final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { useTestSettings(QStringLiteral("tst_autosave")); }

    void eachEpochIsAutosaved()
    {
        auto window = trainedWindow(2);
        QVERIFY(window);
        QTRY_COMPARE(window->session()->pendingSaves(), 0);
        const QString path = window->session()->autosavePath();
        QVERIFY(QFile::exists(path));
        const auto saved = CheckpointIo::load(path);
        QVERIFY(saved);
        QCOMPARE(saved.value().epochsDone(), 2); // the last epoch too
        QVERIFY(path.contains(QStringLiteral("LatentExplorerTests")) || path.contains(QStringLiteral(".qttest")));
    }

    void eachRunAutosavesToItsOwnFileAndOldOnesArePruned()
    {
        QDir(Autosaves::directory()).removeRecursively();
        auto first = trainedWindow(1);
        auto second = trainedWindow(1); // as a second instance would
        QVERIFY(first && second);
        QTRY_COMPARE(first->session()->pendingSaves() + second->session()->pendingSaves(), 0);
        QVERIFY(first->session()->autosavePath() != second->session()->autosavePath());
        QVERIFY(QFile::exists(first->session()->autosavePath()));
        QVERIFY(QFile::exists(second->session()->autosavePath()));
        for (int i = 0; i < 2 * Autosaves::kKept; ++i) {
            QFile old(Autosaves::newPath());
            QVERIFY(old.open(QIODevice::WriteOnly));
            QVERIFY(old.setFileTime(QDateTime::currentDateTime().addDays(-1 - i), QFileDevice::FileModificationTime));
        }
        Autosaves::prune(first->session()->autosavePath());
        const QStringList left = QDir(Autosaves::directory()).entryList(QDir::Files);
        QCOMPARE(left.size(), Autosaves::kKept);
        QVERIFY(QFile::exists(first->session()->autosavePath()));
        QVERIFY(QFile::exists(second->session()->autosavePath()));
    }

    void theNewestAutosaveIsOfferedUntilSavedOrAnswered()
    {
        QSettings().remove(QStringLiteral("autosave"));
        QDir(Autosaves::directory()).removeRecursively();
        QString autosave;
        {
            auto window = trainedWindow(1);
            QVERIFY(window);
            QTRY_COMPARE(window->session()->pendingSaves(), 0);
            autosave = window->session()->autosavePath();
        }
        QCOMPARE(Autosaves::worthRestoring(), autosave);
        MainWindow window(false);
        window.show();
        window.session()->setData(tinySplit(), QStringLiteral("blobs"));
        QMessageBox *box =
            Autosaves::offerRestore(&window, autosave, [&window](const QString &path) { window.openCheckpoint(path); });
        QVERIFY(box->isVisible());
        QVERIFY(!box->isModal() || box->windowModality() != Qt::ApplicationModal);
        box->buttons().constFirst()->click(); // "Open Autosave"
        QCOMPARE(window.session()->history().size(), 1);
        QVERIFY(window.windowTitle().contains(QFileInfo(autosave).fileName()));
        QVERIFY(Autosaves::worthRestoring().isEmpty()); // answered: not offered again
        // A newer autosave is offered again, until the user saves explicitly.
        QSettings().remove(QStringLiteral("autosave"));
        QTemporaryDir dir;
        QVERIFY(window.saveCheckpoint(dir.filePath(QStringLiteral("kept.ckpt"))));
        QVERIFY(Autosaves::worthRestoring().isEmpty());
    }

    void aModelHandedOverInMemoryIsAutosaved()
    {
        // The wizard's adapted model, explored: the close question says "the last epoch is also in the autosaves";
        // a new user found none from it (and the next start offered the run before it).
        auto window = trainedWindow(1);
        QVERIFY(window);
        QTRY_COMPARE(window->session()->pendingSaves(), 0);
        const QString run = window->session()->autosavePath();
        Checkpoint adapted = *window->session()->checkpoint();
        adapted.config.learningRate = 0.0042; // another model than the run's
        QVERIFY(window->session()->openCheckpoint(adapted).ok());
        QVERIFY(window->session()->hasUnsavedModel());
        const QString kept = window->session()->autosavePath();
        QVERIFY(!kept.isEmpty() && kept != run);
        QTRY_COMPARE(window->session()->pendingSaves(), 0);
        const auto saved = CheckpointIo::load(kept);
        QVERIFY2(saved, qPrintable(saved ? QString() : saved.error()));
        QCOMPARE(saved.value().config.learningRate, 0.0042);
        QCOMPARE(saved.value().weights, adapted.weights);
        QCOMPARE(Autosaves::worthRestoring(), kept); // offered at the next start
    }

    void continuingAnOpenedFileDoesNotOverwriteTheRunBefore()
    {
        // Run A autosaved; a saved model B opened and continued: its epochs went into A's autosave, so A's row in the
        // Runs panel opened B. B's continuation gets a file of its own.
        auto window = trainedWindow(1);
        QVERIFY(window);
        QTRY_COMPARE(window->session()->pendingSaves(), 0);
        const QString runA = window->session()->autosavePath();
        QTemporaryDir dir;
        const QString fileB = dir.filePath(QStringLiteral("b.ckpt"));
        QVERIFY(window->saveCheckpoint(fileB));
        QVERIFY(window->openCheckpoint(fileB));
        QVERIFY(window->session()->autosavePath().isEmpty()); // its model is in b.ckpt
        QVERIFY(continueToTheEnd(*window));
        const QString continued = window->session()->autosavePath();
        QVERIFY(!continued.isEmpty() && continued != runA);
        QCOMPARE(CheckpointIo::load(runA).value().epochsDone(), 1);
        QCOMPARE(CheckpointIo::load(continued).value().epochsDone(), 2);
    }

    void aRunContinuedStraightAwayKeepsTheFirstRunsFile()
    {
        // Trained, then continued without reopening: the first run's Runs row opened the continuation's epochs (a new
        // user's 10-epoch model came back with 18). Each run writes its own file.
        auto window = trainedWindow(1);
        QVERIFY(window);
        QTRY_COMPARE(window->session()->pendingSaves(), 0);
        const QString first = window->session()->autosavePath();
        QVERIFY(continueToTheEnd(*window));
        const QString continued = window->session()->autosavePath();
        QVERIFY(!continued.isEmpty() && continued != first);
        QCOMPARE(CheckpointIo::load(first).value().epochsDone(), 1);
        QCOMPARE(CheckpointIo::load(continued).value().epochsDone(), 2);
        const auto *runs = window->findChild<RunHistoryPanel *>();
        QVERIFY(runs && runs->runs().size() >= 2);
        QCOMPARE(runs->runs().at(0).checkpoint, continued); // newest first
        QCOMPARE(runs->runs().at(1).checkpoint, first);
    }

    void aContinuationThatFailsAtOnceLeavesTheModelAsItWas()
    {
        // A learning rate of 1 failed on NaN in its first step: the model kept that rate in its settings (the earlier
        // curve was labelled "learning rate 1"), and its run's row pointed at a file never written.
        auto window = trainedWindow(1);
        QVERIFY(window);
        QTRY_COMPARE(window->session()->pendingSaves(), 0);
        const QString first = window->session()->autosavePath();
        const TrainConfig before = window->session()->checkpoint()->config;
        TrainConfig diverging = before;
        diverging.learningRate = 1e6;
        QSignalSpy finished(window->session(), &Session::finished);
        QVERIFY(window->session()->start(diverging, /*resume=*/true));
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.first().first().value<RunOutcome>(), RunOutcome::Failed);
        QCOMPARE(window->session()->checkpoint()->config.learningRate, before.learningRate);
        QCOMPARE(window->session()->checkpoint()->epochsDone(), 1);
        QCOMPARE(window->session()->autosavePath(), first);
    }
};

QTEST_MAIN(TestAutosave)
#include "tst_autosave.moc"
