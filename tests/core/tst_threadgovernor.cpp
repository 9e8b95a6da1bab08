// The automatic thread policy, fed synthetic step times: what it chooses must follow the timings.
#include "training/threadgovernor_p.h"

#include <QTest>

class TestThreadGovernor : public QObject
{
    Q_OBJECT

private:
    /// Runs `steps` steps whose duration depends on the thread count the governor chose.
    static void run(ThreadGovernor &g, int steps, double singleMs, double multiMs)
    {
        for (int i = 0; i < steps; ++i) {
            g.beforeStep();
            g.afterStep(g.threads() == 1 ? singleMs : multiMs);
        }
    }

private Q_SLOTS:
    void tinyStepsStayOnOneThread()
    {
        ThreadGovernor g(2);
        run(g, 500, 0.3, 0.1);
        QCOMPARE(g.threads(), 1);
        QCOMPARE(g.switches(), 0);
    }

    void keepsAllCoresWhenTheyAreFaster()
    {
        ThreadGovernor g(2);
        run(g, 50, 8.0, 5.0);
        QCOMPARE(g.threads(), 2);
    }

    void returnsToOneThreadWhenAllCoresAreNotFaster()
    {
        ThreadGovernor g(2);
        run(g, 50, 8.0, 7.5); // less than 15 % faster: not worth a core
        QCOMPARE(g.threads(), 1);
    }

    void fallsBackAtOnceUnderContentionAndBacksOff()
    {
        ThreadGovernor g(2);
        run(g, 20, 8.0, 5.0);
        QCOMPARE(g.threads(), 2);
        // Another process takes a core: one all-core step is 30x slower.
        g.beforeStep();
        g.afterStep(150.0);
        QCOMPARE(g.threads(), 1);
        const int switchesAfterFallback = g.switches();
        // While contention lasts, probes fail and come ever more rarely (back-off), so few slow steps are paid.
        int slowSteps = 0;
        for (int i = 0; i < 3000; ++i) {
            g.beforeStep();
            if (g.threads() > 1)
                ++slowSteps;
            g.afterStep(g.threads() == 1 ? 8.0 : 150.0);
        }
        QVERIFY2(slowSteps <= 6, qPrintable(QStringLiteral("%1 slow all-core steps").arg(slowSteps)));
        QVERIFY(g.switches() > switchesAfterFallback);
        // Contention gone: the next probe wins back all cores.
        run(g, 4000, 8.0, 5.0);
        QCOMPARE(g.threads(), 2);
    }

    void theStepsRightAfterASwitchDoNotDecide()
    {
        // As measured: after a switch to two threads the first steps take up to 3x one thread's (the team spins up),
        // then they settle at 0.65x. Judged on the first steps, all cores would look like a loss.
        ThreadGovernor g(2);
        int sinceSwitch = 0;
        for (int i = 0; i < 200; ++i) {
            const int before = g.threads();
            g.beforeStep();
            sinceSwitch = g.threads() == before ? sinceSwitch + 1 : 0;
            g.afterStep(g.threads() == 1 ? 11.0 : (sinceSwitch < 3 ? 30.0 : 7.0));
        }
        QCOMPARE(g.threads(), 2);
        QCOMPARE(g.switches(), 1);
    }

    void oneSlowStepIsNotContentionButTwoAre()
    {
        ThreadGovernor g(2);
        run(g, 40, 8.0, 5.0);
        QCOMPARE(g.threads(), 2);
        g.beforeStep();
        g.afterStep(12.0); // a hiccup (a page fault, a repaint)
        run(g, 5, 8.0, 5.0);
        QCOMPARE(g.threads(), 2);
        for (int i = 0; i < 2; ++i) {
            g.beforeStep();
            g.afterStep(12.0);
        }
        QCOMPARE(g.threads(), 1);
    }

    void singleCoreMachineNeverProbes()
    {
        ThreadGovernor g(1);
        run(g, 300, 8.0, 1.0);
        QCOMPARE(g.threads(), 1);
        QCOMPARE(g.switches(), 0);
    }
};

QTEST_GUILESS_MAIN(TestThreadGovernor)
#include "tst_threadgovernor.moc"
