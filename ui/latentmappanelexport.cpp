#include "latentmappanel.h"

#include "analysis/projectorexport.h"
#include "plotinclude.h"

#include <QDir>
#include <QFileDialog>
#include <QMessageBox>

// The map's exports: a PNG of the plot, and the points for TensorBoard's Embedding Projector.

Status LatentMapPanel::exportPng(const QString &path)
{
    return m_plot->savePng(path, 0, 0, 2.0) ? Status::success() : Status::failure(tr("Could not write %1.").arg(path));
}

void LatentMapPanel::chooseProjectorFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export for TensorBoard's Embedding Projector"));
    if (!dir.isEmpty())
        exportForProjector(dir);
}

Status LatentMapPanel::exportForProjector(const QString &dir, bool quiet)
{
    const int latent = m_projection.latentDim;
    Status status =
        pointCount() == 0 || latent <= 0 ? Status::failure(tr("The map has no points yet.")) : Status::success();
    if (status) {
        QVector<QVector<float>> mus;
        QVector<QImage> images;
        for (int i = 0; i < pointCount(); ++i) {
            mus.append(m_projection.means.mid(i * latent, latent));
            images.append(m_test.image(m_projection.indices.at(i)));
        }
        status = ProjectorExport::write(dir, mus, m_projection.labels, m_test.classNames, images);
    }
    if (!quiet && !status)
        QMessageBox::warning(this, tr("Export for Projector"), tr("Could not export: %1").arg(status.error()));
    else if (!quiet)
        QMessageBox::information(this, tr("Export for Projector"),
                                 tr("%n point(s) written to %1. Load its projector_config.pbtxt in TensorBoard's "
                                    "Embedding Projector.",
                                    nullptr, pointCount())
                                     .arg(QDir::toNativeSeparators(dir)));
    return status;
}
