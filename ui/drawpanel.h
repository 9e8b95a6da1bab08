#pragma once

#include "model/inferencemodel.h"

#include <QVector>
#include <QWidget>

class DrawCanvas;
class ImageView;
class QLabel;

/// Sketch a digit; its encoder mean goes to the latent map and the sliders.
class DrawPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DrawPanel)

public:
    explicit DrawPanel(QWidget *parent = nullptr);

    void setModel(const InferenceModel &model);
    DrawCanvas *canvas() const { return m_canvas; }
    const QVector<float> &lastEncoding() const { return m_encoding; }

public Q_SLOTS:
    /// Wipes the sketch and its encoding (the Clear button, or a run with a new model: the old μ means nothing).
    void clear();
    /// Encodes the current sketch (called when a stroke ends).
    void encode();

Q_SIGNALS:
    void encoded(const QVector<float> &mean);

private:
    InferenceModel m_model;
    DrawCanvas *m_canvas = nullptr;
    ImageView *m_preview = nullptr;
    QLabel *m_status = nullptr;
    QVector<float> m_encoding;
};
