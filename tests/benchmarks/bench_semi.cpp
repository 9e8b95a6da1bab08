// The semi-supervised VAE's targets (issue "Learning from few labels"), measured with the CLI as a user runs it and
// printed beside the baselines of the same run. Not a test: CI excludes the "bench" label.
// Usage: bench_semi [--draws N] [--quick] [--no-fashion]
//   accuracy with 10 labels per class on MNIST (8,004 digits) and Fashion-MNIST (60,000): mean over N label draws
//   (seeds 1..N, default 3) with its 95 % t-interval, beside 1-nearest-neighbour on the pixels of the same labelled
//   images; the Fashion-MNIST run's time and peak memory; 5-way few-shot on digits 5-9 from a model trained on 0-4;
//   and three MNIST epochs of the app against scripts/ssvae_reference.py (the same model and loss in PyTorch, with the
//   exact sum over classes and with the app's class sampling), medians of 3, interleaved. --quick: MNIST only, one
//   draw, one speed round.
#include "data/datasetloader.h"
#include "data/labelleddraw.h"
#include "training/trainconfig.h"
#include "transfer/classifiers.h"
#include "transfer/transferreport.h"
#include "util/seedstreams.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sys/resource.h>

namespace {

double median(QVector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[v.size() / 2];
}

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll()).section(QLatin1Char(' '), 0, 2)
                                       : QStringLiteral("?");
}

/// Runs a program to its end; the last stdout line that is a JSON object (empty on failure, with stderr shown).
QJsonObject runJson(const QString &program, const QStringList &arguments, double *wallSeconds = nullptr)
{
    QProcess p;
    QElapsedTimer clock;
    clock.start();
    p.start(program, arguments);
    if (!p.waitForFinished(3600 * 1000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        std::fprintf(stderr, "failed: %s %s\n%s\n", qPrintable(program), qPrintable(arguments.join(QLatin1Char(' '))),
                     p.readAllStandardError().right(2000).constData());
        return {};
    }
    if (wallSeconds)
        *wallSeconds = clock.elapsed() / 1000.0;
    const QList<QByteArray> lines = p.readAllStandardOutput().trimmed().split('\n');
    return QJsonDocument::fromJson(lines.isEmpty() ? QByteArray() : lines.last()).object();
}

QJsonObject runApp(const QStringList &arguments, double *wallSeconds = nullptr)
{
    return runJson(QStringLiteral(LE_APP_PATH), arguments, wallSeconds);
}

/// Peak resident memory of the largest child so far, MB.
double childPeakMb()
{
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);
    return usage.ru_maxrss / 1024.0;
}

/// 1-nearest-neighbour on raw pixels (ClassifierOptions' k is 1), from the labelled images the app draws for `seed`.
double pixelNearestNeighbour(const DataSplit &data, int perClass, quint64 seed)
{
    const QVector<int> classLabels = LabelledDraw::classLabels(data.train, {});
    const auto drawn = LabelledDraw::draw(data.train, classLabels, perClass, SeedStreams::labelledDraw(seed));
    if (!drawn)
        return std::nan("");
    const auto predicted =
        Classifiers::knn(Classifiers::pixelFeatures(data.train.select(drawn.value())),
                         Classifiers::pixelFeatures(data.test), int(classLabels.size()), ClassifierOptions{});
    return predicted ? Classifiers::accuracy(predicted.value(), data.test.labels) : std::nan("");
}

void accuracyRows(const QString &dataset, int draws, const QString &dir)
{
    const auto data = DatasetLoader::load(dataset);
    if (!data) {
        std::printf("%s: %s\n", qPrintable(dataset), qPrintable(data.error()));
        return;
    }
    QVector<double> semi, pixels, seconds, wall;
    for (int seed = 1; seed <= draws; ++seed) {
        double w = 0;
        const QJsonObject s =
            runApp({QStringLiteral("train"), QStringLiteral("--dataset"), dataset, QStringLiteral("--labels-per-class"),
                    QStringLiteral("10"), QStringLiteral("--seed"), QString::number(seed), QStringLiteral("--json"),
                    QStringLiteral("--out"), dir + QStringLiteral("/semi.ckpt")},
                   &w);
        semi.append(s.value(QStringLiteral("test_accuracy")).toDouble(std::nan("")));
        seconds.append(s.value(QStringLiteral("train_seconds")).toDouble());
        wall.append(w);
        pixels.append(pixelNearestNeighbour(data.value(), 10, quint64(seed)));
        std::printf("  %s draw %d: semi-supervised %.2f %%, pixel 1-NN %.2f %%, %.0f s training, %.0f s wall\n",
                    qPrintable(dataset), seed, 100 * semi.last(), 100 * pixels.last(), seconds.last(), w);
        std::fflush(stdout);
    }
    // Mean and the half-width of its 95 % t-interval (0 with one draw), as the transfer report states them.
    const auto interval = [](const QVector<double> &v) {
        AccuracyEstimate e = AccuracyEstimate::of(v);
        if (!std::isfinite(e.ci95))
            e.ci95 = 0;
        return e;
    };
    const AccuracyEstimate a = interval(semi), p = interval(pixels);
    std::printf("%-14s 10 labels/class: semi-supervised VAE %.2f ± %.2f %%  | pixel 1-NN %.2f ± %.2f %%  "
                "(%d draws)  time %.0f s (wall %.0f s)  peak RSS so far %.0f MB\n",
                qPrintable(dataset), 100 * a.mean, 100 * a.ci95, 100 * p.mean, 100 * p.ci95, draws, median(seconds),
                median(wall), childPeakMb());
}

/// Few-shot on digits 5–9 from a 0–4 model trained with default settings: a few-shot base, so the recipe of README (a
/// conv classifier that also learns turned digits, perturbation 2, 30 epochs).
void fewShotRows(const QString &dir)
{
    const QString checkpoint = dir + QStringLiteral("/base04.ckpt");
    const QJsonObject trained =
        runApp({QStringLiteral("train"), QStringLiteral("--dataset"), QStringLiteral("mnist"),
                QStringLiteral("--classes"), QStringLiteral("0,1,2,3,4"), QStringLiteral("--labels-per-class"),
                QStringLiteral("all"), QStringLiteral("--json"), QStringLiteral("--out"), checkpoint});
    if (trained.isEmpty())
        return;
    const QJsonObject report =
        runApp({QStringLiteral("fewshot"), QStringLiteral("--checkpoint"), checkpoint, QStringLiteral("--json")});
    for (const QJsonValue &v : report.value(QStringLiteral("results")).toArray()) {
        const QJsonObject r = v.toObject();
        std::printf("few-shot 5-way %d-shot on digits 5-9, model from 0-4: latent %.2f ± %.2f %%  | pixel prototypes "
                    "%.2f ± %.2f %%  | classifier features %.2f ± %.2f %%  (%d episodes)\n",
                    r.value(QStringLiteral("shots")).toInt(),
                    100 * r.value(QStringLiteral("latent")).toObject().value(QStringLiteral("mean")).toDouble(),
                    100 * r.value(QStringLiteral("latent")).toObject().value(QStringLiteral("ci95")).toDouble(),
                    100 * r.value(QStringLiteral("pixel")).toObject().value(QStringLiteral("mean")).toDouble(),
                    100 * r.value(QStringLiteral("pixel")).toObject().value(QStringLiteral("ci95")).toDouble(),
                    100 * r.value(QStringLiteral("classifier")).toObject().value(QStringLiteral("mean")).toDouble(),
                    100 * r.value(QStringLiteral("classifier")).toObject().value(QStringLiteral("ci95")).toDouble(),
                    r.value(QStringLiteral("latent")).toObject().value(QStringLiteral("episodes")).toInt());
    }
}

/// The app's semi-supervised training speed on MNIST (`epochs` epochs, so that the classifier grows confident as in a
/// real run) against scripts/ssvae_reference.py: the app with its default class sampling and with the exact sum over
/// every class; the reference with the exact sum (Kingma's step, what a PyTorch user runs) and with the same class
/// sampling (the same estimator: the implementation's own speed).
void speedRows(int rounds, int epochs, const QString &dir)
{
    QVector<double> app1, appAuto, appExact, torch1, torch2, torchSampled1, torchSampled2;
    const QString script = QStringLiteral(LE_SOURCE_DIR "/scripts/ssvae_reference.py");
    const QString tau = QString::number(TrainConfig().classSampling);
    auto appRate = [&](const QString &threads, const QString &sampling) {
        return runApp({QStringLiteral("train"), QStringLiteral("--dataset"), QStringLiteral("mnist"),
                       QStringLiteral("--labels-per-class"), QStringLiteral("10"), QStringLiteral("--epochs"),
                       QString::number(epochs), QStringLiteral("--threads"), threads,
                       QStringLiteral("--class-sampling"), sampling, QStringLiteral("--json"), QStringLiteral("--out"),
                       dir + QStringLiteral("/speed.ckpt")})
            .value(QStringLiteral("train_samples_per_second"))
            .toDouble();
    };
    auto torchRate = [&](const QString &threads, const QString &sampling) {
        return runJson(QStringLiteral("/usr/bin/python3"),
                       {script, QStringLiteral("--dataset"), QStringLiteral("mnist"), QStringLiteral("--epochs"),
                        QString::number(epochs), QStringLiteral("--threads"), threads,
                        QStringLiteral("--class-sampling"), sampling})
            .value(QStringLiteral("images_per_second"))
            .toDouble();
    };
    const QString one = QStringLiteral("1"), two = QStringLiteral("2"), exact = QStringLiteral("0");
    for (int r = 0; r < rounds; ++r) {
        app1.append(appRate(one, tau));
        torch1.append(torchRate(one, exact));
        appAuto.append(appRate(QStringLiteral("auto"), tau));
        torch2.append(torchRate(two, exact));
        appExact.append(appRate(one, exact));
        torchSampled1.append(torchRate(one, tau));
        torchSampled2.append(torchRate(two, tau));
    }
    const double appBest = std::max(median(app1), median(appAuto));
    const double torchBest = std::max(median(torch1), median(torch2));
    const double torchSampledBest = std::max(median(torchSampled1), median(torchSampled2));
    std::printf("semi-supervised training, %d MNIST epochs, images/s (median of %d):\n"
                "  app (class sampling %s): 1 thread %.0f, automatic %.0f | app, exact sum: 1 thread %.0f\n"
                "  PyTorch reference, exact sum (Kingma's step): 1 thread %.0f, 2 threads %.0f\n"
                "  PyTorch reference, the same class sampling: 1 thread %.0f, 2 threads %.0f\n"
                "  app over the exact-sum reference: best vs best %.2fx, 1 thread vs 1 thread %.2fx\n"
                "  app over the same estimator in PyTorch: best vs best %.2fx, 1 thread vs 1 thread %.2fx\n"
                "  exact sum, app over reference, 1 thread vs 1 thread %.2fx\n",
                epochs, rounds, qPrintable(tau), median(app1), median(appAuto), median(appExact), median(torch1),
                median(torch2), median(torchSampled1), median(torchSampled2), appBest / torchBest,
                median(app1) / median(torch1), appBest / torchSampledBest, median(app1) / median(torchSampled1),
                median(appExact) / median(torch1));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const bool quick = args.contains(QStringLiteral("--quick"));
    int draws = quick ? 1 : 3;
    if (const int at = int(args.indexOf(QStringLiteral("--draws"))); at >= 0 && at + 1 < args.size())
        draws = std::clamp(args.at(at + 1).toInt(), 1, 10);
    QTemporaryDir dir;
    std::printf("bench_semi: load average %s at start\n", qPrintable(loadAverage()));
    speedRows(quick ? 1 : 3, 3, dir.path());
    accuracyRows(QStringLiteral("mnist"), draws, dir.path());
    fewShotRows(dir.path());
    if (!quick && !args.contains(QStringLiteral("--no-fashion")))
        accuracyRows(QStringLiteral("fashion-mnist"), draws, dir.path());
    std::printf("bench_semi: load average %s at the end\n", qPrintable(loadAverage()));
    return 0;
}
