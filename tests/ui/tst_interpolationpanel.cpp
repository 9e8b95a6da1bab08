#include "analysis/imagetiles.h"
#include "analysis/latentmath.h"
#include "imageview.h"
#include "interpolationpanel.h"
#include "manifoldview.h"
#include "model/layertable.h"
#include "syntheticdata.h"

#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace {

constexpr int kLatent = 3;
constexpr int kDefaultSteps = 10;
const QVector<double> kKl{0.1, 0.5, 0.3}; // the manifold spans z1 (columns) and z2 (rows)

/// A small MLP with fixed pseudo-random weights: enough to encode and decode, no training needed. `classes` > 0: the
/// semi-supervised model over that many classes.
InferenceModel tinyModel(int classes = 0)
{
    ModelSnapshot snapshot;
    snapshot.spec.classes = classes;
    snapshot.spec.architecture = Architecture::Mlp;
    snapshot.spec.hidden = 16;
    snapshot.spec.latent = kLatent;
    snapshot.weights.resize(LayerTable::parameterCount(snapshot.spec));
    for (int i = 0; i < snapshot.weights.size(); ++i)
        snapshot.weights[i] = float(std::sin(i * 0.7)) * 0.1f;
    Result<InferenceModel> model = InferenceModel::create(snapshot);
    return model ? model.value() : InferenceModel();
}

/// The strip the panel must show between two latent points, with the test images beside test-image ends.
QImage expectedStrip(const InferenceModel &model, const QVector<float> &from, const QVector<float> &to,
                     const QImage &before = {}, const QImage &after = {})
{
    QVector<QImage> tiles;
    if (!before.isNull())
        tiles << before;
    tiles += model.decode(LatentMath::interpolate(from, to, kDefaultSteps));
    if (!after.isNull())
        tiles << after;
    return ImageTiles::grid(tiles, int(tiles.size()), 2);
}

/// Shows the panel at `size` with its manifold tab in front.
bool showManifold(InterpolationPanel &panel, QSize size)
{
    panel.resize(size);
    panel.setModel(tinyModel(), kKl);
    panel.findChild<QTabWidget *>()->setCurrentIndex(1);
    panel.show();
    return QTest::qWaitForWindowExposed(&panel);
}

QPushButton *fromSlidersButton(const InterpolationPanel &panel, int end)
{
    QList<QPushButton *> buttons;
    for (QPushButton *button : panel.findChildren<QPushButton *>())
        if (button->text() == InterpolationPanel::tr("From sliders"))
            buttons << button;
    return buttons.size() == 2 ? buttons[end] : nullptr;
}

} // namespace

class TestInterpolationPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stripDecodesBetweenTwoGivenLatents()
    {
        const InferenceModel model = tinyModel();
        InterpolationPanel panel;
        panel.setTestData(SyntheticData::generate(SyntheticData::Pattern::Blobs, 8, 2));
        panel.setModel(model, kKl);
        const QVector<float> a{-1.5f, 0.0f, 2.0f};
        const QVector<float> b{1.0f, -2.0f, 0.5f};
        panel.setEndpointFromLatent(0, a, QStringLiteral("map"));
        panel.setEndpointFromLatent(1, b, QStringLiteral("drawing"));
        QCOMPARE(panel.stripImage(), expectedStrip(model, a, b));
        QCOMPARE(panel.endpointLabel(0), QStringLiteral("map"));
        QCOMPARE(panel.endpointLabel(1), QStringLiteral("drawing"));
    }

    void fromSlidersTakesTheCurrentLatent()
    {
        const InferenceModel model = tinyModel();
        const Dataset test = SyntheticData::generate(SyntheticData::Pattern::Blobs, 8, 2);
        InterpolationPanel panel;
        panel.setTestData(test);
        panel.setModel(model, kKl);
        const QVector<float> sliders{0.5f, 1.0f, -1.0f};
        QPushButton *from = fromSlidersButton(panel, 0);
        QVERIFY(from);
        QVERIFY(!from->isEnabled()); // nothing to take before the sliders report a z
        panel.setCurrentLatent(sliders);
        QVERIFY(from->isEnabled());
        from->click();
        QCOMPARE(panel.endpointLabel(0), InterpolationPanel::tr("sliders"));
        // The other end is still test image #1: its μ, and the image itself after the strip.
        QCOMPARE(panel.endpointLabel(1), InterpolationPanel::tr("#%1").arg(1));
        QCOMPARE(panel.stripImage(), expectedStrip(model, sliders, model.encodeMeans(test, {1}), {}, test.image(1)));
        // The greyed index says why it is grey, and that typing one takes a test image again.
        QSpinBox *index = nullptr;
        for (QSpinBox *box : panel.findChildren<QSpinBox *>())
            if (box->prefix() == QLatin1String("#") && !index)
                index = box;
        QVERIFY2(index->toolTip().startsWith(QLatin1String("Not used while this end is sliders")),
                 qPrintable(index->toolTip()));
        index->setValue(3);
        QVERIFY(index->toolTip().startsWith(QLatin1String("A test image")));
    }

    void typingAnIndexReturnsToTheTestImage()
    {
        const InferenceModel model = tinyModel();
        const Dataset test = SyntheticData::generate(SyntheticData::Pattern::Blobs, 8, 2);
        InterpolationPanel panel;
        panel.setTestData(test);
        panel.setModel(model, kKl);
        panel.setEndpointFromLatent(1, {0.0f, 0.0f, 0.0f}, QStringLiteral("sliders"));
        const QList<QSpinBox *> boxes = panel.findChildren<QSpinBox *>();
        QSpinBox *to = nullptr;
        for (QSpinBox *box : boxes)
            if (box->prefix() == QLatin1String("#") && box->value() == 1)
                to = box;
        QVERIFY(to);
        to->setValue(4);
        QCOMPARE(panel.endpointLabel(1), InterpolationPanel::tr("#%1").arg(4));
        QCOMPARE(panel.stripImage(),
                 expectedStrip(model, model.encodeMeans(test, {0}), model.encodeMeans(test, {4}), test.image(0),
                               test.image(4)));
    }

    void aSemiSupervisedModelsTestImageEndsDecodeAsItsReconstructions()
    {
        // Its points go under a label moving from one end's q(y|x) to the other's (under the uniform label, an end
        // came back as another class than its reconstruction).
        const InferenceModel model = tinyModel(3);
        QVERIFY(model.isValid());
        const Dataset test = SyntheticData::generate(SyntheticData::Pattern::Bars, 6, 2);
        InterpolationPanel panel;
        panel.setTestData(test);
        panel.setModel(model, kKl);
        for (QSpinBox *box : panel.findChildren<QSpinBox *>())
            if (box->prefix() == QLatin1String("#") && box->value() == 1)
                box->setValue(4);
        const QImage strip = panel.stripImage();
        const QVector<QImage> reconstructed = model.reconstruct(test, {0, 4});
        constexpr int kGap = 2;         // the strip's
        const int pair = 2 * 28 + kGap; // two tiles and the gap between them
        QCOMPARE(strip.copy(0, 0, pair, 28), ImageTiles::grid({test.image(0), reconstructed[0]}, 2, kGap));
        QCOMPARE(strip.copy(kDefaultSteps * (28 + kGap), 0, pair, 28),
                 ImageTiles::grid({reconstructed[1], test.image(4)}, 2, kGap));
        // The uniform label gives other images in between: the strip is not the plain decode's.
        QVERIFY(strip
                != expectedStrip(model, model.encodeMeans(test, {0}), model.encodeMeans(test, {4}), test.image(0),
                                 test.image(4)));
    }

    void aSemiSupervisedModelsManifoldShowsOneClassesStyles()
    {
        // Each cell is one style z under the sliders' class (the uniform label mixed every class into one blur).
        const InferenceModel model = tinyModel(3);
        InterpolationPanel panel;
        panel.setModel(model, kKl);
        const auto grid = [&](int label) {
            constexpr int kGrid = 12; // the panel's default
            QVector<QVector<float>> zs;
            for (int row = 0; row < kGrid; ++row)
                for (int column = 0; column < kGrid; ++column)
                    zs << panel.manifoldLatent(row, column);
            QVector<float> y(3, 0.0f);
            if (label >= 0)
                y[label] = 1.0f;
            return ImageTiles::grid(
                model.decode(zs, QVector<QVector<float>>(zs.size(), label >= 0 ? y : QVector<float>())), kGrid, 0);
        };
        const QImage first = panel.manifoldImage(); // decoded here (the panel is hidden): the grid's z come with it
        QCOMPARE(first, grid(0));                   // the chooser's first class until it says otherwise
        panel.setManifoldClass(2, QStringLiteral("two"));
        QCOMPARE(panel.manifoldClass(), 2);
        QCOMPARE(panel.manifoldImage(), grid(2));
        QVERIFY(grid(2) != grid(0) && grid(2) != grid(-1));
        const auto labels = panel.findChildren<QLabel *>();
        QVERIFY(std::any_of(labels.cbegin(), labels.cend(), [](const QLabel *l) {
            return l->text() == QLatin1String("Class: two") && !l->isHidden();
        }));
        // A plain VAE has no class: no line for it.
        panel.setModel(tinyModel(), kKl);
        QVERIFY(std::none_of(labels.cbegin(), labels.cend(), [](const QLabel *l) {
            return l->text().startsWith(QLatin1String("Class:")) && !l->isHidden();
        }));
    }

    void exportsTakeANameWithoutSuffixAndSayWhyAWriteFailed()
    {
        InterpolationPanel panel;
        panel.setTestData(SyntheticData::generate(SyntheticData::Pattern::Blobs, 8, 2));
        panel.setModel(tinyModel(), kKl);
        QTemporaryDir dir;
        // "interp" could not be written (the format comes from the suffix): it is a PNG.
        QVERIFY(panel.exportStrip(dir.filePath(QStringLiteral("interp"))).ok());
        QCOMPARE(QImage(dir.filePath(QStringLiteral("interp.png"))).width(), panel.stripImage().width() * 4);
        QVERIFY(panel.exportManifold(dir.filePath(QStringLiteral("grid"))).ok());
        QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("grid.png"))));
        const Status failed = panel.exportStrip(dir.filePath(QStringLiteral("missing/strip.png")));
        QVERIFY(!failed.ok());
        QVERIFY2(failed.error().contains(QLatin1String("strip.png: ")), qPrintable(failed.error())); // and why
    }

    void aPickedTestImageShiftsALatentEndToTheStart()
    {
        const InferenceModel model = tinyModel();
        const Dataset test = SyntheticData::generate(SyntheticData::Pattern::Blobs, 8, 2);
        InterpolationPanel panel;
        panel.setTestData(test);
        panel.setModel(model, kKl);
        const QVector<float> z{1.0f, 1.0f, 1.0f};
        panel.setEndpointFromLatent(1, z, QStringLiteral("drawing"));
        panel.pushEndpoint(5);
        QCOMPARE(panel.endpointLabel(0), QStringLiteral("drawing"));
        QCOMPARE(panel.endpoints().second, 5);
        QCOMPARE(panel.stripImage(), expectedStrip(model, z, model.encodeMeans(test, {5}), {}, test.image(5)));
    }

    void clickingAManifoldCellPicksItsLatent()
    {
        InterpolationPanel panel;
        QVERIFY(showManifold(panel, QSize(520, 640)));
        QCOMPARE(panel.manifoldDims(), qMakePair(1, 2));
        ManifoldView *view = panel.manifoldView();
        const QRect grid = view->gridRect();
        QVERIFY(grid.width() >= 12 * 28 / 2);
        QSignalSpy picked(&panel, &InterpolationPanel::latentPicked);
        // The top-left cell: the lowest z1 and the highest z2, the other dim 0.
        const int cell = grid.width() / 12;
        QTest::mouseClick(view, Qt::LeftButton, {}, grid.topLeft() + QPoint(cell / 2, cell / 2));
        QCOMPARE(picked.count(), 1);
        const QVector<float> z = picked.first().first().value<QVector<float>>();
        QCOMPARE(z, panel.manifoldLatent(0, 0));
        QCOMPARE(z[0], 0.0f);
        QVERIFY(z[1] < -1.5f);
        QVERIFY(z[2] > 1.5f);
        // Row 3, column 7.
        QTest::mouseClick(view, Qt::LeftButton, {}, grid.topLeft() + QPoint(7 * cell + cell / 2, 3 * cell + cell / 2));
        QCOMPARE(picked.count(), 2);
        QCOMPARE(picked.last().first().value<QVector<float>>(), panel.manifoldLatent(3, 7));
        // Outside the grid (on the axis labels) nothing is picked.
        QTest::mouseClick(view, Qt::LeftButton, {}, QPoint(2, grid.bottom() + 4));
        QCOMPARE(picked.count(), 2);
    }

    void manifoldIsLargeEnoughInTheDefaultDock()
    {
        // The dock's size in the default layout at 1366×768: the grid was 66 px tall there before it had a tab.
        InterpolationPanel panel;
        QVERIFY(showManifold(panel, QSize(545, 260)));
        const QRect grid = panel.manifoldView()->gridRect();
        QVERIFY2(grid.height() >= 160, qPrintable(QString::number(grid.height())));
    }

    void manifoldAxesAreLabelledWithZValues()
    {
        InterpolationPanel panel;
        QVERIFY(showManifold(panel, QSize(520, 640)));
        ManifoldView *view = panel.manifoldView();
        QVERIFY(view->sizeHint().width() >= 12 * 28 && view->sizeHint().height() >= 12 * 28);
        const QRect grid = view->gridRect();
        const QImage shot = view->grab().toImage();
        const QRgb background = view->palette().color(QPalette::Window).rgb();
        auto inked = [&](const QRect &area) {
            for (int y = area.top(); y <= area.bottom(); ++y)
                for (int x = area.left(); x <= area.right(); ++x)
                    if (shot.pixel(x, y) != background)
                        return true;
            return false;
        };
        // Text beside the rows and under the columns: the tick values and the axis names.
        QVERIFY(grid.left() > 10 && inked(QRect(0, grid.top(), grid.left() - 1, grid.height())));
        QVERIFY(inked(QRect(grid.left(), grid.bottom() + 2, grid.width(), view->height() - grid.bottom() - 3)));
        QVERIFY(inked(QRect(0, 0, view->width(), grid.top() - 1))); // the rows' axis name
    }

    // --- The image view the strip, the manifold and the other panels draw with ---

    void imagePixelsStayWholeSquares()
    {
        QImage checker(2, 2, QImage::Format_Grayscale8);
        checker.setPixel(0, 0, qRgb(0, 0, 0));
        checker.setPixel(1, 0, qRgb(255, 255, 255));
        checker.setPixel(0, 1, qRgb(255, 255, 255));
        checker.setPixel(1, 1, qRgb(0, 0, 0));
        ImageView view;
        view.setImage(checker);
        view.resize(101, 105); // a 50× zoom, with a pixel or two of margin
        const QImage shot = view.grab().toImage();
        const int top = (105 - 100) / 2;
        QCOMPARE(qGray(shot.pixel(0, top)), 0);
        QCOMPARE(qGray(shot.pixel(49, top + 49)), 0);
        QCOMPARE(qGray(shot.pixel(50, top)), 255);
        QCOMPARE(qGray(shot.pixel(99, top + 49)), 255);
        QCOMPARE(qGray(shot.pixel(0, top + 50)), 255);
        QCOMPARE(qGray(shot.pixel(50, top + 50)), 0);
    }

    void aStripFillsTheWidthBetweenWholeZooms()
    {
        QImage strip(100, 10, QImage::Format_Grayscale8);
        strip.fill(Qt::white);
        ImageView view;
        view.setImage(strip);
        view.resize(180, 50); // 1.8× fits the width
        const auto whiteAt = [&view](int x) { return qGray(view.grab().toImage().pixel(x, 25)) == 255; };
        QVERIFY(!whiteAt(150)); // whole zooms only: 1×, 100 px wide, centred from x = 40
        view.setWholeZoom(false);
        QVERIFY(whiteAt(150));
        QVERIFY(whiteAt(2));
    }
};

QTEST_MAIN(TestInterpolationPanel)
#include "tst_interpolationpanel.moc"
