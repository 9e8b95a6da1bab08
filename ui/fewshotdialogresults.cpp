// FewShotDialog's results: the table of accuracies, the latent augmentations and their export (the settings and the
// run are in fewshotdialog.cpp).
#include "fewshotdialog.h"

#include "analysis/imagetiles.h"
#include "data/idxreader.h"
#include "data/imagefolderreader.h"
#include "data/labellist.h"

#include <QFileDialog>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>

#include <algorithm>
#include <cmath>

namespace {

QString accuracy(const MeanWithCi &m)
{
    if (m.count == 0)
        return QStringLiteral("–");
    return QStringLiteral("%1 ± %2 %").arg(100 * m.mean, 0, 'f', 1).arg(100 * m.ci95, 0, 'f', 1);
}

} // namespace

void FewShotDialog::onFinished(const FewShotOutcome &outcome)
{
    m_worker.stop();
    m_run->setText(tr("Run"));
    if (outcome.outcome != RunOutcome::Completed) {
        m_status->setText(outcome.message);
        return;
    }
    m_progress->setValue(1000);
    m_report = outcome.report;
    m_status->setText(
        tr("%1-way episodes on classes %2, %3 queries per class, %4 episodes per row; mean accuracy ± 95 % "
           "confidence interval (1.96·sd/√episodes). Chance is %5 %.")
            .arg(m_report.ways)
            .arg(LabelList::format(m_report.classes))
            .arg(m_report.queries)
            .arg(m_report.episodes)
            .arg(100.0 / m_report.ways, 0, 'f', 0));
    showTable();
    showAugmented();
}

void FewShotDialog::showTable()
{
    const QStringList headers{tr("shots"),
                              tr("prototypes\non μ"),
                              tr("prototypes\non pixels"),
                              tr("prototypes on\nclassifier features"),
                              tr("μ + latent\naugmentation"),
                              tr("query −ELBO\nbefore adaptation"),
                              tr("query −ELBO\nafter adaptation")};
    // What each column measures, on its header (a new user asked what "μ + latent augmentation" and the −ELBO columns
    // are; the adaptation columns show a bound, not an accuracy).
    const QStringList tips{
        tr("Labelled examples per class in each episode"),
        tr("Each query goes to the class whose support images' mean encoder μ is nearest"),
        tr("The same on the raw pixels: the baseline the VAE should beat"),
        tr("The same on the semi-supervised model's classifier features (– for a plain VAE)"),
        tr("Prototypes on μ after adding decoded-and-encoded variations of each support image (Latent augmentations)"),
        tr("The model's −ELBO on the episodes' query images before fast adaptation, in nats (lower is better)"),
        tr("The same after a few gradient steps on each episode's support images (Fast adaptation steps): a lower "
           "figure means the model adapted to the new classes; a higher one that those steps did not help")};
    m_table->clear();
    m_table->setColumnCount(headers.size());
    m_table->setHorizontalHeaderLabels(headers);
    for (int c = 0; c < headers.size(); ++c)
        m_table->horizontalHeaderItem(c)->setToolTip(tips.value(c));
    m_table->setRowCount(m_report.results.size());
    for (int r = 0; r < m_report.results.size(); ++r) {
        const FewShotResult &row = m_report.results[r];
        const QStringList cells{QString::number(row.shots),
                                accuracy(row.latent),
                                accuracy(row.pixel),
                                accuracy(row.classifier),
                                accuracy(row.augmented),
                                std::isfinite(row.queryNegElboBefore) ? QString::number(row.queryNegElboBefore, 'f', 2)
                                                                      : QStringLiteral("–"),
                                std::isfinite(row.queryNegElboAfter) ? QString::number(row.queryNegElboAfter, 'f', 2)
                                                                     : QStringLiteral("–")};
        for (int c = 0; c < cells.size(); ++c)
            m_table->setItem(r, c, new QTableWidgetItem(cells[c]));
        // The row's best accuracy in bold: which features tell these classes apart is the question asked.
        const QVector<const MeanWithCi *> accuracies{&row.latent, &row.pixel, &row.classifier, &row.augmented};
        int best = -1;
        for (int a = 0; a < accuracies.size(); ++a)
            if (accuracies[a]->count > 0 && (best < 0 || accuracies[a]->mean > accuracies[best]->mean))
                best = a;
        if (best >= 0) {
            QTableWidgetItem *item = m_table->item(r, 1 + best);
            QFont bold = item->font();
            bold.setBold(true);
            item->setFont(bold);
        }
    }
    // A column no row measured (classifier features of a model without a classifier, adaptation turned off) is
    // left out, so the figures there are fit the dialog without scrolling.
    for (int c = 1; c < m_table->columnCount(); ++c) {
        bool measured = false;
        for (int r = 0; r < m_table->rowCount(); ++r)
            measured = measured || m_table->item(r, c)->text() != QStringLiteral("–");
        m_table->setColumnHidden(c, !measured);
    }
}

void FewShotDialog::showAugmented()
{
    const Dataset &example = m_report.augmentedExample;
    QVector<QImage> images;
    for (int i = 0; i < example.count(); ++i)
        images.append(example.image(i));
    const int columns = std::max(1, m_report.augmentedExampleOriginals);
    // One column per support image, its latent augmentations below it (the runner lists them image by image).
    images = ImageTiles::followersBelow(images, columns).mid(0, 20 * columns);
    m_generated->setPixmap(images.isEmpty()
                               ? QPixmap()
                               : QPixmap::fromImage(ImageTiles::scaledCrisp(ImageTiles::grid(images, columns), 2)));
    m_exportFolder->setEnabled(!images.isEmpty());
    m_exportIdx->setEnabled(!images.isEmpty());
}

void FewShotDialog::exportImages(bool idx)
{
    Status status = Status::success();
    if (idx) {
        const QString prefix =
            QFileDialog::getSaveFileName(this, tr("Export as IDX (file name prefix)"), QStringLiteral("augmented"));
        if (prefix.isEmpty())
            return;
        status = Idx::writeDataset(m_report.augmentedExample, prefix + QStringLiteral("-images-idx3-ubyte"),
                                   prefix + QStringLiteral("-labels-idx1-ubyte"));
    } else {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Export as image folder"));
        if (dir.isEmpty())
            return;
        status = ImageFolder::write(m_report.augmentedExample, dir);
    }
    if (!status)
        QMessageBox::warning(this, tr("Export images"), status.error());
}
