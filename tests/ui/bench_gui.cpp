// Responsiveness benchmark (not a pass/fail test): while a real run trains, how late does a 5 ms GUI
// timer fire (the longest event-loop stall), and how long from a slider change to the repainted image?

#include "data/datasetloader.h"
#include "drawcanvas.h"
#include "drawpanel.h"
#include "imageview.h"
#include "latentmappanel.h"
#include "latentsliderpanel.h"
#include "mainwindow.h"
#include "session.h"
#include "syntheticdata.h"
#include "trainingpanel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cstdio>

namespace {

double percentile(QVector<double> values, double p)
{
    if (values.isEmpty())
        return qQNaN();
    std::sort(values.begin(), values.end());
    return values[qMin(values.size() - 1, qsizetype(p * (values.size() - 1) + 0.5))];
}

/// Moves a slider every 20 ms and records how long until the decoded image is painted.
class SliderProbe final : public QObject
{
public:
    explicit SliderProbe(LatentSliderPanel *panel)
        : m_panel(panel)
    {
        connect(panel->view(), &ImageView::painted, this, [this]() {
            if (m_pending) {
                m_latencies.append(m_clock.nsecsElapsed() / 1e6);
                m_pending = false;
            }
        });
        connect(&m_timer, &QTimer::timeout, this, &SliderProbe::move);
        m_timer.setInterval(20);
    }
    void start() { m_timer.start(); }
    void stop() { m_timer.stop(); }
    QVector<double> takeLatencies() { return std::exchange(m_latencies, {}); }

private:
    void move()
    {
        if (m_pending || m_panel->sliderCount() == 0)
            return;
        QSlider *slider = m_panel->slider(m_panel->displayOrder().value(0));
        m_pending = true;
        m_clock.start();
        slider->setValue(slider->value() > 0 ? -((m_step++ * 37) % 300) : (m_step++ * 37) % 300 + 1);
    }

    LatentSliderPanel *m_panel;
    QTimer m_timer;
    QElapsedTimer m_clock;
    QVector<double> m_latencies;
    bool m_pending = false;
    int m_step = 1;
};

/// Times every event the GUI thread delivers from its event loop (outermost notify() only), to name what
/// each long stall was: the receiver's class and object name, and the event type.
class TimedApplication final : public QApplication
{
public:
    using QApplication::QApplication;

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (m_depth++ > 0 || !m_recording) {
            const bool r = QApplication::notify(receiver, event);
            --m_depth;
            return r;
        }
        const QString what = QStringLiteral("%1(%2) %3")
                                 .arg(QLatin1String(receiver->metaObject()->className()), receiver->objectName())
                                 .arg(int(event->type()));
        QElapsedTimer clock;
        clock.start();
        const bool r = QApplication::notify(receiver, event);
        --m_depth;
        const double ms = clock.nsecsElapsed() / 1e6;
        if (ms > 8)
            m_slow << QStringLiteral("  %1 ms: %2").arg(ms, 0, 'f', 1).arg(what);
        return r;
    }

    void setRecording(bool on) { m_recording = on; }
    QStringList slowEvents() const { return m_slow; }

private:
    int m_depth = 0;
    bool m_recording = false;
    QStringList m_slow;
};

/// A 5 ms precise timer measuring its own lateness: the longest GUI stalls. Each stall over 30 ms is named after
/// what the GUI was last asked to do.
class StallProbe final : public QObject
{
public:
    explicit StallProbe(MainWindow &window)
    {
        m_tick.setTimerType(Qt::PreciseTimer);
        m_tick.setInterval(5);
        connect(&m_tick, &QTimer::timeout, this, &StallProbe::onTick);
        Session *session = window.session();
        connect(session, &Session::batchStats, this, [this]() { m_lastEvent = QStringLiteral("batchStats"); });
        connect(session, &Session::epochStats, this, [this]() { m_lastEvent = QStringLiteral("epochStats"); });
        connect(session, &Session::modelChanged, this,
                [this]() { m_lastEvent = QStringLiteral("modelChanged (snapshot)"); });
        connect(session, &Session::epochModelChanged, this,
                [this]() { m_lastEvent = QStringLiteral("epochModelChanged"); });
        connect(session, &Session::reconstructions, this,
                [this]() { m_lastEvent = QStringLiteral("reconstructions"); });
        connect(window.mapPanel(), &LatentMapPanel::projectionReady, this,
                [this]() { m_lastEvent = QStringLiteral("map projection"); });
    }

    void start()
    {
        m_runClock.start();
        m_tick.start();
    }
    void stop() { m_tick.stop(); }
    double secondsSinceStart() const { return m_runClock.elapsed() / 1000.0; }
    const QVector<double> &lateness() const { return m_lateness; }
    const QStringList &longStalls() const { return m_longStalls; }

private:
    void onTick()
    {
        if (m_sinceTick.isValid()) {
            const double late = qMax(0.0, m_sinceTick.nsecsElapsed() / 1e6 - 5.0);
            m_lateness.append(late);
            if (late > 30)
                m_longStalls << QStringLiteral("  %1 ms at %2 s, after %3")
                                    .arg(late, 0, 'f', 1)
                                    .arg(secondsSinceStart(), 0, 'f', 2)
                                    .arg(m_lastEvent);
        }
        m_sinceTick.start();
        m_lastEvent = QStringLiteral("idle");
    }

    QTimer m_tick;
    QElapsedTimer m_sinceTick;
    QElapsedTimer m_runClock;
    QString m_lastEvent = QStringLiteral("start");
    QVector<double> m_lateness;
    QStringList m_longStalls;
};

/// MNIST's first 20,000 training images (two short epochs keep the benchmark near a minute), or synthetic blobs.
DataSplit benchData(QString *name)
{
    *name = QStringLiteral("mnist");
    const Result<DataSplit> mnist = DatasetLoader::load(*name);
    if (mnist) {
        DataSplit data = mnist.value();
        data.train = data.train.head(20000);
        return data;
    }
    std::printf("MNIST not available (%s); using synthetic blobs\n", qPrintable(mnist.error()));
    *name = QStringLiteral("blobs");
    return DataSplit{SyntheticData::generate(SyntheticData::Pattern::Blobs, 20000, 1),
                     SyntheticData::generate(SyntheticData::Pattern::Blobs, 2000, 2)};
}

TrainConfig benchConfig(const QString &dataName)
{
    TrainConfig config;
    config.dataset = dataName;
    config.model.latent = 8;
    config.model.hidden = 512;
    const int epochs = qEnvironmentVariableIntValue("LE_BENCH_EPOCHS");
    config.epochs = epochs > 0 ? epochs : 4;
    config.batchSize = 128;
    return config;
}

/// The slider probe for four seconds with the trainer idle.
QVector<double> idleSliderLatencies(SliderProbe &probe)
{
    probe.start();
    QElapsedTimer idleClock;
    idleClock.start();
    while (idleClock.elapsed() < 4000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    probe.stop();
    return probe.takeLatencies();
}

void printLatencies(const char *what, const QVector<double> &ms)
{
    std::printf("slider -> repainted image %s (%lld moves): p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", what,
                qint64(ms.size()), percentile(ms, 0.5), percentile(ms, 0.99), percentile(ms, 1.0));
}

void printStalls(const StallProbe &stalls, const TimedApplication &app)
{
    const QVector<double> &lateness = stalls.lateness();
    std::printf("GUI stall while training (5 ms timer lateness, %lld ticks): max %.1f ms, p99 %.1f ms, p50 %.2f ms\n",
                qint64(lateness.size()), percentile(lateness, 1.0), percentile(lateness, 0.99),
                percentile(lateness, 0.5));
    std::printf("stalls over 30 ms (%lld):\n%s\n", qint64(stalls.longStalls().size()),
                qPrintable(stalls.longStalls().join(QLatin1Char('\n'))));
    std::printf("events that took over 8 ms while training (receiver(objectName) QEvent::Type), %lld:\n%s\n",
                qint64(app.slowEvents().size()), qPrintable(app.slowEvents().join(QLatin1Char('\n'))));
}

/// Draws a "7" (a bar across the top and a stroke down to the lower left), lets the panels settle, and saves a
/// picture of the window as a person would see it.
void saveScreenshot(MainWindow &window, const QString &path)
{
    DrawCanvas *canvas = window.drawPanel()->canvas();
    const int w = canvas->width(), h = canvas->height();
    QTest::mousePress(canvas, Qt::LeftButton, Qt::NoModifier, QPoint(w * 3 / 10, h / 4));
    QTest::mouseMove(canvas, QPoint(w * 7 / 10, h / 4));
    QTest::mouseMove(canvas, QPoint(w * 55 / 100, h / 2));
    QTest::mouseRelease(canvas, Qt::LeftButton, Qt::NoModifier, QPoint(w * 45 / 100, h * 8 / 10));
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < 1500)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    window.grab().save(path);
}

} // namespace

int main(int argc, char **argv)
{
    TimedApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LatentExplorerBench"));
    QString dataName;
    const DataSplit data = benchData(&dataName);

    MainWindow window(false);
    window.resize(1500, 920);
    window.show();
    // The first expose, layout and paint (~30-50 ms) happen before the run and are not counted.
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;
    QTest::qWait(200);
    window.session()->setData(data, dataName);
    const TrainConfig config = benchConfig(dataName);
    window.trainingPanel()->setConfig(config);

    StallProbe stalls(window);
    SliderProbe probe(window.sliderPanel());
    QObject::connect(window.session(), &Session::epochStats, &probe, [&](const EpochStats &stats) {
        if (stats.epoch == 0)
            probe.start(); // from the second epoch on there is a model to decode with
    });

    QSignalSpy finished(window.session(), &Session::finished);
    stalls.start();
    app.setRecording(true);
    window.startTraining();
    finished.wait(30 * 60 * 1000);
    stalls.stop();
    probe.stop();
    app.setRecording(false);
    const double trainSeconds = stalls.secondsSinceStart();
    const QVector<double> duringTraining = probe.takeLatencies();
    const QVector<double> idle = idleSliderLatencies(probe);

    std::printf("data: %s, %d train images, model %s, %d epochs in %.1f s\n", qPrintable(dataName), data.train.count(),
                qPrintable(config.model.describe()), config.epochs, trainSeconds);
    printStalls(stalls, app);
    printLatencies("while training", duringTraining);
    printLatencies("idle", idle);

    // `bench_gui --screenshot file.png` also leaves a picture of the window as a person would see it.
    const int shotArg = int(QCoreApplication::arguments().indexOf(QStringLiteral("--screenshot")));
    if (shotArg > 0 && shotArg + 1 < QCoreApplication::arguments().size())
        saveScreenshot(window, QCoreApplication::arguments().at(shotArg + 1));
    return finished.isEmpty() ? 1 : 0;
}
