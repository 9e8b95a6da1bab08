#include "util/jsonio.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <limits>

namespace JsonIo {
namespace {

// JSON has no NaN: a missing figure is written as null and read back as NaN.
QJsonValue number(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue();
}

QJsonArray numbers(const QVector<double> &values)
{
    QJsonArray a;
    for (double v : values)
        a.append(number(v));
    return a;
}

/// Reads a required number (null = NaN allowed when `nullable`).
bool readNumber(const QJsonObject &o, const char *key, double *out, QString *error, bool nullable = false)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isDouble()) {
        *out = v.toDouble();
        return true;
    }
    if (nullable && v.isNull()) {
        *out = std::nan("");
        return true;
    }
    *error = QStringLiteral("'%1' is missing or not a number").arg(QLatin1String(key));
    return false;
}

bool readInt(const QJsonObject &o, const char *key, qint64 *out, QString *error)
{
    double v = 0;
    if (!readNumber(o, key, &v, error))
        return false;
    if (v != std::floor(v) || std::fabs(v) > 9e15) {
        *error = QStringLiteral("'%1' is not an integer").arg(QLatin1String(key));
        return false;
    }
    *out = qint64(v);
    return true;
}

bool readString(const QJsonObject &o, const char *key, QString *out, QString *error)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isString()) {
        *error = QStringLiteral("'%1' is missing or not text").arg(QLatin1String(key));
        return false;
    }
    *out = v.toString();
    return true;
}

} // namespace

QJsonObject toJson(const ModelSpec &spec)
{
    QJsonObject o{{QStringLiteral("architecture"), toString(spec.architecture)},
                  {QStringLiteral("hidden"), spec.hidden},
                  {QStringLiteral("latent"), spec.latent},
                  {QStringLiteral("likelihood"), toString(spec.likelihood)},
                  {QStringLiteral("gaussian_sigma"), kGaussianSigma}};
    if (spec.classes > 0) // absent in the plain VAE's files, as before the semi-supervised model existed
        o.insert(QStringLiteral("classes"), spec.classes);
    if (spec.classifierReadsGradients()) // absent: the pixels, as every file before the gradient features
        o.insert(QStringLiteral("classifier_input"), toString(spec.classifierInput));
    return o;
}

QJsonObject toJson(const TrainConfig &c)
{
    QJsonArray classes;
    for (int k : c.classes)
        classes.append(k);
    QJsonObject o{{QStringLiteral("model"), toJson(c.model)},
                  {QStringLiteral("dataset"), c.dataset},
                  {QStringLiteral("epochs"), c.epochs},
                  {QStringLiteral("batch_size"), c.batchSize},
                  {QStringLiteral("learning_rate"), c.learningRate},
                  {QStringLiteral("beta"), c.beta},
                  {QStringLiteral("warmup_epochs"), c.warmupEpochs},
                  {QStringLiteral("seed"), QString::number(c.seed)},
                  {QStringLiteral("classes"), classes}};
    if (!c.adaptedFrom.isEmpty()) // absent: trained from its own start, as in every file before it existed
        o.insert(QStringLiteral("adapted_from"), c.adaptedFrom);
    if (c.validation > 0) // absent when the run evaluates on the test split, as in every file before it existed
        o.insert(QStringLiteral("validation"), c.validation);
    if (c.trainingImages > 0) { // absent: every training image, as in every file before it existed
        o.insert(QStringLiteral("training_images"), c.trainingImages);
        o.insert(QStringLiteral("training_images_seed"), QString::number(c.trainingImagesSeed));
    }
    if (c.model.isSemiSupervised()) {
        o.insert(QStringLiteral("labels_per_class"), c.labelsPerClass);
        o.insert(QStringLiteral("alpha"), c.alpha);
        o.insert(QStringLiteral("consistency"), c.consistency);
        o.insert(QStringLiteral("adversarial"), c.adversarial);
        o.insert(QStringLiteral("entropy"), c.entropy);
        o.insert(QStringLiteral("balance"), c.balance);
        o.insert(QStringLiteral("perturbation"), c.perturbation);
        o.insert(QStringLiteral("class_sampling"), c.classSampling);
        o.insert(QStringLiteral("label_graph"), c.labelGraphInEffect());
        o.insert(QStringLiteral("label_graph_weight"), c.labelGraphWeight);
        if (!c.sourceClassNames.isEmpty()) {
            o.insert(QStringLiteral("source_class_names"), QJsonArray::fromStringList(c.sourceClassNames));
            o.insert(QStringLiteral("source_dataset"), c.sourceDataset);
        }
    }
    return o;
}

QJsonArray toJson(const ConfusionMatrix &m)
{
    QJsonArray rows;
    for (int t = 0; t < m.classes; ++t) {
        QJsonArray row;
        for (int p = 0; p < m.classes; ++p)
            row.append(m.at(t, p));
        rows.append(row);
    }
    return rows;
}

QString fromJson(const QJsonArray &rows, ConfusionMatrix *out)
{
    const int classes = int(rows.size());
    if (classes > ModelSpec::kMaxClasses)
        return QStringLiteral("implausible confusion matrix (%1 rows)").arg(classes);
    ConfusionMatrix m(classes);
    for (int t = 0; t < classes; ++t) {
        const QJsonArray row = rows.at(t).toArray();
        if (row.size() != classes)
            return QStringLiteral("the confusion matrix is not square");
        for (int p = 0; p < classes; ++p) {
            const qint64 count = row.at(p).toInteger(-1);
            if (count < 0 || count > std::numeric_limits<int>::max())
                return QStringLiteral("a confusion matrix count is not a count");
            m.counts[t * classes + p] = int(count);
        }
    }
    *out = std::move(m);
    return {};
}

QJsonObject toJson(const ElboSummary &s)
{
    QJsonObject o{{QStringLiteral("neg_elbo"), number(s.negElbo)},
                  {QStringLiteral("recon"), number(s.recon)},
                  {QStringLiteral("kl"), number(s.kl)},
                  {QStringLiteral("kl_per_dim"), numbers(s.klPerDim)},
                  {QStringLiteral("active_units"), s.activeUnits},
                  {QStringLiteral("samples"), s.samples}};
    if (!std::isnan(s.accuracy))
        o.insert(QStringLiteral("accuracy"), s.accuracy);
    if (!std::isnan(s.classifierAccuracy))
        o.insert(QStringLiteral("classifier_accuracy"), s.classifierAccuracy);
    if (!std::isnan(s.graphAccuracy))
        o.insert(QStringLiteral("graph_accuracy"), s.graphAccuracy);
    if (!s.confusion.isEmpty())
        o.insert(QStringLiteral("confusion"), toJson(s.confusion));
    if (s.iwSamples > 0) {
        o.insert(QStringLiteral("iw_nll"), number(s.iwNll));
        o.insert(QStringLiteral("iw_samples"), s.iwSamples);
    }
    return o;
}

QJsonObject toJson(const EpochStats &e)
{
    return {{QStringLiteral("epoch"), e.epoch + 1},
            {QStringLiteral("beta"), e.beta},
            {QStringLiteral("train_neg_elbo"), number(e.trainNegElbo)},
            {QStringLiteral("train_recon"), number(e.trainRecon)},
            {QStringLiteral("train_kl"), number(e.trainKl)},
            {QStringLiteral("test"), toJson(e.test)},
            {QStringLiteral("train_seconds"), e.trainSeconds},
            {QStringLiteral("samples_per_second"), e.samplesPerSecond},
            {QStringLiteral("global_step"), double(e.globalStep)}};
}

QString fromJson(const QJsonObject &o, ModelSpec *out)
{
    QString error, arch, lik;
    qint64 hidden = 0, latent = 0;
    if (!readString(o, "architecture", &arch, &error) || !readString(o, "likelihood", &lik, &error)
        || !readInt(o, "hidden", &hidden, &error) || !readInt(o, "latent", &latent, &error))
        return error;
    if (!parseArchitecture(arch, &out->architecture))
        return QStringLiteral("unknown architecture '%1'").arg(arch);
    if (!parseLikelihood(lik, &out->likelihood))
        return QStringLiteral("unknown likelihood '%1'").arg(lik);
    if (hidden < 1 || hidden > ModelSpec::kMaxHidden || latent < 1 || latent > ModelSpec::kMaxLatent)
        return QStringLiteral("implausible model size (hidden %1, latent %2)").arg(hidden).arg(latent);
    out->hidden = int(hidden);
    out->latent = int(latent);
    const qint64 classes = o.value(QLatin1String("classes")).toInteger(0);
    if (classes < 0 || classes > ModelSpec::kMaxClasses)
        return QStringLiteral("implausible class count %1").arg(classes);
    out->classes = int(classes);
    const QString input = o.value(QLatin1String("classifier_input")).toString(QStringLiteral("pixels"));
    if (!parseClassifierInput(input, &out->classifierInput))
        return QStringLiteral("unknown classifier input '%1'").arg(input);
    return {};
}

QString fromJson(const QJsonObject &o, TrainConfig *out)
{
    QString error, seed;
    qint64 epochs = 0, batch = 0, warmup = 0;
    if (!o.value(QLatin1String("model")).isObject())
        return QStringLiteral("'model' is missing");
    if (QString e = fromJson(o.value(QLatin1String("model")).toObject(), &out->model); !e.isEmpty())
        return e;
    out->classifierInput = out->model.classifierInput; // a saved run's model is what it is
    if (!readString(o, "dataset", &out->dataset, &error) || !readInt(o, "epochs", &epochs, &error)
        || !readInt(o, "batch_size", &batch, &error) || !readNumber(o, "learning_rate", &out->learningRate, &error)
        || !readNumber(o, "beta", &out->beta, &error) || !readInt(o, "warmup_epochs", &warmup, &error)
        || !readString(o, "seed", &seed, &error))
        return error;
    bool ok = false;
    out->seed = seed.toULongLong(&ok);
    if (!ok)
        return QStringLiteral("'seed' is not a number");
    out->epochs = int(std::clamp<qint64>(epochs, 0, 1 << 30));
    out->batchSize = int(std::clamp<qint64>(batch, 0, 1 << 30));
    out->warmupEpochs = int(std::clamp<qint64>(warmup, -1, 1 << 30));
    out->classes.clear();
    for (const QJsonValue &v : o.value(QLatin1String("classes")).toArray())
        out->classes.append(v.toInt());
    out->adaptedFrom = o.value(QLatin1String("adapted_from")).toString();
    out->validation = int(std::clamp<qint64>(o.value(QLatin1String("validation")).toInteger(0), -1, 1 << 30));
    out->trainingImages = int(std::clamp<qint64>(o.value(QLatin1String("training_images")).toInteger(0), -1, 1 << 30));
    out->trainingImagesSeed = o.value(QLatin1String("training_images_seed")).toString().toULongLong();
    out->labelsPerClass = int(o.value(QLatin1String("labels_per_class")).toInteger(0));
    out->alpha = o.value(QLatin1String("alpha")).toDouble(TrainConfig().alpha);
    out->consistency = o.value(QLatin1String("consistency")).toDouble(1.0); // the weight before 'auto' existed
    out->adversarial = o.value(QLatin1String("adversarial")).toDouble(TrainConfig().adversarial);
    // Absent in files written before entropy minimisation existed: those runs resume as they were trained.
    out->entropy = o.value(QLatin1String("entropy")).toDouble(0.0);
    out->balance = o.value(QLatin1String("balance")).toDouble(0.0);              // before it: no balance term
    out->perturbation = o.value(QLatin1String("perturbation")).toDouble(0.0);    // before it: whole-pixel shifts only
    out->classSampling = o.value(QLatin1String("class_sampling")).toDouble(0.0); // before it: every class, exactly
    out->labelGraph = o.value(QLatin1String("label_graph")).toBool(false);       // before it: q(y|x) alone
    out->labelGraphWeight = o.value(QLatin1String("label_graph_weight")).toDouble(TrainConfig().labelGraphWeight);
    out->sourceClassNames.clear();
    for (const QJsonValue &v : o.value(QLatin1String("source_class_names")).toArray())
        out->sourceClassNames.append(v.toString());
    out->sourceDataset = o.value(QLatin1String("source_dataset")).toString(); // absent before session 31: not scored
    return out->validate();
}

QString fromJson(const QJsonObject &o, ElboSummary *out)
{
    QString error;
    qint64 active = 0, samples = 0;
    if (!readNumber(o, "neg_elbo", &out->negElbo, &error, true) || !readNumber(o, "recon", &out->recon, &error, true)
        || !readNumber(o, "kl", &out->kl, &error, true) || !readInt(o, "active_units", &active, &error)
        || !readInt(o, "samples", &samples, &error))
        return error;
    out->activeUnits = int(active);
    out->samples = int(samples);
    out->klPerDim.clear();
    for (const QJsonValue &v : o.value(QLatin1String("kl_per_dim")).toArray())
        out->klPerDim.append(v.isDouble() ? v.toDouble() : std::nan(""));
    out->accuracy = o.value(QLatin1String("accuracy")).toDouble(std::nan(""));
    // Files written before the label graph: the accuracy was q(y|x)'s.
    out->classifierAccuracy = o.value(QLatin1String("classifier_accuracy")).toDouble(out->accuracy);
    out->graphAccuracy = o.value(QLatin1String("graph_accuracy")).toDouble(std::nan(""));
    out->confusion = ConfusionMatrix();
    if (o.contains(QLatin1String("confusion")))
        if (QString e = fromJson(o.value(QLatin1String("confusion")).toArray(), &out->confusion); !e.isEmpty())
            return e;
    if (o.contains(QLatin1String("iw_nll"))) {
        readNumber(o, "iw_nll", &out->iwNll, &error, true);
        out->iwSamples = o.value(QLatin1String("iw_samples")).toInt();
    }
    return {};
}

QString fromJson(const QJsonObject &o, EpochStats *out)
{
    QString error;
    qint64 epoch = 0, step = 0;
    if (!readInt(o, "epoch", &epoch, &error) || !readNumber(o, "beta", &out->beta, &error)
        || !readNumber(o, "train_neg_elbo", &out->trainNegElbo, &error, true)
        || !readNumber(o, "train_recon", &out->trainRecon, &error, true)
        || !readNumber(o, "train_kl", &out->trainKl, &error, true)
        || !readNumber(o, "train_seconds", &out->trainSeconds, &error)
        || !readNumber(o, "samples_per_second", &out->samplesPerSecond, &error)
        || !readInt(o, "global_step", &step, &error))
        return error;
    out->epoch = int(epoch) - 1;
    out->globalStep = step;
    if (!o.value(QLatin1String("test")).isObject())
        return QStringLiteral("'test' is missing");
    return fromJson(o.value(QLatin1String("test")).toObject(), &out->test);
}

} // namespace JsonIo
