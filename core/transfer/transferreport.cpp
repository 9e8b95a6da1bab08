#include "transfer/transferreport.h"

#include <QJsonArray>

namespace TransferStrategies {

QVector<TransferStrategy> all()
{
    return {TransferStrategy::FinetuneAll, TransferStrategy::FreezeEncoder, TransferStrategy::FreezeDecoder,
            TransferStrategy::Scratch};
}

QString name(TransferStrategy strategy)
{
    switch (strategy) {
    case TransferStrategy::FinetuneAll:
        return QStringLiteral("finetune-all");
    case TransferStrategy::FreezeEncoder:
        return QStringLiteral("freeze-encoder");
    case TransferStrategy::FreezeDecoder:
        return QStringLiteral("freeze-decoder");
    case TransferStrategy::Scratch:
        return QStringLiteral("scratch");
    }
    return {};
}

bool parse(const QString &text, TransferStrategy *out)
{
    for (TransferStrategy s : all()) {
        if (text.trimmed().compare(name(s), Qt::CaseInsensitive) == 0) {
            *out = s;
            return true;
        }
    }
    return false;
}

} // namespace TransferStrategies

namespace {

QJsonValue number(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}

QString cell(double v)
{
    return std::isfinite(v) ? QString::number(v, 'g', 6) : QString();
}

} // namespace

QJsonObject TransferReport::toJson() const
{
    QJsonArray rows;
    for (const StrategyResult &s : strategies) {
        QJsonArray curveJson;
        for (double v : s.curve)
            curveJson.append(number(v));
        rows.append(QJsonObject{
            {QStringLiteral("strategy"), TransferStrategies::name(s.strategy)},
            {QStringLiteral("target_neg_elbo_before"), number(s.targetNegElboBefore)},
            {QStringLiteral("target_neg_elbo_after"), number(s.targetNegElboAfter)},
            {QStringLiteral("source_neg_elbo_after"), number(s.sourceNegElboAfter)},
            {QStringLiteral("probe_accuracy"), number(s.probeAccuracy)},
            {QStringLiteral("finetune_accuracy"), number(s.finetuneAccuracy)},
            {QStringLiteral("target_neg_elbo_curve"), curveJson},
            {QStringLiteral("seconds"), s.seconds},
        });
    }
    QJsonArray classes;
    for (int c : sourceClasses)
        classes.append(c);
    return QJsonObject{
        {QStringLiteral("strategies"), rows},
        {QStringLiteral("scratch_classifier_accuracy"), number(scratchClassifierAccuracy)},
        {QStringLiteral("pixel_probe_accuracy"), number(pixelProbeAccuracy)},
        {QStringLiteral("source_probe_accuracy"), number(sourceProbeAccuracy)},
        {QStringLiteral("source_neg_elbo_before"), number(sourceNegElboBefore)},
        {QStringLiteral("model"), spec.describe()},
        {QStringLiteral("source_dataset"), sourceDataset},
        {QStringLiteral("source_classes"), classes},
        {QStringLiteral("target_dataset"), targetDataset},
        {QStringLiteral("classes"), classCount},
        {QStringLiteral("labels_per_class"), labelsPerClass},
        {QStringLiteral("unlabelled"), unlabelled},
        {QStringLiteral("epochs"), epochs},
        {QStringLiteral("lr"), learningRate},
        {QStringLiteral("target_test_images"), targetTestCount},
    };
}

QString TransferReport::toCsv() const
{
    QString csv = QStringLiteral("row,target_neg_elbo_before,target_neg_elbo_after,source_neg_elbo_after,"
                                 "probe_accuracy,finetune_accuracy\n");
    for (const StrategyResult &s : strategies)
        csv += QStringLiteral("%1,%2,%3,%4,%5,%6\n")
                   .arg(TransferStrategies::name(s.strategy), cell(s.targetNegElboBefore), cell(s.targetNegElboAfter),
                        cell(s.sourceNegElboAfter), cell(s.probeAccuracy), cell(s.finetuneAccuracy));
    csv += QStringLiteral("source-encoder,,,%1,%2,\n").arg(cell(sourceNegElboBefore), cell(sourceProbeAccuracy));
    csv += QStringLiteral("scratch-classifier,,,,,%1\n").arg(cell(scratchClassifierAccuracy));
    csv += QStringLiteral("pixel-probe,,,,%1,\n").arg(cell(pixelProbeAccuracy));
    return csv;
}

Checkpoint TransferReport::adaptedCheckpoint(int index, const Checkpoint &source) const
{
    Checkpoint c;
    c.config = source.config;
    c.config.dataset = targetDataset;
    c.config.classes.clear();
    c.config.learningRate = learningRate;
    c.config.epochs = epochs;
    if (index >= 0 && index < strategies.size())
        c.weights = strategies[index].weights;
    return c;
}
