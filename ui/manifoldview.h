#pragma once

#include <QImage>
#include <QString>
#include <QVector>
#include <QWidget>

class ImageView;

/// The manifold grid in an ImageView (crisp pixels) framed by labelled axes (the z value under each column and
/// beside each row); a click on a cell reports its row and column.
class ManifoldView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ManifoldView)

public:
    explicit ManifoldView(QWidget *parent = nullptr);

    /// An n × n grid; `values` are the n z values along each axis, ascending. Columns vary `xName` left to right,
    /// rows vary `yName` bottom to top (an empty `yName` leaves the vertical axis unlabelled).
    void setGrid(const QImage &image, int n, const QVector<float> &values, const QString &xName, const QString &yName);
    void clear();
    void setPlaceholder(const QString &text);
    const QImage &image() const;
    /// The cell (column x, row y) under `pos`, or (-1, -1) outside the grid.
    QPoint cellAt(const QPoint &pos) const;
    /// Where the grid is drawn, in widget coordinates.
    QRect gridRect() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void cellClicked(int row, int column);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    int leftMargin() const;
    int topMargin() const;
    int bottomMargin() const;
    void drawAxes(QPainter &painter, const QRect &grid) const;

    ImageView *m_view = nullptr;
    int m_n = 0;
    QVector<float> m_values;
    QString m_xName;
    QString m_yName;
};
