#include "reconstructionpanel.h"

#include "analysis/imagetiles.h"
#include "imageview.h"
#include "model/inferencemodel.h"

#include <QLabel>
#include <QVBoxLayout>

ReconstructionPanel::ReconstructionPanel(QWidget *parent)
    : QWidget(parent)
{
    m_view = new ImageView(this);
    m_caption = new QLabel(this);
    clear();
    m_caption->setAlignment(Qt::AlignCenter);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_caption);
}

void ReconstructionPanel::setSample(const ReconstructionSample &sample)
{
    const int n = int(qMin(sample.inputs.size(), sample.outputs.size()));
    if (n == 0) {
        clear();
        return;
    }
    QVector<QImage> tiles = sample.inputs.mid(0, n);
    tiles += sample.outputs.mid(0, n);
    m_view->setImage(ImageTiles::grid(tiles, n, 2));
    m_count = n;
    m_caption->setText((sample.fromValidation ? tr("Top: validation inputs · bottom: reconstructions (epoch %1)")
                                              : tr("Top: test inputs · bottom: reconstructions (epoch %1)"))
                           .arg(sample.epoch + 1));
}

void ReconstructionPanel::reconstruct(const InferenceModel &model, const Dataset &test, int epoch, int count)
{
    const int n = qMin(count, test.count());
    if (!model.isValid() || n == 0)
        return;
    QVector<int> indices;
    for (int i = 0; i < n; ++i)
        indices.append(i);
    ReconstructionSample sample;
    sample.epoch = epoch;
    for (int i = 0; i < n; ++i)
        sample.inputs.append(test.image(i));
    // As the run showed them (a semi-supervised model's under q(y|x): decoded under the uniform label, an opened
    // checkpoint's 7 came back as a 9).
    sample.outputs = model.reconstruct(test, indices);
    setSample(sample);
}

void ReconstructionPanel::clear(const QString &why)
{
    m_view->setPlaceholder(why.isEmpty() ? tr("Test images and their reconstructions appear here during training.")
                                         : why);
    m_view->setImage({});
    m_caption->clear();
    m_count = 0;
}

QImage ReconstructionPanel::image() const
{
    return m_view->image();
}
