#include "classifierpanel.h"

#include "analysis/imagetiles.h"
#include "imageview.h"
#include "plotinclude.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QVBoxLayout>

#include <cmath>

ClassifierPanel::ClassifierPanel(QWidget *parent)
    : QWidget(parent)
{
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("confusionPlot"));
    m_plot->setMinimumHeight(160);
    m_plot->xAxis->setLabel(tr("Predicted class"));
    m_plot->yAxis->setLabel(tr("True class"));
    m_plot->yAxis->setRangeReversed(true); // the first class at the top, as a table reads
    for (QCPAxis *axis : {m_plot->xAxis, m_plot->yAxis}) {
        axis->grid()->setVisible(false);
        axis->setTicker(QSharedPointer<QCPAxisTickerText>::create());
        axis->setSubTicks(false);
        axis->setTickLength(0, 4); // outside the cells, which would hide the numbers of the edge rows
    }
    m_map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
    QCPColorGradient gradient;
    gradient.setColorStopAt(0, QColor(255, 255, 255));
    gradient.setColorStopAt(1, QColor(31, 119, 180));
    m_map->setGradient(gradient);
    m_map->setDataRange(QCPRange(0, 1));
    m_map->setInterpolate(false);

    connect(m_plot, &QCustomPlot::mousePress, this, &ClassifierPanel::cellClicked);

    m_caption = new QLabel(this);
    m_caption->setObjectName(QStringLiteral("confusionCaption"));
    m_caption->setWordWrap(true);
    m_examplesView = new ImageView(this);
    m_examplesView->setObjectName(QStringLiteral("confusionExamples"));
    // As tall as about two text lines: the matrix above keeps the panel's height.
    m_examplesView->setMinimumScale(0);
    m_examplesView->setWholeZoom(false);
    m_examplesView->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_examplesView->setFixedHeight(2 * fontMetrics().height() + 4);
    m_examplesCaption = new QLabel(this);
    m_examplesCaption->setObjectName(QStringLiteral("confusionExamplesCaption"));
    // Their row keeps its room while hidden: appearing at a click, it shrank the matrix under the pointer, and the next
    // click landed on another cell.
    for (QWidget *w : {static_cast<QWidget *>(m_examplesView), static_cast<QWidget *>(m_examplesCaption)}) {
        QSizePolicy policy = w->sizePolicy();
        policy.setRetainSizeWhenHidden(true);
        w->setSizePolicy(policy);
    }
    m_layout = new QBoxLayout(QBoxLayout::TopToBottom, this);
    m_layout->setContentsMargins(2, 2, 2, 2);
    m_layout->addWidget(m_plot, 1);
    auto *side = new QVBoxLayout;
    side->addWidget(m_caption);
    // The cell's name beside its images, so that they take one row from the matrix, not two.
    m_examplesLayout = new QBoxLayout(QBoxLayout::LeftToRight);
    m_examplesLayout->addWidget(m_examplesCaption);
    m_examplesLayout->addWidget(m_examplesView, 1);
    side->addLayout(m_examplesLayout);
    side->addStretch(0);
    m_layout->addLayout(side);
    clear();
}

void ClassifierPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    arrange();
}

void ClassifierPanel::arrange()
{
    // Docked on a 768-pixel screen the panel is about 660 × 250 px: with the caption's three lines and the examples
    // below, ten rows had 7 px each and their names overlapped. Beside the matrix, the text takes width instead.
    // By width alone, so that the choice cannot change the height it is made on.
    constexpr int kWideEnough = 560;
    const bool beside = width() >= kWideEnough && m_matrix.classes > 5;
    m_layout->setDirection(beside ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
    m_layout->setStretch(0, beside ? 2 : 1);
    m_layout->setStretch(1, beside ? 1 : 0);
    // In the narrow column beside the matrix, the images under their caption (beside it, they were 4 px tall).
    m_examplesLayout->setDirection(beside ? QBoxLayout::TopToBottom : QBoxLayout::LeftToRight);
}

void ClassifierPanel::clear(const QString &why)
{
    m_matrix = ConfusionMatrix();
    m_names.clear();
    m_examples = Dataset();
    m_predictions.clear();
    m_shownCell = {-1, -1};
    updateExamples();
    rebuildPlot();
    m_caption->setText(!why.isEmpty() ? why
                                      : tr("A semi-supervised run (Labels per class in the Training panel) shows here "
                                           "how its classifier labels the test images: rows are the true classes, "
                                           "columns the predicted ones."));
}

QString ClassifierPanel::className(int index) const
{
    return index < m_names.size() ? m_names.at(index) : QString::number(index);
}

void ClassifierPanel::setMatrix(const ConfusionMatrix &matrix, const QStringList &classNames, int epoch,
                                double classifier, double graph)
{
    if (matrix.isEmpty())
        return clear();
    m_matrix = matrix;
    m_names = classNames;
    rebuildPlot();
    const QLocale locale;
    const QString percent = locale.toString(100.0 * matrix.accuracy(), 'f', 1);
    const QString count = locale.toString(matrix.total());
    const QString scored =
        (m_validation
             ? tr("Epoch %1: %2 % of %3 validation images labelled correctly.").arg(epoch + 1).arg(percent, count)
             : m_measuredOn.isEmpty()
             ? tr("Epoch %1: %2 % of %3 test images labelled correctly.").arg(epoch + 1).arg(percent, count)
             : tr("Epoch %1: %2 % of %3 test images of %4 (the data the model trained on) labelled correctly.")
                   .arg(epoch + 1)
                   .arg(percent, count, m_measuredOn))
        + (std::isfinite(graph) ? QLatin1Char(' ')
                   + tr("(Label graph × q(y|x); q(y|x) alone %1 %, the graph alone %2 %.)")
                         .arg(locale.toString(100.0 * classifier, 'f', 1), locale.toString(100.0 * graph, 'f', 1))
                                : QString());
    QStringList mistakes;
    for (const ConfusionMatrix::Mistake &m : matrix.largestMistakes(3))
        mistakes << tr("%1 taken for %2: %3").arg(className(m.truth), className(m.predicted), locale.toString(m.count));
    const QString text =
        mistakes.isEmpty() ? scored : tr("%1 Most frequent mistakes: %2.").arg(scored, mistakes.join(tr("; ")));
    m_matrixCaption = text;
    m_caption->setText(text);
    m_examples = Dataset(); // until setExamples says these images go with this matrix
    m_predictions.clear();
    updateExamples();
}

void ClassifierPanel::setExamples(const Dataset &images, const QVector<int> &predictions)
{
    ConfusionMatrix check(m_matrix.classes);
    bool fits = m_matrix.classes > 0 && images.count() == predictions.size() && images.labels.size() == images.count();
    for (int i = 0; fits && i < predictions.size(); ++i) {
        const int truth = images.labels.at(i);
        const int predicted = predictions.at(i);
        fits = truth >= 0 && truth < check.classes && predicted >= 0 && predicted < check.classes;
        if (fits)
            check.add(truth, predicted);
    }
    if (fits && check.counts == m_matrix.counts) {
        m_examples = images;
        m_predictions = predictions;
        m_caption->setText(tr("%1 Click a cell for its images.").arg(m_matrixCaption));
    }
    updateExamples();
}

void ClassifierPanel::cellClicked(QMouseEvent *event)
{
    if (m_matrix.classes == 0 || !m_plot->axisRect()->rect().contains(event->pos()))
        return;
    const int predicted = int(std::lround(m_plot->xAxis->pixelToCoord(event->position().x())));
    const int truth = int(std::lround(m_plot->yAxis->pixelToCoord(event->position().y())));
    if (truth >= 0 && truth < m_matrix.classes && predicted >= 0 && predicted < m_matrix.classes)
        showCell(truth, predicted);
}

void ClassifierPanel::showCell(int truth, int predicted)
{
    const QPair<int, int> cell(truth, predicted);
    m_shownCell = m_shownCell == cell ? QPair<int, int>(-1, -1) : cell;
    updateExamples();
}

void ClassifierPanel::updateExamples()
{
    const auto [truth, predicted] = m_shownCell;
    QVector<QImage> images;
    int found = 0;
    if (truth >= 0 && !m_predictions.isEmpty()) {
        for (int i = 0; i < m_predictions.size(); ++i) {
            if (m_examples.labels.at(i) != truth || m_predictions.at(i) != predicted)
                continue;
            if (++found <= kMaxExamples)
                images.append(m_examples.image(i));
        }
    }
    m_shownExamples = int(images.size());
    m_plot->setCursor(m_predictions.isEmpty() ? Qt::ArrowCursor : Qt::PointingHandCursor); // the cells can be clicked
    m_examplesView->setVisible(!images.isEmpty());
    m_examplesCaption->setVisible(truth >= 0 && !m_predictions.isEmpty());
    if (!m_examplesCaption->isVisibleTo(this))
        return;
    const QString which = found == 0
        ? (truth == predicted ? tr("%1 labelled correctly: none").arg(className(truth))
                              : tr("%1 taken for %2: none").arg(className(truth), className(predicted)))
        : truth == predicted
        ? tr("%1 labelled correctly: %n image(s)", nullptr, found).arg(className(truth))
        : tr("%1 taken for %2: %n image(s)", nullptr, found).arg(className(truth), className(predicted));
    m_examplesCaption->setText(found > kMaxExamples ? tr("%1, the first %2:").arg(which).arg(kMaxExamples)
                                   : found > 0      ? which + QLatin1Char(':')
                                                    : which + QLatin1Char('.'));
    if (!images.isEmpty())
        m_examplesView->setImage(ImageTiles::grid(images, int(images.size())));
}

void ClassifierPanel::rebuildPlot()
{
    for (QCPItemText *cell : std::as_const(m_cells))
        m_plot->removeItem(cell);
    m_cells.clear();
    const int c = m_matrix.classes;
    m_plot->setVisible(c > 0);
    m_map->data()->setSize(std::max(c, 1), std::max(c, 1));
    m_map->data()->setRange(QCPRange(0, std::max(c - 1, 0)), QCPRange(0, std::max(c - 1, 0)));
    auto xTicks = m_plot->xAxis->ticker().staticCast<QCPAxisTickerText>();
    auto yTicks = m_plot->yAxis->ticker().staticCast<QCPAxisTickerText>();
    xTicks->clear();
    yTicks->clear();
    const QLocale locale;
    for (int t = 0; t < c; ++t) {
        xTicks->addTick(t, className(t));
        yTicks->addTick(t, className(t));
        const int row = m_matrix.rowTotal(t);
        for (int p = 0; p < c; ++p) {
            const double share = row > 0 ? double(m_matrix.at(t, p)) / row : 0.0;
            m_map->data()->setCell(p, t, share);
            auto *cell = new QCPItemText(m_plot);
            cell->position->setCoords(p, t);
            cell->setText(m_matrix.at(t, p) > 0 ? locale.toString(m_matrix.at(t, p)) : QString());
            cell->setColor(share > 0.5 ? Qt::white : Qt::black);
            QFont font = cell->font();
            font.setPointSizeF(font.pointSizeF() * 0.9); // ten rows fit a docked panel's height
            font.setBold(t == p);
            cell->setFont(font);
            cell->setClipToAxisRect(true);
            m_cells.append(cell);
        }
    }
    // Long names slant upwards to end at their column, so the last one stays inside the panel.
    m_plot->xAxis->setTickLabelRotation(c > 5 ? -30 : 0);
    m_plot->xAxis->setRange(-0.5, c - 0.5);
    m_plot->yAxis->setRange(-0.5, c - 0.5);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    arrange(); // the class count decides too
}

QString ClassifierPanel::cellText(int truth, int predicted) const
{
    const int index = truth * m_matrix.classes + predicted;
    return index >= 0 && index < m_cells.size() ? m_cells.at(index)->text() : QString();
}

QString ClassifierPanel::caption() const
{
    return m_caption->text();
}

bool ClassifierPanel::exportPng(const QString &path)
{
    return m_plot->savePng(path, 0, 0, /*scale=*/2.0);
}
