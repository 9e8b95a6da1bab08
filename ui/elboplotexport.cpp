// ElboPlotPanel's exports: the plot as PNG or PDF, its values as CSV, and the dialog that asks where (the plot
// itself is in elboplotpanel.cpp).
#include "elboplotpanel.h"

#include "decimatedseries.h"
#include "plotinclude.h"
#include "util/filewrite.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QTextStream>

#include <cmath>

Status ElboPlotPanel::exportImage(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    bool ok = false;
    if (suffix == QLatin1String("pdf"))
        ok = m_plot->savePdf(path);
    else
        ok = m_plot->savePng(path, 0, 0, /*scale=*/2.0);
    return ok ? Status::success() : Status::failure(tr("Could not write %1.").arg(QDir::toNativeSeparators(path)));
}

Status ElboPlotPanel::exportCsv(const QString &path) const
{
    QString text;
    QTextStream out(&text);
    // The semi-supervised run's test accuracy (in %) as one more column; its train rows have none.
    const bool accuracy = !m_accuracy->data()->isEmpty();
    out << "kind,epoch,neg_elbo,recon,kl" << (accuracy ? ",accuracy_percent\n" : "\n");
    const DecimatedSeries &n = *m_series[NegElbo];
    const DecimatedSeries &r = *m_series[Recon];
    const DecimatedSeries &k = *m_series[Kl];
    const int rows = qMin(n.count(), qMin(r.count(), k.count()));
    for (int i = 0; i < rows; ++i)
        out << "train," << n.keys()[i] << ',' << n.values()[i] << ',' << r.values()[i] << ',' << k.values()[i]
            << (accuracy ? ",\n" : "\n");
    for (const EpochStats &stats : m_epochs) {
        const ElboSummary &test = stats.test;
        if (!std::isfinite(test.negElbo))
            continue; // not drawn either
        out << "test," << stats.epoch + 1 << ',' << test.negElbo << ',' << test.recon << ',' << test.kl;
        if (accuracy)
            out << ',' << (std::isfinite(test.accuracy) ? 100.0 * test.accuracy : qQNaN());
        out << '\n';
    }
    out.flush();
    return FileWrite::wholeOrNothing(path, text.toUtf8(), QDir::toNativeSeparators(path));
}

void ElboPlotPanel::exportInteractively()
{
    const QString png = tr("PNG image (*.png)");
    const QString pdf = tr("PDF document (*.pdf)");
    const QString csv = tr("CSV values (*.csv)");
    QString filter = png;
    QString path = QFileDialog::getSaveFileName(this, tr("Export ELBO plot"), QStringLiteral("elbo.png"),
                                                QStringList{png, pdf, csv}.join(QStringLiteral(";;")), &filter);
    if (path.isEmpty())
        return;
    QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix.isEmpty()) {
        suffix = filter == pdf ? QStringLiteral("pdf") : filter == csv ? QStringLiteral("csv") : QStringLiteral("png");
        path += QLatin1Char('.') + suffix;
    }
    const Status status = suffix == QLatin1String("csv") ? exportCsv(path) : exportImage(path);
    if (!status)
        QMessageBox::warning(this, tr("Export failed"), status.error());
}
