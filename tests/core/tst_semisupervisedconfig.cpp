// The semi-supervised run's settings and label draw, through the public API only (no torch: quick to compile).
#include "data/labelleddraw.h"
#include "model/checkpoint.h"
#include "model/layertable.h"
#include "syntheticdata.h"
#include "tinyconfig.h"
#include "training/trainer.h"
#include "training/trainingcontroller.h"
#include "transfer/vaefinetune.h"
#include "util/jsonio.h"

#include <QDir>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

class TestSemiSupervisedConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void labelledDrawKeepsHeldOutClassesOut()
    {
        const Dataset train = SyntheticData::generate(SyntheticData::Pattern::Bars, 200, 4);
        const QVector<int> chosen{4, 0, 2};
        const Dataset subset = train.subset(chosen);
        const QVector<int> classLabels = LabelledDraw::classLabels(subset, chosen);
        QCOMPARE(classLabels, (QVector<int>{0, 2, 4}));
        const auto drawn = LabelledDraw::draw(subset, classLabels, 5, 7);
        QVERIFY(drawn.ok());
        QCOMPARE(drawn.value().size(), 15);
        QVector<int> perClass(10, 0);
        for (int i : drawn.value())
            ++perClass[subset.labels.at(i)];
        QCOMPARE(perClass, (QVector<int>{5, 0, 5, 0, 5, 0, 0, 0, 0, 0}));
        // A different seed draws other images; the same seed the same ones.
        QVERIFY(LabelledDraw::draw(subset, classLabels, 5, 8).value() != drawn.value());
        QCOMPARE(LabelledDraw::draw(subset, classLabels, 5, 7).value(), drawn.value());
        // Model classes are indices into the chosen labels; others are -1.
        QCOMPARE(LabelledDraw::modelTargets(train.head(5), classLabels), (QVector<int>{0, -1, 1, -1, 2}));
    }

    void tooManyLabelsNameTheSmallestClass()
    {
        // Class 0 has 3 images, class 1 has 2, class 2 has 4: asking 5 per class names class 1 and its 2 images, the
        // most one can ask for (a new user was told of class 0 first, then of another, guessing each time).
        Dataset train = SyntheticData::generate(SyntheticData::Pattern::Bars, 9, 4);
        train.labels = {0, 0, 0, 1, 1, 2, 2, 2, 2};
        const auto drawn = LabelledDraw::draw(train, {0, 1, 2}, 5, 7);
        QVERIFY(!drawn.ok());
        QCOMPARE(drawn.error(),
                 QStringLiteral("Class 1 has 2 training images, fewer than the 5 labels per class asked for."));
        QVERIFY(LabelledDraw::draw(train, {0, 1, 2}, 2, 7).ok());
    }

    void trainingOnChosenClassesNeverSeesTheOthers()
    {
        // Train on 0-4 of Bars with every label: the model has five classes and its test split holds only 0-4.
        const DataSplit data = SyntheticData::split(SyntheticData::Pattern::Bars, 200, 50, 5);
        TrainConfig config = tinyConfig(SyntheticData::Pattern::Bars, 1);
        config.classes = {0, 1, 2, 3, 4};
        config.model.classes = 5;
        config.labelsPerClass = TrainConfig::kAllLabels;
        Trainer trainer(config, data, std::nullopt);
        const TrainingResult result = trainer.runBlocking();
        QVERIFY2(result.outcome == RunOutcome::Completed, qPrintable(result.message));
        QCOMPARE(result.checkpoint.history.last().test.samples, 25);
        // A model that does not match the data's classes is refused with a message, before any training.
        config.model.classes = 10;
        Trainer wrong(config, data, std::nullopt);
        const TrainingResult refused = wrong.runBlocking();
        QCOMPARE(refused.outcome, RunOutcome::Failed);
        QVERIFY2(refused.message.contains(QLatin1String("5")), qPrintable(refused.message));
    }

    void validationHoldsTrainingImagesOut()
    {
        // 20 of the chosen classes' training images are held out: the run evaluates on them, never on the test split,
        // and never trains on or labels them.
        const DataSplit data = SyntheticData::split(SyntheticData::Pattern::Blobs, 120, 40, 3);
        TrainConfig config = semiConfig(2, 1);
        config.classes = {0, 1, 2};
        config.model.classes = 3;
        config.validation = 20;
        const auto split = config.runData(data);
        QVERIFY2(split.ok(), qPrintable(split.error()));
        const Dataset chosen = data.train.subset(config.classes);
        QCOMPARE(split.value().test.count(), 20);
        QCOMPARE(split.value().train.count(), chosen.count() - 20);
        // Together they are the chosen training images, each once: compare the images' bytes as a multiset.
        QList<QByteArray> parts, whole;
        for (const Dataset *d : {&split.value().train, &split.value().test})
            for (int i = 0; i < d->count(); ++i)
                parts.append(QByteArray(reinterpret_cast<const char *>(d->imageData(i)), d->pixelCount()));
        for (int i = 0; i < chosen.count(); ++i)
            whole.append(QByteArray(reinterpret_cast<const char *>(chosen.imageData(i)), chosen.pixelCount()));
        std::sort(parts.begin(), parts.end());
        std::sort(whole.begin(), whole.end());
        QCOMPARE(parts, whole);
        for (int label : split.value().test.labels)
            QVERIFY(config.classes.contains(label));
        // The seed draws them: the same seed the same images, another seed others.
        QCOMPARE(config.runData(data).value().test.pixels, split.value().test.pixels);
        TrainConfig other = config;
        other.seed += 1;
        QVERIFY(other.runData(data).value().test.pixels != split.value().test.pixels);
        // Without it, the test split as before.
        TrainConfig plain = config;
        plain.validation = 0;
        QCOMPARE(plain.runData(data).value().test.pixels, data.test.subset(config.classes).pixels);

        // The trainer evaluates on the held-out images and draws its labels from the rest.
        Trainer trainer(config, data, std::nullopt);
        const TrainingResult result = trainer.runBlocking();
        QVERIFY2(result.outcome == RunOutcome::Completed, qPrintable(result.message));
        QCOMPARE(result.checkpoint.history.last().test.samples, 20);
        QCOMPARE(result.checkpoint.history.last().test.confusion.total(), 20);

        // Kept in the checkpoint (absent, as in older files, when 0), so that a resumed run holds out the same images.
        const auto parsed = CheckpointIo::parse(CheckpointIo::serialize(result.checkpoint), QStringLiteral("memory"));
        QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
        QCOMPARE(parsed.value().config.validation, 20);
        QVERIFY(!JsonIo::toJson(plain).contains(QStringLiteral("validation")));

        // Holding out every training image, or a negative count, is refused with a message.
        config.validation = chosen.count();
        const auto all = config.runData(data);
        QVERIFY(!all.ok());
        QVERIFY2(all.error().contains(QLatin1String("no training image")), qPrintable(all.error()));
        Trainer refused(config, data, std::nullopt);
        QCOMPARE(refused.runBlocking().outcome, RunOutcome::Failed);
        config.validation = -1;
        QVERIFY(!config.validate().isEmpty());
    }

    void drawFailsWithAMessage()
    {
        Dataset unlabelled = SyntheticData::generate(SyntheticData::Pattern::Bars, 40, 1);
        unlabelled.labels.clear();
        unlabelled.name = QStringLiteral("plain");
        const auto none = LabelledDraw::draw(unlabelled, {0, 1}, 2, 1);
        QVERIFY(!none.ok());
        QVERIFY2(none.error().contains(QLatin1String("labels")), qPrintable(none.error()));
        const Dataset few = SyntheticData::generate(SyntheticData::Pattern::Bars, 40, 1); // 4 per class
        const auto tooMany = LabelledDraw::draw(few, LabelledDraw::classLabels(few, {}), 5, 1);
        QVERIFY(!tooMany.ok());
        QVERIFY2(tooMany.error().contains(QLatin1String("Class 0 has 4")), qPrintable(tooMany.error()));
        QVERIFY(LabelledDraw::draw(few, LabelledDraw::classLabels(few, {}), 4, 1).ok());
    }

    void checkpointKeepsTheClassesAndLabelSettings()
    {
        Checkpoint c;
        c.config = semiConfig(7, 1);
        c.config.consistency = 0.5;
        c.config.entropy = 0.25;
        c.config.balance = 1.5;
        c.config.perturbation = 0.75;
        c.config.classSampling = 0.2;
        c.weights = VaeFinetune::initialWeights(c.config.model, 1);
        const auto parsed = CheckpointIo::parse(CheckpointIo::serialize(c), QStringLiteral("memory"));
        QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
        QCOMPARE(parsed.value().config.model, c.config.model);
        QCOMPARE(parsed.value().config.labelsPerClass, 7);
        QCOMPARE(parsed.value().config.consistency, 0.5);
        QCOMPARE(parsed.value().config.entropy, 0.25);
        QCOMPARE(parsed.value().config.balance, 1.5);
        QCOMPARE(parsed.value().config.perturbation, 0.75);
        QCOMPARE(parsed.value().config.classSampling, 0.2);
        QVERIFY(parsed.value().config.sourceClassNames.isEmpty());
        QVERIFY(!JsonIo::toJson(c.config).contains(QStringLiteral("source_class_names")));
        // A model adapted without labels from a semi-supervised source keeps its source's classes, by name.
        c.config.sourceClassNames = {QStringLiteral("T-shirt/top"), QStringLiteral("Trouser"), QStringLiteral("Bag"),
                                     QStringLiteral("Sandal")};
        c.config.sourceDataset = QStringLiteral("fashion-mnist");
        const auto adapted = CheckpointIo::parse(CheckpointIo::serialize(c), QStringLiteral("memory"));
        QVERIFY2(adapted.ok(), qPrintable(adapted.error()));
        QCOMPARE(adapted.value().config.sourceClassNames, c.config.sourceClassNames);
        QCOMPARE(adapted.value().config.sourceDataset, QStringLiteral("fashion-mnist"));
        c.config.sourceClassNames.removeLast(); // three names for four classes: a damaged file
        QVERIFY(!CheckpointIo::parse(CheckpointIo::serialize(c), QStringLiteral("memory")).ok());
        c.config.sourceClassNames.clear();
        // A file from before entropy minimisation existed resumes without it, as it was trained.
        QJsonObject old = JsonIo::toJson(c.config);
        old.remove(QStringLiteral("entropy"));
        old.remove(QStringLiteral("balance"));        // nor with class balance
        old.remove(QStringLiteral("perturbation"));   // nor with the affine perturbation: whole-pixel shifts only
        old.remove(QStringLiteral("consistency"));    // nor with 'auto': λ was 1
        old.remove(QStringLiteral("class_sampling")); // nor with sampled classes: every class, exactly
        TrainConfig resumed;
        QVERIFY(JsonIo::fromJson(old, &resumed).isEmpty());
        QCOMPARE(resumed.entropy, 0.0);
        QCOMPARE(resumed.balance, 0.0);
        QCOMPARE(resumed.perturbation, 0.0);
        QCOMPARE(resumed.consistency, 1.0);
        QCOMPARE(resumed.classSampling, 0.0);
        QVERIFY(resumed.sourceClassNames.isEmpty()); // its classes are its data's

        c.config.balance = -1;
        QVERIFY(!c.config.validate().isEmpty());
        c.config.balance = 3;
        c.config.perturbation = 3.5;
        QVERIFY(!c.config.validate().isEmpty());
        c.config.perturbation = 1;
        for (const double tau : {-0.1, 1.5}) {
            c.config.classSampling = tau;
            QVERIFY(!c.config.validate().isEmpty());
        }
        QVERIFY(parsed.value().config.model.describe().contains(QLatin1String("semi-supervised over 4 classes")));
    }

    void automaticSettingsDependOnTheDataset()
    {
        // 'auto' (the default) for the perturbation and the consistency weight: the MNIST digits differ.
        QCOMPARE(TrainConfig().entropy, 1.0);
        QCOMPARE(TrainConfig().balance, 3.0);
        QCOMPARE(TrainConfig().classSampling, 0.3);
        QCOMPARE(TrainConfig().perturbation, TrainConfig::kAutomatic);
        TrainConfig automatic;
        automatic.dataset = QStringLiteral("mnist");
        QCOMPARE(automatic.perturbationStrength(), 1.0);
        QCOMPARE(automatic.consistencyWeight(), 10.0);
        automatic.dataset = QStringLiteral("fashion-mnist");
        QCOMPARE(automatic.perturbationStrength(), 0.0);
        QCOMPARE(automatic.consistencyWeight(), 1.0);
        automatic.perturbation = 0.5;
        automatic.consistency = 3;
        QCOMPARE(automatic.perturbationStrength(), 0.5);
        QCOMPARE(automatic.consistencyWeight(), 3.0);
        QVERIFY(automatic.validate().isEmpty());
        automatic.consistency = -2;
        QVERIFY(!automatic.validate().isEmpty());
    }

    void classifierInputIsChosenPerDatasetAndKept()
    {
        // 'auto': the pixels on the digits and for a few-shot base, the gradient histograms elsewhere.
        TrainConfig c = semiConfig(3, 1);
        QVERIFY(!c.classifierInput);
        c.dataset = QStringLiteral("mnist");
        QVERIFY(c.classifierInputInEffect() == ClassifierInput::Pixels);
        c.dataset = QStringLiteral("fashion-mnist");
        QVERIFY(c.classifierInputInEffect() == ClassifierInput::Gradients);
        TrainConfig base = c;
        base.labelsPerClass = TrainConfig::kAllLabels;
        base.classes = {0, 1};
        QVERIFY(base.isFewShotBase());
        QVERIFY(base.classifierInputInEffect() == ClassifierInput::Pixels);
        c.classifierInput = ClassifierInput::Pixels; // chosen: kept whatever the dataset
        QVERIFY(c.classifierInputInEffect() == ClassifierInput::Pixels);

        // A new run's model takes it (the synthetic data is not the digits); its checkpoint records it.
        TrainConfig fresh = semiConfig(3, 1);
        Trainer trainer(fresh, SyntheticData::split(SyntheticData::Pattern::Blobs, 96, 20, 4), std::nullopt);
        const TrainingResult run = trainer.runBlocking();
        QCOMPARE(run.outcome, RunOutcome::Completed);
        QVERIFY(run.checkpoint.config.model.classifierReadsGradients());
        QCOMPARE(run.checkpoint.weights.size(), qsizetype(LayerTable::parameterCount(run.checkpoint.config.model)));
        const auto parsed = CheckpointIo::parse(CheckpointIo::serialize(run.checkpoint), QStringLiteral("memory"));
        QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
        QCOMPARE(parsed.value().config.model, run.checkpoint.config.model);
        QVERIFY(parsed.value().config.classifierInput == ClassifierInput::Gradients); // a resumed run keeps it
        QVERIFY(parsed.value().config.model.describe().contains(QLatin1String("gradient histograms")));

        // Files from before the option read as the pixels; an unknown value is refused.
        QJsonObject model = JsonIo::toJson(run.checkpoint.config.model);
        QCOMPARE(model.value(QLatin1String("classifier_input")).toString(), QStringLiteral("gradients"));
        model.remove(QStringLiteral("classifier_input"));
        ModelSpec old;
        QVERIFY(JsonIo::fromJson(model, &old).isEmpty());
        QVERIFY(old.classifierInput == ClassifierInput::Pixels);
        model.insert(QStringLiteral("classifier_input"), QStringLiteral("edges"));
        QVERIFY(JsonIo::fromJson(model, &old).contains(QLatin1String("edges")));

        // The layer table: the classifier's first layer reads 1296 + 784 values; the pixel one 784.
        ModelSpec pixels = run.checkpoint.config.model;
        pixels.classifierInput = ClassifierInput::Pixels;
        QVERIFY(pixels != run.checkpoint.config.model);
        QCOMPARE(LayerTable::parameterCount(run.checkpoint.config.model) - LayerTable::parameterCount(pixels),
                 qint64(ModelSpec::kGradientFeatures) * pixels.hidden);
    }

    void aFewShotBaseGetsItsRecipe()
    {
        // Every label of some classes, the others held out: a base for few-shot episodes on them.
        TrainConfig base;
        base.model.classes = 5;
        base.classes = {0, 1, 2, 3, 4};
        QVERIFY(base.isFewShotBase());
        QCOMPARE(base.perturbationStrength(), 1.0); // the digits' automatic value while the classifier is an MLP
        QVERIFY(base.applyFewShotBaseRecipe(false, false));
        QVERIFY(base.model.architecture == Architecture::Conv);
        QCOMPARE(base.epochs, TrainConfig::kFewShotBaseEpochs);
        QCOMPARE(base.perturbationStrength(), TrainConfig::kFewShotBasePerturbation);
        QVERIFY(!base.applyFewShotBaseRecipe(false, false)); // already applied: nothing changes
        base.perturbation = 0.5;                             // set by the user: kept
        QCOMPARE(base.perturbationStrength(), 0.5);

        // The user's model and epochs stay; the MLP keeps the perturbation of its dataset.
        TrainConfig kept = base;
        kept.model.architecture = Architecture::Mlp;
        kept.epochs = 4;
        kept.perturbation = TrainConfig::kAutomatic;
        kept.dataset = QStringLiteral("mnist");
        QVERIFY(!kept.applyFewShotBaseRecipe(true, true));
        QVERIFY(kept.model.architecture == Architecture::Mlp);
        QCOMPARE(kept.epochs, 4);
        QCOMPARE(kept.perturbationStrength(), 1.0);

        // Not a few-shot base: K labels per class, every class, or the plain VAE. Nothing changes.
        TrainConfig perClass = kept;
        perClass.labelsPerClass = 10;
        TrainConfig everyClass = kept;
        everyClass.classes.clear();
        TrainConfig plain;
        plain.classes = {0, 1};
        for (TrainConfig *other : {&perClass, &everyClass, &plain}) {
            QVERIFY(!other->isFewShotBase());
            QVERIFY(!other->applyFewShotBaseRecipe(false, false));
            QVERIFY(other->model.architecture == Architecture::Mlp);
        }
    }

    void aContinuedRunKeepsItsImages()
    {
        TrainConfig saved;
        saved.dataset = QStringLiteral("mnist");
        saved.classes = {2, 0, 1};
        saved.validation = 100;
        TrainConfig same = saved;
        same.classes = {0, 1, 2, 2};    // order and repeats do not matter
        same.epochs = saved.epochs + 5; // nor do the training settings
        same.learningRate = saved.learningRate / 10;
        QCOMPARE(same.continuationProblem(saved, 3), QString());

        TrainConfig other = saved;
        other.classes = {};
        QVERIFY2(other.continuationProblem(saved, 3).contains(QLatin1String("classes 0,1,2")),
                 qPrintable(other.continuationProblem(saved, 3)));
        QVERIFY(other.continuationProblem(saved, 3).contains(QLatin1String("every class chosen")));
        other = saved;
        other.validation = 0;
        QVERIFY(other.continuationProblem(saved, 3).contains(QLatin1String("held out 100")));
        other = saved;
        other.dataset = QStringLiteral("fashion-mnist");
        QVERIFY(other.continuationProblem(saved, 3).contains(QLatin1String("fashion-mnist chosen")));

        // The seed draws the validation split (and the labelled images): another would hold out images it trained on.
        other = saved;
        other.seed = saved.seed + 1;
        QVERIFY2(other.continuationProblem(saved, 3).contains(QLatin1String("seed 1")),
                 qPrintable(other.continuationProblem(saved, 3)));
        TrainConfig plain = saved; // a plain VAE holding nothing out: the seed draws no images
        plain.validation = 0;
        TrainConfig reseeded = plain;
        reseeded.seed = 7;
        QCOMPARE(reseeded.continuationProblem(plain, 3), QString());

        // A semi-supervised run keeps its K labels per class, drawn with its seed: "10 per class" stays ten.
        TrainConfig labelled = plain;
        labelled.model.classes = 3;
        labelled.labelsPerClass = 10;
        other = labelled;
        other.labelsPerClass = 20;
        QVERIFY2(other.continuationProblem(labelled, 3).contains(QLatin1String("10 labels per class")),
                 qPrintable(other.continuationProblem(labelled, 3)));
        other.labelsPerClass = TrainConfig::kAllLabels;
        QVERIFY(other.continuationProblem(labelled, 3).contains(QLatin1String("every label chosen")));
        other = labelled;
        other.seed = 2;
        QVERIFY(other.continuationProblem(labelled, 3).contains(QLatin1String("seed 1")));
        TrainConfig everyLabel = labelled; // every label: the seed draws none
        everyLabel.labelsPerClass = TrainConfig::kAllLabels;
        other = everyLabel;
        other.seed = 2;
        QCOMPARE(other.continuationProblem(everyLabel, 3), QString());

        // A run on some of the training images (a transfer's --unlabelled N) continues on the same ones.
        TrainConfig drawn = plain;
        drawn.trainingImages = 2000;
        drawn.trainingImagesSeed = 4;
        QVERIFY2(plain.continuationProblem(drawn, 3).contains(QLatin1String("2000 drawn training images")),
                 qPrintable(plain.continuationProblem(drawn, 3)));
        other = drawn;
        other.trainingImagesSeed = 5;
        QVERIFY(!other.continuationProblem(drawn, 3).isEmpty());
        other.trainingImagesSeed = 4;
        QCOMPARE(other.continuationProblem(drawn, 3), QString());

        // An imported model has no epochs: it has seen none of these images, so any data continues it.
        other = saved;
        other.dataset = QStringLiteral("fashion-mnist");
        other.classes = {7};
        QCOMPARE(other.continuationProblem(saved, 0), QString());

        // A folder is the same folder however its path is written.
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("digits")));
        saved.dataset = dir.filePath(QStringLiteral("digits"));
        same = saved;
        same.dataset = dir.filePath(QStringLiteral("digits/../digits/"));
        QCOMPARE(same.continuationProblem(saved, 3), QString());
    }
};

QTEST_GUILESS_MAIN(TestSemiSupervisedConfig)
#include "tst_semisupervisedconfig.moc"
