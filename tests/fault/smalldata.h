#pragma once

// Tiny synthetic data and configurations for the fault, soak and interoperability tests: fast, labelled, learnable.

#include "data/dataset.h"
#include "training/trainconfig.h"
#include "../common/noisybars.h"

#include <QFile>
#include <QString>

namespace SmallData {

/// `count` images of ten noisy-bar classes (tests/common/noisybars.h).
inline Dataset bars(int count, quint32 seed)
{
    return NoisyBars::generate(count, seed, QStringLiteral("bars"));
}

inline DataSplit split(int train, int test, quint32 seed = 3)
{
    return DataSplit{bars(train, seed), bars(test, seed + 1000)};
}

/// A small MLP run; one LibTorch thread keeps it reproducible and polite on a shared machine.
inline TrainConfig config(int epochs, int hidden = 16, int latent = 3)
{
    TrainConfig c;
    c.model.architecture = Architecture::Mlp;
    c.model.hidden = hidden;
    c.model.latent = latent;
    c.dataset = QStringLiteral("bars");
    c.epochs = epochs;
    c.batchSize = 32;
    c.learningRate = 3e-3;
    c.seed = 5;
    c.threads = 1;
    c.reconstructionCount = 4;
    return c;
}

/// Number of weights of the MLP VAE 784-hidden-latent (the checkpoint format checks it against the architecture).
constexpr qint64 mlpParameterCount(qint64 hidden, qint64 latent)
{
    return (784 * hidden + hidden) + (hidden * 2 * latent + 2 * latent) + (latent * hidden + hidden) + (hidden * 784 + 784);
}

/// Resident set size of this process in KiB, from /proc/self/status (0 if unavailable).
inline qint64 residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly | QIODevice::Text))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return 0;
}

} // namespace SmallData
