#include "classifierpanel.h"

#include "plotinclude.h"

#include <QLabel>
#include <QLocale>
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

    m_caption = new QLabel(this);
    m_caption->setObjectName(QStringLiteral("confusionCaption"));
    m_caption->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_caption);
    clear();
}

void ClassifierPanel::clear()
{
    m_matrix = ConfusionMatrix();
    m_names.clear();
    rebuildPlot();
    m_caption->setText(tr("A semi-supervised run (Labels per class in the Training panel) shows here how its "
                          "classifier labels the test images: rows are the true classes, columns the predicted "
                          "ones."));
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
    const QString scored = (m_validation ? tr("Epoch %1: %2 % of %3 validation images labelled correctly.")
                                         : tr("Epoch %1: %2 % of %3 test images labelled correctly."))
                               .arg(epoch + 1)
                               .arg(locale.toString(100.0 * matrix.accuracy(), 'f', 1))
                               .arg(locale.toString(matrix.total()))
        + (std::isfinite(graph) ? QLatin1Char(' ')
                   + tr("(Label graph × q(y|x); q(y|x) alone %1 %, the graph alone %2 %.)")
                         .arg(locale.toString(100.0 * classifier, 'f', 1), locale.toString(100.0 * graph, 'f', 1))
                                : QString());
    QStringList mistakes;
    for (const ConfusionMatrix::Mistake &m : matrix.largestMistakes(3))
        mistakes << tr("%1 taken for %2: %3").arg(className(m.truth), className(m.predicted), locale.toString(m.count));
    const QString text =
        mistakes.isEmpty() ? scored : tr("%1 Most frequent mistakes: %2.").arg(scored, mistakes.join(tr("; ")));
    m_caption->setText(text);
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
