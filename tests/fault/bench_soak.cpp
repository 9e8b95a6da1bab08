// Soak: a long run on small data through the same path as the GUI (TrainingController on its thread, value-type
// signals, a GUI-side InferenceModel rebuilt from every snapshot), checking that resident memory stops growing.
// Labels "bench;soak": minutes, not part of CI's default run. Exit 1 if RSS grows by 5 % or more after warm-up.
//
//   bench_soak [--epochs N]      (default 300)

#include "model/inferencemodel.h"
#include "tinyconfig.h"
#include "training/trainingcontroller.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTimer>

#include <cstdio>
#include <cstring>

using SyntheticData::Pattern;

namespace {

/// Resident set size of this process in KiB, from /proc/self/status (0 if unavailable).
qint64 residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly | QIODevice::Text))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int epochs = 300;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "--epochs") == 0)
            epochs = std::max(20, std::atoi(argv[i + 1]));
    // Warm-up: allocator pools, LibTorch's caches and Qt's metatype tables settle in the first epochs.
    const int warmupEpochs = 20;

    // ~0.1 s an epoch: batch reports and snapshots arrive mid-epoch too
    const DataSplit data = SyntheticData::split(Pattern::Bars, 1600, 200, 3);
    TrainConfig config = tinyConfig(Pattern::Bars, epochs, /*hidden=*/64, /*latent=*/8);
    config.snapshotsPerSecond = 20; // many more snapshots than the GUI asks for: more chances to leak

    TrainingController controller;
    InferenceModel decoder; // the GUI's own copy, replaced at every snapshot as the sliders' decoder is
    qint64 snapshots = 0, batches = 0;
    QVector<qint64> rss; // KiB after each epoch
    const qint64 startRss = residentKiB();
    QObject::connect(&controller, &TrainingController::snapshot, &app, [&](const ModelSnapshot &s) {
        if (auto m = InferenceModel::create(s); m.ok()) {
            decoder = m.value();
            decoder.decode(QVector<float>(s.spec.latent, 0.25f));
        }
        ++snapshots;
    });
    QObject::connect(&controller, &TrainingController::batchStats, &app, [&] { ++batches; });
    QObject::connect(&controller, &TrainingController::epochStats, &app, [&] { rss.append(residentKiB()); });
    int exitCode = 0;
    QElapsedTimer clock;
    QObject::connect(&controller, &TrainingController::finished, &app, [&](const TrainingResult &r) {
        const double seconds = clock.elapsed() / 1000.0;
        if (r.outcome != RunOutcome::Completed || rss.size() != epochs) {
            std::printf("soak: the run did not complete (%s)\n", qPrintable(r.message));
            exitCode = 1;
        } else {
            const qint64 base = rss.at(warmupEpochs - 1), last = rss.last();
            qint64 peak = 0;
            for (qint64 v : rss.mid(warmupEpochs - 1))
                peak = std::max(peak, v);
            const double growth = 100.0 * double(last - base) / double(base);
            const double peakGrowth = 100.0 * double(peak - base) / double(base);
            std::printf("soak: %d epochs in %.1f s (%lld batch reports, %lld snapshots decoded)\n", epochs, seconds,
                        batches, snapshots);
            std::printf("soak: RSS before training %lld KiB, after epoch 1 %lld KiB, after epoch %d %lld KiB, "
                        "after epoch %d %lld KiB, peak after warm-up %lld KiB\n",
                        startRss, rss.first(), warmupEpochs, base, epochs, last, peak);
            std::printf("soak: growth after warm-up %.2f %% (peak %.2f %%); limit 5 %%\n", growth, peakGrowth);
            exitCode = growth < 5.0 && peakGrowth < 5.0 ? 0 : 1;
        }
        QCoreApplication::exit(exitCode);
    });
    QTimer::singleShot(0, &app, [&] {
        clock.start();
        controller.start(config, data);
    });
    app.exec();
    return exitCode;
}
