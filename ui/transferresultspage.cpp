#include "transferresultspage.h"

#include "autosaves.h"
#include "model/evaluator.h"
#include "plotinclude.h"
#include "transferplot_p.h"
#include "transferwizard.h"
#include "util/filewrite.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

constexpr double kNotMeasured = std::numeric_limits<double>::quiet_NaN();

QString number(double v, int decimals = 1)
{
    return std::isfinite(v) ? QString::number(v, 'f', decimals) : QStringLiteral("–");
}

QString percent(double v)
{
    return std::isfinite(v) ? QString::number(100 * v, 'f', 1) + QLatin1Char('%') : QStringLiteral("–");
}

/// "mean ± half-width" in percent; the mean alone without an interval (one label draw).
QString percent(const AccuracyEstimate &a)
{
    if (!std::isfinite(a.mean) || !std::isfinite(a.ci95))
        return percent(a.mean);
    return QStringLiteral("%1 ± %2%").arg(QString::number(100 * a.mean, 'f', 1), QString::number(100 * a.ci95, 'f', 1));
}

} // namespace

// ---- Results -----------------------------------------------------------------------------------------------

TransferResultsPage::TransferResultsPage(TransferWizard *wizard)
    : m_wizard(wizard)
{
    setTitle(tr("Results"));
    setSubTitle(tr("Every figure beside its baseline; the sentences below say what each number means."));
    m_table = new QTableWidget(this);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // As tall as its rows, so the chart and the sentences below get the rest of the page.
    m_table->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_table->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Maximum);
    m_chart = new QCustomPlot(this);
    m_chart->setMinimumHeight(220);
    placeLegendBelow(m_chart);
    m_chart->legend->setWrap(3); // five entries in one row took the sentences' width at 1366 × 768
    m_explanations = new QTextBrowser(this);
    m_explanations->setMinimumWidth(280);
    m_modelChoice = new QComboBox(this);
    auto *save = new QPushButton(tr("Save adapted model…"), this);
    m_explore = new QCheckBox(tr("Explore the adapted model"), this);
    m_explore->setToolTip(tr("On Finish, open the chosen strategy's model in the main window, with its history."));
    m_explore->setChecked(QSettings().value(QLatin1String(TransferWizardSettings::kExplore), true).toBool());
    auto *csv = new QPushButton(tr("Export CSV…"), this);
    auto *json = new QPushButton(tr("Export JSON…"), this);
    auto *png = new QPushButton(tr("Export PNG…"), this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_modelChoice);
    buttons->addWidget(save);
    buttons->addWidget(m_explore);
    buttons->addStretch();
    buttons->addWidget(csv);
    buttons->addWidget(json);
    buttons->addWidget(png);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_chart, 1);
    bottom->addWidget(m_explanations, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addLayout(bottom, 1);
    layout->addLayout(buttons);
    connect(save, &QPushButton::clicked, this, &TransferResultsPage::saveModel);
    connect(csv, &QPushButton::clicked, this, [this] { exportReport(QStringLiteral("csv")); });
    connect(json, &QPushButton::clicked, this, [this] { exportReport(QStringLiteral("json")); });
    connect(png, &QPushButton::clicked, this, [this] { exportReport(QStringLiteral("png")); });
}

void TransferResultsPage::initializePage()
{
    if (!m_wizard->outcome)
        return;
    const TransferReport &report = m_wizard->outcome->report;
    const TransferVerdict verdict = report.verdict(); // the chart's line, the answer and the model to explore
    fillTable(report);
    fillChart(report, verdict);
    m_explanations->setHtml(explanations(report, verdict));
    m_modelChoice->clear();
    for (const StrategyResult &r : report.strategies)
        m_modelChoice->addItem(TransferWizard::strategyTitle(r.strategy));
    m_modelChoice->setCurrentIndex(std::max(0, verdict.strategy)); // the answer's model, to save or explore
}

void TransferResultsPage::fillTable(const TransferReport &report)
{
    // Two-line headers keep the columns within the wizard's width.
    const QStringList headers{tr("target −ELBO\nbefore"), tr("target −ELBO\nafter"), tr("source −ELBO\nafter"),
                              tr("linear probe\non μ"),   tr("k-NN\non μ"),          tr("encoder + head\nfine-tuned"),
                              tr("its own\nclassifier")};
    m_table->clear();
    m_table->setColumnCount(headers.size());
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setRowCount(report.strategies.size() + 3);
    QStringList rows;
    int row = 0;
    auto set = [this](int r, int c, const QString &text) {
        auto *item = new QTableWidgetItem(text);
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(r, c, item);
    };
    for (const StrategyResult &s : report.strategies) {
        rows << TransferWizard::strategyTitle(s.strategy);
        set(row, 0, number(s.targetNegElboBefore));
        set(row, 1, number(s.targetNegElboAfter));
        set(row, 2, number(s.sourceNegElboAfter));
        // The semi-supervised strategy's figure is its own classifier q(y|x)'s, not a probe on μ.
        const bool own = s.strategy == TransferStrategy::SemiSupervised;
        set(row, own ? 6 : 3, percent(s.probe));
        set(row, own ? 3 : 6, percent(kNotMeasured));
        set(row, 4, percent(s.knn));
        set(row, 5, percent(s.finetune));
        ++row;
    }
    rows << tr("unadapted source encoder") << tr("classifier from scratch") << tr("raw pixels");
    set(row, 2, number(report.sourceNegElboBefore));
    set(row, 3, percent(report.sourceProbe));
    set(row, 4, percent(report.sourceKnn));
    set(row + 1, 5, percent(report.scratchClassifier));
    set(row + 2, 3, percent(report.pixelProbe));
    set(row + 2, 4, percent(report.pixelKnn));
    m_table->setVerticalHeaderLabels(rows);
    m_table->setColumnHidden(6, std::none_of(report.strategies.cbegin(), report.strategies.cend(), [](const auto &s) {
                                 return s.strategy == TransferStrategy::SemiSupervised;
                             }));
}

QString TransferResultsPage::answer(const TransferReport &report, const TransferVerdict &v) const
{
    if (v.strategy < 0)
        return QString();
    const TransferStrategy strategy = report.strategies[v.strategy].strategy;
    const QString figure = v.figure == TransferVerdict::Figure::Knn ? tr("k-NN on μ")
        : v.figure == TransferVerdict::Figure::Finetuned            ? tr("fine-tuned classifier")
        : strategy != TransferStrategy::SemiSupervised              ? tr("linear probe on μ")
        : report.strategies[v.strategy].labelGraph                  ? tr("own classifier with the label graph")
                                                                    : tr("own classifier");
    const double points = 100 * v.gain();
    // "On half of the test images" in bold too: a reader compared these figures with the table's, a few tenths apart.
    QString html = (points >= 0 ? tr("<p><b>Answer: on half of the test images, the best VAE figure, %1's %2 (%3), is "
                                     "%4 points above the raw pixels' %5 (%6).</b>")
                                : tr("<p><b>Answer: on half of the test images, the best VAE figure, %1's %2 (%3), is "
                                     "%4 points below the raw pixels' %5 (%6): here the VAE adds nothing over the "
                                     "pixels.</b>"))
                       .arg(TransferWizard::strategyTitle(strategy), figure, percent(v.best))
                       .arg(std::abs(points), 0, 'f', 1)
                       .arg(v.pixelsByKnn ? tr("k-NN") : tr("linear probe"), percent(v.pixels));
    // The semi-supervised strategy's model never started from the source: a new user read its figure as transfer's win
    // (in bold as the answer is: a class that skims reads the bold lines).
    if (!TransferStrategies::startsFromSource(strategy))
        html += QStringLiteral(" <b>%1</b>")
                    .arg(tr("The semi-supervised strategy trains its own model on %1 from scratch, not from the source "
                            "model: this figure is what %1's unlabelled images and labels give, not what transfer from "
                            "%2 gives (the table's other rows are the adapted models').")
                             .arg(report.targetDataset.toHtmlEscaped(), report.sourceDataset.toHtmlEscaped()));
    if (std::isfinite(v.difference.ci95))
        html += QLatin1Char(' ')
            + (v.undecided() ? tr("On the same %1 label draws the difference is %2 ± %3 points (95 % interval), "
                                  "which includes 0: more draws would be needed to tell them apart.")
                             : tr("On the same %1 label draws the difference is %2 ± %3 points (95 % interval): "
                                  "not a matter of which labels were drawn."))
                  .arg(v.difference.draws)
                  .arg(100 * v.difference.mean, 0, 'f', 1)
                  .arg(100 * v.difference.ci95, 0, 'f', 1);
    html += QLatin1Char(' ')
        + tr("These figures are on half of the %1 test images (%2 images): the best of %3 VAE figures and the better "
             "pixel classifier were chosen on the other half, so chance does not favour them. The table and the chart "
             "use every test image.")
              .arg(report.targetTestCount)
              .arg(TestAccuracy::reportHalfCount(report.targetTestCount))
              .arg(v.candidates);
    html += QStringLiteral("</p>");
    if (!report.ranSemiSupervised() && m_wizard->source) {
        TransferConfig semi = m_wizard->config;
        semi.strategies = {TransferStrategy::SemiSupervised};
        const TransferPlan plan =
            TransferPlan::onThisMachine(semi, m_wizard->source->config.model, m_wizard->targetName,
                                        m_wizard->target.train, m_wizard->target.test.count());
        html += tr("<p>The semi-supervised strategy was not run. It is the one that also trains its classifier on the "
                   "unlabelled target images; tick it on the Strategies page to compare it (it trains once per label "
                   "draw: about %1 min more here).</p>")
                    .arg(plan.minutes(0));
    }
    return html;
}

QString TransferResultsPage::explanations(const TransferReport &report, const TransferVerdict &verdict) const
{
    QString html;
    // A stopped run's answer is among the strategies that finished: said before it (the answer read as a whole run's).
    if (m_wizard->outcome && m_wizard->outcome->outcome == RunOutcome::Stopped) {
        QStringList missing;
        for (TransferStrategy planned : m_wizard->config.strategies)
            if (std::none_of(report.strategies.cbegin(), report.strategies.cend(),
                             [planned](const StrategyResult &r) { return r.strategy == planned; }))
                missing.append(TransferWizard::strategyTitle(planned));
        html += tr("<p><b>The run was stopped</b> after %1 of %2 strategies: the answer is among those that "
                   "finished. Not run: %3.</p>")
                    .arg(report.strategies.size())
                    .arg(m_wizard->config.strategies.size())
                    .arg(missing.join(QStringLiteral(", ")).toHtmlEscaped());
    }
    html += answer(report, verdict);
    if (!m_wizard->keptPath.isEmpty())
        html += tr("<p>Kept, so that closing the wizard loses nothing: the model the answer names (%1) is a row of the "
                   "Runs panel "
                   "(double-click it to open the model), and this report is saved beside it as %2.</p>")
                    .arg(TransferWizard::strategyTitle(report.strategies[std::max(0, verdict.strategy)].strategy),
                         Autosaves::transferReportPath(m_wizard->keptPath).toHtmlEscaped());
    else if (!m_wizard->keepError.isEmpty())
        html += tr("<p>This run's model and report could not be kept (%1): save what you need from here before "
                   "closing the wizard.</p>")
                    .arg(m_wizard->keepError.toHtmlEscaped());
    html +=
        tr("<p>Target: %1 (%2 test images, %3 classes); the VAE adapted on %4 unlabelled images for %5 epoch(s); "
           "classifiers saw %6 labelled images per class. Chance accuracy is %7. Every accuracy is the mean over %8 "
           "draw(s) of those labels, ± the half-width of its 95 % interval (none with one draw).</p>")
            .arg(report.targetDataset.toHtmlEscaped())
            .arg(report.targetTestCount)
            .arg(report.classCount)
            .arg(report.unlabelled)
            .arg(report.epochs)
            .arg(report.labelsPerClass)
            .arg(percent(report.classCount > 0 ? 1.0 / report.classCount : NAN))
            .arg(report.repeats);
    for (const StrategyResult &s : report.strategies) {
        const QString name = TransferWizard::strategyTitle(s.strategy);
        html += QStringLiteral("<p><b>%1</b><br>").arg(name);
        if (s.strategy == TransferStrategy::SemiSupervised) {
            html += (s.labelGraph
                         ? tr("Its own classifier q(y|x) with the label graph's vote, %1: a VAE with a classifier "
                              "(Kingma et al.'s M2) trained from scratch on the unlabelled target images and the same "
                              "K labels per class, its q(y|x) multiplied with the vote of the target images' nearest "
                              "neighbours the labels were spread over, scored on the target test split.<br>")
                         : tr("Its own classifier q(y|x), %1: a VAE with a classifier (Kingma et al.'s M2) trained "
                              "from scratch on the unlabelled target images and the same K labels per class, scored "
                              "on the target test split.<br>"))
                        .arg(percent(s.probe));
            html += tr("Target −ELBO after, %1 nats: its bound on the target test images, the label marginalised "
                       "out.")
                        .arg(number(s.targetNegElboAfter));
            // It trains a model per draw; the one kept, saved and explored is the first's (a user opened it and
            // read 70.7 % where the table said 74.5 %).
            if (report.repeats > 1 && s.targetEvaluation && std::isfinite(s.targetEvaluation->accuracy))
                html += tr("<br>The model you save or explore is label draw 1's of %1: its accuracy is %2 (the "
                           "figure above is the mean over the draws).")
                            .arg(report.repeats)
                            .arg(percent(s.targetEvaluation->accuracy));
            html += QStringLiteral("</p>");
            continue;
        }
        html +=
            tr("Target −ELBO before, %1 nats: how badly the starting model explains an average target test image.<br>")
                .arg(number(s.targetNegElboBefore));
        html += tr("Target −ELBO after, %1 nats: the same after adaptation; lower means the target images are modelled "
                   "better.<br>")
                    .arg(number(s.targetNegElboAfter));
        // Scratch never knew the source: its figure is a reference for the others' forgetting, not forgetting.
        html += (s.strategy == TransferStrategy::Scratch
                     ? tr("Source −ELBO after, %1 nats: how well a model that never saw the source explains its test "
                          "images (the source model's own: %2); a strategy whose figure comes near it or above it has "
                          "forgotten the source as much as a model that never saw it.<br>")
                     : tr("Source −ELBO after, %1 nats (was %2): how well the adapted model still explains the source "
                          "test images; a rise is forgetting.<br>"))
                    .arg(number(s.sourceNegElboAfter), number(report.sourceNegElboBefore));
        html += tr("Linear probe, %1: a logistic regression on the adapted encoder's μ as it is (not standardised, so "
                   "unused latent dimensions stay small), trained on the K labels per class and scored on the target "
                   "test split.<br>")
                    .arg(percent(s.probe));
        html +=
            tr("k-NN, %1: each test image takes the label of its nearest labelled image in μ.<br>").arg(percent(s.knn));
        html += tr("Fine-tuned classifier, %1: the adapted encoder with a linear head, trained end to end on the same "
                   "labels.</p>")
                    .arg(percent(s.finetune));
    }
    html += tr("<p><b>Baselines</b><br>Unadapted encoder, probe %1, k-NN %2: the same classifiers on the source "
               "encoder's μ before any adaptation.<br>"
               "Classifier from scratch, %3: the same encoder architecture with random weights, trained end to end on "
               "the same labels; a strategy that does not beat it did not transfer anything useful for "
               "classification.<br>"
               "Raw pixels, probe %4, k-NN %5: the same classifiers on the 784 pixels themselves (the probe on "
               "standardised pixels); features that do not beat them add nothing over the pixels.</p>")
                .arg(percent(report.sourceProbe), percent(report.sourceKnn), percent(report.scratchClassifier),
                     percent(report.pixelProbe), percent(report.pixelKnn));
    return html;
}

bool TransferResultsPage::validatePage()
{
    QSettings().setValue(QLatin1String(TransferWizardSettings::kExplore), m_explore->isChecked());
    if (!m_explore->isChecked())
        return true;
    if (auto adapted = chosenCheckpoint())
        Q_EMIT m_wizard->exploreRequested(
            *adapted,
            TransferWizard::strategyTitle(
                m_wizard->outcome->report.strategies.value(m_modelChoice->currentIndex()).strategy));
    return true;
}

std::optional<Checkpoint> TransferResultsPage::chosenCheckpoint() const
{
    const int index = m_modelChoice->currentIndex();
    if (!m_wizard->outcome || !m_wizard->source || index < 0)
        return std::nullopt;
    // Its weights, settings and the epochs the run measured (TransferReport::adaptedCheckpoint).
    return m_wizard->outcome->report.adaptedCheckpoint(index, *m_wizard->source);
}

void TransferResultsPage::saveModel()
{
    const int index = m_modelChoice->currentIndex();
    if (!m_wizard->outcome || !m_wizard->source || index < 0)
        return;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save adapted model"),
        QStringLiteral("adapted-%1.ckpt")
            .arg(TransferStrategies::name(m_wizard->outcome->report.strategies.value(index).strategy)),
        tr("Checkpoints (*.ckpt)"));
    if (path.isEmpty())
        return;
    const std::optional<Checkpoint> adapted = chosenCheckpoint();
    if (!adapted)
        return;
    if (Status s = CheckpointIo::save(*adapted, path); !s)
        QMessageBox::warning(this, tr("Save adapted model"), s.error());
    else
        QMessageBox::information(this, tr("Save adapted model"),
                                 tr("Saved the %1 model to %2.").arg(m_modelChoice->currentText(), path));
}

void TransferResultsPage::exportReport(const QString &format)
{
    if (!m_wizard->outcome)
        return;
    const TransferReport &report = m_wizard->outcome->report;
    const QString filter = format == QLatin1String("csv") ? tr("CSV (*.csv)")
        : format == QLatin1String("json")                 ? tr("JSON (*.json)")
                                                          : tr("PNG image (*.png)");
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export report"), QStringLiteral("transfer-report.") + format, filter);
    if (path.isEmpty())
        return;
    Status written = Status::success();
    if (format == QLatin1String("png")) {
        if (!grab().save(path, "PNG"))
            written =
                Status::failure(tr("Could not write %1. Check that the folder exists and is writable.").arg(path));
    } else {
        written = FileWrite::wholeOrNothing(
            path, format == QLatin1String("csv") ? report.toCsv().toUtf8() : QJsonDocument(report.toJson()).toJson());
    }
    if (!written)
        QMessageBox::warning(this, tr("Export report"), written.error());
}
