#include "elboplotpanel.h"
#include "epochreadout.h"
#include "plotinclude.h"

#include <QMouseEvent>
#include <QTest>
#include <QToolTip>

#include <limits>

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

EpochStats epoch(int index, double negElbo)
{
    EpochStats stats;
    stats.epoch = index;
    stats.trainNegElbo = negElbo + 2;
    stats.trainRecon = negElbo - 13;
    stats.trainKl = 15;
    stats.test.negElbo = negElbo;
    stats.test.recon = negElbo - 14.9;
    stats.test.kl = 14.9;
    stats.test.klPerDim = {7.0, 7.9, 0.0};
    stats.test.activeUnits = 2;
    return stats;
}

EpochStats semiSupervised(int index)
{
    EpochStats stats = epoch(index, 240.123);
    stats.test.accuracy = 0.7953;
    stats.test.classifierAccuracy = 0.7491;
    stats.test.graphAccuracy = 0.7826;
    stats.test.predictions = QVector<int>(100, 3);
    return stats;
}

/// A run's batches: the first eight fall from 500 to 220 nats, the rest from 160 to 120; KL 15 throughout.
void addBatches(ElboPlotPanel &panel, int epochs, int stepsPerEpoch = 60)
{
    for (int e = 0; e < epochs; ++e) {
        for (int step = 1; step <= stepsPerEpoch; ++step) {
            BatchStats stats;
            stats.epoch = e;
            stats.step = step;
            stats.stepsPerEpoch = stepsPerEpoch;
            const int i = e * stepsPerEpoch + step;
            stats.negElbo = i <= 8 ? 540.0 - 40 * i : 160.0 - 40.0 * i / (10 * stepsPerEpoch);
            stats.kl = 15;
            stats.recon = stats.negElbo - stats.kl;
            panel.addBatch(stats);
        }
        panel.addEpoch(epoch(e, 150.0 - 3 * e));
    }
}

/// Where the plot draws epoch `index`'s markers, halfway up its axes.
QPointF markerPosition(const ElboPlotPanel &panel, int index)
{
    QCustomPlot *plot = panel.plot();
    return {plot->xAxis->coordToPixel(index + 1), double(plot->axisRect()->rect().center().y())};
}

} // namespace

/// What an epoch measured, in words: the training panel's line when a run ends and the ELBO plot's hover; and the
/// plot's loss axis, which the first batches' losses do not flatten.
class TestElboPlot final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void briefNamesTheEvaluationsFigures()
    {
        QCOMPARE(EpochReadout::brief(epoch(9, 104.926), false), QStringLiteral("test −ELBO 104.93 nats"));
        QCOMPARE(EpochReadout::brief(epoch(9, 104.926), true), QStringLiteral("validation −ELBO 104.93 nats"));
        QCOMPARE(EpochReadout::brief(semiSupervised(9), false),
                 QStringLiteral("test accuracy 79.5 %, −ELBO 240.12 nats"));
        EpochStats unevaluated = epoch(0, 100);
        unevaluated.test.negElbo = kNaN;
        QVERIFY(EpochReadout::brief(unevaluated, false).isEmpty());
    }

    void detailedSplitsTheBoundIntoItsTerms()
    {
        const QString text = EpochReadout::detailed(epoch(6, 105.31), false);
        const QStringList lines = text.split(QLatin1Char('\n'));
        QCOMPARE(lines.value(0), QStringLiteral("Epoch 7"));
        QCOMPARE(lines.value(1), QStringLiteral("Test: −ELBO 105.31 = reconstruction 90.41 + KL 14.90 nats"));
        QCOMPARE(lines.value(2), QStringLiteral("Active latent dimensions: 2 of 3"));
        QCOMPARE(lines.value(3),
                 QStringLiteral("Training average: −ELBO 107.31 = reconstruction 92.31 + KL 15.00 nats"));
        QCOMPARE(lines.size(), 4); // no accuracy line for a plain VAE
        QVERIFY(EpochReadout::detailed(epoch(6, 105.31), true).contains(QStringLiteral("Validation: −ELBO 105.31")));
    }

    void detailedGivesTheClassifierAndTheGraphAlone()
    {
        const QString text = EpochReadout::detailed(semiSupervised(2), false);
        QVERIFY2(text.endsWith(QStringLiteral(
                     "Test accuracy: 79.5 % (classifier q(y|x) alone 74.9 %, label graph alone 78.3 %)")),
                 qPrintable(text));
        EpochStats withoutGraph = semiSupervised(2);
        withoutGraph.test.graphAccuracy = kNaN;
        QVERIFY(EpochReadout::detailed(withoutGraph, false).endsWith(QStringLiteral("Test accuracy: 79.5 %")));
    }

    void anAdaptedModelsHistoryLeavesOutWhatItDidNotMeasure()
    {
        // The transfer keeps no training averages (NaN): no line claims them.
        EpochStats adapted = epoch(1, 120);
        adapted.trainNegElbo = adapted.trainRecon = adapted.trainKl = kNaN;
        const QString text = EpochReadout::detailed(adapted, false);
        QVERIFY2(!text.contains(QStringLiteral("Training")) && !text.contains(QStringLiteral("nan")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Test: −ELBO 120.00")));
    }

    void hoveringAnEpochShowsItsFigures()
    {
        ElboPlotPanel panel;
        panel.resize(700, 320);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setHistory({epoch(0, 130.5), epoch(1, 112.25), epoch(2, 105.75)});
        panel.plot()->replot();

        const QPointF second = markerPosition(panel, 1);
        QVERIFY2(panel.readoutAt(second).startsWith(QStringLiteral("Epoch 2\nTest: −ELBO 112.25")),
                 qPrintable(panel.readoutAt(second)));
        QVERIFY(panel.readoutAt(second + QPointF(5, 0)).startsWith(QStringLiteral("Epoch 2\n")));
        const QPointF between = (markerPosition(panel, 1) + markerPosition(panel, 2)) / 2;
        QVERIFY(panel.readoutAt(between).isEmpty());
        // Over the legend, above the axes: nothing.
        QVERIFY(panel.readoutAt(QPointF(second.x(), panel.plot()->axisRect()->rect().top() - 5)).isEmpty());

        // A real pointer move without a button shows the tooltip; the figures are the third epoch's there.
        const QPointF third = markerPosition(panel, 2);
        QMouseEvent move(QEvent::MouseMove, third, panel.plot()->mapToGlobal(third), Qt::NoButton, Qt::NoButton,
                         Qt::NoModifier);
        QCoreApplication::sendEvent(panel.plot(), &move);
        QTRY_VERIFY2(QToolTip::text().startsWith(QStringLiteral("Epoch 3\nTest: −ELBO 105.75")),
                     qPrintable(QToolTip::text()));

        panel.clear();
        QVERIFY(panel.readoutAt(second).isEmpty());
    }

    void theFirstBatchesDoNotFlattenTheRun()
    {
        ElboPlotPanel panel;
        QVERIFY(panel.ignoresOutliers()); // the default
        addBatches(panel, 10);
        const QCPRange kept = panel.plot()->yAxis->range();
        QVERIFY2(kept.upper < 300, qPrintable(QString::number(kept.upper)));
        QVERIFY(kept.contains(150.0 - 14.9) && kept.contains(150.0)); // every epoch's markers, the first's too
        QVERIFY(kept.contains(14.9));                                 // and the KL series
        panel.setIgnoreOutliers(false);
        QVERIFY(panel.plot()->yAxis->range().contains(500.0)); // every value
        panel.setIgnoreOutliers(true);
        QCOMPARE(panel.plot()->yAxis->range(), kept);

        // In the first epoch the fall is what one watches: nothing is left out.
        panel.clear();
        addBatches(panel, 1);
        QVERIFY(panel.plot()->yAxis->range().contains(500.0));
        // On a log axis too.
        panel.clear();
        panel.setLogScale(true);
        addBatches(panel, 10);
        QVERIFY2(panel.plot()->yAxis->range().upper < 300 * 1.2,
                 qPrintable(QString::number(panel.plot()->yAxis->range().upper)));
    }

    void aFailedEpochsBatchesGoWhenTheRunContinues()
    {
        // A failed run's diverged batches (lr 1: thousands of nats before NaN) stood as a spike under the epoch the
        // next run trained again, and set the axis.
        ElboPlotPanel panel;
        addBatches(panel, 10);
        const int kept = panel.pointCount();
        const QCPRange range = panel.plot()->yAxis->range();
        for (int step = 1; step <= 3; ++step) {
            BatchStats diverged;
            diverged.epoch = 10;
            diverged.step = step;
            diverged.stepsPerEpoch = 60;
            diverged.negElbo = 15000.0 * step;
            diverged.kl = 50;
            diverged.recon = diverged.negElbo - diverged.kl;
            panel.addBatch(diverged);
        }
        panel.setIgnoreOutliers(false);
        QVERIFY(panel.plot()->yAxis->range().contains(45000.0));
        panel.setIgnoreOutliers(true);
        panel.dropBatchesAfter(10); // continued from the 10 finished epochs
        QCOMPARE(panel.pointCount(), kept);
        panel.setIgnoreOutliers(false);
        QVERIFY(!panel.plot()->yAxis->range().contains(15000.0));
        panel.setIgnoreOutliers(true);
        QCOMPARE(panel.plot()->yAxis->range(), range);
        panel.dropBatchesAfter(10); // nothing after: nothing changes
        QCOMPARE(panel.pointCount(), kept);
    }

    void aPreviousRunStandsBesideThisOne()
    {
        ElboPlotPanel panel;
        panel.resize(700, 320);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        // The previous run: four epochs; this one has two so far.
        panel.setReference({epoch(0, 131.5), epoch(1, 120.25), epoch(2, 115.5), epoch(3, 112.75)},
                           QStringLiteral("latent 8"));
        panel.setHistory({epoch(0, 140.5), epoch(1, 128.0)});
        QCOMPARE(panel.referencePointCount(), 4); // a fresh run's history does not remove it
        bool inLegend = false;
        for (int i = 0; i < panel.plot()->legend->itemCount(); ++i)
            if (auto *item = qobject_cast<QCPPlottableLegendItem *>(panel.plot()->legend->item(i)))
                inLegend = inLegend || item->plottable()->name() == QStringLiteral("Previous run (latent 8): −ELBO");
        QVERIFY(inLegend);
        QVERIFY(panel.plot()->legend->rowCount() <= 2); // still two rows: the plot keeps its height
        // The axis spans the previous run's four epochs, and its values.
        QVERIFY(panel.plot()->xAxis->range().contains(4.0));
        QVERIFY(panel.plot()->yAxis->range().contains(112.75));
        panel.plot()->replot();

        // An epoch both ran: this run's figures, then the previous run's.
        const QString second = panel.readoutAt(markerPosition(panel, 1));
        QVERIFY2(second.startsWith(QStringLiteral("Epoch 2\nTest: −ELBO 128.00")), qPrintable(second));
        QVERIFY2(second.endsWith(QStringLiteral("\nPrevious run (latent 8): −ELBO 120.25 nats")), qPrintable(second));
        // An epoch only the previous run reached.
        QCOMPARE(panel.readoutAt(markerPosition(panel, 3)),
                 QStringLiteral("Epoch 4\nPrevious run (latent 8): −ELBO 112.75 nats"));

        panel.clear();
        QCOMPARE(panel.referencePointCount(), 4);
        panel.clearReference();
        QCOMPARE(panel.referencePointCount(), 0);
        QVERIFY(panel.readoutAt(markerPosition(panel, 3)).isEmpty());
    }

    void validationRunsSayValidation()
    {
        ElboPlotPanel panel;
        panel.resize(700, 320);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setEvaluatedOnValidation(true);
        panel.setHistory({semiSupervised(0), semiSupervised(1)});
        panel.plot()->replot();
        const QString text = panel.readoutAt(markerPosition(panel, 0));
        QVERIFY2(text.contains(QStringLiteral("Validation: −ELBO 240.12")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Validation accuracy: 79.5 %")), qPrintable(text));
    }
};

QTEST_MAIN(TestElboPlot)
#include "tst_elboplot.moc"
