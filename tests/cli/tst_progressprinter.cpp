// What `train` redraws on a terminal while a step before the first epoch runs (a label graph): the step's own
// progress, and the whole run's beside it, as the window's bar shows it.
#include "cli/progressprinter.h"

#include <QTest>

class TestProgressPrinter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aGraphBeforeTheEpochsShowsTheWholeRunToo()
    {
        RunProgress p;
        p.phase = QStringLiteral("Label graph: neighbours");
        p.fraction = 0.4;     // of the graph
        p.etaSeconds = 60;    // the graph's own time left
        p.share = 0.25;       // the graph's part of the run
        p.secondsAfter = 400; // the epochs after it
        QCOMPARE(preparingLine(p), QStringLiteral("   40%  ETA 1:00  (whole run 10%  ETA 7:40)"));
    }

    void theWholeRunsTimeLeftWaitsForTheStepsOwn()
    {
        RunProgress p;
        p.fraction = 0.01;
        p.etaSeconds = -1; // not known yet
        p.share = 0.25;
        p.secondsAfter = 400;
        QCOMPARE(preparingLine(p), QStringLiteral("    1%  ETA --:--  (whole run 0%  ETA --:--)"));
    }

    void aStepThatIsTheWholeRunSaysItOnce()
    {
        RunProgress p;
        p.fraction = 0.5;
        p.etaSeconds = 125;
        QCOMPARE(preparingLine(p), QStringLiteral("   50%  ETA 2:05"));
    }
};

QTEST_GUILESS_MAIN(TestProgressPrinter)
#include "tst_progressprinter.moc"
