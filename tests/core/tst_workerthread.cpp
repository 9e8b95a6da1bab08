// WorkerThread, the one way a long job leaves its owner's thread: a worker object is stopped and joined when its
// owner goes, a plain job hands its value to the owner's thread, and a joined thread never reports again.

#include "util/runoutcome.h"
#include "util/workerthread.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <memory>

namespace {

/// What a worker did, kept outside it so the test can read it after the worker is gone.
struct Trace
{
    std::atomic_bool started{false};
    std::atomic_bool stopRequested{false};
    std::atomic_bool returned{false};
    std::atomic_bool destroyed{false};
    QThread *ranOn = nullptr; ///< written by the worker before `started`, read after it
};

/// Loops until asked to stop, like the trainer and the transfer runners.
class LoopingWorker final : public QObject
{
    Q_OBJECT

public:
    explicit LoopingWorker(std::shared_ptr<Trace> trace)
        : m_trace(std::move(trace))
    { }
    ~LoopingWorker() override { m_trace->destroyed.store(true); }

    void requestStop() { m_stop.store(true); }

    void run()
    {
        m_trace->ranOn = QThread::currentThread();
        m_trace->started.store(true);
        while (!m_stop.load())
            QThread::msleep(1);
        m_trace->stopRequested.store(true);
        m_trace->returned.store(true);
        Q_EMIT finished(7);
    }

Q_SIGNALS:
    void finished(int value);

private:
    std::shared_ptr<Trace> m_trace;
    std::atomic_bool m_stop{false};
};

} // namespace

class TestWorkerThread : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void destroyingTheOwnerStopsAndJoinsTheWorker()
    {
        auto trace = std::make_shared<Trace>();
        auto owner = std::make_unique<WorkerThread>();
        owner->start(std::make_unique<LoopingWorker>(trace));
        QVERIFY(owner->isActive());
        QTRY_VERIFY_WITH_TIMEOUT(trace->started.load(), 10000);
        QVERIFY(trace->ranOn != QThread::currentThread());

        QElapsedTimer clock;
        clock.start();
        owner.reset();
        QVERIFY2(clock.elapsed() < 2000, "destroying the owner did not return promptly");
        QVERIFY(trace->stopRequested.load());
        QVERIFY(trace->returned.load());
        QVERIFY(trace->destroyed.load()); // deleted on our thread, after the join
        QTest::qWait(50);                 // the thread's late finished() finds nothing to report, without harm
    }

    void workerSignalsReachTheOwnersThread()
    {
        auto trace = std::make_shared<Trace>();
        WorkerThread owner;
        QSignalSpy joined(&owner, &WorkerThread::finished);
        auto worker = std::make_unique<LoopingWorker>(trace);
        QThread *deliveredOn = nullptr;
        int value = 0;
        connect(worker.get(), &LoopingWorker::finished, this, [&](int v) {
            deliveredOn = QThread::currentThread();
            value = v;
        });
        owner.start(std::move(worker));
        QTRY_VERIFY_WITH_TIMEOUT(trace->started.load(), 10000);
        owner.requestStop(); // returns at once; the worker's own finished signal still follows
        QTRY_COMPARE_WITH_TIMEOUT(value, 7, 10000);
        QCOMPARE(deliveredOn, QThread::currentThread());
        QTRY_COMPARE_WITH_TIMEOUT(joined.count(), 1, 10000); // it ended by itself, so the owner hears of the join
        QVERIFY(!owner.isActive());
        QVERIFY(trace->destroyed.load());
    }

    void aJobDeliversItsValueOnTheOwnersThread()
    {
        WorkerThread owner;
        auto value = std::make_shared<int>(0);
        QThread *jobThread = nullptr;
        owner.start([value, &jobThread] {
            jobThread = QThread::currentThread();
            *value = 42;
        });
        QThread *finishedOn = nullptr;
        int seen = 0;
        connect(&owner, &WorkerThread::finished, this, [&] {
            finishedOn = QThread::currentThread();
            seen = *value; // visible: the owner joined the thread before finished()
        });
        QTRY_COMPARE_WITH_TIMEOUT(seen, 42, 10000);
        QCOMPARE(finishedOn, QThread::currentThread());
        QVERIFY(jobThread != QThread::currentThread());
        QVERIFY(!owner.isActive());
    }

    void stopJoinsWithoutReportingAgain()
    {
        auto trace = std::make_shared<Trace>();
        WorkerThread owner;
        QSignalSpy joined(&owner, &WorkerThread::finished);
        owner.start(std::make_unique<LoopingWorker>(trace));
        QTRY_VERIFY_WITH_TIMEOUT(trace->started.load(), 10000);
        owner.stop();
        QVERIFY(!owner.isActive());
        QVERIFY(trace->returned.load());
        QVERIFY(trace->destroyed.load());
        QTest::qWait(100);
        QCOMPARE(joined.count(), 0);
    }

    void startingAgainStopsThePreviousJob()
    {
        auto first = std::make_shared<Trace>();
        auto second = std::make_shared<Trace>();
        WorkerThread owner;
        owner.start(std::make_unique<LoopingWorker>(first), QStringLiteral("first"));
        QTRY_VERIFY_WITH_TIMEOUT(first->started.load(), 10000);
        owner.start(std::make_unique<LoopingWorker>(second), QStringLiteral("second"));
        QVERIFY(first->returned.load());
        QVERIFY(first->destroyed.load());
        QTRY_VERIFY_WITH_TIMEOUT(second->started.load(), 10000);
        QCOMPARE(second->ranOn->objectName(), QStringLiteral("second"));
    }

    void progressReportsArePaced()
    {
        // A long job's steps report at most every 100 ms; a forced report (a phase's start or end) always goes out.
        ProgressPacer pacer;
        pacer.start();
        const std::optional<RunProgress> first = pacer.report(QStringLiteral("a"), 0.5);
        QVERIFY(first.has_value()); // the first report is never held back by the start
        QVERIFY(!pacer.report(QStringLiteral("a"), 0.6).has_value());
        const std::optional<RunProgress> forced = pacer.report(QStringLiteral("b"), 1.7, true);
        QVERIFY(forced.has_value());
        QCOMPARE(forced->fraction, 1.0); // clamped
        QCOMPARE(forced->phase, QStringLiteral("b"));
        QCOMPARE(forced->etaSeconds, 0.0);
        QTest::qWait(120);
        const std::optional<RunProgress> later = pacer.report(QStringLiteral("c"), 0.25);
        QVERIFY(later.has_value());
        QVERIFY(later->etaSeconds > 0); // three times the elapsed time at a quarter done
        QVERIFY(pacer.elapsedSeconds() >= 0.1);
    }
};

QTEST_GUILESS_MAIN(TestWorkerThread)
#include "tst_workerthread.moc"
