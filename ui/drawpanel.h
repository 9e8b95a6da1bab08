#pragma once

#include "model/inferencemodel.h"

#include <QVector>
#include <QWidget>

class DrawCanvas;
class ImageView;
class QLabel;

/// Sketch a digit; its encoder mean goes to the latent map and the sliders, and a semi-supervised model's classifier
/// says what it reads.
class DrawPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DrawPanel)

public:
    explicit DrawPanel(QWidget *parent = nullptr);

    void setModel(const InferenceModel &model);
    /// What a person calls each of the semi-supervised model's classes, for its reading of the drawing; `origin` names
    /// the data they are from when it is not the data shown. A drawing on the canvas is read again in these words.
    /// `subset`: the model trained on some of its data's classes only (a few-shot base): the reading names them, as a
    /// drawn 7 read "2 (100 %)" from a model that knows 0-4.
    void setClassNames(const QStringList &names, const QString &origin = {}, bool subset = false);
    DrawCanvas *canvas() const { return m_canvas; }
    const QVector<float> &lastEncoding() const { return m_encoding; }
    /// The classifier's likeliest class for the last drawing (the model's index), or -1 (no drawing, a plain VAE).
    int likeliestClass() const { return m_likeliestClass; }

public Q_SLOTS:
    /// Wipes the sketch and its encoding (the Clear button).
    void clear();
    /// A run with a new model started: the old model's μ and reading mean nothing, but the sketch is the person's and
    /// stays, read again when the new model's first weights arrive (setModel).
    void forgetModel();
    /// Encodes the current sketch (called when a stroke ends).
    void encode();

Q_SIGNALS:
    /// A stroke was encoded: the sliders and the latent map's star go to its μ.
    void encoded(const QVector<float> &mean);
    /// The drawing was read again by a new model or a run's snapshot: its μ (empty when the model cannot encode) and
    /// the one it had before (empty when it had none).
    void reread(const QVector<float> &mean, const QVector<float> &before);

private:
    /// Encodes the 28×28 input and, for a semi-supervised model, says what the classifier reads; false without an
    /// encoding.
    bool read(const QImage &input);

    InferenceModel m_model;
    DrawCanvas *m_canvas = nullptr;
    ImageView *m_preview = nullptr;
    QLabel *m_status = nullptr;
    QVector<float> m_encoding;
    QStringList m_classNames;
    bool m_classSubset = false;
    QString m_classOrigin;
    int m_likeliestClass = -1;
};
