#pragma once

#include <QImage>
#include <QStringList>
#include <QVector>
#include <QWidget>

/// The semi-supervised model's analogies row (Kingma et al. 2014, fig. 1): one latent point, i.e. one style,
/// decoded under every class, side by side; the chosen class is framed and a click chooses another.
class ClassAnalogyRow final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClassAnalogyRow)

public:
    explicit ClassAnalogyRow(QWidget *parent = nullptr);

    /// One image per class, in class order.
    void setImages(const QVector<QImage> &images);
    const QVector<QImage> &images() const { return m_images; }
    /// The classes' names, for the tooltips.
    void setNames(const QStringList &names);
    void setCurrent(int index);
    int current() const { return m_current; }
    /// The cell of class `index` in widget coordinates (empty when out of range).
    QRect cellRect(int index) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

Q_SIGNALS:
    /// The user clicked the image of class `index`.
    void classClicked(int index);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    int indexAt(const QPoint &pos) const;

    QVector<QImage> m_images;
    QStringList m_names;
    int m_current = 0;
};
