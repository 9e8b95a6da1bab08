#include "analysis/projectorexport.h"
#include "classifierpanel.h"
#include "drawcanvas.h"
#include "drawpanel.h"
#include "latentmappanel.h"
#include "latentsliderpanel.h"
#include "model/layertable.h"
#include "plotinclude.h"
#include "ratespinbox.h"
#include "reconstructionpanel.h"
#include "syntheticdata.h"

#include <QAction>
#include <QFrame>
#include <QLabel>
#include <QMouseEvent>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using SyntheticData::Pattern;

namespace {

/// A small MLP with fixed pseudo-random weights: enough to encode and decode, no training needed.
ModelSnapshot tinySnapshot(int latent, int classes = 0)
{
    ModelSnapshot snapshot;
    snapshot.spec.architecture = Architecture::Mlp;
    snapshot.spec.hidden = 16;
    snapshot.spec.latent = latent;
    snapshot.spec.classes = classes; // > 0: the semi-supervised model
    snapshot.weights.resize(LayerTable::parameterCount(snapshot.spec));
    for (int i = 0; i < snapshot.weights.size(); ++i)
        snapshot.weights[i] = float(std::sin(i * 0.7)) * 0.1f;
    return snapshot;
}

/// The same weights as an InferenceModel, for the panels that encode and decode on the GUI thread.
InferenceModel tinyModel(int latent)
{
    Result<InferenceModel> model = InferenceModel::create(tinySnapshot(latent));
    return model ? model.value() : InferenceModel();
}

/// A map of 32 blob images (four classes) drawn with the tiny model.
void showMap(LatentMapPanel &map, const Dataset &test, int latent = 3)
{
    map.setProjection(LatentProjection::compute(tinySnapshot(latent), test, LatentMapPanel::kMaxPoints), test);
}

QStringList legendTexts(const LatentMapPanel &map)
{
    QStringList texts;
    const QCustomPlot *plot = map.findChild<QCustomPlot *>(QStringLiteral("mapPlot"));
    for (int i = 0; i < plot->legend->itemCount(); ++i)
        if (auto *item = qobject_cast<QCPPlottableLegendItem *>(plot->legend->item(i)))
            texts << item->plottable()->name();
    return texts;
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

} // namespace

/// The explorer's panels on their own: what each draws for known input.
class TestPanels final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
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

        panel.slider(2)->setSliderDown(true);   // the user holds the middle row
        panel.setModel(model, {0.9, 0.1, 0.3}); // an epoch later, KL says 0, 2, 1
        QCOMPARE(panel.displayOrder(), QVector<int>({1, 2, 0}));
        QCOMPARE(rowPositions(panel), QVector<int>({1, 2, 0}));
        QVERIFY(panel.hasPendingOrder());

        panel.slider(2)->setSliderDown(false); // let go: the new order arrives at once
        QCOMPARE(panel.displayOrder(), QVector<int>({0, 2, 1}));
        QCOMPARE(rowPositions(panel), QVector<int>({0, 2, 1}));
        QVERIFY(!panel.hasPendingOrder());
    }

    void rowsKeepTheirOrderWhileThePointerIsOverThem()
    {
        LatentSliderPanel panel;
        const InferenceModel model = tinyModel(3);
        panel.setModel(model, {0.1, 0.5, 0.3});
        QWidget *rows = panel.findChild<QScrollArea *>()->viewport();
        rows->setAttribute(Qt::WA_UnderMouse, true); // what Qt sets when the pointer enters
        panel.setModel(model, {0.9, 0.1, 0.3});
        QCOMPARE(rowPositions(panel), QVector<int>({1, 2, 0}));

        rows->setAttribute(Qt::WA_UnderMouse, false);
        QEvent leave(QEvent::Leave);
        QCoreApplication::sendEvent(rows, &leave);
        QTRY_COMPARE(rowPositions(panel), QVector<int>({0, 2, 1}));
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

    void encodeShowsTheOriginalBesideItsDecoding()
    {
        const Dataset test = SyntheticData::generate(Pattern::Blobs, 8, 2);
        LatentSliderPanel panel;
        panel.setTestData(test);
        panel.setModel(tinyModel(3), {0.3, 0.2, 0.1});
        panel.setTestIndex(2);
        panel.encodeTestImage();
        QCOMPARE(panel.encodedOriginal(), test.image(2));
        QCOMPARE(panel.latent(), tinyModel(3).encodeMean(test.image(2)));
        panel.slider(0)->setValue(100); // the sliders leave its μ: the original goes
        QVERIFY(panel.encodedOriginal().isNull());
    }

    // --- Latent map ---

    void mapNamesClassesWhereTheDatasetDoes()
    {
        Dataset test = SyntheticData::generate(Pattern::Blobs, 32, 2);
        LatentMapPanel map;
        showMap(map, test);
        QCOMPARE(legendTexts(map), QStringList({"0", "1", "2", "3"}));

        test.classNames = QStringList({"north-west", "north-east", "south-west", "south-east"});
        showMap(map, test);
        QCOMPARE(legendTexts(map), test.classNames);
        const int label = map.projection().labels.at(0);
        QCOMPARE(
            map.pointDescription(0),
            QStringLiteral("Test image %1: %2").arg(map.projection().indices.at(0)).arg(test.classNames.at(label)));
    }

    void aSemiSupervisedMapSaysItsClassesAreMeantToMix()
    {
        const Dataset test = SyntheticData::generate(Pattern::Blobs, 32, 2);
        LatentMapPanel map;
        showMap(map, test);
        auto *caption = map.findChild<QLabel *>(QStringLiteral("mapCaption"));
        QVERIFY(caption);
        const QString style = QStringLiteral("keeps the class in y");
        QVERIFY(!map.projection().styleGivenClass);
        QVERIFY2(!caption->text().contains(style), qPrintable(caption->text()));
        map.setProjection(LatentProjection::compute(tinySnapshot(3, 4), test, LatentMapPanel::kMaxPoints), test);
        QVERIFY(map.projection().isValid());
        QVERIFY(map.projection().styleGivenClass);
        QVERIFY2(caption->text().contains(style), qPrintable(caption->text()));
    }

    void projectorExportWritesOneRowPerImage()
    {
        QTemporaryDir dir;
        QVector<QImage> images(5, QImage(28, 28, QImage::Format_Grayscale8));
        const QVector<QVector<float>> mus(5, QVector<float>({0.5f, -1.f}));
        QVERIFY(ProjectorExport::write(dir.path(), mus, {0, 1, 1, 0, 1}, {"a\tb", "c"}, images));
        QFile metadata(dir.filePath("metadata.tsv"));
        QVERIFY(metadata.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(metadata.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines, QStringList({"label\tclass", "0\ta b", "1\tc", "1\tc", "0\ta b", "1\tc"}));
        QCOMPARE(QImage(dir.filePath("sprite.png")).size(), QSize(3 * 28, 3 * 28)); // ceil(sqrt(5)) square
        QVERIFY(!ProjectorExport::write(dir.filePath("absent"), mus, {}, {}, images));
    }

    void mapExportsWhatItShowsForTheProjector()
    {
        QTemporaryDir dir;
        LatentMapPanel map;
        QVERIFY(!map.exportForProjector(dir.path(), true)); // nothing to export before the first epoch
        const auto actions = map.actions();
        QVERIFY(
            std::any_of(actions.begin(), actions.end(), [](QAction *a) { return a->text().contains("Projector"); }));
        showMap(map, SyntheticData::generate(Pattern::Blobs, 32, 2), 3);
        QVERIFY(map.exportForProjector(dir.path(), true));
        for (const QString &name : ProjectorExport::fileNames())
            QVERIFY2(QFile::exists(dir.filePath(name)), qPrintable(name));
        QFile tensors(dir.filePath("tensors.tsv"));
        QVERIFY(tensors.open(QIODevice::ReadOnly));
        const QStringList rows = QString::fromUtf8(tensors.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(rows.size(), map.pointCount());
        QCOMPARE(rows.first().split('\t').size(), 3);
    }

    void mapLegendSitsBesideTheAxes()
    {
        LatentMapPanel map;
        map.resize(600, 400);
        map.show();
        QVERIFY(QTest::qWaitForWindowExposed(&map));
        QCustomPlot *plot = map.findChild<QCustomPlot *>(QStringLiteral("mapPlot"));
        showMap(map, SyntheticData::generate(Pattern::Blobs, 32, 2));
        plot->replot();
        QVERIFY(!plot->axisRect()->rect().intersects(plot->legend->outerRect()));
        QVERIFY(plot->legend->outerRect().height() < plot->height() / 2); // four names, not a full-height box
    }

    void fashionMnistLabelsAreNamed()
    {
        Dataset test = SyntheticData::generate(Pattern::Blobs, 32, 2);
        test.name = QStringLiteral("fashion-mnist"); // its IDX files carry no names
        LatentMapPanel map;
        showMap(map, test);
        QCOMPARE(map.labelName(0), QStringLiteral("T-shirt/top"));
        QCOMPARE(map.labelName(9), QStringLiteral("Ankle boot"));
        QVERIFY(legendTexts(map).contains(QStringLiteral("Trouser")));
    }

    void classifierPanelShowsTheConfusionMatrix()
    {
        ClassifierPanel panel;
        panel.resize(500, 400);
        panel.show();
        QVERIFY(!panel.isShowingMatrix());
        QVERIFY(panel.caption().contains(QLatin1String("Labels per class"))); // says how to get one
        ConfusionMatrix m(3);
        for (int i = 0; i < 40; ++i)
            m.add(i % 3, i % 3);
        for (int i = 0; i < 7; ++i)
            m.add(1, 2); // the most frequent mistake: Trouser taken for Pullover
        m.add(2, 0);
        panel.setMatrix(m, {QStringLiteral("T-shirt/top"), QStringLiteral("Trouser"), QStringLiteral("Pullover")}, 4);
        QVERIFY(panel.isShowingMatrix());
        QCOMPARE(panel.cellText(1, 2), QStringLiteral("7"));
        QCOMPARE(panel.cellText(0, 0), QStringLiteral("14"));
        QCOMPARE(panel.cellText(0, 1), QString()); // empty cells stay blank
        const QString caption = panel.caption();
        QVERIFY2(caption.contains(QLatin1String("Epoch 5")) && caption.contains(QLatin1String("of 48 test images")),
                 qPrintable(caption));
        QVERIFY2(caption.contains(QLatin1String("Trouser taken for Pullover: 7; Pullover taken for T-shirt/top: 1")),
                 qPrintable(caption));
        QCustomPlot *plot = panel.findChild<QCustomPlot *>(QStringLiteral("confusionPlot"));
        QVERIFY(plot->isVisible());
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("confusion.png"));
        QVERIFY(panel.exportPng(png));
        QVERIFY(QImage(png).width() >= 2 * plot->width() - 2); // twice the screen's resolution
        QVERIFY(!panel.exportPng(dir.filePath(QStringLiteral("missing/folder/confusion.png"))));
        panel.setMatrix(ConfusionMatrix(3), {}, 5); // nothing scored: back to the explanation
        QVERIFY(!panel.isShowingMatrix());
        QVERIFY(!plot->isVisible());
        QCOMPARE(panel.cellText(1, 2), QString());
    }

    void markerFollowsTheSliders()
    {
        const Dataset test = SyntheticData::generate(Pattern::Blobs, 32, 2);
        LatentMapPanel map;
        LatentSliderPanel sliders;
        connect(&sliders, &LatentSliderPanel::latentChanged, &map, &LatentMapPanel::setCurrentLatent);
        sliders.setModel(tinyModel(3), {0.3, 0.2, 0.1});
        showMap(map, test); // the map arrives after the model: the marker starts at the origin
        QVERIFY(map.hasCurrentMarker());
        QCOMPARE(map.currentMarkerPosition(), map.projection().pca.project({0.0f, 0.0f, 0.0f}));

        const QVector<float> z{0.5f, -1.0f, 2.0f};
        sliders.setLatent(z);
        QVERIFY(map.hasCurrentMarker());
        QCOMPARE(map.currentMarkerPosition(), map.projection().pca.project(z));
        QVERIFY(legendTexts(map).contains(QStringLiteral("sliders")));

        sliders.slider(1)->setValue(150); // a drag moves it along
        QCOMPARE(map.currentMarkerPosition(), map.projection().pca.project({0.5f, 1.5f, 2.0f}));

        showMap(map, test); // the next epoch's map keeps it
        QVERIFY(map.hasCurrentMarker());
        map.setCurrentLatent({1.0f, 2.0f}); // another model's z: hidden, not misplaced
        QVERIFY(!map.hasCurrentMarker());
    }

    void theHoverPopupGoesWhenThePointerLeavesTheMap()
    {
        // A jump of the pointer to another tab left it standing over the manifold.
        const Dataset test = SyntheticData::generate(Pattern::Blobs, 32, 2);
        LatentMapPanel map;
        map.resize(500, 400);
        map.show();
        QVERIFY(QTest::qWaitForWindowExposed(&map));
        showMap(map, test);
        auto *plot = map.findChild<QCustomPlot *>(QStringLiteral("mapPlot"));
        plot->replot();
        const QPointF first = map.projection().points.first();
        const QPoint at(int(plot->xAxis->coordToPixel(first.x())), int(plot->yAxis->coordToPixel(first.y())));
        const auto hover = [plot, at] {
            QMouseEvent move(QEvent::MouseMove, QPointF(at), QPointF(plot->mapToGlobal(at)), Qt::NoButton, Qt::NoButton,
                             Qt::NoModifier);
            QCoreApplication::sendEvent(plot, &move);
        };
        hover();
        const auto popups = map.findChildren<QFrame *>();
        const auto shown = [&popups] {
            return std::any_of(popups.cbegin(), popups.cend(), [](const QFrame *f) {
                return f->windowFlags().testFlag(Qt::ToolTip) && f->isVisible();
            });
        };
        QTRY_VERIFY(shown());
        QEvent leave(QEvent::Leave);
        QCoreApplication::sendEvent(plot, &leave);
        QVERIFY(!shown());
        hover();
        QTRY_VERIFY(shown());
        map.hide();
        QVERIFY(!shown());
    }

    void mapEndsOnTheNewestOfSeveralRefreshes()
    {
        const Dataset test = SyntheticData::generate(Pattern::Blobs, 32, 2);
        LatentMapPanel map;
        ModelSnapshot snapshot = tinySnapshot(3);
        for (int epoch = 0; epoch < 3; ++epoch) {
            snapshot.epoch = epoch;
            map.refresh(snapshot, test);
        }
        QTRY_VERIFY(!map.isBusy());
        QCOMPARE(map.projection().epoch, 2);
        QCOMPARE(map.pointCount(), 32);
    }

    // --- A run with a new model: every panel that showed the old one can forget it ---

    void mapClearForgetsTheOldModel()
    {
        const Dataset test = SyntheticData::generate(Pattern::Blobs, 32, 2);
        LatentMapPanel map;
        showMap(map, test);
        map.showMarker({0.1f, 0.2f, 0.3f});
        QVERIFY(map.hasMarker());
        map.refresh(tinySnapshot(3), test); // an old model's projection still being computed
        map.clear();
        QCOMPARE(map.pointCount(), 0);
        QVERIFY(!map.hasMarker());
        QVERIFY(!map.isBusy());
        QSignalSpy ready(&map, &LatentMapPanel::projectionReady);
        QTest::qWait(500); // the late result is dropped, not drawn
        QCOMPARE(ready.count(), 0);
        QCOMPARE(map.pointCount(), 0);

        showMap(map, test); // the drawing's old μ does not come back with the new map
        QVERIFY(!map.hasMarker());
    }

    void reconstructionsClear()
    {
        ReconstructionPanel panel;
        panel.reconstruct(tinyModel(3), SyntheticData::generate(Pattern::Blobs, 8, 2), 0, 4);
        QCOMPARE(panel.sampleCount(), 4);
        QVERIFY(!panel.image().isNull());
        panel.clear();
        QCOMPARE(panel.sampleCount(), 0);
        QVERIFY(panel.image().isNull());
    }

    void drawingClearForgetsItsEncoding()
    {
        DrawPanel panel;
        panel.setModel(tinyModel(3));
        panel.resize(300, 200);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        DrawCanvas *canvas = panel.canvas();
        QTest::mousePress(canvas, Qt::LeftButton, {}, QPoint(canvas->width() / 3, canvas->height() / 3));
        QTest::mouseMove(canvas, QPoint(canvas->width() / 2, canvas->height() / 2));
        QTest::mouseRelease(canvas, Qt::LeftButton, {}, QPoint(canvas->width() / 2, canvas->height() / 2));
        QCOMPARE(panel.lastEncoding().size(), 3);
        panel.clear();
        QVERIFY(panel.lastEncoding().isEmpty());
    }

    void aLearningRateTakesScientificNotation()
    {
        // "1e-3" stopped at the "e" in a QDoubleSpinBox: the rate became 1 and the run ended on NaN.
        RateSpinBox box;
        box.setRange(1e-6, 1.0);
        box.setValue(0.01);
        box.show();
        QVERIFY(QTest::qWaitForWindowExposed(&box));
        const auto type = [&box](const QString &text) {
            box.selectAll();
            QTest::keyClicks(&box, text);
            QTest::keyClick(&box, Qt::Key_Return);
        };
        type(QStringLiteral("1e-3"));
        QCOMPARE(box.value(), 0.001);
        type(QStringLiteral("3e-4"));
        QCOMPARE(box.value(), 3e-4);
        QCOMPARE(box.text(), QStringLiteral("0.0003"));
        type(QStringLiteral("0.002"));
        QCOMPARE(box.value(), 0.002);
        type(QStringLiteral("2e-7")); // below the range: the last rate stays
        QCOMPARE(box.value(), 0.002);
        type(QStringLiteral("abc")); // refused key by key
        QCOMPARE(box.value(), 0.002);
    }
};

QTEST_MAIN(TestPanels)
#include "tst_panels.moc"
