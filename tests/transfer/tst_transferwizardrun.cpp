#include "mainwindow.h"
#include "processthreads.h"
#include "wizardfixture.h"

#include <QAbstractButton>
#include <QMessageBox>
#include <QSet>
#include <QSpinBox>
#include <QTest>

/// The transfer wizard while its run goes on: Back and Cancel ask first, quitting the window asks first, closing the
/// wizard stops and joins the run's thread.
class TestTransferWizardRun final : public QObject, private WizardFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpData(); }

    void backDuringARunAsksFirst()
    {
        TransferWizard wizard(m_source, m_data);
        advanceToStrategy(wizard);
        for (QSpinBox *spin : wizard.currentPage()->findChildren<QSpinBox *>())
            spin->setValue(spin->maximum() >= 500 ? 500 : spin->maximum()); // a run that outlasts the test
        wizard.next();
        QTRY_VERIFY(wizard.isRunning());
        QAbstractButton *back = wizard.button(QWizard::BackButton);
        {
            ButtonClicker cancel(QStringLiteral("backDuringRunQuestion"), QMessageBox::RejectRole);
            back->click(); // Cancel: the run goes on
            QCOMPARE(cancel.clicked, 1);
            QCOMPARE(wizard.currentId(), int(TransferWizard::RunPageId));
            QVERIFY(wizard.isRunning());
        }
        ButtonClicker stop(QStringLiteral("backDuringRunQuestion"), QMessageBox::DestructiveRole);
        back->click();
        QCOMPARE(stop.clicked, 1);
        QCOMPARE(wizard.currentId(), int(TransferWizard::StrategyPageId));
        QVERIFY(!wizard.isRunning());
        back->click(); // no run: no question
        QCOMPARE(stop.clicked, 1);
        QCOMPARE(wizard.currentId(), int(TransferWizard::TargetPageId));
    }

    void cancelDuringARunAsksFirst()
    {
        TransferWizard wizard(m_source, m_data);
        advanceToStrategy(wizard);
        for (QSpinBox *spin : wizard.currentPage()->findChildren<QSpinBox *>())
            spin->setValue(spin->maximum() >= 500 ? 500 : spin->maximum()); // a run that outlasts the test
        wizard.show();
        wizard.next();
        QTRY_VERIFY(wizard.isRunning());
        {
            ButtonClicker keep(QStringLiteral("closeDuringRunQuestion"), QMessageBox::RejectRole);
            wizard.button(QWizard::CancelButton)->click(); // Cancel the question: the run goes on
            QCOMPARE(keep.clicked, 1);
            QVERIFY(wizard.isVisible());
            QVERIFY(wizard.isRunning());
        }
        ButtonClicker stop(QStringLiteral("closeDuringRunQuestion"), QMessageBox::DestructiveRole);
        QTest::keyClick(&wizard, Qt::Key_Escape); // Escape asks the same
        QCOMPARE(stop.clicked, 1);
        QVERIFY(!wizard.isVisible());
        QTRY_VERIFY(!wizard.isRunning());
    }

    void quittingTheExplorerDuringARunAsksFirst()
    {
        MainWindow window(/*restoreSession=*/false);
        window.show();
        auto *wizard = new TransferWizard(m_source, m_data, &window);
        advanceToStrategy(*wizard);
        for (QSpinBox *spin : wizard->currentPage()->findChildren<QSpinBox *>())
            spin->setValue(spin->maximum() >= 500 ? 500 : spin->maximum()); // a run that outlasts the test
        wizard->next();
        QTRY_VERIFY(wizard->isRunning());
        {
            ButtonClicker cancel(QStringLiteral("runningJobQuestion"), QMessageBox::RejectRole);
            QVERIFY(!window.close()); // Cancel: the window and the run stay
            QCOMPARE(cancel.clicked, 1);
            QVERIFY(window.isVisible());
            QVERIFY(wizard->isRunning());
        }
        ButtonClicker quit(QStringLiteral("runningJobQuestion"), QMessageBox::DestructiveRole);
        QVERIFY(window.close());
        QCOMPARE(quit.clicked, 1);
    }

    void closingDuringTheRunStopsTheWorker()
    {
        auto *wizard = new TransferWizard(m_source, m_data);
        advanceToStrategy(*wizard);
        const QSet<QString> before = ProcessThreads::ids();
        wizard->next();
        QCOMPARE(wizard->currentId(), int(TransferWizard::RunPageId));
        QTRY_VERIFY(!(ProcessThreads::ids() - before).isEmpty()); // the run works on a thread of its own
        QTest::qWait(50);
        const QSet<QString> runThreads = ProcessThreads::ids() - before;
        delete wizard; // must stop and join the worker, not hang and not leave it running
        // Far shorter than the run: only the kernel's clean-up of the joined threads may still be under way.
        QTRY_VERIFY_WITH_TIMEOUT(!ProcessThreads::ids().intersects(runThreads), 2000);
    }
};

QTEST_MAIN(TestTransferWizardRun)
#include "tst_transferwizardrun.moc"
