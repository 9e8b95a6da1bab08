#include "latentsliderpanel.h"

#include "analysis/latentmath.h"
#include "classanalogyrow.h"
#include "imageview.h"

#include <QComboBox>
#include <QEvent>
#include <QGraphicsOpacityEffect>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace {

constexpr double kDimmedOpacity = 0.4;

QString valueText(float v)
{
    return QString::asprintf("%+.2f", double(v));
}

} // namespace

LatentSliderPanel::LatentSliderPanel(QWidget *parent)
    : QWidget(parent)
{
    m_view = new ImageView(this);
    m_view->setMinimumScale(4);
    m_view->setPlaceholder(tr("Train or open a checkpoint to decode latent points."));
    // Encode shows the test image beside its decoding, until the sliders move away from its μ.
    m_original = new ImageView(this);
    m_original->setObjectName(QStringLiteral("encodedOriginal"));
    m_original->setMinimumScale(2);
    m_original->hide();
    auto *images = new QHBoxLayout;
    images->addWidget(m_original, 1);
    images->addWidget(m_view, 2);

    auto *caption = new QLabel(tr("Rows sorted by KL, most informative first; the order holds while the pointer "
                                  "is over them."),
                               this);
    caption->setObjectName(QStringLiteral("sliderOrderCaption"));
    caption->setWordWrap(true);

    m_rowsHost = new QWidget;
    m_rowsLayout = new QVBoxLayout(m_rowsHost);
    m_rowsLayout->setContentsMargins(2, 2, 2, 2);
    m_rowsLayout->setSpacing(1);
    m_rowsLayout->addStretch(1);
    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setWidget(m_rowsHost);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->viewport()->installEventFilter(this);

    m_decodeTimer = new QTimer(this);
    m_decodeTimer->setSingleShot(true);
    m_decodeTimer->setInterval(0);
    connect(m_decodeTimer, &QTimer::timeout, this, &LatentSliderPanel::decodeNow);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(images, 2);
    layout->addWidget(buildClassBox());
    layout->addLayout(buildButtons());
    layout->addWidget(caption);
    layout->addWidget(m_scroll, 3);
    updateButtons();
}

QLayout *LatentSliderPanel::buildButtons()
{
    m_prior = new QPushButton(tr("Sample prior"), this);
    m_prior->setObjectName(QStringLiteral("samplePriorButton"));
    m_prior->setToolTip(tr("Draw z from the standard normal prior"));
    connect(m_prior, &QPushButton::clicked, this, &LatentSliderPanel::sampleFromPrior);
    m_reset = new QPushButton(tr("Reset"), this);
    m_reset->setToolTip(tr("Set every latent dimension to 0"));
    connect(m_reset, &QPushButton::clicked, this, &LatentSliderPanel::reset);
    m_testIndex = new QSpinBox(this);
    m_testIndex->setRange(0, 0);
    m_testIndex->setPrefix(tr("#"));
    m_testIndex->setToolTip(tr("Index of a test image"));
    m_encode = new QPushButton(tr("Encode"), this);
    m_encode->setObjectName(QStringLiteral("encodeButton"));
    m_encode->setToolTip(tr("Move the sliders to μ of the chosen test image"));
    connect(m_encode, &QPushButton::clicked, this, &LatentSliderPanel::encodeTestImage);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_prior);
    buttons->addWidget(m_reset);
    buttons->addStretch(1);
    buttons->addWidget(m_testIndex);
    buttons->addWidget(m_encode);
    return buttons;
}

void LatentSliderPanel::setModel(const InferenceModel &model, const QVector<double> &klPerDim)
{
    m_model = model;
    m_kl = klPerDim;
    const int dim = model.isValid() ? model.latentDim() : 0;
    const bool resized = dim != m_rows.size();
    if (resized) {
        m_z = QVector<float>(dim, 0.0f);
        m_activity.clear();
        m_original->hide();
        rebuildRows(dim);
    }
    updateRows();
    updateButtons();
    updateClassChoices();
    scheduleDecode();
    if (resized)
        Q_EMIT latentChanged(m_z); // a new latent space: the point is now its origin (the map's marker follows)
}

void LatentSliderPanel::setActivity(const QVector<double> &muVariance)
{
    m_activity = muVariance;
    updateRows();
}

void LatentSliderPanel::setTestData(const Dataset &test)
{
    m_test = test;
    m_testIndex->setRange(0, qMax(0, test.count() - 1));
    updateButtons();
}

int LatentSliderPanel::testIndex() const
{
    return m_testIndex->value();
}

void LatentSliderPanel::setTestIndex(int index)
{
    if (index >= 0 && index < m_test.count())
        m_testIndex->setValue(index);
}

void LatentSliderPanel::setLatent(const QVector<float> &z)
{
    if (z.size() != m_rows.size())
        return;
    m_z = z;
    m_original->hide();
    for (int d = 0; d < m_rows.size(); ++d) {
        const Row &row = m_rows[d];
        const bool blocked = row.slider->blockSignals(true);
        row.slider->setValue(qRound(double(z[d]) * kTicksPerUnit));
        row.slider->blockSignals(blocked);
        row.value->setText(valueText(z[d]));
    }
    scheduleDecode();
    Q_EMIT latentChanged(m_z);
}

QImage LatentSliderPanel::image() const
{
    return m_view->image();
}

QImage LatentSliderPanel::encodedOriginal() const
{
    return m_original->isHidden() ? QImage() : m_original->image();
}

QSlider *LatentSliderPanel::slider(int dim) const
{
    return dim >= 0 && dim < m_rows.size() ? m_rows[dim].slider : nullptr;
}

bool LatentSliderPanel::isDimmed(int dim) const
{
    return !LatentMath::isActive(m_activity, dim);
}

void LatentSliderPanel::sampleFromPrior()
{
    setLatent(LatentMath::samplePrior(int(m_rows.size()), m_rng));
}

void LatentSliderPanel::reset()
{
    setLatent(QVector<float>(m_rows.size(), 0.0f));
}

void LatentSliderPanel::encodeTestImage()
{
    const int index = m_testIndex->value();
    if (!m_model.isValid() || index >= m_test.count())
        return;
    const QImage original = m_test.image(index);
    if (const int classes = m_model.classCount(); classes > 0) {
        // The classifier's guess: the decoding then shows the image as the model reads it.
        const QVector<float> p = m_model.classProbabilities(m_test, {index});
        if (p.size() == classes)
            setCurrentClass(int(std::max_element(p.begin(), p.end()) - p.begin()));
    }
    setLatent(m_model.encodeMean(original));
    m_original->setImage(original);
    m_original->setToolTip(
        tr("Test image #%1, encoded: the sliders show its μ, the image beside it their decoding").arg(index));
    m_original->show();
}

void LatentSliderPanel::rebuildRows(int latentDim)
{
    for (const Row &row : std::as_const(m_rows))
        delete row.widget;
    m_rows.clear();
    for (int d = 0; d < latentDim; ++d) {
        Row row;
        row.widget = new QWidget(m_rowsHost);
        row.name = new QLabel(tr("z%1").arg(d), row.widget);
        row.name->setMinimumWidth(row.name->fontMetrics().horizontalAdvance(QStringLiteral("z000 ")));
        row.slider = new QSlider(Qt::Horizontal, row.widget);
        row.slider->setRange(-int(kRange * kTicksPerUnit), int(kRange * kTicksPerUnit));
        row.slider->setPageStep(kTicksPerUnit / 2);
        row.value = new QLabel(valueText(0), row.widget);
        row.value->setMinimumWidth(row.value->fontMetrics().horizontalAdvance(QStringLiteral("+0.00 ")));
        row.value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        auto *layout = new QHBoxLayout(row.widget);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(row.name);
        layout->addWidget(row.slider, 1);
        layout->addWidget(row.value);
        connect(row.slider, &QSlider::valueChanged, this, [this, d](int ticks) { onSliderMoved(d, ticks); });
        connect(row.slider, &QSlider::sliderReleased, this, &LatentSliderPanel::applyPendingOrder);
        m_rows.append(row);
    }
    m_order.clear();
    m_pendingOrder.clear();
}

void LatentSliderPanel::updateRows()
{
    const QVector<int> order = LatentMath::dimsByKl(m_kl, int(m_rows.size()));
    if (order == m_order) {
        m_pendingOrder.clear();
    } else if (!m_order.isEmpty() && orderIsHeld()) { // new rows are placed at once: they are in no layout yet
        m_pendingOrder = order;                       // applied when the slider is released or the pointer leaves
    } else {
        applyOrder(order);
    }
    updateRowStyles();
}

bool LatentSliderPanel::orderIsHeld() const
{
    const bool sliderHeld =
        std::any_of(m_rows.begin(), m_rows.end(), [](const Row &r) { return r.slider->isSliderDown(); });
    return sliderHeld || m_scroll->viewport()->underMouse();
}

void LatentSliderPanel::applyOrder(const QVector<int> &order)
{
    m_order = order; // `order` may be m_pendingOrder itself: copied before that is cleared
    m_pendingOrder.clear();
    for (int position = 0; position < m_order.size(); ++position) {
        QWidget *widget = m_rows[m_order[position]].widget;
        m_rowsLayout->removeWidget(widget);
        m_rowsLayout->insertWidget(position, widget);
    }
}

void LatentSliderPanel::applyPendingOrder()
{
    if (!m_pendingOrder.isEmpty() && m_pendingOrder.size() == m_rows.size() && !orderIsHeld())
        applyOrder(m_pendingOrder);
}

bool LatentSliderPanel::eventFilter(QObject *watched, QEvent *event)
{
    // Leave is delivered before Qt clears the under-mouse flag, so the order is applied one turn later.
    if (watched == m_scroll->viewport() && event->type() == QEvent::Leave)
        QTimer::singleShot(0, this, &LatentSliderPanel::applyPendingOrder);
    return QWidget::eventFilter(watched, event);
}

void LatentSliderPanel::updateRowStyles()
{
    for (int d = 0; d < m_rows.size(); ++d) {
        const Row &row = m_rows[d];
        const bool active = LatentMath::isActive(m_activity, d);
        const QString kl = d < m_kl.size() ? QString::number(m_kl[d], 'f', 2) : QStringLiteral("–");
        row.widget->setToolTip(
            active ? tr("z%1: KL %2 nats").arg(d).arg(kl)
                   : tr("z%1: KL %2 nats, inactive (μ barely varies over the test set)").arg(d).arg(kl));
        auto *effect = qobject_cast<QGraphicsOpacityEffect *>(row.widget->graphicsEffect());
        if (active && effect) {
            row.widget->setGraphicsEffect(nullptr);
        } else if (!active && !effect) {
            effect = new QGraphicsOpacityEffect(row.widget);
            effect->setOpacity(kDimmedOpacity);
            row.widget->setGraphicsEffect(effect);
        }
    }
}

void LatentSliderPanel::updateButtons()
{
    // Without a model there is nothing to decode into or encode with.
    const bool haveModel = m_model.isValid();
    m_prior->setEnabled(haveModel);
    m_reset->setEnabled(haveModel);
    m_encode->setEnabled(haveModel && m_test.count() > 0);
    m_testIndex->setEnabled(m_test.count() > 0);
}

void LatentSliderPanel::onSliderMoved(int dim, int ticks)
{
    m_z[dim] = float(ticks) / kTicksPerUnit;
    m_original->hide();
    m_rows[dim].value->setText(valueText(m_z[dim]));
    scheduleDecode();
    Q_EMIT latentChanged(m_z);
}

void LatentSliderPanel::scheduleDecode()
{
    // Several value changes in one event-loop turn (a fast drag, setLatent) cost a single decode.
    if (!m_decodeTimer->isActive())
        m_decodeTimer->start();
}

void LatentSliderPanel::decodeNow()
{
    if (!m_model.isValid() || m_z.size() != m_model.latentDim()) {
        m_view->setImage({});
        m_analogies->setImages({});
        return;
    }
    if (m_model.classCount() > 0) {
        // One batch gives the whole row; the chosen class's image is the large one.
        const QVector<QImage> row = m_model.decodeUnderEveryClass(m_z);
        m_analogies->setImages(row);
        m_view->setImage(row.value(currentClass()));
        return;
    }
    m_view->setImage(m_model.decode(m_z));
}
