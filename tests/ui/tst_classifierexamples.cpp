#include "classifierpanel.h"
#include "plotinclude.h"
#include "syntheticdata.h"

#include <QLabel>
#include <QTest>

namespace {

/// 32 blob images of four classes and the classifier's guesses: right, except the first three images of class 1,
/// taken for class 2.
struct Evaluation
{
    Dataset images = SyntheticData::generate(SyntheticData::Pattern::Blobs, 32, 2);
    QVector<int> predictions;
    ConfusionMatrix matrix{4};

    Evaluation()
    {
        int wrong = 0;
        for (int label : std::as_const(images.labels)) {
            const bool mistaken = label == 1 && wrong < 3;
            wrong += mistaken ? 1 : 0;
            predictions.append(mistaken ? 2 : label);
            matrix.add(label, predictions.last());
        }
    }
};

QPoint cellCentre(ClassifierPanel &panel, int truth, int predicted)
{
    auto *plot = panel.findChild<QCustomPlot *>(QStringLiteral("confusionPlot"));
    plot->replot();
    return QPoint(int(plot->xAxis->coordToPixel(predicted)), int(plot->yAxis->coordToPixel(truth)));
}

} // namespace

/// The Classifier panel's cells open onto their images: which 7s were taken for 9s.
class TestClassifierExamples final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aClickedCellShowsItsImages()
    {
        const Evaluation e;
        QCOMPARE(e.matrix.at(1, 2), 3);
        ClassifierPanel panel;
        panel.resize(500, 500);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setMatrix(e.matrix, {}, 0);
        panel.setExamples(e.images, e.predictions);
        QVERIFY2(panel.caption().endsWith(QLatin1String("Click a cell for its images.")), qPrintable(panel.caption()));
        auto *examples = panel.findChild<QLabel *>(QStringLiteral("confusionExamplesCaption"));
        QVERIFY(!examples->isVisible());

        auto *plot = panel.findChild<QCustomPlot *>(QStringLiteral("confusionPlot"));
        QCOMPARE(plot->cursor().shape(), Qt::PointingHandCursor);
        QCoreApplication::processEvents(); // laid out with the matrix
        const QRect matrixBefore = plot->geometry();
        QTest::mouseClick(plot, Qt::LeftButton, {}, cellCentre(panel, 1, 2));
        QCoreApplication::processEvents();
        QCOMPARE(plot->geometry(), matrixBefore); // the images' row had its room: the cells stay under the pointer
        QCOMPARE(panel.shownCell(), qMakePair(1, 2));
        QCOMPARE(panel.shownExampleCount(), 3);
        QVERIFY(examples->isVisible());
        QCOMPARE(examples->text(), QStringLiteral("1 taken for 2: 3 image(s):"));

        // The diagonal: the images labelled correctly, the first kMaxExamples of them.
        QTest::mouseClick(plot, Qt::LeftButton, {}, cellCentre(panel, 0, 0));
        QCOMPARE(panel.shownExampleCount(), qMin(e.matrix.at(0, 0), ClassifierPanel::kMaxExamples));
        QVERIFY2(
            examples->text().startsWith(QStringLiteral("0 labelled correctly: %1 image(s)").arg(e.matrix.at(0, 0))),
            qPrintable(examples->text()));
        // An empty cell says so; the same cell again hides the images.
        panel.showCell(0, 3);
        QCOMPARE(panel.shownExampleCount(), 0);
        QCOMPARE(examples->text(), QStringLiteral("0 taken for 3: none."));
        QTest::mouseClick(plot, Qt::LeftButton, {}, cellCentre(panel, 0, 3));
        QCOMPARE(panel.shownCell(), qMakePair(-1, -1));
        QVERIFY(!examples->isVisible());
    }

    void theNextEpochKeepsTheCellAndShowsItsNewImages()
    {
        Evaluation e;
        ClassifierPanel panel;
        panel.setMatrix(e.matrix, {}, 0);
        panel.setExamples(e.images, e.predictions);
        panel.showCell(1, 2);
        QCOMPARE(panel.shownExampleCount(), 3);
        // One more image of class 1 taken for 2 in the next epoch.
        const int index = int(e.images.labels.lastIndexOf(1));
        e.predictions[index] = 2;
        ConfusionMatrix next(4);
        for (int i = 0; i < e.predictions.size(); ++i)
            next.add(e.images.labels.at(i), e.predictions.at(i));
        panel.setMatrix(next, {}, 1);
        panel.setExamples(e.images, e.predictions);
        QCOMPARE(panel.shownCell(), qMakePair(1, 2));
        QCOMPARE(panel.shownExampleCount(), 4);
    }

    void predictionsThatDoNotMatchTheMatrixShowNothing()
    {
        // Another split's guesses (a validation run's), or a matrix over other class indices: never the wrong images.
        const Evaluation e;
        ClassifierPanel panel;
        panel.setMatrix(e.matrix, {}, 0);
        QVector<int> shifted = e.predictions;
        std::rotate(shifted.begin(), shifted.begin() + 1, shifted.end());
        panel.setExamples(e.images, shifted);
        QVERIFY(!panel.caption().contains(QLatin1String("Click a cell")));
        QCOMPARE(panel.findChild<QCustomPlot *>(QStringLiteral("confusionPlot"))->cursor().shape(), Qt::ArrowCursor);
        panel.showCell(1, 2);
        QCOMPARE(panel.shownExampleCount(), 0);
        panel.setExamples(e.images, e.predictions.mid(1)); // one image short
        panel.showCell(1, 2);
        QCOMPARE(panel.shownExampleCount(), 0);
    }
};

QTEST_MAIN(TestClassifierExamples)
#include "tst_classifierexamples.moc"
