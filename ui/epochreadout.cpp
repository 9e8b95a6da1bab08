#include "epochreadout.h"

#include <QStringList>

#include <cmath>

namespace {

QString nats(double value)
{
    return QString::number(value, 'f', 2);
}

QString percent(double fraction)
{
    return QString::number(100.0 * fraction, 'f', 1);
}

} // namespace

QString EpochReadout::brief(const EpochStats &stats, bool validation)
{
    const ElboSummary &test = stats.test;
    if (!std::isfinite(test.negElbo))
        return {};
    if (std::isfinite(test.accuracy))
        return (validation ? tr("validation accuracy %1 %, −ELBO %2 nats") : tr("test accuracy %1 %, −ELBO %2 nats"))
            .arg(percent(test.accuracy), nats(test.negElbo));
    return (validation ? tr("validation −ELBO %1 nats") : tr("test −ELBO %1 nats")).arg(nats(test.negElbo));
}

QString EpochReadout::detailed(const EpochStats &stats, bool validation)
{
    QStringList lines{tr("Epoch %1").arg(stats.epoch + 1)};
    const ElboSummary &test = stats.test;
    if (std::isfinite(test.negElbo)) {
        lines << (validation ? tr("Validation: −ELBO %1 = reconstruction %2 + KL %3 nats")
                             : tr("Test: −ELBO %1 = reconstruction %2 + KL %3 nats"))
                     .arg(nats(test.negElbo), nats(test.recon), nats(test.kl));
        if (!test.klPerDim.isEmpty())
            lines << tr("Active latent dimensions: %1 of %2").arg(test.activeUnits).arg(test.klPerDim.size());
    }
    if (std::isfinite(stats.trainNegElbo))
        lines << tr("Training average: −ELBO %1 = reconstruction %2 + KL %3 nats")
                     .arg(nats(stats.trainNegElbo), nats(stats.trainRecon), nats(stats.trainKl));
    if (std::isfinite(test.accuracy)) {
        QString accuracy =
            (validation ? tr("Validation accuracy: %1 %") : tr("Test accuracy: %1 %")).arg(percent(test.accuracy));
        if (std::isfinite(test.graphAccuracy))
            accuracy += tr(" (classifier q(y|x) alone %1 %, label graph alone %2 %)")
                            .arg(percent(test.classifierAccuracy), percent(test.graphAccuracy));
        lines << accuracy;
    }
    return lines.join(QLatin1Char('\n'));
}
