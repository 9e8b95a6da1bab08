// Closing the main window: the question about an unsaved model, and closing while a run goes on.
#include "autosaves.h"
#include "mainwindow.h"
#include "mainwindowfixture.h"
#include "session.h"
#include "tinyconfig.h"
#include "trainingpanel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using SyntheticData::Pattern;

class TestClosing final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { useTestSettings(QStringLiteral("tst_closing")); }

    void closingWithAnUnsavedModelAsksFirst()
    {
        auto window = trainedWindow(1);
        QVERIFY(window);
        QVERIFY(window->session()->hasUnsavedModel());
        {
            QuestionAnswerer cancel(QMessageBox::Cancel);
            QVERIFY(!window->close());
            QCOMPARE(cancel.asked, 1);
            QVERIFY(window->isVisible());
        }
        QTemporaryDir dir;
        QVERIFY(window->saveCheckpoint(dir.filePath(QStringLiteral("saved.ckpt"))));
        QVERIFY(!window->session()->hasUnsavedModel());
        {
            QuestionAnswerer never(QMessageBox::Cancel);
            QVERIFY(window->close());
            QCOMPARE(never.asked, 0);
        }

        auto other = trainedWindow(1);
        QVERIFY(other);
        QuestionAnswerer discard(QMessageBox::Discard);
        QVERIFY(other->close());
        QCOMPARE(discard.asked, 1);
    }

    void closingMidTrainingStopsCleanly()
    {
        auto window = std::make_unique<MainWindow>(false);
        window->show();
        window->session()->setData(tinySplit(), QStringLiteral("blobs"));
        window->trainingPanel()->setConfig(tinyConfig(Pattern::Blobs, 100000));
        QSignalSpy batches(window->session(), &Session::batchStats);
        window->startTraining();
        QVERIFY(window->session()->isRunning());
        QVERIFY(batches.wait(30000));
        QTRY_VERIFY(window->session()->hasUnsavedModel()); // an epoch has ended
        // The question says the run goes on until closed, and the run waits for the answer; Cancel lets it go on.
        QString asked;
        bool pausedWhileAsked = false;
        QTimer::singleShot(50, this, [&] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            QVERIFY(box);
            asked = box->text();
            pausedWhileAsked = window->session()->isPaused();
            box->button(QMessageBox::Cancel)->click();
        });
        QVERIFY(!window->close());
        QVERIFY2(asked.contains(QStringLiteral("Training is still running")), qPrintable(asked));
        QVERIFY(pausedWhileAsked);
        QVERIFY(!window->session()->isPaused());
        QVERIFY(window->session()->isRunning());
        QElapsedTimer clock;
        clock.start();
        {
            QuestionAnswerer discard(QMessageBox::Discard);
            QVERIFY(window->close());
            QCOMPARE(discard.asked, 1);
        }
        QVERIFY(!window->session()->isRunning());
        window.reset();
        QVERIFY2(clock.elapsed() < 10000, "closing waited for far more than one batch");
        QVERIFY(Autosaves::worthRestoring().isEmpty()); // discarded: not offered at the next start
    }
};

QTEST_MAIN(TestClosing)
#include "tst_closing.moc"
