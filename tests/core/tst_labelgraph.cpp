// The label graph (model/labelgraph.h) and the product the semi-supervised run reports with it, through the public
// API only (no torch: quick to compile).
#include "data/labelleddraw.h"
#include "model/evaluator.h"
#include "model/labelgraph.h"
#include "syntheticdata.h"
#include "tinyconfig.h"
#include "training/runplan.h"
#include "training/trainer.h"
#include "training/trainingcontroller.h"
#include "util/jsonio.h"

#include <QJsonObject>
#include <QTest>

#include <algorithm>
#include <cmath>

namespace {

/// A run on Bars with 2 labels of each of its 10 classes.
TrainConfig fewLabels()
{
    TrainConfig c = tinyConfig(SyntheticData::Pattern::Bars, 1);
    c.model.classes = 10;
    c.labelsPerClass = 2;
    return c;
}

int argmax(const LabelGraph::Vote &vote, int row)
{
    const float *first = vote.logProbability.constData() + qsizetype(row) * vote.classes;
    return int(std::max_element(first, first + vote.classes) - first);
}

double voteAccuracy(const LabelGraph::Vote &vote, const QVector<int> &labels)
{
    int hits = 0;
    for (int i = 0; i < vote.count(); ++i)
        hits += argmax(vote, i) == labels.at(i);
    return double(hits) / vote.count();
}

} // namespace

class TestLabelGraph : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void spreadsFewLabelsToUnseenImages()
    {
        const DataSplit data = SyntheticData::split(SyntheticData::Pattern::Bars, 400, 100, 3);
        const auto vote = LabelGraph::vote(fewLabels(), data.train, data.test);
        QVERIFY2(vote.ok(), qPrintable(vote.error()));
        QCOMPARE(vote.value().classes, 10);
        QCOMPARE(vote.value().count(), 100);
        // Each row is a distribution's logarithm (the +1e-6 inside the log allows 1e-5 of slack).
        for (int i = 0; i < vote.value().count(); ++i) {
            double sum = 0;
            for (int k = 0; k < 10; ++k) {
                const float v = vote.value().logProbability.at(i * 10 + k);
                QVERIFY(v <= 1e-5f);
                sum += std::exp(double(v));
            }
            QVERIFY2(std::abs(sum - 1.0) < 1e-4, qPrintable(QString::number(sum)));
        }
        // 20 labels among 400 images find the bars' classes in the 100 test images: far above chance (10 %).
        const double accuracy = voteAccuracy(vote.value(), data.test.labels);
        QVERIFY2(accuracy >= 0.9, qPrintable(QString::number(accuracy)));
    }

    void repeatsForTheSameSeed()
    {
        const DataSplit data = SyntheticData::split(SyntheticData::Pattern::Bars, 300, 60, 4);
        // Each evaluation image two bars at once (the brighter of two test images' pixels), so that its neighbours'
        // classes mix and their weights, which follow the learned features, show in its vote.
        Dataset mixed = data.test;
        for (int i = 0; i < mixed.count(); ++i)
            for (int p = 0; p < mixed.pixelCount(); ++p) {
                const qsizetype at = qsizetype(i) * mixed.pixelCount() + p;
                const qsizetype other = qsizetype((i + 1) % mixed.count()) * mixed.pixelCount() + p;
                mixed.pixels[at] = char(std::max(uchar(data.test.pixels.at(at)), uchar(data.test.pixels.at(other))));
            }
        TrainConfig config = fewLabels();
        const auto a = LabelGraph::vote(config, data.train, mixed);
        const auto b = LabelGraph::vote(config, data.train, mixed);
        QVERIFY(a.ok() && b.ok());
        QCOMPARE(a.value().logProbability, b.value().logProbability);
        config.seed += 1; // another label draw and dictionary
        const auto c = LabelGraph::vote(config, data.train, mixed);
        QVERIFY(c.ok());
        QVERIFY(c.value().logProbability != a.value().logProbability);
    }

    void onlyTheRunsClassesVote()
    {
        // A run on classes 2, 5 and 7: three columns, and a label outside them never reaches the graph's seeds.
        const DataSplit data = SyntheticData::split(SyntheticData::Pattern::Bars, 400, 100, 5);
        TrainConfig config = fewLabels();
        config.classes = {7, 2, 5};
        config.model.classes = 3;
        const Dataset train = data.train.subset(config.classes), test = data.test.subset(config.classes);
        const auto vote = LabelGraph::vote(config, train, test);
        QVERIFY2(vote.ok(), qPrintable(vote.error()));
        QCOMPARE(vote.value().classes, 3);
        QCOMPARE(vote.value().count(), test.count());
        const double accuracy = voteAccuracy(
            vote.value(), LabelledDraw::modelTargets(test, LabelledDraw::classLabels(train, config.classes)));
        QVERIFY2(accuracy >= 0.9, qPrintable(QString::number(accuracy)));
    }

    void failsClearlyOrStops()
    {
        const DataSplit data = SyntheticData::split(SyntheticData::Pattern::Bars, 200, 40, 6);
        Dataset unlabelled = data.train;
        unlabelled.labels.clear();
        const auto noLabels = LabelGraph::vote(fewLabels(), unlabelled, data.test);
        QVERIFY(!noLabels.ok());
        QVERIFY2(!noLabels.error().isEmpty(), "a message for the person");
        TrainConfig tooMany = fewLabels();
        tooMany.labelsPerClass = 1000;
        QVERIFY(!LabelGraph::vote(tooMany, data.train, data.test).ok());
        // A stop request ends it with no message (the caller says "stopped").
        int polls = 0;
        const auto stopped = LabelGraph::vote(fewLabels(), data.train, data.test,
                                              [&polls](double, double, LabelGraph::Step) { return ++polls > 2; });
        QVERIFY(!stopped.ok());
        QVERIFY(stopped.error().isEmpty());
    }

    void theProductFollowsTheWeight()
    {
        // An untrained model's q(y|x) beside a vote that is always right: with γ small the product is the vote's
        // answer, with γ large q(y|x)'s; the two parts' own accuracies are reported beside it.
        const DataSplit data = SyntheticData::split(SyntheticData::Pattern::Bars, 100, 60, 7);
        TrainConfig config = fewLabels();
        LabelGraph::Vote right;
        right.classes = 10;
        right.logProbability.fill(std::log(1e-6f), data.test.count() * 10);
        for (int i = 0; i < data.test.count(); ++i)
            right.logProbability[i * 10 + data.test.labels.at(i)] = 0;
        config.labelGraph = false;
        const Checkpoint trained = Trainer(config, data, std::nullopt).runBlocking().checkpoint;
        const QVector<float> &weights = trained.weights;
        config.model = trained.config.model; // the classifier input it resolved
        QVERIFY(!weights.isEmpty());
        const auto small = Evaluator::evaluate(config.model, weights, data.test, 0, 1, 500, {}, right, 0.03);
        QVERIFY2(small.ok(), qPrintable(small.error()));
        QCOMPARE(small.value().accuracy, 1.0);
        QCOMPARE(small.value().graphAccuracy, 1.0);
        QCOMPARE(small.value().predictions.size(), data.test.count());
        const auto large = Evaluator::evaluate(config.model, weights, data.test, 0, 1, 500, {}, right, 1e6);
        QVERIFY(large.ok());
        QCOMPARE(large.value().accuracy, large.value().classifierAccuracy);
        QCOMPARE(large.value().classifierAccuracy, small.value().classifierAccuracy);
        // Without a vote there is no graph figure, and the reported accuracy is q(y|x)'s.
        const auto alone = Evaluator::evaluate(config.model, weights, data.test, 0, 1, 500, {});
        QVERIFY(alone.ok());
        QVERIFY(std::isnan(alone.value().graphAccuracy));
        QCOMPARE(alone.value().accuracy, small.value().classifierAccuracy);
    }

    void reportsItsProgress()
    {
        // Between blocks: fractions of the expected work, never going back, the last one the whole of it; and the step
        // each belongs to, every step in order (a bar named "spreading the labels" for two minutes of features and
        // neighbour search told a person nothing of what the graph was doing).
        const DataSplit data = SyntheticData::split(SyntheticData::Pattern::Bars, 700, 300, 5);
        QVector<double> fractions;
        QVector<LabelGraph::Step> steps;
        const auto vote = LabelGraph::vote(fewLabels(), data.train, data.test,
                                           [&fractions, &steps](double f, double, LabelGraph::Step step) {
                                               fractions << f;
                                               if (steps.isEmpty() || steps.last() != step)
                                                   steps << step;
                                               return false;
                                           });
        QVERIFY2(vote.ok(), qPrintable(vote.error()));
        QVERIFY2(fractions.size() >= 8, "features and neighbours in several blocks each");
        QVERIFY(fractions.first() > 0 && fractions.first() < 0.5); // the first report follows the dictionary
        for (int i = 1; i < fractions.size(); ++i)
            QVERIFY2(fractions[i] >= fractions[i - 1], "progress never goes back");
        QCOMPARE(fractions.last(), 1.0);
        using Step = LabelGraph::Step;
        QCOMPARE(steps, (QVector<Step>{Step::Features, Step::Neighbours, Step::Spreading, Step::Votes}));
        QCOMPARE(LabelGraph::stepName(Step::Neighbours), QStringLiteral("nearest neighbours"));
        // The cost model behind them: the neighbour search makes it more than double when the images double.
        QVERIFY(LabelGraph::expectedSeconds(700, 300) > 0);
        QVERIFY(LabelGraph::expectedSeconds(60000, 10000) > 2.2 * LabelGraph::expectedSeconds(30000, 5000));
    }

    void aRunReportsTheProductAndCanStopWhileBuildingIt()
    {
        const DataSplit data = SyntheticData::split(SyntheticData::Pattern::Bars, 300, 60, 8);
        TrainConfig config = fewLabels();
        config.labelGraph = true;
        Trainer trainer(config, data, std::nullopt);
        QVector<RunProgress> said;
        QObject::connect(&trainer, &Trainer::preparing, &trainer, [&said](const RunProgress &p) { said << p; });
        const TrainingResult result = trainer.runBlocking();
        QVERIFY2(result.outcome == RunOutcome::Completed, qPrintable(result.message));
        // "Label graph: patch features (… training images)…" from 0, its steps in between, then "Label graph ready (… s)." at 1.
        QVERIFY(said.size() >= 2);
        QCOMPARE(said.first().fraction, 0.0);
        QVERIFY(said.first().phase.startsWith(QStringLiteral("Label graph: patch features (300 training images)")));
        QCOMPARE(said.last().fraction, 1.0);
        QVERIFY(said.last().phase.startsWith(QStringLiteral("Label graph ready")));
        // Each report says what part of the run the graph is and what follows it: a bar of the whole run.
        const RunPlan plan = RunPlan::of(result.checkpoint.config, 300, 60);
        for (const RunProgress &p : said) {
            QCOMPARE(p.share, plan.graphShare());
            QCOMPARE(p.secondsAfter, plan.trainingSeconds);
        }
        QVERIFY(plan.graphShare() > 0 && plan.graphShare() < 1);
        const ElboSummary &test = result.checkpoint.history.last().test;
        QVERIFY(std::isfinite(test.accuracy) && std::isfinite(test.classifierAccuracy)
                && std::isfinite(test.graphAccuracy));
        QCOMPARE(test.predictions.size(), 60);
        QCOMPARE(result.checkpoint.config.labelGraph, std::optional<bool>(true));
        // Stopped before it finished: the run says so and is "stopped", not "failed".
        Trainer stopped(config, data, std::nullopt);
        stopped.requestStop();
        const TrainingResult early = stopped.runBlocking();
        QCOMPARE(early.outcome, RunOutcome::Stopped);
        QVERIFY(early.checkpoint.history.isEmpty());
    }

    void thePlanWeighsTheGraphAgainstTheEpochs()
    {
        // Fashion-MNIST's default semi-supervised run: the graph (about 108 s) before ten epochs of 469 steps that
        // read gradient histograms (11.4 units of 8.5 ms each: about 455 s), a fifth of the run.
        TrainConfig c = fewLabels();
        c.dataset = QStringLiteral("fashion-mnist");
        c.epochs = 10;
        c.batchSize = 128;
        c.model.architecture = Architecture::Mlp;
        c.model.classifierInput = ClassifierInput::Gradients;
        const RunPlan plan = RunPlan::of(c, 60000, 10000);
        QCOMPARE(plan.graphSeconds, LabelGraph::expectedSeconds(60000, 10000));
        // Each epoch's steps and its evaluation of the 10,000 test images, whose bound sums over the ten classes.
        const double evaluation = 10 * 10000 * RunPlan::evaluationUnits(c.model);
        QVERIFY(qAbs(plan.trainingSeconds - (10 * 469 * 11.4 + evaluation) * RunPlan::kSecondsPerUnit) < 1e-9);
        QVERIFY2(plan.graphShare() > 0.15 && plan.graphShare() < 0.25, qPrintable(QString::number(plan.graphShare())));
        // Twice the batch: half the steps, each twice as long.
        c.batchSize = 256;
        QVERIFY(qAbs(RunPlan::of(c, 60000, 10000).trainingSeconds - plan.trainingSeconds)
                < 0.01 * plan.trainingSeconds);
        // Without labels: no graph, and the plain step is the unit.
        const TrainConfig plain = tinyConfig(SyntheticData::Pattern::Bars, 1);
        QCOMPARE(RunPlan::of(plain, 300, 60).graphShare(), 0.0);
        QCOMPARE(RunPlan::stepUnits(plain.model), 1.0);
        // On a machine whose steps take 1.5 times as long and its graph twice: each part scales by its own.
        const RunPlan here = RunPlan::of(c, 60000, 10000, MachineSpeed{1.5, 2.0});
        QCOMPARE(here.graphSeconds, 2 * LabelGraph::expectedSeconds(60000, 10000));
        QVERIFY(qAbs(here.trainingSeconds - 1.5 * RunPlan::of(c, 60000, 10000).trainingSeconds) < 1e-9);
    }

    void thisMachineIsTimedOnce()
    {
        // The probe times real work (a VAE step, the graph's features and neighbours): finite ratios in range, and
        // measured() keeps the first measurement. Its figures against real runs are benchmarks
        // (docs/performance.md, session 35), not a test.
        const MachineSpeed probe = MachineSpeed::measure();
        for (double ratio : {probe.steps, probe.graph})
            QVERIFY2(ratio >= 0.25 && ratio <= 8, qPrintable(QString::number(ratio)));
        const MachineSpeed first = MachineSpeed::measured();
        const MachineSpeed again = MachineSpeed::measured();
        QCOMPARE(again.steps, first.steps);
        QCOMPARE(again.graph, first.graph);
        QVERIFY(LabelGraph::timedAgainstPlan() > 0);
    }

    void theAutomaticRule()
    {
        TrainConfig c = fewLabels();
        c.dataset = QStringLiteral("fashion-mnist");
        QVERIFY(c.labelGraphInEffect());
        c.dataset = QStringLiteral("mnist"); // the digits: q(y|x) alone measured better
        QVERIFY(!c.labelGraphInEffect());
        c.labelGraph = true;
        QVERIFY(c.labelGraphInEffect());
        c.labelsPerClass = TrainConfig::kAllLabels; // every label kept: nothing to spread
        QVERIFY(!c.labelGraphInEffect());
        TrainConfig plain = tinyConfig(SyntheticData::Pattern::Bars, 1);
        plain.labelGraph = true;
        QVERIFY(!plain.labelGraphInEffect());
        c.labelsPerClass = 2;
        c.labelGraphWeight = -1;
        QVERIFY(!c.validate().isEmpty());
    }

    void checkpointsKeepTheChoice()
    {
        TrainConfig c = fewLabels();
        c.dataset = QStringLiteral("fashion-mnist");
        c.labelGraphWeight = 0.5;
        QJsonObject o = JsonIo::toJson(c);
        TrainConfig back;
        QVERIFY(JsonIo::fromJson(o, &back).isEmpty());
        QCOMPARE(back.labelGraphInEffect(), true);
        QCOMPARE(back.labelGraphWeight, 0.5);
        // A file from before the graph existed reported q(y|x) alone, and resumes that way.
        o.remove(QStringLiteral("label_graph"));
        o.remove(QStringLiteral("label_graph_weight"));
        QVERIFY(JsonIo::fromJson(o, &back).isEmpty());
        QCOMPARE(back.labelGraphInEffect(), false);
        // Its summaries' accuracy was q(y|x)'s.
        ElboSummary s;
        s.accuracy = 0.75;
        QJsonObject so = JsonIo::toJson(s);
        ElboSummary sb;
        QVERIFY(JsonIo::fromJson(so, &sb).isEmpty());
        QCOMPARE(sb.classifierAccuracy, 0.75);
        QVERIFY(std::isnan(sb.graphAccuracy));
    }
};

QTEST_GUILESS_MAIN(TestLabelGraph)
#include "tst_labelgraph.moc"
