#pragma once

#include <QImage>
#include <QWidget>

/// A black square to sketch on with the mouse in white, as MNIST digits look.
class DrawCanvas final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DrawCanvas)

public:
    static constexpr int kCanvasSize = 280;

    explicit DrawCanvas(QWidget *parent = nullptr);

    bool isEmpty() const { return m_empty; }
    /// The sketch as the models see digits: cropped to its ink, fitted into 20×20 and centred in 28×28.
    QImage modelInput() const;
    const QImage &canvas() const { return m_canvas; }

    QSize sizeHint() const override { return {kCanvasSize, kCanvasSize}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override { return width; }

public Q_SLOTS:
    void clear();

Q_SIGNALS:
    /// A stroke ended (mouse released).
    void strokeFinished();
    /// The ink changed while drawing (throttled by the caller if needed).
    void inkChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    QPointF toCanvas(QPointF widgetPoint) const;
    void drawTo(QPointF widgetPoint);

    QImage m_canvas;
    QPointF m_last;
    bool m_drawing = false;
    bool m_empty = true;
};
