#include "data/dataset.h"
#include "data/labellist.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>
#include <numeric>
#include <random>

int Dataset::classCount() const
{
    if (labels.isEmpty())
        return 0;
    return *std::max_element(labels.cbegin(), labels.cend()) + 1;
}

namespace {

// The IDX files carry no names; Fashion-MNIST's ten are fixed by its authors (Xiao et al., 2017).
const char *const kFashionNames[] = {
    QT_TRANSLATE_NOOP("Dataset", "T-shirt/top"), QT_TRANSLATE_NOOP("Dataset", "Trouser"),
    QT_TRANSLATE_NOOP("Dataset", "Pullover"),    QT_TRANSLATE_NOOP("Dataset", "Dress"),
    QT_TRANSLATE_NOOP("Dataset", "Coat"),        QT_TRANSLATE_NOOP("Dataset", "Sandal"),
    QT_TRANSLATE_NOOP("Dataset", "Shirt"),       QT_TRANSLATE_NOOP("Dataset", "Sneaker"),
    QT_TRANSLATE_NOOP("Dataset", "Bag"),         QT_TRANSLATE_NOOP("Dataset", "Ankle boot")};

} // namespace

QString Dataset::labelKey(int label) const
{
    if (label >= 0 && label < classNames.size())
        return classNames.at(label);
    if (name == QLatin1String("fashion-mnist") && label >= 0 && label < 10)
        return QLatin1String(kFashionNames[label]);
    return QString::number(label);
}

QString Dataset::labelName(int label) const
{
    if (label >= 0 && label < classNames.size())
        return classNames.at(label); // a folder's own name, as the person wrote it
    return translatedLabel(labelKey(label));
}

QString Dataset::translatedLabel(const QString &key)
{
    for (const char *fashion : kFashionNames)
        if (key == QLatin1String(fashion))
            return QCoreApplication::translate("Dataset", fashion);
    return key;
}

QImage Dataset::image(int index) const
{
    QImage img(cols, rows, QImage::Format_Grayscale8);
    const uchar *src = imageData(index);
    for (int y = 0; y < rows; ++y)
        std::copy_n(src + y * cols, cols, img.scanLine(y));
    return img;
}

Dataset Dataset::select(const QVector<int> &indices) const
{
    Dataset out;
    out.name = name;
    out.rows = rows;
    out.cols = cols;
    out.classNames = classNames;
    out.pixels.resize(qsizetype(indices.size()) * pixelCount());
    char *dst = out.pixels.data();
    for (int i : indices) {
        std::copy_n(pixels.constData() + qsizetype(i) * pixelCount(), pixelCount(), dst);
        dst += pixelCount();
        if (hasLabels())
            out.labels.append(labels.at(i));
    }
    return out;
}

Dataset Dataset::subset(const QVector<int> &classes) const
{
    if (classes.isEmpty() || !hasLabels())
        return *this;
    const QSet<int> wanted(classes.cbegin(), classes.cend());
    QVector<int> indices;
    for (int i = 0; i < labels.size(); ++i)
        if (wanted.contains(labels.at(i)))
            indices.append(i);
    return select(indices);
}

QString Dataset::classesProblem(const QVector<int> &classes) const
{
    if (classes.isEmpty())
        return {};
    if (!hasLabels())
        return QStringLiteral("Training on chosen classes needs a labelled dataset; %1 has no labels.").arg(name);
    const QSet<int> present(labels.cbegin(), labels.cend());
    QStringList missing;
    for (int k : classes)
        if (!present.contains(k))
            missing << QString::number(k);
    if (missing.isEmpty())
        return {};
    QVector<int> have = present.values();
    std::sort(have.begin(), have.end());
    return QStringLiteral("%1 has no label %2 (its labels: %3).")
        .arg(name, missing.join(QStringLiteral(", ")), LabelList::format(have));
}

Dataset Dataset::head(int n) const
{
    if (n <= 0 || n >= count())
        return *this;
    QVector<int> indices(n);
    std::iota(indices.begin(), indices.end(), 0);
    return select(indices);
}

Dataset Dataset::randomSubset(int count, quint64 seed) const
{
    QVector<int> indices(this->count());
    std::iota(indices.begin(), indices.end(), 0);
    std::mt19937_64 rng(seed);
    std::shuffle(indices.begin(), indices.end(), rng);
    if (count > 0 && count < indices.size())
        indices.resize(count);
    return select(indices);
}

QVector<int> Dataset::showcase(int count) const
{
    QVector<int> picked;
    QVector<bool> classSeen(qMax(1, classCount()), false);
    for (int i = 0; i < this->count() && picked.size() < count; ++i) {
        const int label = hasLabels() ? labels.at(i) : 0;
        if (!classSeen[label]) {
            classSeen[label] = true;
            picked.append(i);
        }
    }
    for (int i = 0; i < this->count() && picked.size() < count; ++i)
        if (!picked.contains(i))
            picked.append(i);
    std::sort(picked.begin(), picked.end());
    return picked;
}

QByteArray imageToPixels(const QImage &image, int rows, int cols)
{
    QImage gray = image.convertToFormat(QImage::Format_Grayscale8);
    if (gray.width() != cols || gray.height() != rows)
        gray = gray.scaled(cols, rows, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    QByteArray out(qsizetype(rows) * cols, '\0');
    for (int y = 0; y < rows; ++y)
        std::copy_n(gray.constScanLine(y), cols, out.data() + y * cols);
    return out;
}
