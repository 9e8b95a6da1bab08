#include "fewshotdialog.h"
#include "processthreads.h"
#include "tinysource.h"

#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>

class TestFewShotDialog final : public QObject
{
    Q_OBJECT

private:
    DataSplit m_data = SyntheticData::split(SyntheticData::Pattern::Bars, 120, 100, 7);
    Checkpoint m_source;

    void configure(FewShotDialog &dialog, int episodes)
    {
        dialog.findChild<QSpinBox *>(QStringLiteral("ways"))->setValue(3);
        dialog.findChild<QSpinBox *>(QStringLiteral("queries"))->setValue(3);
        dialog.findChild<QSpinBox *>(QStringLiteral("episodes"))->setValue(episodes);
        dialog.findChild<QSpinBox *>(QStringLiteral("augment"))->setValue(2);
        dialog.findChild<QSpinBox *>(QStringLiteral("adaptSteps"))->setValue(1);
    }

private Q_SLOTS:
    void initTestCase() { m_source = TinySource::train(m_data, {0, 1, 2, 3, 4}); }

    void runShowsOneRowPerShotCount()
    {
        FewShotDialog dialog(m_source, m_data, QStringLiteral("bars"));
        dialog.show();
        configure(dialog, 10);
        auto *exportFolder = dialog.findChild<QPushButton *>(QStringLiteral("exportFolder"));
        QVERIFY(!exportFolder->isEnabled());
        dialog.findChild<QPushButton *>(QStringLiteral("run"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(exportFolder->isEnabled(), 60000);
        QCOMPARE(dialog.findChild<QTableWidget *>()->rowCount(), 2); // shots 1 and 5
    }

    void closingDuringTheRunStopsTheWorker()
    {
        auto *dialog = new FewShotDialog(m_source, m_data, QStringLiteral("bars"));
        dialog->show();
        configure(*dialog, 100000);
        const QSet<QString> before = ProcessThreads::ids();
        dialog->findChild<QPushButton *>(QStringLiteral("run"))->click();
        QTRY_VERIFY(!(ProcessThreads::ids() - before).isEmpty()); // the run works on a thread of its own
        QTest::qWait(50);
        const QSet<QString> runThreads = ProcessThreads::ids() - before;
        delete dialog; // must stop and join the worker, not hang and not leave it running
        // Far shorter than the run: only the kernel's clean-up of the joined threads may still be under way.
        QTRY_VERIFY_WITH_TIMEOUT(!ProcessThreads::ids().intersects(runThreads), 2000);
    }
};

QTEST_MAIN(TestFewShotDialog)
#include "tst_fewshotdialog.moc"
