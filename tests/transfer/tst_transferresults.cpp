// The transfer wizard's results page on reports made by hand: the answer's words and the chart's bars, without a
// run (tst_transferwizard walks the whole wizard).
#include "plotinclude.h"
#include "tinysource.h"
#include "transferwizard.h"

#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>

#include <cmath>

namespace {

/// An accuracy measured on two label draws, `a` on every image and on both halves.
AccuracyEstimate twice(double a)
{
    return AccuracyEstimate::ofTests(QVector<TestAccuracy>{{a, a, a}, {a, a, a}});
}

/// A report of the bars with `strategies`, each strategy's figures `figure` (the semi-supervised one's probe only).
TransferOutcome reportOf(const QVector<TransferStrategy> &strategies, double figure)
{
    TransferOutcome outcome;
    TransferReport &report = outcome.report;
    report.targetDataset = QStringLiteral("bars");
    report.targetTestCount = 10;
    report.classCount = 10;
    report.repeats = 2;
    report.labelsPerClass = 1;
    for (const TransferStrategy strategy : strategies) {
        StrategyResult r;
        r.strategy = strategy;
        r.probe = twice(figure);
        if (strategy != TransferStrategy::SemiSupervised) {
            r.knn = twice(figure - 0.1);
            r.finetune = twice(figure + 0.05);
        }
        report.strategies.append(r);
    }
    report.sourceProbe = twice(0.4);
    report.sourceKnn = twice(0.35);
    report.scratchClassifier = twice(0.55);
    report.pixelProbe = twice(0.6);
    report.pixelKnn = twice(0.5);
    return outcome;
}

} // namespace

class TestTransferResults final : public QObject
{
    Q_OBJECT

private:
    DataSplit m_data = SyntheticData::split(SyntheticData::Pattern::Bars, 120, 60, 7);
    Checkpoint m_source;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_source = TinySource::train(m_data, {0, 1, 2, 3, 4});
    }

    void theAnswerNamesTheLabelGraph()
    {
        // A semi-supervised row whose figure is q(y|x) multiplied with the label graph's vote says so in the answer.
        TransferOutcome outcome = reportOf({TransferStrategy::SemiSupervised}, 0.8);
        for (const bool graph : {true, false}) {
            outcome.report.strategies[0].labelGraph = graph;
            TransferWizard wizard(m_source, m_data);
            wizard.outcome = outcome;
            wizard.page(TransferWizard::ResultsPageId)->initializePage();
            const QString text = wizard.page(TransferWizard::ResultsPageId)->findChild<QTextBrowser *>()->toPlainText();
            const QString named = graph
                ? QStringLiteral("semi-supervised's own classifier with the label graph (80.0 ± 0.0%)")
                : QStringLiteral("semi-supervised's own classifier (80.0 ± 0.0%)");
            QVERIFY2(
                text.startsWith(QStringLiteral("Answer: on half of the test images, the best VAE figure, ") + named),
                qPrintable(text));
        }
    }

    void aStoppedRunAndTheKeptDrawAreSaid()
    {
        // Stopped after one of three strategies: said before the answer, with the ones that did not run. The
        // semi-supervised model kept is draw 1's, whose accuracy differs from the draws' mean in the table.
        TransferWizard wizard(m_source, m_data);
        wizard.config.strategies = {TransferStrategy::SemiSupervised, TransferStrategy::FinetuneAll,
                                    TransferStrategy::Scratch};
        TransferOutcome outcome = reportOf({TransferStrategy::SemiSupervised}, 0.745);
        outcome.outcome = RunOutcome::Stopped;
        ElboSummary first;
        first.accuracy = 0.707;
        outcome.report.strategies[0].targetEvaluation = first;
        wizard.outcome = outcome;
        wizard.page(TransferWizard::ResultsPageId)->initializePage();
        const QString text = wizard.page(TransferWizard::ResultsPageId)->findChild<QTextBrowser *>()->toPlainText();
        QVERIFY2(text.startsWith(QStringLiteral("The run was stopped after 1 of 3 strategies: the answer is among "
                                                "those that finished. Not run: finetune-all, scratch.")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("The model you save or explore is label draw 1's of 2: its accuracy is "
                                              "70.7%")),
                 qPrintable(text));
        // A completed run says neither the stop nor, with one draw, the draw.
        outcome.outcome = RunOutcome::Completed;
        outcome.report.repeats = 1;
        wizard.outcome = outcome;
        wizard.page(TransferWizard::ResultsPageId)->initializePage();
        const QString whole = wizard.page(TransferWizard::ResultsPageId)->findChild<QTextBrowser *>()->toPlainText();
        QVERIFY(!whole.contains(QStringLiteral("stopped")));
        QVERIFY(!whole.contains(QStringLiteral("label draw 1's")));
    }

    void onlyAdaptedModelsAreSaidToForget()
    {
        // The scratch model never saw the source: its source −ELBO is a reference, not forgetting.
        TransferWizard wizard(m_source, m_data);
        wizard.outcome = reportOf({TransferStrategy::FinetuneAll, TransferStrategy::Scratch}, 0.7);
        wizard.page(TransferWizard::ResultsPageId)->initializePage();
        const QString text = wizard.page(TransferWizard::ResultsPageId)->findChild<QTextBrowser *>()->toPlainText();
        const qsizetype scratch = text.indexOf(QStringLiteral("\nscratch\n"));
        QVERIFY2(scratch > 0, qPrintable(text));
        QVERIFY(text.left(scratch).contains(QStringLiteral("a rise is forgetting")));
        const QString scratchPart = text.mid(scratch, text.indexOf(QStringLiteral("Baselines")) - scratch);
        QVERIFY2(!scratchPart.contains(QStringLiteral("a rise is forgetting")), qPrintable(scratchPart));
        QVERIFY(scratchPart.contains(QStringLiteral("never saw the source")));
    }

    void eachRowsBarsAreCentredOnItsName()
    {
        // Found by a new user: with the bars of a group always in three slots, the semi-supervised strategy's single
        // bar sat beside the previous group's and the classifier from scratch's beside the raw pixels', under names
        // that began at their tick and ran on under the next group. Now a group's bars are those it has, centred on
        // its tick, the names end there, and the semi-supervised strategy's own classifier is a series of its own.
        TransferWizard wizard(m_source, m_data);
        wizard.outcome = reportOf({TransferStrategy::FinetuneAll, TransferStrategy::SemiSupervised}, 0.7);
        wizard.page(TransferWizard::ResultsPageId)->initializePage();
        auto *chart = wizard.page(TransferWizard::ResultsPageId)->findChild<QCustomPlot *>();
        QVERIFY(chart);
        QCOMPARE(chart->xAxis->tickLabelRotation(), -45.0);
        QMap<QString, QVector<double>> keys; // series name → its bars' keys
        for (int i = 0; i < chart->plottableCount(); ++i)
            if (auto *bars = qobject_cast<QCPBars *>(chart->plottable(i)))
                for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it)
                    keys[bars->name()].append(it->key);
        // Groups: 1 finetune-all, 2 semi-supervised, 3 unadapted source, 4 scratch clf., 5 raw pixels.
        const QVector<double> probe{1 - 0.27, 3 - 0.135, 5 - 0.135}, knn{1, 3 + 0.135, 5 + 0.135};
        QCOMPARE(keys.value(QStringLiteral("linear probe")).size(), probe.size());
        for (int i = 0; i < probe.size(); ++i) {
            QVERIFY(qAbs(keys[QStringLiteral("linear probe")][i] - probe[i]) < 1e-9);
            QVERIFY(qAbs(keys[QStringLiteral("k-NN")][i] - knn[i]) < 1e-9);
        }
        QCOMPARE(keys.value(QStringLiteral("fine-tuned classifier")), QVector<double>({1 + 0.27, 4}));
        QCOMPARE(keys.value(QStringLiteral("own classifier (semi-supervised)")), QVector<double>({2}));
        // The table gives it a column of its own; without the strategy neither the column nor the series shows.
        auto *table = wizard.page(TransferWizard::ResultsPageId)->findChild<QTableWidget *>();
        QCOMPARE(table->item(1, 6)->text(), QStringLiteral("70.0 ± 0.0%"));
        QCOMPARE(table->item(1, 3)->text(), QStringLiteral("–"));
        QVERIFY(!table->isColumnHidden(6));
        if (qEnvironmentVariableIsSet("LE_GRAB")) // to look at: LE_GRAB=page.png tst_transferresults
            wizard.page(TransferWizard::ResultsPageId)->grab().save(qEnvironmentVariable("LE_GRAB"));
        wizard.outcome = reportOf({TransferStrategy::FinetuneAll}, 0.7);
        wizard.page(TransferWizard::ResultsPageId)->initializePage();
        QVERIFY(table->isColumnHidden(6));
        for (int i = 0; i < chart->plottableCount(); ++i)
            QVERIFY(chart->plottable(i)->name() != QStringLiteral("own classifier (semi-supervised)"));
    }
};

QTEST_MAIN(TestTransferResults)
#include "tst_transferresults.moc"
