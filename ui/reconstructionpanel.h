#pragma once

#include "data/dataset.h"
#include "training/trainstats.h"

#include <QWidget>

class ImageView;
class InferenceModel;
class QLabel;

/// A fixed set of test inputs (top row) above their reconstructions (bottom row).
class ReconstructionPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReconstructionPanel)

public:
    explicit ReconstructionPanel(QWidget *parent = nullptr);

    void setSample(const ReconstructionSample &sample);
    /// Reconstructs the first `count` test images with the GUI's model (after opening a checkpoint).
    void reconstruct(const InferenceModel &model, const Dataset &test, int epoch, int count = 8);

    int sampleCount() const { return m_count; }
    QImage image() const;

public Q_SLOTS:
    /// Back to the placeholder (a run with a new model starts: the old reconstructions would mislead).
    /// Empties the panel; `why` replaces the hint shown in its place.
    void clear(const QString &why = {});

private:
    ImageView *m_view = nullptr;
    QLabel *m_caption = nullptr;
    int m_count = 0;
};
