#include "runrecord.h"

#include "epochreadout.h"
#include "runhistorypanel.h"

#include <QJsonArray>

#include <cmath>
#include <limits>

namespace {

QJsonValue number(double value)
{
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue(); // JSON has no NaN
}

double numberOf(const QJsonValue &value)
{
    return value.isDouble() ? value.toDouble() : std::numeric_limits<double>::quiet_NaN();
}

} // namespace

RunRecord RunRecord::of(const Checkpoint &checkpoint, RunOutcome outcome, double seconds, const QString &autosave)
{
    const TrainConfig &config = checkpoint.config;
    const EpochStats &last = checkpoint.history.last();
    RunRecord r;
    r.finished = QDateTime::currentDateTime();
    r.dataset = config.dataset;
    r.classes = config.classes;
    r.architecture = toString(config.model.architecture);
    r.hidden = config.model.hidden;
    r.latent = config.model.latent;
    r.beta = config.beta;
    r.labelsPerClass = config.isSemiSupervised() ? config.labelsPerClass : 0;
    r.epochs = checkpoint.epochsDone();
    r.stopped = outcome == RunOutcome::Stopped;
    r.validation = config.validation > 0;
    r.negElbo = last.test.negElbo;
    r.recon = last.test.recon;
    r.kl = last.test.kl;
    r.accuracy = last.test.accuracy;
    r.seconds = seconds;
    r.checkpoint = autosave;
    r.details = EpochReadout::detailed(last, r.validation) + QStringLiteral("\n\n")
        + RunHistoryPanel::tr("%1; learning rate %2, batch %3, seed %4")
              .arg(config.model.describe())
              .arg(config.learningRate)
              .arg(config.batchSize)
              .arg(config.seed);
    return r;
}

QJsonObject RunRecord::toJson() const
{
    QJsonArray labels;
    for (int k : classes)
        labels.append(k);
    return {{QStringLiteral("finished"), finished.toString(Qt::ISODate)},
            {QStringLiteral("dataset"), dataset},
            {QStringLiteral("classes"), labels},
            {QStringLiteral("architecture"), architecture},
            {QStringLiteral("hidden"), hidden},
            {QStringLiteral("latent"), latent},
            {QStringLiteral("beta"), beta},
            {QStringLiteral("labels_per_class"), labelsPerClass},
            {QStringLiteral("epochs"), epochs},
            {QStringLiteral("first_epoch"), firstEpoch},
            {QStringLiteral("stopped"), stopped},
            {QStringLiteral("validation"), validation},
            {QStringLiteral("neg_elbo"), number(negElbo)},
            {QStringLiteral("recon"), number(recon)},
            {QStringLiteral("kl"), number(kl)},
            {QStringLiteral("accuracy"), number(accuracy)},
            {QStringLiteral("seconds"), seconds},
            {QStringLiteral("details"), details},
            {QStringLiteral("checkpoint"), checkpoint}};
}

RunRecord RunRecord::fromJson(const QJsonObject &json)
{
    RunRecord r;
    r.finished = QDateTime::fromString(json.value(QStringLiteral("finished")).toString(), Qt::ISODate);
    r.dataset = json.value(QStringLiteral("dataset")).toString();
    for (const QJsonValue &k : json.value(QStringLiteral("classes")).toArray())
        r.classes.append(k.toInt());
    r.architecture = json.value(QStringLiteral("architecture")).toString();
    r.hidden = json.value(QStringLiteral("hidden")).toInt();
    r.latent = json.value(QStringLiteral("latent")).toInt();
    r.beta = json.value(QStringLiteral("beta")).toDouble(1);
    r.labelsPerClass = json.value(QStringLiteral("labels_per_class")).toInt();
    r.epochs = json.value(QStringLiteral("epochs")).toInt();
    r.firstEpoch = json.value(QStringLiteral("first_epoch")).toInt();
    r.stopped = json.value(QStringLiteral("stopped")).toBool();
    r.validation = json.value(QStringLiteral("validation")).toBool();
    r.negElbo = numberOf(json.value(QStringLiteral("neg_elbo")));
    r.recon = numberOf(json.value(QStringLiteral("recon")));
    r.kl = numberOf(json.value(QStringLiteral("kl")));
    r.accuracy = numberOf(json.value(QStringLiteral("accuracy")));
    r.seconds = json.value(QStringLiteral("seconds")).toDouble();
    r.details = json.value(QStringLiteral("details")).toString();
    r.checkpoint = json.value(QStringLiteral("checkpoint")).toString();
    return r;
}
