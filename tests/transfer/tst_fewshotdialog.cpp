#include "analysis/imagetiles.h"
#include "data/labellist.h"
#include "fewshotdialog.h"
#include "processthreads.h"
#include "tinysource.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>

class TestFewShotDialog final : public QObject
{
    Q_OBJECT

private:
    DataSplit m_data = SyntheticData::split(SyntheticData::Pattern::Bars, 120, 100, 7);
    Checkpoint m_source;

    void configure(FewShotDialog &dialog, int episodes)
    {
        dialog.findChild<QSpinBox *>(QStringLiteral("ways"))->setValue(3);
        dialog.findChild<QSpinBox *>(QStringLiteral("queries"))->setValue(3);
        dialog.findChild<QSpinBox *>(QStringLiteral("episodes"))->setValue(episodes);
        dialog.findChild<QSpinBox *>(QStringLiteral("augment"))->setValue(2);
        dialog.findChild<QSpinBox *>(QStringLiteral("adaptSteps"))->setValue(1);
    }

private Q_SLOTS:
    void initTestCase() { m_source = TinySource::train(m_data, {0, 1, 2, 3, 4}); }

    void runShowsOneRowPerShotCount()
    {
        FewShotDialog dialog(m_source, m_data, QStringLiteral("bars"));
        dialog.show();
        configure(dialog, 10);
        auto *exportFolder = dialog.findChild<QPushButton *>(QStringLiteral("exportFolder"));
        QVERIFY(!exportFolder->isEnabled());
        dialog.findChild<QPushButton *>(QStringLiteral("run"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(exportFolder->isEnabled(), 60000);
        auto *table = dialog.findChild<QTableWidget *>();
        QCOMPARE(table->rowCount(), 2); // shots 1 and 5
        // The columns no row measured are left out: this source has no classifier, so its features have no column.
        QCOMPARE(m_source.config.model.classes, 0);
        QStringList shown;
        for (int c = 0; c < table->columnCount(); ++c)
            if (!table->isColumnHidden(c))
                shown << table->horizontalHeaderItem(c)->text().replace(QLatin1Char('\n'), QLatin1Char(' '));
        QCOMPARE(shown,
                 QStringList({QStringLiteral("shots"), QStringLiteral("prototypes on μ"),
                              QStringLiteral("prototypes on pixels"), QStringLiteral("μ + latent augmentation"),
                              QStringLiteral("query −ELBO before adaptation"),
                              QStringLiteral("query −ELBO after adaptation")}));
        // Fits a 1366×768 screen (less a panel) after the run, with every row of the table in view.
        QTest::qWait(50);
        QVERIFY2(dialog.width() <= 1366 && dialog.height() <= 728,
                 qPrintable(QStringLiteral("%1x%2").arg(dialog.width()).arg(dialog.height())));
        QVERIFY(dialog.minimumSizeHint().width() <= 1366 && dialog.minimumSizeHint().height() <= 728);
        QVERIFY(table->viewport()->height() >= table->rowCount() * table->rowHeight(0));
        QVERIFY(!table->horizontalScrollBar()->isVisible()); // every figure in view
        // Each row's best accuracy stands out, and only it.
        for (int r = 0; r < table->rowCount(); ++r) {
            int bold = -1;
            double best = -1;
            for (int c = 1; c <= 4; ++c) {
                const double value = table->item(r, c)->text().section(QLatin1Char(' '), 0, 0).toDouble();
                if (value > best)
                    best = value;
                if (table->item(r, c)->font().bold()) {
                    QCOMPARE(bold, -1);
                    bold = c;
                }
            }
            QVERIFY(bold > 0);
            QCOMPARE(table->item(r, bold)->text().section(QLatin1Char(' '), 0, 0).toDouble(), best);
        }
        // With every column (a model with a classifier, adaptation on), still at the dialog's default width.
        for (int c = 0; c < table->columnCount(); ++c)
            table->setColumnHidden(c, false);
        QTest::qWait(50);
        QVERIFY2(
            table->horizontalHeader()->length() <= table->viewport()->width(),
            qPrintable(
                QStringLiteral("%1 > %2").arg(table->horizontalHeader()->length()).arg(table->viewport()->width())));
    }

    void fitsTheScreenBeforeARun()
    {
        FewShotDialog dialog(m_source, m_data, QStringLiteral("bars"));
        dialog.show();
        QVERIFY(dialog.width() <= 1366 && dialog.height() <= 728);
    }

    void withoutAModelSaysHowToGetOne()
    {
        FewShotDialog dialog(std::nullopt, m_data, QStringLiteral("bars"));
        dialog.show();
        QVERIFY(!dialog.findChild<QPushButton *>(QStringLiteral("run"))->isEnabled());
        bool pointsToTheRecipe = false;
        for (QLabel *label : dialog.findChildren<QLabel *>())
            pointsToTheRecipe = pointsToTheRecipe || label->text().contains(QLatin1String("Labels per class to All"));
        QVERIFY(pointsToTheRecipe);
    }

    void everyFieldHasATooltip()
    {
        FewShotDialog dialog(m_source, m_data, QStringLiteral("bars"));
        QList<QWidget *> fields;
        for (QSpinBox *w : dialog.findChildren<QSpinBox *>())
            fields << w;
        for (QDoubleSpinBox *w : dialog.findChildren<QDoubleSpinBox *>())
            fields << w;
        for (QLineEdit *w : dialog.findChildren<QLineEdit *>())
            if (!qobject_cast<QComboBox *>(w->parentWidget()) && !qobject_cast<QAbstractSpinBox *>(w->parentWidget()))
                fields << w;
        QCOMPARE(fields.size(),
                 5 + 1 + 2); // ways, queries, episodes, augment, adapt steps; learning rate; classes, shots
        for (QWidget *w : fields)
            QVERIFY2(!w->toolTip().isEmpty(), qPrintable(w->objectName()));
    }

    void anAdaptedModelSaysWhereItCameFrom()
    {
        // A transfer strategy's model: "trained on" the target alone hid the data its weights began on.
        FewShotDialog plain(m_source, m_data, m_source.config.dataset);
        auto *said = plain.findChild<QLabel *>(QStringLiteral("sourceModel"));
        QVERIFY(said && said->text().contains(QLatin1String(" trained on bars (")));
        Checkpoint adapted = m_source;
        adapted.config.adaptedFrom = QStringLiteral("/data/digits");
        FewShotDialog dialog(adapted, m_data, m_source.config.dataset);
        said = dialog.findChild<QLabel *>(QStringLiteral("sourceModel"));
        QVERIFY2(said->text().contains(QLatin1String(" trained on digits, adapted to bars (")),
                 qPrintable(said->text()));
    }

    void warnsWhenTheClassesWereSeenInTraining()
    {
        // The source trained on classes 0-4 of the bars.
        FewShotDialog dialog(m_source, m_data, m_source.config.dataset);
        dialog.show();
        auto *warning = dialog.findChild<QLabel *>(QStringLiteral("seenWarning"));
        QVERIFY(warning);
        QVERIFY(!warning->isVisible());
        auto *classes = dialog.findChildren<QLineEdit *>().first();
        for (QLineEdit *edit : dialog.findChildren<QLineEdit *>())
            if (!edit->placeholderText().isEmpty())
                classes = edit;
        // Empty, the field means the classes held out of training: its placeholder names them, and fits the field.
        QCOMPARE(classes->placeholderText(), QStringLiteral("unseen: %1").arg(LabelList::format({5, 6, 7, 8, 9})));
        QVERIFY(classes->fontMetrics().horizontalAdvance(classes->placeholderText()) < classes->width() - 8);
        classes->setText(QStringLiteral("3,5,6"));
        QVERIFY(warning->isVisible());
        QVERIFY(warning->text().contains(QLatin1String("3")));
        classes->setText(QStringLiteral("5,6,7"));
        QVERIFY(!warning->isVisible());
        // Episodes from other data: the model saw none of its classes.
        classes->setText(QStringLiteral("0,1,2"));
        QVERIFY(warning->isVisible());
        dialog.findChild<QComboBox *>()->setCurrentText(QStringLiteral("/elsewhere/other-data"));
        QVERIFY(!warning->isVisible());
        QCOMPARE(classes->placeholderText(), QStringLiteral("unseen classes")); // its classes are not known here
    }

    void warnsWhenTheModelSawEveryClass()
    {
        // Trained on every class, the episodes (no classes chosen) draw from classes it has seen.
        FewShotDialog dialog(TinySource::train(m_data, {}, 1), m_data,
                             SyntheticData::name(SyntheticData::Pattern::Bars));
        dialog.show();
        auto *warning = dialog.findChild<QLabel *>(QStringLiteral("seenWarning"));
        QVERIFY(warning->isVisible());
        QVERIFY(warning->text().contains(QLatin1String("every class")));
        QVERIFY(warning->text().contains(QLatin1String("Labels per class All")));
        QLineEdit *classes = nullptr; // the field with a placeholder; Shots has a value instead
        for (QLineEdit *edit : dialog.findChildren<QLineEdit *>())
            if (!edit->placeholderText().isEmpty())
                classes = edit;
        QVERIFY(classes);
        QCOMPARE(classes->placeholderText(), QStringLiteral("every class (none unseen)"));
        // Classes that name every class of the loaded data, 0-9, are every class too.
        Checkpoint named = TinySource::train(m_data, {}, 1);
        named.config.classes.clear();
        for (int c = 0; c < m_data.test.classCount(); ++c)
            named.config.classes.append(c);
        FewShotDialog listed(named, m_data, SyntheticData::name(SyntheticData::Pattern::Bars));
        listed.show();
        QVERIFY(
            listed.findChild<QLabel *>(QStringLiteral("seenWarning"))->text().contains(QLatin1String("every class")));
        // The model of classes 0-4 holds the others out: no warning until a seen class is chosen.
        FewShotDialog heldOut(m_source, m_data, m_source.config.dataset);
        heldOut.show();
        QVERIFY(!heldOut.findChild<QLabel *>(QStringLiteral("seenWarning"))->isVisible());
    }

    void theAugmentationsOfAModelWithClassesAreExplained()
    {
        // A semi-supervised model decodes under the class its classifier reads: on an unseen class, a seen one.
        const auto caption = [](const std::optional<Checkpoint> &model) {
            FewShotDialog dialog(model, DataSplit{}, QString());
            return dialog.findChild<QLabel *>(QStringLiteral("augmentCaption"))->text();
        };
        Checkpoint semi = m_source;
        semi.config.model.classes = 5;
        semi.config.labelsPerClass = TrainConfig::kAllLabels;
        QVERIFY(caption(semi).contains(QLatin1String("an unseen class comes back looking like a seen one")));
        QVERIFY(!caption(m_source).contains(QLatin1String("unseen")));
        QVERIFY(caption(std::nullopt).startsWith(QLatin1String("First episode")));
    }

    void theAugmentationsStandBelowTheirSupportImage()
    {
        // The runner lists the support images, then each one's augmentations in turn: A, B, a1, a2, b1, b2.
        auto tile = [](int grey) {
            QImage image(2, 2, QImage::Format_Grayscale8);
            image.fill(grey);
            return image;
        };
        const QVector<QImage> listed{tile(10), tile(20), tile(11), tile(12), tile(21), tile(22), tile(99)};
        const QVector<QImage> ordered = ImageTiles::followersBelow(listed, 2);
        QCOMPARE(ordered.size(), 6); // the uneven seventh is left out
        const QImage grid = ImageTiles::grid(ordered, 2, 0);
        QCOMPARE(grid.size(), QSize(4, 6));
        const int expected[3][2] = {{10, 20}, {11, 21}, {12, 22}}; // a column per support image
        for (int row = 0; row < 3; ++row)
            for (int column = 0; column < 2; ++column)
                QCOMPARE(qGray(grid.pixel(2 * column, 2 * row)), expected[row][column]);
        QCOMPARE(ImageTiles::followersBelow(listed, 0).size(), listed.size());
    }

    void closingDuringTheRunStopsTheWorker()
    {
        auto *dialog = new FewShotDialog(m_source, m_data, QStringLiteral("bars"));
        dialog->show();
        configure(*dialog, 100000);
        const QSet<QString> before = ProcessThreads::ids();
        dialog->findChild<QPushButton *>(QStringLiteral("run"))->click();
        QTRY_VERIFY(!(ProcessThreads::ids() - before).isEmpty()); // the run works on a thread of its own
        QTest::qWait(50);
        const QSet<QString> runThreads = ProcessThreads::ids() - before;
        delete dialog; // must stop and join the worker, not hang and not leave it running
        // Far shorter than the run: only the kernel's clean-up of the joined threads may still be under way.
        QTRY_VERIFY_WITH_TIMEOUT(!ProcessThreads::ids().intersects(runThreads), 2000);
    }
};

QTEST_MAIN(TestFewShotDialog)
#include "tst_fewshotdialog.moc"
