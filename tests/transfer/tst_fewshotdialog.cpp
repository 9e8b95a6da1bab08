#include "fewshotdialog.h"
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
        dialog->findChild<QPushButton *>(QStringLiteral("run"))->click();
        QTest::qWait(50);
        delete dialog;
    }
};

QTEST_MAIN(TestFewShotDialog)
#include "tst_fewshotdialog.moc"
