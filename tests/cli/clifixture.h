#pragma once
// What the CLI tests run the binary on: a tiny IDX dataset and a tiny model's training arguments.

#include "datafiles.h"
#include "syntheticdata.h"

#include <QDir>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace CliFixture {

/// A tiny IDX folder at `dir`: 200 training and 50 test images of synthetic dotted bars.
inline bool writeTinyDataset(const QString &dir)
{
    const DataSplit split = SyntheticData::split(SyntheticData::Pattern::DottedBars, 200, 50, 7);
    return QDir().mkpath(dir) && DataFiles::writeIdxPair(split.train, dir, QStringLiteral("train"))
        && DataFiles::writeIdxPair(split.test, dir, QStringLiteral("t10k"));
}

/// In `dir`: the tiny dataset (`*data`, the folder "tiny") and a file that is not a checkpoint (`*garbage`).
inline bool writeTinyFiles(const QTemporaryDir &dir, QString *data, QString *garbage)
{
    *data = dir.filePath(QStringLiteral("tiny"));
    *garbage = dir.filePath(QStringLiteral("garbage.ckpt"));
    return dir.isValid() && writeTinyDataset(*data) && DataFiles::writeBytes(*garbage, QByteArray(4096, '\x42'));
}

/// `train` on `dataset` with a tiny model (hidden 16, latent 2, batch 32, one thread), JSON lines, saved to `out`.
inline QStringList tinyTrainArguments(const QString &dataset, const QString &out, int epochs)
{
    return {QStringLiteral("train"),
            QStringLiteral("--dataset"),
            dataset,
            QStringLiteral("--hidden"),
            QStringLiteral("16"),
            QStringLiteral("--latent"),
            QStringLiteral("2"),
            QStringLiteral("--epochs"),
            QString::number(epochs),
            QStringLiteral("--batch"),
            QStringLiteral("32"),
            QStringLiteral("--threads"),
            QStringLiteral("1"),
            QStringLiteral("--json"),
            QStringLiteral("--out"),
            out};
}

} // namespace CliFixture
