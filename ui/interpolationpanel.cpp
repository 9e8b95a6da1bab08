#include "interpolationpanel.h"

#include "analysis/imagetiles.h"
#include "analysis/latentmath.h"
#include "imageview.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace {

constexpr int kExportScale = 4;
// The grid covers the prior's central 90 %, spaced by its quantiles as in Kingma & Welling's figures.
constexpr double kGridMass = 0.90;

Status saveImage(const QImage &image, const QString &path)
{
    if (image.isNull())
        return Status::failure(QCoreApplication::translate("InterpolationPanel", "There is nothing to export yet."));
    if (!ImageTiles::scaledCrisp(image, kExportScale).save(path))
        return Status::failure(QCoreApplication::translate("InterpolationPanel", "Could not write %1.")
                                   .arg(QDir::toNativeSeparators(path)));
    return Status::success();
}

} // namespace

InterpolationPanel::InterpolationPanel(QWidget *parent)
    : QWidget(parent)
{
    QGroupBox *stripBox = buildStripBox();
    QGroupBox *manifoldBox = buildManifoldBox();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    // The strip is one row: it gets its size hint when there is room and the manifold takes the rest.
    layout->addWidget(stripBox, 0);
    layout->addWidget(manifoldBox, 1);
    setTestData({});
}

QGroupBox *InterpolationPanel::buildStripBox()
{
    m_from = new QSpinBox(this);
    m_to = new QSpinBox(this);
    m_to->setValue(1);
    m_steps = new QSpinBox(this);
    m_steps->setRange(2, 40);
    m_steps->setValue(10);
    m_from->setPrefix(tr("#"));
    m_to->setPrefix(tr("#"));
    for (QSpinBox *box : {m_from, m_to, m_steps})
        connect(box, &QSpinBox::valueChanged, this, &InterpolationPanel::updateStrip);
    m_strip = new ImageView(this);
    m_strip->setMinimumScale(1); // one row: 28 px tall at 1×
    // A docked panel's width rarely allows more than 2× (10 steps × 28 px); taller would only take height from the
    // manifold. Undocked and wide, the strip is still crisp at 2×.
    m_strip->setMaximumHeight(2 * 28);
    m_strip->setPlaceholder(tr("Pick two test images (or click two points on the map)."));
    auto *exportStrip = new QPushButton(tr("Export PNG…"), this);
    connect(exportStrip, &QPushButton::clicked, this, &InterpolationPanel::exportStripInteractively);

    auto *stripControls = new QHBoxLayout;
    stripControls->addWidget(new QLabel(tr("From"), this));
    stripControls->addWidget(m_from);
    stripControls->addWidget(new QLabel(tr("to"), this));
    stripControls->addWidget(m_to);
    stripControls->addWidget(new QLabel(tr("Steps"), this));
    stripControls->addWidget(m_steps);
    stripControls->addStretch(1);
    stripControls->addWidget(exportStrip);
    auto *stripBox = new QGroupBox(tr("Interpolation"), this);
    auto *stripLayout = new QVBoxLayout(stripBox);
    stripLayout->addLayout(stripControls);
    stripLayout->addWidget(m_strip, 1);
    return stripBox;
}

QGroupBox *InterpolationPanel::buildManifoldBox()
{
    m_gridSize = new QSpinBox(this);
    m_gridSize->setRange(3, 30);
    m_gridSize->setValue(12);
    connect(m_gridSize, &QSpinBox::valueChanged, this, &InterpolationPanel::updateManifold);
    m_manifold = new ImageView(this);
    m_manifold->setMinimumScale(0);
    m_manifold->setPlaceholder(tr("The manifold appears once there is a model."));
    auto *exportManifold = new QPushButton(tr("Export PNG…"), this);
    connect(exportManifold, &QPushButton::clicked, this, &InterpolationPanel::exportManifoldInteractively);
    auto *manifoldControls = new QHBoxLayout;
    manifoldControls->addWidget(new QLabel(tr("Grid"), this));
    manifoldControls->addWidget(m_gridSize);
    manifoldControls->addStretch(1);
    manifoldControls->addWidget(exportManifold);
    auto *manifoldBox = new QGroupBox(tr("Manifold over the two highest-KL dims"), this);
    auto *manifoldLayout = new QVBoxLayout(manifoldBox);
    manifoldLayout->addLayout(manifoldControls);
    manifoldLayout->addWidget(m_manifold, 1);
    return manifoldBox;
}

void InterpolationPanel::setModel(const InferenceModel &model, const QVector<double> &klPerDim)
{
    m_model = model;
    m_kl = klPerDim;
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
    const bool blocked = m_from->blockSignals(true);
    m_from->setValue(m_to->value());
    m_from->blockSignals(blocked);
    m_to->setValue(testIndex);
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

void InterpolationPanel::updateStrip()
{
    const int a = m_from->value();
    const int b = m_to->value();
    if (!m_model.isValid() || a >= m_test.count() || b >= m_test.count()) {
        m_strip->setImage({});
        return;
    }
    const QVector<float> means = m_model.encodeMeans(m_test, {a, b});
    const int latent = m_model.latentDim();
    if (means.size() != 2 * latent)
        return;
    const QVector<QVector<float>> path =
        LatentMath::interpolate(means.mid(0, latent), means.mid(latent, latent), m_steps->value());
    QVector<QImage> tiles{m_test.image(a)};
    tiles += m_model.decode(path);
    tiles.append(m_test.image(b));
    m_strip->setImage(ImageTiles::grid(tiles, int(tiles.size()), 2));
}

void InterpolationPanel::updateManifold()
{
    m_manifoldStale = false;
    if (!m_model.isValid()) {
        m_manifold->setImage({});
        return;
    }
    const int latent = m_model.latentDim();
    const QVector<int> order = LatentMath::dimsByKl(m_kl, latent);
    m_manifoldDims = {order.value(0, 0), latent > 1 ? order.value(1) : -1};
    const int n = m_gridSize->value();
    QVector<QVector<float>> zs;
    zs.reserve(n * n);
    for (int row = 0; row < n; ++row) {
        for (int col = 0; col < n; ++col) {
            QVector<float> z(latent, 0.0f);
            const double lo = (1 - kGridMass) / 2;
            const double step = kGridMass / (n - 1);
            z[m_manifoldDims.first] = float(LatentMath::normalQuantile(lo + col * step));
            // Rows run top to bottom while the second dim grows upwards, as on a plot.
            if (m_manifoldDims.second >= 0)
                z[m_manifoldDims.second] = float(LatentMath::normalQuantile(lo + (n - 1 - row) * step));
            zs.append(z);
        }
    }
    m_manifold->setImage(ImageTiles::grid(m_model.decode(zs), n, 0));
    m_manifold->setToolTip(tr("Columns vary z%1, rows vary z%2; the other dims are 0.")
                               .arg(m_manifoldDims.first)
                               .arg(m_manifoldDims.second));
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
