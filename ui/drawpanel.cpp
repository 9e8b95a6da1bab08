#include "drawpanel.h"

#include "drawcanvas.h"
#include "imageview.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <numeric>

DrawPanel::DrawPanel(QWidget *parent)
    : QWidget(parent)
{
    m_canvas = new DrawCanvas(this);
    connect(m_canvas, &DrawCanvas::strokeFinished, this, &DrawPanel::encode);
    m_preview = new ImageView(this);
    m_preview->setMinimumScale(2);
    m_preview->setToolTip(tr("What the encoder sees (28×28)"));
    m_preview->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_preview->setFixedSize(60, 60);
    auto *clearButton = new QPushButton(tr("Clear"), this);
    connect(clearButton, &QPushButton::clicked, this, &DrawPanel::clear);
    m_status =
        new QLabel(tr("Draw with the mouse (a digit, a piece of clothing…); it is encoded when you let go."), this);
    m_status->setWordWrap(true);
    // Room for the classifier's reading from the start: the text grew by a line at the first stroke, and the square
    // canvas above it shrank under the pen.
    m_status->setMinimumHeight(3 * m_status->fontMetrics().lineSpacing());
    m_status->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    auto *side = new QVBoxLayout;
    side->addWidget(m_preview);
    side->addWidget(clearButton);
    side->addStretch(1);
    auto *row = new QHBoxLayout;
    row->addWidget(m_canvas, 1);
    row->addLayout(side);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(row, 1);
    layout->addWidget(m_status);
}

void DrawPanel::setModel(const InferenceModel &model)
{
    m_model = model;
    // A drawing kept across a change of model (a checkpoint opened, an adapted model explored, the next snapshot of
    // a run) is read again: its μ and the classifier's reading belonged to the model that was there before.
    if (!m_canvas->isEmpty()) {
        const QVector<float> before = m_encoding;
        read(m_canvas->modelInput());
        Q_EMIT reread(m_encoding, before);
    }
}

void DrawPanel::setClassNames(const QStringList &names, const QString &origin, bool subset)
{
    if (names == m_classNames && origin == m_classOrigin && subset == m_classSubset)
        return;
    m_classNames = names;
    m_classOrigin = origin;
    m_classSubset = subset;
    if (!m_canvas->isEmpty() && m_model.isValid())
        read(m_canvas->modelInput());
}

void DrawPanel::clear()
{
    m_canvas->clear();
    m_preview->setImage({});
    m_encoding.clear();
    m_likeliestClass = -1;
    m_status->setText(tr("Draw with the mouse (a digit, a piece of clothing…); it is encoded when you let go."));
}

void DrawPanel::forgetModel()
{
    m_model = InferenceModel();
    m_encoding.clear();
    m_likeliestClass = -1;
    m_status->setText(m_canvas->isEmpty()
                          ? tr("Draw with the mouse (a digit, a piece of clothing…); it is encoded when you let go.")
                          : tr("A new model is training: the drawing is read again as soon as it has weights."));
}

void DrawPanel::encode()
{
    const QImage input = m_canvas->modelInput();
    m_preview->setImage(input);
    if (read(input))
        Q_EMIT encoded(m_encoding);
}

bool DrawPanel::read(const QImage &input)
{
    m_encoding.clear();
    m_likeliestClass = -1;
    if (!m_model.isValid()) {
        m_status->setText(tr("Train a model or open a checkpoint to encode the drawing."));
        return false;
    }
    m_encoding = m_model.encodeMean(input);
    if (m_encoding.isEmpty())
        return false;
    QString text = tr("Encoded: the star on the latent map, and the sliders, show its μ.");
    if (m_model.classCount() > 1) {
        // The classifier q(y|x) on the same 28×28 image: its two likeliest classes.
        Dataset drawing;
        drawing.pixels = imageToPixels(input);
        const QVector<float> p = m_model.classProbabilities(drawing);
        if (p.size() == m_model.classCount()) {
            QVector<int> order(p.size());
            std::iota(order.begin(), order.end(), 0);
            std::partial_sort(order.begin(), order.begin() + 2, order.end(),
                              [&p](int a, int b) { return p[a] > p[b]; });
            m_likeliestClass = order[0];
            const auto name = [this](int c) { return c < m_classNames.size() ? m_classNames[c] : QString::number(c); };
            // A no-break space: the caption wraps, and "(2" at a line's end with "%)" on the next read as a typo.
            const auto percent = [&p](int c) { return QStringLiteral("%1\u00a0%").arg(100.0 * p[c], 0, 'f', 0); };
            QString reading;
            if (!m_classOrigin.isEmpty())
                reading = tr("The classifier, which knows %1's classes, reads it as %2 (%3), then %4 (%5).")
                              .arg(m_classOrigin, name(order[0]), percent(order[0]), name(order[1]), percent(order[1]));
            else if (m_classSubset)
                reading = tr("The classifier, which knows only %1, reads it as %2 (%3), then %4 (%5).")
                              .arg(m_classNames.join(QStringLiteral(", ")), name(order[0]), percent(order[0]),
                                   name(order[1]), percent(order[1]));
            else
                reading = tr("The classifier reads it as %1 (%2), then %3 (%4).")
                              .arg(name(order[0]), percent(order[0]), name(order[1]), percent(order[1]));
            text += QLatin1Char(' ') + reading;
        }
    }
    m_status->setText(text);
    return true;
}
