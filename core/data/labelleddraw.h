#pragma once

#include "data/dataset.h"
#include "util/result.h"

#include <QVector>

/// The semi-supervised model's view of a dataset's labels: which dataset label each of its classes stands for, and
/// which training images keep their label.
namespace LabelledDraw {

/// The dataset labels the model's classes 0..C−1 stand for, in order: `chosen` sorted (a run on --classes), else
/// every label 0..classCount−1 of `train`.
QVector<int> classLabels(const Dataset &train, const QVector<int> &chosen);

/// The labels a model of `classes` classes stands for on `train` (classLabels), or, where that data does not fit the
/// model (another run's data, none yet), the class indices 0..classes−1 themselves.
QVector<int> modelClassLabels(const Dataset &train, const QVector<int> &chosen, int classes);

/// What a person calls each of those classes (Dataset::labelName of `data`, which names labels as `train` does).
QStringList modelClassNames(const Dataset &data, const QVector<int> &chosen, int classes);
/// The same names untranslated (Dataset::labelKey), as a checkpoint keeps them (TrainConfig::sourceClassNames).
QStringList modelClassKeys(const Dataset &data, const QVector<int> &chosen, int classes);
/// The labels of `data` whose keys (Dataset::labelKey) are `keys`, in the same order: where a model that keeps its
/// source's classes (TrainConfig::sourceClassNames) can be scored on its source's data. Empty when a key names no
/// label there, or the labels are not in ascending order (a model's classes follow its labels' order).
QVector<int> labelsWithKeys(const Dataset &data, const QStringList &keys);
/// What a person reads for names kept untranslated (Dataset::translatedLabel of each).
QStringList translatedNames(const QStringList &keys);

/// Each image's model class (its index in `classLabels`), or −1 where its label is not one of them.
QVector<int> modelTargets(const Dataset &data, const QVector<int> &classLabels);

/// `perClass` images of every class drawn with `seed` (all images when perClass is TrainConfig::kAllLabels), as sorted
/// indices into `train`. Fails, naming the class, when the data has no labels or a class holds fewer images.
Result<QVector<int>> draw(const Dataset &train, const QVector<int> &classLabels, int perClass, quint64 seed);

} // namespace LabelledDraw
