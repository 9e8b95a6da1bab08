#include "runrecord.h"

#include "epochreadout.h"
#include "runhistorypanel.h"
#include "transferwizard.h"
#include "util/clocktext.h"
#include "util/jsonio.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

double numberOf(const QJsonValue &value)
{
    return value.isDouble() ? value.toDouble() : std::numeric_limits<double>::quiet_NaN();
}

/// A row saved up to session 30 kept the table's figures and its tooltip's words, not the settings.
void readRecordedRun(const QJsonObject &json, RunRecord *r)
{
    TrainConfig &c = r->config;
    c = TrainConfig();
    c.dataset = json.value(QStringLiteral("dataset")).toString();
    for (const QJsonValue &k : json.value(QStringLiteral("classes")).toArray())
        c.classes.append(k.toInt());
    parseArchitecture(json.value(QStringLiteral("architecture")).toString(), &c.model.architecture);
    c.model.hidden = json.value(QStringLiteral("hidden")).toInt();
    c.model.latent = json.value(QStringLiteral("latent")).toInt();
    c.beta = json.value(QStringLiteral("beta")).toDouble(1);
    c.labelsPerClass = json.value(QStringLiteral("labels_per_class")).toInt();
    // The row did not keep the model's class count (not shown): the classes trained on, or the ten of its datasets.
    c.model.classes = c.labelsPerClass == 0 ? 0 : c.classes.isEmpty() ? 10 : std::max<int>(2, int(c.classes.size()));
    c.validation = json.value(QStringLiteral("validation")).toBool() ? 1 : 0;
    r->last = EpochStats();
    r->last.epoch = r->epochs - 1;
    r->last.test.negElbo = numberOf(json.value(QStringLiteral("neg_elbo")));
    r->last.test.recon = numberOf(json.value(QStringLiteral("recon")));
    r->last.test.kl = numberOf(json.value(QStringLiteral("kl")));
    r->last.test.accuracy = numberOf(json.value(QStringLiteral("accuracy")));
    r->last.trainNegElbo = r->last.trainRecon = r->last.trainKl = std::numeric_limits<double>::quiet_NaN();
}

QString figureText(const QString &figure)
{
    if (figure == QLatin1String("knn"))
        return RunHistoryPanel::tr("k-NN on μ");
    if (figure == QLatin1String("finetuned"))
        return RunHistoryPanel::tr("fine-tuned classifier");
    if (figure == QLatin1String("own"))
        return RunHistoryPanel::tr("own classifier");
    if (figure == QLatin1String("own-graph"))
        return RunHistoryPanel::tr("own classifier with the label graph");
    return RunHistoryPanel::tr("linear probe on μ");
}

/// Where a transfer's row comes from, and what its accuracy is (a figure of the transfer's table, not the answer's).
QString transferText(const RunRecord::Transfer &t)
{
    TransferStrategy strategy = TransferStrategy::FinetuneAll;
    const QString name =
        TransferStrategies::parse(t.strategy, &strategy) ? TransferWizard::strategyTitle(strategy) : t.strategy;
    // The semi-supervised strategy trains its own model on the target: a new user read its row as the source's win.
    const QString origin = t.adaptedFromSource()
        ? RunHistoryPanel::tr("Adapted from %1's model by %2: the model a transfer run's answer names.")
              .arg(t.sourceDataset, name)
        : RunHistoryPanel::tr("The model a transfer run from %1 names in its answer: %2, which trains its own model "
                              "on this data from scratch (not from %1's).")
              .arg(t.sourceDataset, name);
    return origin + QLatin1Char(' ')
        + RunHistoryPanel::tr("Its %1 %2 against the raw pixels' %3, with %4 labels per class, on the whole test "
                              "split (the answer's figures are on half of it).")
              .arg(figureText(t.figure), RunRecord::percentText(t.accuracy), RunRecord::percentText(t.pixels))
              .arg(t.labelsPerClass)
        + (std::isfinite(t.runSeconds) ? QLatin1Char(' ')
                   + RunHistoryPanel::tr("Its Time is this strategy's; the whole transfer (every strategy and the "
                                         "baselines) took %1.")
                         .arg(clockText(t.runSeconds))
                                       : QString())
        + QLatin1Char('\n') + RunHistoryPanel::tr("Its report: %1").arg(t.report);
}

QJsonValue numberJson(double value)
{
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue();
}

QJsonObject transferJson(const RunRecord::Transfer &t)
{
    return {{QStringLiteral("source_dataset"), t.sourceDataset},
            {QStringLiteral("strategy"), t.strategy},
            {QStringLiteral("figure"), t.figure},
            {QStringLiteral("accuracy"), numberJson(t.accuracy)},
            {QStringLiteral("pixels"), numberJson(t.pixels)},
            {QStringLiteral("labels_per_class"), t.labelsPerClass},
            {QStringLiteral("report"), t.report},
            {QStringLiteral("run_seconds"), numberJson(t.runSeconds)}};
}

RunRecord::Transfer transferOf(const QJsonObject &json)
{
    RunRecord::Transfer t;
    t.sourceDataset = json.value(QStringLiteral("source_dataset")).toString();
    t.strategy = json.value(QStringLiteral("strategy")).toString();
    t.figure = json.value(QStringLiteral("figure")).toString();
    t.accuracy = numberOf(json.value(QStringLiteral("accuracy")));
    t.pixels = numberOf(json.value(QStringLiteral("pixels")));
    t.labelsPerClass = json.value(QStringLiteral("labels_per_class")).toInt();
    t.report = json.value(QStringLiteral("report")).toString();
    t.runSeconds = numberOf(json.value(QStringLiteral("run_seconds"))); // absent before session 34
    return t;
}

} // namespace

QString RunRecord::percentText(double value)
{
    return std::isfinite(value) ? QStringLiteral("%1 %").arg(100 * value, 0, 'f', 1) : QStringLiteral("–");
}

bool RunRecord::Transfer::adaptedFromSource() const
{
    TransferStrategy parsed = TransferStrategy::FinetuneAll;
    return !TransferStrategies::parse(strategy, &parsed) || TransferStrategies::startsFromSource(parsed);
}

RunRecord RunRecord::of(const Checkpoint &checkpoint, RunOutcome outcome, double seconds, const QString &autosave)
{
    RunRecord r;
    r.finished = QDateTime::currentDateTime();
    r.config = checkpoint.config;
    r.last = checkpoint.history.last();
    r.epochs = checkpoint.epochsDone();
    r.stopped = outcome == RunOutcome::Stopped;
    r.seconds = seconds;
    r.checkpoint = autosave;
    return r;
}

QString RunRecord::details() const
{
    if (!recordedDetails.isEmpty())
        return recordedDetails;
    QString origin;
    if (transfer)
        origin = transferText(*transfer) + QStringLiteral("\n\n");
    return origin + EpochReadout::detailed(last, validation()) + QStringLiteral("\n\n")
        + RunHistoryPanel::tr("%1; learning rate %2, batch %3, seed %4")
              .arg(config.model.describe())
              .arg(config.learningRate)
              .arg(config.batchSize)
              .arg(config.seed);
}

QJsonObject RunRecord::toJson() const
{
    QJsonObject json{{QStringLiteral("finished"), finished.toString(Qt::ISODate)},
                     {QStringLiteral("config"), JsonIo::toJson(config)},
                     {QStringLiteral("last_epoch"), JsonIo::toJson(last)},
                     {QStringLiteral("epochs"), epochs},
                     {QStringLiteral("first_epoch"), firstEpoch},
                     {QStringLiteral("stopped"), stopped},
                     {QStringLiteral("seconds"), seconds},
                     {QStringLiteral("checkpoint"), checkpoint}};
    // An earlier version's row: its settings were partly rebuilt (readRecordedRun), its words stay what they were.
    if (!recordedDetails.isEmpty())
        json.insert(QStringLiteral("details"), recordedDetails);
    if (transfer)
        json.insert(QStringLiteral("transfer"), transferJson(*transfer));
    return json;
}

RunRecord RunRecord::fromJson(const QJsonObject &json)
{
    RunRecord r;
    r.finished = QDateTime::fromString(json.value(QStringLiteral("finished")).toString(), Qt::ISODate);
    r.epochs = json.value(QStringLiteral("epochs")).toInt();
    r.firstEpoch = json.value(QStringLiteral("first_epoch")).toInt();
    r.stopped = json.value(QStringLiteral("stopped")).toBool();
    r.seconds = json.value(QStringLiteral("seconds")).toDouble();
    r.checkpoint = json.value(QStringLiteral("checkpoint")).toString();
    r.recordedDetails = json.value(QStringLiteral("details")).toString();
    if (const QJsonValue t = json.value(QStringLiteral("transfer")); t.isObject())
        r.transfer = transferOf(t.toObject());
    if (JsonIo::fromJson(json.value(QStringLiteral("config")).toObject(), &r.config).isEmpty()
        && JsonIo::fromJson(json.value(QStringLiteral("last_epoch")).toObject(), &r.last).isEmpty())
        return r;
    readRecordedRun(json, &r);
    return r;
}
