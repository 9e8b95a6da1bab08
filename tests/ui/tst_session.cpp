// Session: the models it builds off the GUI thread from the trainer's snapshots and checkpoints, and the background
// jobs that build them.
#include "backgroundjobs.h"
#include "model/checkpoint.h"
#include "session.h"
#include "training/trainingcontroller.h"
#include "transfer/vaefinetune.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

class TestSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // the epoch's autosave goes to the test location
    }

    void anEpochsModelIsNotLostToALaterSnapshot()
    {
        // On a busy machine a build outlasts the next snapshot: the epoch's model waits behind the build in progress,
        // and a snapshot from inside the next epoch arrives before it starts. The epoch's model must still be built
        // and announced (the latent map and the interpolation panel redraw on it).
        Session session;
        auto *controller = session.findChild<TrainingController *>();
        QVERIFY(controller);
        ModelSpec spec;
        spec.hidden = 8;
        spec.latent = 2;
        const auto snapshot = [&](quint64 seed) {
            return ModelSnapshot{spec, VaeFinetune::initialWeights(spec, seed), 0, {}};
        };
        Checkpoint epoch;
        epoch.config.model = spec;
        epoch.weights = VaeFinetune::initialWeights(spec, 2);
        QSignalSpy epochModels(&session, &Session::epochModelChanged);
        QSignalSpy models(&session, &Session::modelChanged);
        Q_EMIT controller->snapshot(snapshot(1)); // a build starts; its result needs the event loop
        Q_EMIT controller->checkpoint(epoch);     // waits
        Q_EMIT controller->snapshot(snapshot(3)); // from inside the next epoch, while the first build still runs
        QTRY_COMPARE(epochModels.count(), 1);
        QCOMPARE(session.epochSnapshot().weights, epoch.weights);
        // Later snapshots are built as before.
        Q_EMIT controller->snapshot(snapshot(4));
        QTRY_COMPARE(session.model().isValid(), true);
        QTRY_VERIFY(models.count() >= 3);
        QCOMPARE(epochModels.count(), 1);
    }

    void backgroundJobsYieldButAreNotStarved()
    {
        // A job (a model build, the map's projection, an autosave) runs at a low nice value under the normal
        // scheduler, not SCHED_IDLE, which on a busy machine starved the map for 30 s at a time.
        BackgroundJobs jobs;
        std::optional<std::pair<int, int>> seen; // scheduling policy, nice
        jobs.run<std::pair<int, int>>(
            []() {
                return std::pair<int, int>{sched_getscheduler(0),
                                           getpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)))};
            },
            [&](const std::pair<int, int> &value) { seen = value; });
        QTRY_VERIFY(seen.has_value());
        QCOMPARE(seen->first, SCHED_OTHER);
        QCOMPARE(seen->second, BackgroundJobs::kNice);
    }
};

QTEST_MAIN(TestSession)
#include "tst_session.moc"
