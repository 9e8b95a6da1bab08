#pragma once

#include <QImage>
#include <QString>
#include <QWidget>

/// Shows one image scaled up with nearest-neighbour sampling, so pixels stay crisp squares.
class ImageView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImageView)

public:
    explicit ImageView(QWidget *parent = nullptr);

    void setImage(const QImage &image);
    const QImage &image() const { return m_image; }
    /// Text drawn in the middle while there is no image.
    void setPlaceholder(const QString &text);
    /// The smallest zoom the layout must leave room for; 0 lets the image shrink below 1× (to kShrinkableSide
    /// pixels on its longer side), for large mosaics that must not force the window taller than the screen.
    void setMinimumScale(int scale)
    {
        m_minimumScale = scale;
        updateGeometry();
    }
    static constexpr int kShrinkableSide = 80;
    /// Whole-number zooms only (the default: every source pixel the same size on screen), or any zoom that fills the
    /// widget, smoothed, for a long row of small images that a whole zoom would leave at 1× in a docked panel.
    void setWholeZoom(bool whole)
    {
        m_wholeZoom = whole;
        update();
    }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    /// After every paint that showed an image (the latency benchmark listens to this).
    void painted();

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QImage m_image;
    QString m_placeholder;
    int m_minimumScale = 2;
    bool m_wholeZoom = true;
};
