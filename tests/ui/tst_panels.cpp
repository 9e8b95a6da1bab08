#include "decimatedseries.h"
#include "latentsliderpanel.h"
#include "model/layertable.h"
#include "plotinclude.h"
#include "syntheticdata.h"

#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QTest>

#include <cmath>

using SyntheticData::Pattern;

namespace {

constexpr double kTimeConstant = 0.2; // epochs, as the ELBO plot uses

/// A small MLP with fixed pseudo-random weights: enough to encode and decode, no training needed.
InferenceModel tinyModel(int latent)
{
    ModelSpec spec;
    spec.architecture = Architecture::Mlp;
    spec.hidden = 16;
    spec.latent = latent;
    QVector<float> weights(LayerTable::parameterCount(spec));
    for (int i = 0; i < weights.size(); ++i)
        weights[i] = float(std::sin(i * 0.7)) * 0.1f;
    Result<InferenceModel> model = InferenceModel::create(spec, weights);
    return model ? model.value() : InferenceModel();
}

/// Where each latent dimension's row sits in the panel's layout, top to bottom.
QVector<int> rowPositions(const LatentSliderPanel &panel)
{
    QVector<int> dims(panel.sliderCount(), -1);
    for (int d = 0; d < panel.sliderCount(); ++d) {
        QWidget *row = panel.slider(d)->parentWidget();
        dims[row->parentWidget()->layout()->indexOf(row)] = d;
    }
    return dims;
}

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

/// The explorer's panels on their own: what each draws for known input.
class TestPanels final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // --- The ELBO plot's smoothed line (DecimatedSeries) ---

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

    // --- Latent sliders ---

    void priorAndEncodeWaitForAModel()
    {
        LatentSliderPanel panel;
        auto *prior = panel.findChild<QPushButton *>(QStringLiteral("samplePriorButton"));
        auto *encode = panel.findChild<QPushButton *>(QStringLiteral("encodeButton"));
        QVERIFY(prior && encode);
        QVERIFY(!prior->isEnabled());
        QVERIFY(!encode->isEnabled());
        panel.setTestData(SyntheticData::generate(Pattern::Blobs, 8, 2));
        QVERIFY(!encode->isEnabled());
        panel.setModel(tinyModel(3), {0.1, 0.2, 0.3});
        QVERIFY(prior->isEnabled());
        QVERIFY(encode->isEnabled());
        panel.setModel(InferenceModel(), {});
        QVERIFY(!prior->isEnabled());
        QVERIFY(!encode->isEnabled());
    }

    void captionSaysRowsAreSortedByKl()
    {
        LatentSliderPanel panel;
        auto *caption = panel.findChild<QLabel *>(QStringLiteral("sliderOrderCaption"));
        QVERIFY(caption);
        QVERIFY(caption->text().contains(QStringLiteral("KL")));
    }

    void rowsKeepTheirOrderWhileASliderIsHeld()
    {
        LatentSliderPanel panel;
        const InferenceModel model = tinyModel(3);
        panel.setModel(model, {0.1, 0.5, 0.3});
        QCOMPARE(panel.displayOrder(), QVector<int>({1, 2, 0}));
        QCOMPARE(rowPositions(panel), QVector<int>({1, 2, 0}));

        panel.slider(2)->setSliderDown(true); // the user holds the middle row
        panel.setModel(model, {0.9, 0.1, 0.3}); // an epoch later, KL says 0, 2, 1
        QCOMPARE(panel.displayOrder(), QVector<int>({1, 2, 0}));
        QCOMPARE(rowPositions(panel), QVector<int>({1, 2, 0}));
        QVERIFY(panel.hasPendingOrder());

        panel.slider(2)->setSliderDown(false); // let go: the new order arrives at once
        QCOMPARE(panel.displayOrder(), QVector<int>({0, 2, 1}));
        QCOMPARE(rowPositions(panel), QVector<int>({0, 2, 1}));
        QVERIFY(!panel.hasPendingOrder());
    }

    void testIndexCanBeSetFromOutside()
    {
        LatentSliderPanel panel;
        panel.setTestData(SyntheticData::generate(Pattern::Blobs, 8, 2));
        panel.setTestIndex(5);
        QCOMPARE(panel.testIndex(), 5);
        panel.setTestIndex(99); // out of range: ignored
        QCOMPARE(panel.testIndex(), 5);
    }
};

QTEST_MAIN(TestPanels)
#include "tst_panels.moc"
