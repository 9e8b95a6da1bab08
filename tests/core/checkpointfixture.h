#pragma once

// Checkpoints with recognisable contents, built without training, for tst_checkpoint and tst_checkpointdamage.

#include "model/checkpoint.h"

#include <QFile>
#include <QRandomGenerator>

#include <cmath>

namespace CheckpointFixture {

/// The number of floats in a model, counted from the architecture the issue describes (independently of core).
inline qint64 weightCount(const ModelSpec &spec)
{
    const qint64 l = spec.latent;
    if (spec.architecture == Architecture::Conv) {
        const qint64 encoder = (1 * 32 * 16 + 32) + (32 * 64 * 16 + 64) + (3136 * 256 + 256) + (256 * 2 * l + 2 * l);
        const qint64 decoder = (l * 256 + 256) + (256 * 3136 + 3136) + (64 * 32 * 16 + 32) + (32 * 1 * 16 + 1);
        return encoder + decoder;
    }
    const qint64 h = spec.hidden;
    return (784 * h + h) + (h * 2 * l + 2 * l) + (l * h + h) + (h * 784 + 784);
}

inline QVector<float> randomFloats(qint64 n, quint32 seed, double scale = 1.0)
{
    QRandomGenerator rng(seed);
    QVector<float> v(n);
    for (float &x : v)
        x = float((rng.generateDouble() * 2 - 1) * scale);
    return v;
}

inline EpochStats epochStats(int epoch, int latent)
{
    EpochStats e;
    e.epoch = epoch;
    e.beta = 0.5 + epoch;
    e.trainRecon = 200.25 - epoch;
    e.trainKl = 10.5 + epoch;
    e.trainNegElbo = e.trainRecon + e.trainKl;
    e.trainSeconds = 1.75;
    e.samplesPerSecond = 12345.5;
    e.globalStep = 100 * (epoch + 1);
    e.test.recon = 190.125;
    e.test.kl = 12.0625;
    e.test.negElbo = e.test.recon + e.test.kl;
    for (int d = 0; d < latent; ++d)
        e.test.klPerDim.append(0.25 * d);
    e.test.activeUnits = latent / 2;
    e.test.samples = 1000;
    if (epoch == 1) {
        e.test.iwNll = 195.5;
        e.test.iwSamples = 50;
    }
    return e;
}

inline Checkpoint makeCheckpoint(const ModelSpec &spec, bool withOptimizer, int epochs = 2)
{
    Checkpoint c;
    c.config.model = spec;
    c.config.dataset = QStringLiteral("/data/some folder/ünïcode");
    c.config.epochs = 7;
    c.config.batchSize = 64;
    c.config.learningRate = 2.5e-4;
    c.config.beta = 4.0;
    c.config.warmupEpochs = 3;
    c.config.seed = 18446744073709551557ULL; // larger than a double holds exactly
    c.config.classes = {1, 3, 5};
    for (int e = 0; e < epochs; ++e)
        c.history.append(epochStats(e, spec.latent));
    const qint64 n = weightCount(spec);
    c.weights = randomFloats(n, 1, 0.5);
    if (withOptimizer) {
        c.optimizer.firstMoment = randomFloats(n, 2, 1e-3);
        c.optimizer.secondMoment = randomFloats(n, 3, 1e-6);
        for (float &v : c.optimizer.secondMoment)
            v = std::fabs(v);
        c.optimizer.step = 4321;
    }
    c.globalStep = 4321;
    return c;
}

inline ModelSpec tinySpec()
{
    ModelSpec s;
    s.hidden = 4;
    s.latent = 2;
    return s;
}

inline QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace CheckpointFixture
