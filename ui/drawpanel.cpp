#include "drawpanel.h"

#include "drawcanvas.h"
#include "imageview.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

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
    m_status = new QLabel(tr("Draw a digit with the mouse; it is encoded when you let go."), this);
    m_status->setWordWrap(true);

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
}

void DrawPanel::clear()
{
    m_canvas->clear();
    m_preview->setImage({});
    m_encoding.clear();
    m_status->setText(tr("Draw a digit with the mouse; it is encoded when you let go."));
}

void DrawPanel::encode()
{
    const QImage input = m_canvas->modelInput();
    m_preview->setImage(input);
    if (!m_model.isValid()) {
        m_status->setText(tr("Train a model or open a checkpoint to encode the drawing."));
        return;
    }
    m_encoding = m_model.encodeMean(input);
    if (m_encoding.isEmpty())
        return;
    m_status->setText(tr("Encoded: the star on the latent map, and the sliders, show its μ."));
    Q_EMIT encoded(m_encoding);
}
