#pragma once

#include <QByteArray>
#include <QImage>
#include <QString>
#include <QVector>

/// Images held as uint8 N×rows×cols plus optional labels; converted to float only per batch.
struct Dataset
{
    QString name;
    int rows = 28;
    int cols = 28;
    QByteArray pixels;      ///< count × rows × cols bytes, row-major, 0 = black
    QVector<int> labels;    ///< empty, or one label per image
    QStringList classNames; ///< optional names for labels (image folders)

    int count() const { return rows * cols == 0 ? 0 : int(pixels.size() / (rows * cols)); }
    int pixelCount() const { return rows * cols; }
    bool hasLabels() const { return !labels.isEmpty(); }
    int classCount() const;
    /// What a person calls `label`: its name where the data has one (an image folder's subfolder, Fashion-MNIST's ten
    /// classes, translated), else the number.
    QString labelName(int label) const;
    /// The same name before translation (what a checkpoint keeps); translatedLabel turns it into labelName's.
    QString labelKey(int label) const;
    static QString translatedLabel(const QString &key);
    const uchar *imageData(int index) const
    {
        return reinterpret_cast<const uchar *>(pixels.constData()) + qsizetype(index) * pixelCount();
    }
    /// One image as an 8-bit grayscale QImage (a deep copy).
    QImage image(int index) const;
    /// The images whose label is in `classes`, in order.
    Dataset subset(const QVector<int> &classes) const;
    /// Why `classes` (a run's chosen labels; empty = all) cannot select from this data: it has no labels, or a label is
    /// missing (named, with the labels it has). Empty when they can.
    QString classesProblem(const QVector<int> &classes) const;
    /// The first `n` images (all if n <= 0 or n >= count()).
    Dataset head(int n) const;
    /// Images at the given indices, in that order.
    Dataset select(const QVector<int> &indices) const;
    /// `count` images drawn with `seed`, in the drawn order (all of them, shuffled, if count <= 0 or count >= count()).
    Dataset randomSubset(int count, quint64 seed) const;
    /// Up to `count` indices to show: one image of each class first (so every class shows), then the next ones in
    /// order; sorted.
    QVector<int> showcase(int count) const;
};

/// A training and a test set from one source.
struct DataSplit
{
    Dataset train;
    Dataset test;
};

/// Converts any image to the 28×28 grayscale bytes the models read (white-on-black kept as is).
QByteArray imageToPixels(const QImage &image, int rows = 28, int cols = 28);
