#include "data/idxreader.h"
#include "plotinclude.h"
#include "tinysource.h"
#include "training/machinespeed.h"
#include "transfercurveplot.h"
#include "transferrunpages.h"
#include "transferwizard.h"
#include "transferwizardpages.h"
#include "wizardfixture.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QMessageBox>
#include <QMouseEvent>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QToolTip>

#include <algorithm>

class TestTransferWizard final : public QObject, private WizardFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpData(); }

    void runsEveryStrategyAndShowsTheResults()
    {
        TransferWizard wizard(m_source, m_data);
        advanceToRun(wizard);
        QTRY_VERIFY_WITH_TIMEOUT(wizard.currentPage()->isComplete(), 120000);
        QVERIFY(wizard.outcome.has_value());
        QCOMPARE(wizard.outcome->outcome, RunOutcome::Completed);
        // Enter goes on to the results (the focus had fallen to Back when Cancel run was disabled).
        QCOMPARE(wizard.focusWidget(), wizard.button(QWizard::CommitButton));
        // The run plot starts at epoch 0 (the model before adaptation) with room around the markers.
        QVERIFY2(!wizard.currentPage()->subTitle().contains(QLatin1String("semi-supervised")), // not run here
                 qPrintable(wizard.currentPage()->subTitle()));
        auto *runPlot = wizard.currentPage()->findChild<QCustomPlot *>();
        QVERIFY(runPlot && runPlot->graphCount() == 4);
        QCOMPARE(runPlot->graph(0)->data()->begin()->key, 0.0);
        QVERIFY(runPlot->xAxis->range().lower < 0);
        wizard.next();
        QCOMPARE(wizard.currentId(), int(TransferWizard::ResultsPageId));
        // Nothing is left to cancel (the run is kept): Finish is the way on (Cancel here ignored "Explore").
        QVERIFY(wizard.isVisible() && !wizard.button(QWizard::CancelButton)->isVisible());
        QVERIFY(wizard.button(QWizard::FinishButton)->isVisible());
        auto *table = wizard.currentPage()->findChild<QTableWidget *>();
        QVERIFY(table);
        QCOMPARE(table->rowCount(), 4 + 3);                  // four strategies and three baselines
        QVERIFY(!table->horizontalScrollBar()->isVisible()); // every column fits the wizard's default width
        QVERIFY(!table->verticalScrollBar()->isVisible());
        // The chart shows the same rows: four strategies, then the unadapted encoder, scratch and pixel baselines.
        auto *chart = wizard.currentPage()->findChild<QCustomPlot *>();
        QVERIFY(chart);
        auto *bars = qobject_cast<QCPBars *>(chart->plottable(0));
        QVERIFY(bars);
        QCOMPARE(bars->data()->size(), 4 + 2); // the linear probes: no bar for the classifier from scratch
        QCOMPARE((bars->data()->begin() + 4)->value, 100 * wizard.outcome->report.sourceProbe.mean);
        // The line to beat runs across every group at the better pixel figure, on every test image as the bars.
        QCOMPARE(chart->graphCount(), 1);
        const TransferReport &report = wizard.outcome->report;
        const TransferVerdict verdict = report.verdict();
        const double pixels = 100 * (verdict.pixelsByKnn ? report.pixelKnn : report.pixelProbe).mean;
        QCOMPARE(chart->graph(0)->data()->begin()->value, pixels);
        QVERIFY(chart->graph(0)->data()->begin()->key <= bars->data()->begin()->key);
        QVERIFY((chart->graph(0)->data()->end() - 1)->key >= (bars->data()->end() - 1)->key);
        QVERIFY(table->item(0, 3) && !table->item(0, 3)->text().isEmpty());
        // The answer comes first: the best VAE figure against the pixels, and the strategy this run left out.
        auto *text = wizard.currentPage()->findChild<QTextBrowser *>();
        QVERIFY(text);
        QVERIFY(
            text->toPlainText().startsWith(QLatin1String("Answer: on half of the test images, the best VAE figure, ")));
        QVERIFY(text->toPlainText().contains(QLatin1String("The semi-supervised strategy was not run.")));
        QVERIFY2(text->toPlainText().contains(QLatin1String("about 1 min more here")), // its plan, on 120 images
                 qPrintable(text->toPlainText()));
        // Its figures are on the half of the test images the choice did not see, and it says so.
        QVERIFY(verdict.candidates > 1);
        QVERIFY2(text->toPlainText().contains(
                     QStringLiteral("These figures are on half of the %1 test images (%2 images): the best of %3 VAE "
                                    "figures and the better pixel classifier were chosen on the other half")
                         .arg(report.targetTestCount)
                         .arg(report.targetTestCount / 2)
                         .arg(verdict.candidates)),
                 qPrintable(text->toPlainText()));
        QVERIFY(text->toPlainText().contains(QStringLiteral("(%1").arg(100 * verdict.best.mean, 0, 'f', 1)));

        // Finish with "Explore the adapted model" hands the chosen strategy's model, with a history, onward.
        auto *choice = wizard.currentPage()->findChild<QComboBox *>();
        auto *explore = wizard.currentPage()->findChild<QCheckBox *>();
        QVERIFY(choice && explore);
        QCOMPARE(choice->currentIndex(), verdict.strategy); // the answer's model first
        choice->setCurrentIndex(1);
        explore->setChecked(true);
        QSignalSpy spy(&wizard, &TransferWizard::exploreRequested);
        wizard.accept();
        QCOMPARE(spy.count(), 1);
        const auto adapted = spy.first().first().value<Checkpoint>();
        QCOMPARE(adapted.weights, wizard.outcome->report.strategies[1].weights);
        QCOMPARE(adapted.epochsDone(), 1);
        QCOMPARE(adapted.history.last().test.klPerDim.size(), m_source.config.model.latent);
        QVERIFY(std::isfinite(adapted.history.last().test.negElbo));
        // The run's own evaluation, kept with the strategy: nothing is evaluated again on the GUI thread.
        const auto &kept = wizard.outcome->report.strategies[1].targetEvaluation;
        QVERIFY(kept);
        QCOMPARE(adapted.history.last().test.negElbo, kept->negElbo);
        QCOMPARE(adapted.history.last().test.klPerDim, kept->klPerDim);
    }

    void theRunPlotShowsWhereTheStrategiesDiffer()
    {
        QSettings().clear();
        TransferCurvePlot plot;
        plot.resize(700, 400);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        plot.reset({TransferStrategy::FinetuneAll, TransferStrategy::Scratch});
        // A model of another dataset starts far above where the strategies end.
        plot.addPoint(TransferStrategy::FinetuneAll, 0, 692.1);
        plot.addPoint(TransferStrategy::Scratch, 0, 551.0);
        QVERIFY(!plot.scalesToAdaptedEpochs()); // nothing after epoch 0 yet: everything in view
        QVERIFY(plot.plot()->yAxis->range().contains(692.1) && plot.plot()->yAxis->range().contains(551.0));
        for (const auto &[epoch, finetune, scratch] :
             QVector<std::tuple<int, double, double>>{{1, 254.0, 255.5}, {2, 248.31, 249.0}}) {
            plot.addPoint(TransferStrategy::FinetuneAll, epoch, finetune);
            plot.addPoint(TransferStrategy::Scratch, epoch, scratch);
        }
        QVERIFY(plot.scalesToAdaptedEpochs());
        const QCPRange y = plot.plot()->yAxis->range();
        QVERIFY2(y.lower < 248.31 && y.upper > 255.5 && y.upper < 300, qPrintable(QString::number(y.upper)));
        const auto *note = plot.findChild<QLabel *>(QStringLiteral("epochZeroNote"));
        QVERIFY(note && note->isVisibleTo(&plot));
        QCOMPARE(note->text(), QStringLiteral("Epoch 0, before adapting: 551.0–692.1 nats, above the axis"));

        // Unticked, every figure is in view and the note goes.
        auto *fit = plot.findChild<QCheckBox *>();
        QVERIFY(fit && fit->isChecked());
        fit->click();
        QVERIFY(!plot.scalesToAdaptedEpochs());
        QVERIFY(plot.plot()->yAxis->range().contains(692.1));
        QVERIFY(!note->isVisibleTo(&plot));
        QCOMPARE(QSettings().value(QLatin1String(TransferWizardSettings::kFitAdaptedEpochs)).toBool(), false);
        fit->click();

        // Hovering an epoch lists every strategy's figure there, lowest first.
        plot.plot()->replot();
        const double y0 = plot.plot()->axisRect()->center().y();
        const QPointF second(plot.plot()->xAxis->coordToPixel(2), y0);
        QCOMPARE(plot.readoutAt(second), QStringLiteral("Epoch 2\nfinetune-all: 248.3 nats\nscratch: 249.0 nats"));
        QVERIFY(plot.readoutAt(QPointF(plot.plot()->xAxis->coordToPixel(1.5), y0)).isEmpty());
        QVERIFY(
            plot.readoutAt(QPointF(plot.plot()->xAxis->coordToPixel(0), y0))
                .startsWith(QStringLiteral("Epoch 0, before adapting\nscratch: 551.0 nats\nfinetune-all: 692.1 nats")));
        const QPointF first(plot.plot()->xAxis->coordToPixel(1), y0);
        QMouseEvent move(QEvent::MouseMove, first, plot.plot()->mapToGlobal(first), Qt::NoButton, Qt::NoButton,
                         Qt::NoModifier);
        QCoreApplication::sendEvent(plot.plot(), &move);
        QTRY_COMPARE(QToolTip::text(), QStringLiteral("Epoch 1\nfinetune-all: 254.0 nats\nscratch: 255.5 nats"));
    }

    void namesTheButtonsForWhatTheyDo()
    {
        TransferWizard wizard(m_source, m_data);
        advanceToStrategy(wizard);
        QCOMPARE(wizard.button(QWizard::NextButton)->text(), QStringLiteral("Start adapting"));
        wizard.next();
        QCOMPARE(wizard.button(QWizard::CommitButton)->text(), QStringLiteral("Show results"));
    }

    void targetPageIsCompleteOnOpen()
    {
        QSettings().clear();
        TransferWizard wizard(m_source, m_data);
        auto *target = openTargetPage(wizard);
        QVERIFY(target);
        // "mnist" is preselected and must be loaded without touching the combo box.
        QCOMPARE(wizard.targetName, QStringLiteral("mnist"));
        QVERIFY(target->isComplete());
    }

    void theTargetPageKeepsTheWizardsSize()
    {
        // The preview of the target's images fits the wizard's 900 px: at sixteen to a row the wizard grew on
        // entering the page, and its buttons moved under the pointer.
        QSettings().clear();
        TransferWizard wizard(m_source, m_data);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        const QSize size = wizard.size();
        wizard.next();
        auto *target = qobject_cast<TransferTargetPage *>(wizard.currentPage());
        QVERIFY(target);
        target->load(m_dir.path()); // 120 images: the preview shows 48
        QCoreApplication::processEvents();
        QCOMPARE(wizard.size(), size);
        // Its numbers are fields of a number's width, not bars across the wizard.
        for (const QAbstractSpinBox *box : target->findChildren<QAbstractSpinBox *>())
            QVERIFY2(box->width() < wizard.width() / 3, qPrintable(QString::number(box->width())));
    }

    void withoutAModelSaysHowToGetOne()
    {
        TransferWizard wizard(std::nullopt, DataSplit{});
        wizard.show();
        QVERIFY(!wizard.currentPage()->isComplete());
        QVERIFY(pageSays(wizard.currentPage(), QStringLiteral("train one first")));
        TransferWizard withModel(m_source, m_data);
        withModel.show();
        QVERIFY(!pageSays(withModel.currentPage(), QStringLiteral("train one first")));
    }

    void aFirstTransferPreselectsAnotherDomain()
    {
        QSettings().clear();
        Checkpoint digits = m_source;
        digits.config.dataset = QStringLiteral("mnist");
        TransferWizard wizard(digits, m_data);
        auto *target = openTargetPage(wizard);
        QVERIFY(target);
        // Not the source's own digits: the first built-in dataset the model was not trained on.
        QCOMPARE(wizard.targetName, QStringLiteral("fashion-mnist"));
        QVERIFY(target->isComplete());
        const QString warning = QStringLiteral("source model was trained on this dataset");
        QVERIFY(!pageSays(target, warning));
        // Choosing the source's dataset by hand is allowed, and said.
        target->load(QStringLiteral("mnist"));
        QVERIFY(target->isComplete());
        QVERIFY(pageSays(target, warning));
        // The same data under another path counts as the same dataset.
        digits.config.dataset = m_dir.path() + QStringLiteral("/./");
        TransferWizard byPath(digits, m_data);
        auto *pathTarget = openTargetPage(byPath);
        QCOMPARE(byPath.targetName, QStringLiteral("mnist"));
        pathTarget->load(m_dir.path());
        QVERIFY(pathTarget->isComplete());
        QVERIFY(pageSays(pathTarget, warning));
        // A remembered target that is this source's own data is not kept either (a Fashion-MNIST model after a
        // transfer to fashion-mnist).
        QSettings().setValue(QLatin1String(TransferWizardSettings::kTarget), QStringLiteral("mnist"));
        digits.config.dataset = QStringLiteral("mnist");
        TransferWizard remembered(digits, m_data);
        QVERIFY(openTargetPage(remembered));
        QCOMPARE(remembered.targetName, QStringLiteral("fashion-mnist"));
    }

    void remembersItsSettings()
    {
        QSettings().clear();
        {
            TransferWizard wizard(m_source, m_data);
            advanceToStrategy(wizard);
            for (QCheckBox *box : wizard.currentPage()->findChildren<QCheckBox *>())
                box->setChecked(box->text().startsWith(QLatin1String("freeze-encoder")));
            QVERIFY(wizard.currentPage()->validatePage());
        }
        TransferWizard wizard(m_source, m_data);
        wizard.show();
        wizard.next();
        QCOMPARE(wizard.targetName, m_dir.path());
        QVERIFY(wizard.currentPage()->isComplete());
        wizard.next();
        QCOMPARE(wizard.currentId(), int(TransferWizard::StrategyPageId));
        const auto spins = wizard.currentPage()->findChildren<QSpinBox *>();
        QCOMPARE(spins.size(), 1);
        QCOMPARE(spins.first()->value(), 1);
        for (QCheckBox *box : wizard.currentPage()->findChildren<QCheckBox *>())
            QCOMPARE(box->isChecked(), box->text().startsWith(QLatin1String("freeze-encoder")));
    }

    void saysHowLongTheRunWillTake()
    {
        QSettings().clear();
        MachineSpeed::assume({}); // the costs' own machine: the figures below must not depend on this one's load
        TransferWizard wizard(m_source, m_data);
        advanceToStrategy(wizard); // the four plain strategies, 1 epoch of 120 images: seconds
        auto *estimate = wizard.currentPage()->findChild<QLabel *>(QStringLiteral("estimate"));
        QVERIFY(estimate);
        QVERIFY2(estimate->text().startsWith(QLatin1String("Expected time: under a minute")),
                 qPrintable(estimate->text()));
        // 1,000 epochs, and the semi-supervised strategy: three label draws of a label graph and 1,000 epochs each.
        // The plain strategies' 1,000 epochs of 120 images, each with its curve point: about a minute.
        wizard.currentPage()->findChild<QSpinBox *>()->setValue(1000);
        QVERIFY2(estimate->text().startsWith(QLatin1String("Expected time: under a minute"))
                     || estimate->text().startsWith(QLatin1String("Expected time: about 1 min")),
                 qPrintable(estimate->text()));
        for (QCheckBox *box : wizard.currentPage()->findChildren<QCheckBox *>())
            if (box->text().startsWith(QLatin1String("semi-supervised")))
                box->setChecked(true);
        // Its part is told in minutes only where they differ from the whole's (a new user read "about 8 min, 8 min
        // of them" and "under a minute, 1 min of them" as mistakes).
        const QRegularExpressionMatch m =
            QRegularExpression(QStringLiteral("about (\\d+) min, ((\\d+) min of them|most of it) for semi-supervised"))
                .match(estimate->text());
        QVERIFY2(m.hasMatch(), qPrintable(estimate->text()));
        QVERIFY(m.captured(1).toInt() >= 5);
        QVERIFY(m.captured(3).isEmpty() || m.captured(3).toInt() < m.captured(1).toInt());
        wizard.currentPage()->findChild<QSpinBox *>()->setValue(1); // 1 epoch: under a minute, no minutes apart
        QVERIFY2(estimate->text().startsWith(QLatin1String("Expected time: under a minute"))
                     && !estimate->text().contains(QLatin1String("min of them")),
                 qPrintable(estimate->text()));
    }
};

QTEST_MAIN(TestTransferWizard)
#include "tst_transferwizard.moc"
