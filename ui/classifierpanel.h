#pragma once

#include "analysis/confusionmatrix.h"
#include "data/dataset.h"

#include <QStringList>
#include <QVector>
#include <QWidget>

#include <limits>

class ImageView;
class QCPColorMap;
class QCPItemText;
class QCustomPlot;
class QLabel;
class QMouseEvent;

/// The semi-supervised model's classifier on the test split: a confusion matrix (rows the true class, columns the
/// predicted one; each cell's count, shaded by the share of its row) and the mistakes it makes most often. Accuracy
/// alone hides which classes fail; on Fashion-MNIST it is coats taken for pullovers and shirts.
class QBoxLayout;

class ClassifierPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClassifierPanel)

public:
    explicit ClassifierPanel(QWidget *parent = nullptr);

    /// Shows one evaluation's matrix; `classNames` names the model's classes in order (numbers where shorter). With
    /// the label graph the matrix is the product's, and the caption adds `classifier`'s and `graph`'s own accuracies
    /// (fractions; NaN = without it).
    void setMatrix(const ConfusionMatrix &matrix, const QStringList &classNames, int epoch,
                   double classifier = std::numeric_limits<double>::quiet_NaN(),
                   double graph = std::numeric_limits<double>::quiet_NaN());
    /// The evaluated images and the class predicted for each, in order, so that a click on a cell shows its images.
    /// Taken only when they add up to the matrix shown (labels = class indices); else (a validation split, an opened
    /// checkpoint, which keeps no predictions) a click shows nothing. Call after setMatrix.
    void setExamples(const Dataset &images, const QVector<int> &predictions);
    /// Shows up to kMaxExamples images of class `truth` taken for `predicted` under the matrix (the same cell again,
    /// or an empty one, hides them); a new epoch's matrix keeps the cell and shows its new images.
    void showCell(int truth, int predicted);
    /// The cell whose images are shown ({-1, -1}: none) and how many are drawn.
    QPair<int, int> shownCell() const { return m_shownCell; }
    int shownExampleCount() const { return m_shownExamples; }
    static constexpr int kMaxExamples = 16;

    /// Back to the explanation (a plain VAE, or a new run before its first epoch), or to `why` there is no matrix.
    void clear(const QString &why = {});
    /// The caption speaks of validation images rather than test images (TrainConfig::validation); for the next
    /// setMatrix.
    void setEvaluatedOnValidation(bool validation) { m_validation = validation; }
    /// The data the matrix was measured on when other data is loaded (empty: the loaded data), said in the caption;
    /// for the next setMatrix. A digits model's 95.7 % read as Fashion-MNIST's once Fashion-MNIST was chosen.
    void setMeasuredOn(const QString &dataset) { m_measuredOn = dataset; }

    bool isShowingMatrix() const { return m_matrix.classes > 0; }
    const ConfusionMatrix &matrix() const { return m_matrix; }
    /// The number drawn in a cell (empty when none is shown).
    QString cellText(int truth, int predicted) const;
    QString caption() const;
    QString className(int index) const;
    /// The matrix as a PNG at twice the screen's resolution (File ▸ Export ▸ Confusion Matrix).
    bool exportPng(const QString &path);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    /// Caption and examples beside the matrix in a wide panel, below it in a narrow one.
    void arrange();
    void rebuildPlot();
    void cellClicked(QMouseEvent *event);
    void updateExamples();

    QCustomPlot *m_plot = nullptr;
    QCPColorMap *m_map = nullptr;
    QBoxLayout *m_layout = nullptr;
    QBoxLayout *m_examplesLayout = nullptr; ///< the examples' caption and images
    QVector<QCPItemText *> m_cells;
    QLabel *m_caption = nullptr;
    QString m_matrixCaption; ///< the caption setMatrix wrote, before setExamples adds its hint
    ImageView *m_examplesView = nullptr;
    QLabel *m_examplesCaption = nullptr;
    Dataset m_examples; ///< the evaluated images (empty: no examples to show)
    QVector<int> m_predictions;
    QPair<int, int> m_shownCell{-1, -1};
    int m_shownExamples = 0;
    bool m_validation = false;
    QString m_measuredOn;
    ConfusionMatrix m_matrix;
    QStringList m_names;
};
