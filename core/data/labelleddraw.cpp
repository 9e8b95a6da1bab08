#include "data/labelleddraw.h"

#include "training/trainconfig.h"

#include <QCoreApplication>

#include <algorithm>
#include <random>

namespace LabelledDraw {

QVector<int> classLabels(const Dataset &train, const QVector<int> &chosen)
{
    QVector<int> out = chosen;
    if (out.isEmpty())
        for (int k = 0; k < train.classCount(); ++k)
            out.append(k);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

QVector<int> modelClassLabels(const Dataset &train, const QVector<int> &chosen, int classes)
{
    QVector<int> labels = classes > 0 ? classLabels(train, chosen) : QVector<int>();
    if (labels.size() != classes) {
        labels.clear();
        for (int k = 0; k < classes; ++k)
            labels.append(k);
    }
    return labels;
}

QStringList modelClassNames(const Dataset &data, const QVector<int> &chosen, int classes)
{
    QStringList names;
    for (int label : modelClassLabels(data, chosen, classes))
        names << data.labelName(label);
    return names;
}

QStringList modelClassKeys(const Dataset &data, const QVector<int> &chosen, int classes)
{
    QStringList keys;
    for (int label : modelClassLabels(data, chosen, classes))
        keys << data.labelKey(label);
    return keys;
}

QVector<int> labelsWithKeys(const Dataset &data, const QStringList &keys)
{
    QVector<int> labels;
    const int count = data.classCount();
    for (const QString &key : keys) {
        int label = 0;
        while (label < count && data.labelKey(label) != key)
            ++label;
        if (label == count || (!labels.isEmpty() && label <= labels.last()))
            return {};
        labels.append(label);
    }
    return labels;
}

QStringList translatedNames(const QStringList &keys)
{
    QStringList names;
    for (const QString &key : keys)
        names << Dataset::translatedLabel(key);
    return names;
}

QVector<int> modelTargets(const Dataset &data, const QVector<int> &classLabels)
{
    QVector<int> out(data.labels.size(), -1);
    for (int i = 0; i < data.labels.size(); ++i)
        out[i] = int(classLabels.indexOf(data.labels.at(i)));
    return out;
}

Result<QVector<int>> draw(const Dataset &train, const QVector<int> &classLabels, int perClass, quint64 seed)
{
    auto tr = [](const char *text) { return QCoreApplication::translate("LabelledDraw", text); };
    if (!train.hasLabels())
        return Result<QVector<int>>::failure(
            tr("The semi-supervised model needs labels, and %1 has none (an IDX image file needs its labels file "
               "beside it; an image folder, one subfolder per class).")
                .arg(train.name.isEmpty() ? tr("this dataset") : train.name));
    if (classLabels.size() < 2)
        return Result<QVector<int>>::failure(tr("The semi-supervised model needs at least two classes."));
    QVector<QVector<int>> byClass(classLabels.size());
    const QVector<int> targets = modelTargets(train, classLabels);
    for (int i = 0; i < targets.size(); ++i)
        if (targets[i] >= 0)
            byClass[targets[i]].append(i);
    // Too few images: the class with the fewest is named, so its count is the most one can ask for.
    const auto fewest = std::min_element(byClass.cbegin(), byClass.cend(),
                                         [](const auto &a, const auto &b) { return a.size() < b.size(); });
    if (perClass != TrainConfig::kAllLabels && fewest != byClass.cend() && fewest->size() < perClass)
        return Result<QVector<int>>::failure(
            tr("Class %1 has %2 training images, fewer than the %3 labels per class asked for.")
                .arg(classLabels[int(fewest - byClass.cbegin())])
                .arg(fewest->size())
                .arg(perClass));
    QVector<int> picked;
    std::mt19937_64 random(seed);
    for (int k = 0; k < byClass.size(); ++k) {
        QVector<int> &members = byClass[k];
        if (perClass == TrainConfig::kAllLabels) {
            picked += members;
            continue;
        }
        std::shuffle(members.begin(), members.end(), random);
        picked += members.mid(0, perClass);
    }
    std::sort(picked.begin(), picked.end());
    return Result<QVector<int>>::success(picked);
}

} // namespace LabelledDraw
