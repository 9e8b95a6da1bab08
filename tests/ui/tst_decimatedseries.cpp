#include "decimatedseries.h"
#include "plotinclude.h"

#include <QTest>

#include <cmath>

namespace {

constexpr double kTimeConstant = 0.2; // epochs, as the ELBO plot uses

struct DrawnPoint
{
    double key;
    double value;
};

QVector<DrawnPoint> drawn(const QCPGraph *graph)
{
    QVector<DrawnPoint> points;
    for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it)
        points.append({it->key, it->value});
    return points;
}

} // namespace

/// The ELBO plot's smoothed line (DecimatedSeries): where it is drawn for known losses.
class TestDecimatedSeries final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void smoothedLineFollowsAStep()
    {
        QCustomPlot plot;
        DecimatedSeries series(plot.addGraph(), plot.addGraph(), 6000, kTimeConstant);
        for (int i = 0; i <= 300; ++i)
            series.add(i * 0.01, i < 100 ? 300.0 : 200.0);
        const QVector<DrawnPoint> line = drawn(plot.graph(1));
        QCOMPARE(line.size(), 301);
        double byEpochTwo = 0;
        for (const DrawnPoint &p : line) {
            QVERIFY2(p.value >= 200.0 && p.value <= 300.0, qPrintable(QString::number(p.value)));
            if (p.key <= 2.0)
                byEpochTwo = p.value;
        }
        QVERIFY2(byEpochTwo <= 202.0, qPrintable(QString::number(byEpochTwo)));
        QCOMPARE(line.first().value, 300.0); // started at the first value, not pulled toward 0
    }

    void constantIsDrawnConstantFromTheFirstPoint()
    {
        QCustomPlot plot;
        DecimatedSeries series(plot.addGraph(), plot.addGraph(), 6000, kTimeConstant);
        for (int i = 0; i < 150; ++i)
            series.add(i * 0.01, 250.0);
        for (const DrawnPoint &p : drawn(plot.graph(1)))
            QCOMPARE(p.value, 250.0);
    }

    /// The bug this replaced: a steadily falling loss was drawn a time constant's worth of fall above its points.
    void fallingLossIsDrawnOnThePoints()
    {
        QCustomPlot plot;
        DecimatedSeries series(plot.addGraph(), plot.addGraph(), 6000, kTimeConstant);
        const auto loss = [](double epoch) { return 300.0 - 100.0 * epoch; };
        for (int i = 0; i <= 200; ++i)
            series.add(i * 0.01, loss(i * 0.01));
        for (const DrawnPoint &p : drawn(plot.graph(1)))
            QVERIFY2(std::abs(p.value - loss(p.key)) < 1e-6, qPrintable(QString::number(p.key)));
    }

    /// Reports are throttled by wall-clock time: the line must not depend on how many arrive per epoch.
    void smoothingIsInEpochsNotReports()
    {
        const auto smoothedAt = [](double spacing) {
            QCustomPlot plot;
            DecimatedSeries series(plot.addGraph(), plot.addGraph(), 6000, kTimeConstant);
            for (int i = 0; i * spacing <= 1.5 + 1e-9; ++i)
                series.add(i * spacing, i * spacing < 1.0 - 1e-9 ? 300.0 : 200.0);
            return series.smoothed().last();
        };
        QVERIFY(std::abs(smoothedAt(0.002) - smoothedAt(0.05)) < 3.0);
    }

    void clearRestartsAtTheNextValue()
    {
        QCustomPlot plot;
        DecimatedSeries series(plot.addGraph(), plot.addGraph(), 6000, kTimeConstant);
        for (int i = 0; i < 50; ++i)
            series.add(i * 0.01, 500.0);
        series.clear();
        QCOMPARE(plot.graph(1)->data()->size(), 0);
        series.add(0.0, 100.0);
        series.add(0.01, 100.0);
        QCOMPARE(series.smoothed(), QVector<double>({100.0, 100.0}));
    }

    void decimationKeepsTheLineSorted()
    {
        QCustomPlot plot;
        DecimatedSeries series(plot.addGraph(), plot.addGraph(), 16, kTimeConstant);
        for (int i = 0; i < 200; ++i)
            series.add(i * 0.01, 300.0 - i);
        QVERIFY(series.stride() > 1);
        const QVector<DrawnPoint> line = drawn(plot.graph(1));
        QVERIFY(line.size() <= 17);
        for (int i = 1; i < line.size(); ++i)
            QVERIFY(line[i].key > line[i - 1].key);
    }
};

QTEST_MAIN(TestDecimatedSeries)
#include "tst_decimatedseries.moc"
