#include "interpolationpanel.h"

#include "analysis/imagetiles.h"
#include "analysis/latentmath.h"
#include "imageview.h"
#include "manifoldview.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QImageWriter>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace {

constexpr int kExportScale = 4;
// The grid covers the prior's central 90 %, spaced by its quantiles as in Kingma & Welling's figures.
constexpr double kGridMass = 0.90;

Status saveImage(const QImage &image, QString path)
{
    if (image.isNull())
        return Status::failure(QCoreApplication::translate("InterpolationPanel", "There is nothing to export yet."));
    // A name without a suffix is a PNG's (the format comes from the suffix: "interp" could not be written).
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1String(".png");
    QImageWriter writer(path);
    if (!writer.write(ImageTiles::scaledCrisp(image, kExportScale)))
        return Status::failure(QCoreApplication::translate("InterpolationPanel", "Could not write %1: %2")
                                   .arg(QDir::toNativeSeparators(path), writer.errorString()));
    return Status::success();
}

} // namespace

InterpolationPanel::InterpolationPanel(QWidget *parent)
    : QWidget(parent)
{
    // Two tabs, not two boxes one above the other: at 1366×768 the dock is about 260 px tall, and the manifold,
    // limited by that height, shrank to 66 px beside the strip; on a tab of its own it gets nearly all of it.
    auto *tabs = new QTabWidget(this);
    tabs->setDocumentMode(true);
    tabs->addTab(buildStripBox(), tr("Interpolation"));
    tabs->addTab(buildManifoldBox(), tr("Manifold"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(tabs);
    showEndLabels(); // the ends' tooltips
    setTestData({});
}

QWidget *InterpolationPanel::buildStripBox()
{
    m_from = new QSpinBox(this);
    m_to = new QSpinBox(this);
    m_to->setValue(1);
    m_steps = new QSpinBox(this);
    m_steps->setRange(2, 40);
    m_steps->setValue(10);
    // "Steps 10" showed 12 images to a new user: the count is of decoded images, the originals come on top.
    m_steps->setToolTip(tr("Images decoded along the straight line between the two ends' latent codes, both ends "
                           "included; a test image's end also shows the image itself beside the strip"));
    connect(m_steps, &QSpinBox::valueChanged, this, &InterpolationPanel::updateStrip);
    m_strip = new ImageView(this);
    m_strip->setMinimumScale(1); // one row: 28 px tall at 1×
    // Twelve images need 362 px at 1× and 724 at 2×: in the docked panel (640–700 px wide) a whole zoom stayed at 1×,
    // 28 px tall digits in an empty tab. The strip fills the width instead (1.8× there).
    m_strip->setWholeZoom(false);
    m_strip->setPlaceholder(tr("Pick two test images (or click two points on the map)."));
    auto *exportStrip = new QPushButton(tr("Export PNG…"), this);
    connect(exportStrip, &QPushButton::clicked, this, &InterpolationPanel::exportStripInteractively);

    auto *stripControls = new QHBoxLayout;
    stripControls->addWidget(new QLabel(tr("From"), this));
    stripControls->addLayout(buildEndControls(0));
    stripControls->addWidget(new QLabel(tr("to"), this));
    stripControls->addLayout(buildEndControls(1));
    stripControls->addWidget(new QLabel(tr("Decoded"), this));
    stripControls->addWidget(m_steps);
    stripControls->addStretch(1);
    stripControls->addWidget(exportStrip);
    auto *stripBox = new QWidget(this);
    auto *stripLayout = new QVBoxLayout(stripBox);
    stripLayout->setContentsMargins(4, 4, 4, 4);
    stripLayout->addLayout(stripControls);
    stripLayout->addWidget(m_strip, 1);
    stripLayout->addStretch(0);
    return stripBox;
}

QLayout *InterpolationPanel::buildEndControls(int end)
{
    QSpinBox *index = end == 0 ? m_from : m_to;
    index->setPrefix(tr("#"));
    // Typing an index means "this test image" again, whatever latent point the end held.
    connect(index, &QSpinBox::valueChanged, this, [this, end]() {
        clearLatentEnd(end);
        updateStrip();
    });
    m_endShown[end] = new QLabel(this);
    m_endShown[end]->setVisible(false);
    auto *fromSliders = new QPushButton(tr("From sliders"), this);
    fromSliders->setEnabled(false);
    m_fromSliders[end] = fromSliders;
    fromSliders->setToolTip(tr("Use the sliders' current z for this end (a map point or your drawing loads "
                               "into the sliders first)."));
    connect(fromSliders, &QPushButton::clicked, this,
            [this, end]() { setEndpointFromLatent(end, m_current, tr("sliders")); });
    auto *layout = new QHBoxLayout;
    layout->setSpacing(2);
    layout->addWidget(index);
    layout->addWidget(m_endShown[end]);
    layout->addWidget(fromSliders);
    return layout;
}

QWidget *InterpolationPanel::buildManifoldBox()
{
    m_gridSize = new QSpinBox(this);
    m_gridSize->setRange(3, 30);
    m_gridSize->setValue(12);
    connect(m_gridSize, &QSpinBox::valueChanged, this, &InterpolationPanel::updateManifold);
    m_manifold = new ManifoldView(this);
    m_manifold->setPlaceholder(tr("The manifold appears once there is a model."));
    m_manifold->setToolTip(tr("Click a cell to load its z into the sliders; the dims not shown are 0."));
    connect(m_manifold, &ManifoldView::cellClicked, this, [this](int row, int column) {
        if (const QVector<float> z = manifoldLatent(row, column); !z.isEmpty())
            Q_EMIT latentPicked(z);
    });
    auto *exportManifold = new QPushButton(tr("Export PNG…"), this);
    connect(exportManifold, &QPushButton::clicked, this, &InterpolationPanel::exportManifoldInteractively);
    // The controls stand beside the grid, not above it: the grid is limited by the dock's height, which a row of
    // controls would take (at 1366×768 the dock is about 260 px tall), while its width has room to spare.
    auto *manifoldControls = new QVBoxLayout;
    auto *grid = new QHBoxLayout;
    grid->addWidget(new QLabel(tr("Grid"), this));
    grid->addWidget(m_gridSize);
    auto *title = new QLabel(tr("Manifold over the two highest-KL dims"), this);
    title->setWordWrap(true);
    title->setMaximumWidth(exportManifold->sizeHint().width() + 20);
    manifoldControls->addWidget(title);
    m_manifoldClassLabel = new QLabel(this);
    m_manifoldClassLabel->setWordWrap(true);
    m_manifoldClassLabel->setMaximumWidth(title->maximumWidth());
    m_manifoldClassLabel->setToolTip(tr("The class the grid is decoded under: the Latent sliders panel's class."));
    m_manifoldClassLabel->hide();
    manifoldControls->addWidget(m_manifoldClassLabel);
    manifoldControls->addLayout(grid);
    manifoldControls->addWidget(exportManifold);
    manifoldControls->addStretch(1);
    auto *manifoldBox = new QWidget(this);
    auto *manifoldLayout = new QHBoxLayout(manifoldBox);
    manifoldLayout->setContentsMargins(4, 2, 4, 4);
    manifoldLayout->addWidget(m_manifold, 1);
    manifoldLayout->addLayout(manifoldControls);
    return manifoldBox;
}

void InterpolationPanel::setEndpointFromLatent(int end, const QVector<float> &z, const QString &label)
{
    if ((end != 0 && end != 1) || z.isEmpty())
        return;
    m_endLatent[end] = z;
    m_endLabel[end] = label;
    showEndLabels();
    updateStrip();
}

void InterpolationPanel::setCurrentLatent(const QVector<float> &z)
{
    m_current = z;
    for (QPushButton *button : m_fromSliders)
        button->setEnabled(!z.isEmpty());
}

void InterpolationPanel::clearLatentEnd(int end)
{
    m_endLatent[end].clear();
    m_endLabel[end].clear();
    showEndLabels();
}

void InterpolationPanel::showEndLabels()
{
    for (int end : {0, 1}) {
        const bool latent = !m_endLatent[end].isEmpty();
        m_endShown[end]->setText(tr("= %1").arg(m_endLabel[end]));
        m_endShown[end]->setVisible(latent);
        // The index stays editable (typing one picks that test image again), but greyed while it is not used; its
        // tooltip says so (a user took the grey box for a disabled one).
        QSpinBox *index = end == 0 ? m_from : m_to;
        index->setStyleSheet(latent ? QStringLiteral("color: gray") : QString());
        index->setToolTip(
            latent ? tr("Not used while this end is %1: type an index to take a test image again.").arg(m_endLabel[end])
                   : tr("A test image: its encoding is this end of the strip."));
    }
}

QString InterpolationPanel::endpointLabel(int end) const
{
    if (!m_endLatent[end].isEmpty())
        return m_endLabel[end];
    return tr("#%1").arg((end == 0 ? m_from : m_to)->value());
}

void InterpolationPanel::setModel(const InferenceModel &model, const QVector<double> &klPerDim)
{
    m_model = model;
    m_kl = klPerDim;
    m_manifoldClassLabel->setVisible(m_model.isValid() && m_model.classCount() > 0);
    updateStrip();
    // The manifold is 144 decodes; behind the map's tab (the default layout) it waits until it is shown, so each
    // epoch's end costs the GUI thread nothing for it while training (first epoch: 16 ms, bench_gui).
    if (isVisible())
        updateManifold();
    else
        m_manifoldStale = true;
}

void InterpolationPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refreshManifoldIfStale();
}

void InterpolationPanel::refreshManifoldIfStale()
{
    if (m_manifoldStale)
        updateManifold();
}

void InterpolationPanel::setTestData(const Dataset &test)
{
    m_test = test;
    const int last = qMax(0, test.count() - 1);
    m_from->setRange(0, last);
    m_to->setRange(0, last);
    // An empty set clamps both ends to #0; a strip from an image to itself shows nothing, so start from two.
    if (m_from->value() == m_to->value() && last >= 1) {
        const bool blocked = m_to->blockSignals(true);
        m_to->setValue(m_from->value() < last ? m_from->value() + 1 : last - 1);
        m_to->blockSignals(blocked);
    }
    updateStrip();
}

QPair<int, int> InterpolationPanel::endpoints() const
{
    return {m_from->value(), m_to->value()};
}

void InterpolationPanel::pushEndpoint(int testIndex)
{
    // The old end, whatever it was, becomes the start.
    const bool blocked[2] = {m_from->blockSignals(true), m_to->blockSignals(true)};
    m_from->setValue(m_to->value());
    m_endLatent[0] = m_endLatent[1];
    m_endLabel[0] = m_endLabel[1];
    clearLatentEnd(1);
    m_to->setValue(testIndex);
    m_from->blockSignals(blocked[0]);
    m_to->blockSignals(blocked[1]);
    showEndLabels();
    updateStrip();
}

QImage InterpolationPanel::stripImage() const
{
    return m_strip->image();
}

QImage InterpolationPanel::manifoldImage()
{
    refreshManifoldIfStale();
    return m_manifold->image();
}

Status InterpolationPanel::exportStrip(const QString &path) const
{
    return saveImage(stripImage(), path);
}

Status InterpolationPanel::exportManifold(const QString &path)
{
    return saveImage(manifoldImage(), path);
}

QVector<float> InterpolationPanel::endLatent(int end) const
{
    if (!m_model.isValid())
        return {};
    if (!m_endLatent[end].isEmpty())
        return m_endLatent[end].size() == m_model.latentDim() ? m_endLatent[end] : QVector<float>();
    const int index = (end == 0 ? m_from : m_to)->value();
    return index < m_test.count() ? m_model.encodeMeans(m_test, {index}) : QVector<float>();
}

QVector<float> InterpolationPanel::endLabel(int end) const
{
    const int classes = m_model.classCount();
    if (classes == 0)
        return {};
    const int index = (end == 0 ? m_from : m_to)->value();
    if (!m_endLatent[end].isEmpty() || index >= m_test.count())
        return QVector<float>(classes, 1.0f / float(classes)); // a latent end has no image to read: the uniform label
    return m_model.classProbabilities(m_test, {index});
}

void InterpolationPanel::updateStrip()
{
    const QVector<float> from = endLatent(0);
    const QVector<float> to = endLatent(1);
    if (from.isEmpty() || to.isEmpty()) {
        m_strip->setImage({});
        return;
    }
    // A test image's end shows the image itself beside the strip; a latent end has no original to show.
    QVector<QImage> tiles;
    if (m_endLatent[0].isEmpty())
        tiles.append(m_test.image(m_from->value()));
    // A semi-supervised model's points go under a label that moves with them, from the first end's q(y|x) to the
    // second's: its test-image ends then decode as its reconstructions (under the uniform label a 7 came back as a 9).
    tiles += m_model.decode(LatentMath::interpolate(from, to, m_steps->value()),
                            LatentMath::interpolate(endLabel(0), endLabel(1), m_steps->value()));
    if (m_endLatent[1].isEmpty())
        tiles.append(m_test.image(m_to->value()));
    m_strip->setImage(ImageTiles::grid(tiles, int(tiles.size()), 2));
}

QVector<float> InterpolationPanel::manifoldLatent(int row, int column) const
{
    const int n = int(m_gridValues.size());
    if (!m_model.isValid() || row < 0 || column < 0 || row >= n || column >= n)
        return {};
    QVector<float> z(m_model.latentDim(), 0.0f);
    z[m_manifoldDims.first] = m_gridValues[column];
    // Rows run top to bottom while the second dim grows upwards, as on a plot.
    if (m_manifoldDims.second >= 0)
        z[m_manifoldDims.second] = m_gridValues[n - 1 - row];
    return z;
}

void InterpolationPanel::setManifoldClass(int index, const QString &name)
{
    m_manifoldClassLabel->setText(tr("Class: %1").arg(name));
    if (index == m_manifoldClass)
        return;
    m_manifoldClass = index;
    if (m_model.classCount() == 0)
        return;
    if (isVisible())
        updateManifold();
    else
        m_manifoldStale = true;
}

void InterpolationPanel::updateManifold()
{
    m_manifoldStale = false;
    const int classes = m_model.isValid() ? m_model.classCount() : 0;
    if (!m_model.isValid()) {
        m_gridValues.clear();
        m_manifold->clear();
        return;
    }
    const int latent = m_model.latentDim();
    const QVector<int> order = LatentMath::dimsByKl(m_kl, latent);
    m_manifoldDims = {order.value(0, 0), latent > 1 ? order.value(1) : -1};
    const int n = m_gridSize->value();
    m_gridValues.resize(n);
    const double lo = (1 - kGridMass) / 2;
    for (int i = 0; i < n; ++i)
        m_gridValues[i] = float(LatentMath::normalQuantile(lo + i * kGridMass / (n - 1)));
    QVector<QVector<float>> zs;
    zs.reserve(n * n);
    for (int row = 0; row < n; ++row)
        for (int column = 0; column < n; ++column)
            zs.append(manifoldLatent(row, column));
    const QString yName = m_manifoldDims.second >= 0 ? tr("z%1 (rows)").arg(m_manifoldDims.second) : QString();
    // The semi-supervised model: every cell one style z under the chosen class (one-hot y).
    QVector<QVector<float>> ys;
    if (classes > 0) {
        QVector<float> y(classes, 0.0f);
        y[qBound(0, m_manifoldClass, classes - 1)] = 1.0f;
        ys.fill(y, zs.size());
    }
    m_manifold->setGrid(ImageTiles::grid(m_model.decode(zs, ys), n, 0), n, m_gridValues,
                        tr("z%1 (columns)").arg(m_manifoldDims.first), yName);
}

void InterpolationPanel::exportStripInteractively()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export interpolation"),
                                                      QStringLiteral("interpolation.png"), tr("PNG image (*.png)"));
    if (path.isEmpty())
        return;
    if (const Status status = exportStrip(path); !status)
        QMessageBox::warning(this, tr("Export failed"), status.error());
}

void InterpolationPanel::exportManifoldInteractively()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export manifold"), QStringLiteral("manifold.png"),
                                                      tr("PNG image (*.png)"));
    if (path.isEmpty())
        return;
    if (const Status status = exportManifold(path); !status)
        QMessageBox::warning(this, tr("Export failed"), status.error());
}
