// Performance figures for the table, printed side by side with references measured in the same run.
// Not a test: CI excludes the "bench" label. Usage: bench [--quick | --conv | --mlp | --plan]
//   --quick: MLP rows once, no conv rows; --conv: only the conv rows, medians of 3; --mlp: only the MLP epoch rows
//   (engine, engine without the hand-derived step, straight LibTorch, seed 000's PyTorch loop), medians of 3.
//   --plan: the plans' time estimates against this machine (MachineSpeed's probe beside a real epoch and label graph)
#include "data/batching_p.h"
#include "data/datasetloader.h"
#include "kernels/fastpaths_p.h"
#include "model/elbo_p.h"
#include "model/inferencemodel.h"
#include "model/labelgraph.h"
#include "model/vae_p.h"
#include "training/runplan.h"
#include "training/trainer.h"
#include "training/trainingcontroller.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <sys/resource.h>
#include <time.h>

namespace {

double median(QVector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[v.size() / 2];
}

double percentile(QVector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[std::min<int>(v.size() - 1, int(p * v.size()))];
}

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll()).section(QLatin1Char(' '), 0, 2)
                                       : QStringLiteral("?");
}

/// Our trainer, one epoch, training seconds only (evaluation excluded).
double engineEpochSeconds(const DataSplit &data, Architecture arch, int threads, int latent = 32)
{
    TrainConfig c;
    c.model.architecture = arch;
    c.model.hidden = 512;
    c.model.latent = latent;
    c.epochs = 1;
    c.threads = threads;
    c.reconstructionCount = 0;
    DataSplit small{data.train, data.test.head(500)};
    Trainer trainer(c, small, std::nullopt);
    double seconds = 0;
    QObject::connect(&trainer, &Trainer::epochStats, &trainer, [&](const EpochStats &e) { seconds = e.trainSeconds; });
    trainer.runBlocking();
    return seconds;
}

/// Our trainer with the MLP's hand-derived step off: autograd through the same oneDNN linear layers and fused Adam.
double autogradEpochSeconds(const DataSplit &data)
{
    FastPaths::setHandDerivedStep(false);
    const auto restore = qScopeGuard([] { FastPaths::setHandDerivedStep(true); });
    return engineEpochSeconds(data, Architecture::Mlp, 1);
}

/// The straight LibTorch loop: torch::optim::Adam, the library's BCE-with-logits and nn::ConvTranspose2d, no fused paths.
double straightEpochSeconds(const Dataset &train, Architecture arch, int threads = 1)
{
    torch::set_num_threads(threads);
    FastPaths::setEnabled(false);
    const auto restore = qScopeGuard([] { FastPaths::setEnabled(true); });
    ModelSpec spec;
    spec.architecture = arch;
    auto model = makeVae(spec, 1);
    const int pixels = 784;
    torch::optim::Adam adam(model->parameters(), torch::optim::AdamOptions(1e-3));
    const Batcher batches(train);
    auto gen = at::detail::createCPUGenerator(1);
    const auto order = torch::randperm(train.count(), gen, torch::kLong);
    QElapsedTimer clock;
    clock.start();
    for (int start = 0; start < train.count(); start += 128) {
        const int count = std::min(128, train.count() - start);
        const auto x = batches.gather(order.narrow(0, start, count));
        auto [mu, logvar] = model->encode(x);
        const auto z = mu + (0.5 * logvar).exp() * torch::randn_like(mu);
        const auto logits = model->decode(z);
        const auto recon =
            torch::binary_cross_entropy_with_logits(logits, x.reshape({count, pixels}), {}, {}, at::Reduction::Sum);
        const auto kl = -0.5 * torch::sum(1 + logvar - mu.pow(2) - logvar.exp());
        const auto loss = (recon + kl) / count;
        adam.zero_grad();
        loss.backward();
        adam.step();
        (void)loss.item<double>();
    }
    return clock.elapsed() / 1000.0;
}

/// Runs the app (or its CLI) and returns wall seconds; `rssMb` gets the largest child's peak RSS so far.
double runApp(const QStringList &args, const QProcessEnvironment &env, double *rssMb = nullptr)
{
    QProcess p;
    p.setProcessEnvironment(env);
    QElapsedTimer clock;
    clock.start();
    p.start(QStringLiteral(LE_APP_PATH), args);
    if (!p.waitForFinished(600000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return -1;
    const double seconds = clock.nsecsElapsed() / 1e9;
    if (rssMb) {
        rusage u{};
        getrusage(RUSAGE_CHILDREN, &u);
        *rssMb = u.ru_maxrss / 1024.0;
    }
    return seconds;
}

/// Launches the GUI with LATENT_EXPLORER_LAUNCH_TRACE set: seconds from the launch to the startup
/// window's first frame and to the main window's first frame (CLOCK_MONOTONIC on both sides; the
/// process's exit is not counted). {-1, -1} when the app failed.
std::pair<double, double> launchSeconds(QProcessEnvironment env)
{
    env.insert(QStringLiteral("LATENT_EXPLORER_LAUNCH_TRACE"), QStringLiteral("1"));
    QProcess p;
    p.setProcessEnvironment(env);
    timespec start{};
    clock_gettime(CLOCK_MONOTONIC, &start);
    p.start(QStringLiteral(LE_APP_PATH), QStringList{});
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return {-1, -1};
    const double t0 = start.tv_sec + start.tv_nsec / 1e9;
    double first = -1, main = -1;
    for (const QByteArray &line : p.readAllStandardOutput().split('\n')) {
        const QList<QByteArray> fields = line.split(' ');
        if (fields.size() != 2)
            continue;
        const double t = fields[1].toLongLong() / 1e9 - t0;
        if (fields[0] == "first-window")
            first = t;
        else if (fields[0] == "main-window")
            main = t;
    }
    return {first, main};
}

double pytorchEpochSeconds(const QString &script, bool preloaded)
{
    QProcess p;
    // Debian's python3-torch lives with the system interpreter, not with whatever python3 is first on PATH.
    p.start(QStringLiteral("/usr/bin/python3"),
            preloaded ? QStringList{script, QStringLiteral("--preloaded")} : QStringList{script});
    if (!p.waitForFinished(600000) || p.exitCode() != 0)
        return -1;
    const auto doc = QJsonDocument::fromJson(p.readAllStandardOutput().trimmed().split('\n').last());
    return doc.object().value(QStringLiteral("seconds")).toDouble(-1);
}

QVector<double> decodeLatencies(const ModelSpec &spec)
{
    auto model = makeVae(spec, 1);
    auto inference = InferenceModel::create(spec, flattenParameters(*model)).value();
    QVector<float> z(spec.latent, 0.0f);
    QVector<double> ms;
    for (int i = 0; i < 2000; ++i) {
        z[i % spec.latent] = float((i % 61) - 30) / 10.0f;
        const auto t0 = std::chrono::steady_clock::now();
        const QImage img = inference.decode(z);
        ms.append(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        Q_UNUSED(img);
    }
    return ms.mid(100);
}

void printRow(const char *name, double seconds, double samples)
{
    std::printf("%-62s %10.2f %12.0f\n", name, seconds, seconds > 0 ? samples / seconds : 0.0);
}

/// The conv rows, interleaved so that load changes hit all three alike.
void convRows(const DataSplit &data, int repeats)
{
    QVector<double> automatic, one, straight;
    for (int r = 0; r < repeats; ++r) {
        automatic.append(engineEpochSeconds(data, Architecture::Conv, 0));
        one.append(engineEpochSeconds(data, Architecture::Conv, 1));
        straight.append(straightEpochSeconds(data.train, Architecture::Conv));
    }
    const double n = data.train.count();
    printRow("conv VAE (seed 003 layout) epoch, engine, automatic threads", median(automatic), n);
    printRow("conv VAE epoch, engine, 1 thread", median(one), n);
    printRow("conv VAE epoch, straight LibTorch loop, 1 thread", median(straight), n);
}

/// The MLP epoch rows: our engine against the straight LibTorch loop and seed 000's PyTorch loop, interleaved.
void mlpRows(const DataSplit &data, int repeats)
{
    QVector<double> engine1, engineAutograd, engineAuto, straight, pytorch, pytorchPreloaded;
    const QString script = QStringLiteral(LE_SOURCE_DIR "/scripts/reference_seed000.py");
    for (int r = 0; r < repeats; ++r) {
        engine1.append(engineEpochSeconds(data, Architecture::Mlp, 1));
        engineAutograd.append(autogradEpochSeconds(data));
        engineAuto.append(engineEpochSeconds(data, Architecture::Mlp, 0));
        straight.append(straightEpochSeconds(data.train, Architecture::Mlp));
        pytorch.append(pytorchEpochSeconds(script, false));
        pytorchPreloaded.append(pytorchEpochSeconds(script, true));
    }
    const double n = data.train.count();
    std::printf("%-62s %10s %12s\n", "figure", "seconds", "samples/s");
    auto row = [&](const char *name, double s) { printRow(name, s, n); };
    row("MLP 784-512-32 B=128 epoch, engine, automatic threads", median(engineAuto));
    row("MLP 784-512-32 B=128 epoch, engine, 1 thread", median(engine1));
    row("MLP epoch, engine, autograd + oneDNN linear (no hand step), 1 thr", median(engineAutograd));
    row("MLP epoch, straight LibTorch loop (torch::optim::Adam), 1 thr", median(straight));
    row("MLP epoch, seed 000's PyTorch loop (DataLoader+ToTensor, 1 thr)", median(pytorch));
    row("MLP epoch, the same PyTorch loop on a preloaded tensor, 1 thr", median(pytorchPreloaded));
    if (median(engine1) > 0)
        std::printf("%-62s %9.2fx\n", "autograd step time over the hand-derived step (1 thread)",
                    median(engineAutograd) / median(engine1));
    if (median(pytorch) > 0)
        std::printf("%-62s %9.2fx\n", "engine (automatic) samples/s over seed 000's PyTorch loop",
                    median(pytorch) / median(engineAuto));
    if (median(pytorchPreloaded) > 0)
        std::printf("%-62s %9.2fx\n", "engine (automatic) samples/s over the preloaded PyTorch loop",
                    median(pytorchPreloaded) / median(engineAuto));
}

/// Slider decode latency for both architectures, without repainting.
void decodeRows()
{
    ModelSpec mlp;
    ModelSpec conv;
    conv.architecture = Architecture::Conv;
    const auto mlpLat = decodeLatencies(mlp);
    const auto convLat = decodeLatencies(conv);
    std::printf("%-62s %6.3f / %.3f ms\n", "slider decode p50/p99, MLP (raw, no repaint)", percentile(mlpLat, 0.5),
                percentile(mlpLat, 0.99));
    std::printf("%-62s %6.3f / %.3f ms\n", "slider decode p50/p99, conv (raw, no repaint)", percentile(convLat, 0.5),
                percentile(convLat, 0.99));
}

/// Launch to the startup window's and the main window's first frames, medians of 5.
void launchRows(const QProcessEnvironment &env)
{
    QVector<double> firstWindow, mainWindow;
    for (int i = 0; i < 5; ++i) {
        const auto [first, main] = launchSeconds(env);
        firstWindow.append(first);
        mainWindow.append(main);
    }
    std::printf("%-62s %10.3f s\n", "launch -> first window painted (startup window, median of 5)",
                median(firstWindow));
    std::printf("%-62s %10.3f s\n", "launch -> main window painted (engine loaded, median of 5)", median(mainWindow));
}

/// The plans' costs on this machine (`bench --plan`, a few minutes): MachineSpeed's half-second probe beside the work
/// it stands for, timed in the same run. Each ratio is this machine's time over the plans' (RunPlan,
/// LabelGraph::expectedSeconds); the probe is right where its ratio matches the real one.
void planRows(const DataSplit &data)
{
    QVector<double> steps, graph;
    for (int i = 0; i < 5; ++i) {
        const MachineSpeed probe = MachineSpeed::measure();
        steps.append(probe.steps);
        graph.append(probe.graph);
    }
    const double epoch = engineEpochSeconds(data, Architecture::Mlp, 1, 8);
    const int epochSteps = (data.train.count() + 127) / 128;
    TrainConfig g;
    g.dataset = QStringLiteral("fashion-mnist");
    g.labelsPerClass = 10;
    g.threads = 1;
    QElapsedTimer clock;
    clock.start();
    // Each step's time (the step a report names began at its first report), and the kernel's share.
    QVector<double> stepStarts;
    const auto vote = LabelGraph::vote(g, data.train, data.test, [&](double, double, LabelGraph::Step step) {
        while (stepStarts.size() <= int(step))
            stepStarts.append(clock.elapsed() / 1000.0);
        return false;
    });
    const double graphSeconds = clock.elapsed() / 1000.0;
    stepStarts.append(graphSeconds);
    for (int step = 0; step + 1 < stepStarts.size(); ++step)
        std::printf("label graph step %d (%s): %.1f s\n", step,
                    qPrintable(LabelGraph::stepName(LabelGraph::Step(step))), stepStarts[step + 1] - stepStarts[step]);
    struct rusage usage = {};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("this process so far: user %.1f s, system %.1f s, %ld minor page faults, peak RSS %.0f MB\n",
                usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6,
                usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6, usage.ru_minflt);
    if (!vote)
        std::fprintf(stderr, "bench: %s\n", qPrintable(vote.error()));
    const double plannedGraph = LabelGraph::expectedSeconds(data.train.count(), data.test.count());
    std::printf("%-62s %10s %10s %8s %8s\n", "plan against this machine, 1 thread", "planned", "measured", "ratio",
                "probe");
    std::printf("%-62s %9.2fs %9.2fs %7.2fx %7.2fx\n", "MLP VAE epoch (784-512-8, batch 128, training only)",
                epochSteps * RunPlan::kSecondsPerUnit, epoch, epoch / (epochSteps * RunPlan::kSecondsPerUnit),
                median(steps));
    std::printf("%-62s %9.2fs %9.2fs %7.2fx %7.2fx\n", "label graph (10 labels per class, train x all)", plannedGraph,
                graphSeconds, graphSeconds / plannedGraph, median(graph));
    std::printf("probe ratios, 5 measurements: steps %.2f-%.2f, graph %.2f-%.2f\n",
                *std::min_element(steps.begin(), steps.end()), *std::max_element(steps.begin(), steps.end()),
                *std::min_element(graph.begin(), graph.end()), *std::max_element(graph.begin(), graph.end()));
}

Result<DataSplit> loadFashion()
{
    auto loaded = DatasetLoader::load(QStringLiteral("fashion-mnist"));
    if (!loaded)
        std::fprintf(stderr, "bench: %s\n", qPrintable(loaded.error()));
    return loaded;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const bool quick = app.arguments().contains(QStringLiteral("--quick"));
    const bool convOnly = app.arguments().contains(QStringLiteral("--conv"));
    const bool mlpOnly = app.arguments().contains(QStringLiteral("--mlp"));
    const int repeats = quick ? 1 : 3;
    // The figures depend on OpenBLAS's kernels; some machines force them (docs/performance.md).
    std::printf("OPENBLAS_CORETYPE=%s\n",
                qEnvironmentVariableIsSet("OPENBLAS_CORETYPE") ? qgetenv("OPENBLAS_CORETYPE").constData()
                                                               : "(unset: OpenBLAS's own choice)");
    torch::set_num_threads(1);
    if (app.arguments().contains(QStringLiteral("--plan"))) {
        const auto loaded = loadFashion();
        if (!loaded)
            return 1;
        std::printf("load average %s\n", qPrintable(loadAverage()));
        planRows(loaded.value());
        return 0;
    }
    if (convOnly) {
        const auto loaded = loadFashion();
        if (!loaded)
            return 1;
        std::printf("conv rows only, medians of %d, load average %s\n", repeats, qPrintable(loadAverage()));
        convRows(loaded.value(), repeats);
        return 0;
    }

    // Peak RSS first: RUSAGE_CHILDREN reports the largest child so far, and later children are smaller or not ours.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    double trainRss = 0;
    if (!mlpOnly)
        runApp({QStringLiteral("train"), QStringLiteral("--dataset"), QStringLiteral("fashion-mnist"),
                QStringLiteral("--epochs"), QStringLiteral("1"), QStringLiteral("--out"),
                QDir::temp().filePath(QStringLiteral("bench-rss.ckpt"))},
               env, &trainRss);
    const auto loaded = loadFashion();
    if (!loaded)
        return 1;
    const DataSplit &data = loaded.value();
    std::printf("Fashion-MNIST: %d train images (%.1f MB as uint8), medians of %d run(s), load average %s\n\n",
                data.train.count(), data.train.pixels.size() / 1e6, repeats, qPrintable(loadAverage()));
    mlpRows(data, repeats);
    if (mlpOnly)
        return 0;
    if (!quick)
        convRows(data, repeats);
    decodeRows();
    launchRows(env);
    std::printf("%-62s %10.0f MB\n", "peak RSS, `train` on 60k Fashion-MNIST images (1 epoch)", trainRss);
    std::printf("\nGUI stall and slider->repaint latency while training: run bench_gui.\n");
    return 0;
}
