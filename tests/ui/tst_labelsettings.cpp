#include "mainwindowfixture.h"
#include "syntheticdata.h"
#include "tinyconfig.h"
#include "trainingpanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QSettings>
#include <QSpinBox>
#include <QTest>

using SyntheticData::Pattern;

/// The Training panel's Labels per class control: what it sets in the run's settings, when it is offered, and what it
/// keeps between sessions (the run with labels: tst_semisupervisedui).
class TestLabelSettings final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { useTestSettings(QStringLiteral("tst_labelsettings")); }

    void labelsAreOffByDefault()
    {
        TrainingPanel panel;
        panel.setClassCount(10);
        const TrainConfig config = panel.config();
        QCOMPARE(config.model.classes, 0);
        QVERIFY(!config.isSemiSupervised());
        QVERIFY(panel.findChild<QLabel *>(QStringLiteral("labelsHint"))->isHidden());
    }

    void labelsPerClassGiveTheSemiSupervisedConfig_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<int>("perClass");
        QTest::addColumn<int>("classes");
        QTest::addColumn<int>("expectedClasses");
        QTest::addColumn<int>("expectedPerClass");
        QTest::newRow("off") << "off" << 0 << 10 << 0 << int(TrainConfig::kAllLabels);
        QTest::newRow("10 per class of 10") << "k" << 10 << 10 << 10 << 10;
        QTest::newRow("3 per class of 4") << "k" << 3 << 4 << 4 << 3;
        QTest::newRow("all of 4") << "all" << 0 << 4 << 4 << int(TrainConfig::kAllLabels);
    }

    void labelsPerClassGiveTheSemiSupervisedConfig()
    {
        QFETCH(QString, mode);
        QFETCH(int, perClass);
        QFETCH(int, classes);
        QFETCH(int, expectedClasses);
        QFETCH(int, expectedPerClass);
        TrainingPanel panel;
        panel.setClassCount(classes);
        chooseLabels(panel, mode, perClass);
        const TrainConfig config = panel.config();
        QCOMPARE(config.model.classes, expectedClasses);
        if (expectedClasses > 0)
            QCOMPARE(config.labelsPerClass, expectedPerClass);
        QVERIFY2(config.validate().isEmpty(), qPrintable(config.validate()));
    }

    void theChoiceComesBackFromAConfig()
    {
        TrainingPanel panel;
        panel.setClassCount(4);
        TrainConfig config = tinyConfig(Pattern::Blobs, 1);
        config.model.classes = 4;
        config.labelsPerClass = 7;
        panel.setConfig(config);
        QCOMPARE(panel.config().model.classes, 4);
        QCOMPARE(panel.config().labelsPerClass, 7);
        config.labelsPerClass = TrainConfig::kAllLabels;
        panel.setConfig(config);
        QCOMPARE(panel.config().labelsPerClass, int(TrainConfig::kAllLabels));
        config.model.classes = 0;
        panel.setConfig(config);
        QCOMPARE(panel.config().model.classes, 0);
    }

    void anAdaptedModelsHintSaysItsClassifierHasSeenNoLabelHere()
    {
        // A new user read "Labels per class: All" on a model adapted without labels as how it had been trained.
        TrainingPanel panel;
        panel.setClassCount(4);
        TrainConfig adapted = tinyConfig(Pattern::Blobs, 1);
        adapted.model.classes = 4;
        adapted.labelsPerClass = TrainConfig::kAllLabels;
        adapted.sourceClassNames =
            QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")};
        adapted.sourceDataset = QStringLiteral("mnist");
        panel.setConfig(adapted);
        panel.setCheckpointAvailable(true, 2, adapted);
        QVERIFY(panel.continueFromCheckpoint());
        auto *hint = panel.findChild<QLabel *>(QStringLiteral("labelsHint"));
        QCOMPARE(hint->text(), QStringLiteral("Its classifier knows mnist's classes, not these"));
        QVERIFY2(hint->toolTip().contains(QLatin1String("without the data's labels")), qPrintable(hint->toolTip()));
        // A new model is trained on these labels from the start: the usual hint.
        panel.findChild<QCheckBox *>(QStringLiteral("continueFromCheckpoint"))->setChecked(false);
        QCOMPARE(hint->text(), QStringLiteral("Every training image labelled"));
        QVERIFY(hint->toolTip().isEmpty());
        // A model trained on its own labels says what it always did.
        TrainConfig own = adapted;
        own.sourceClassNames.clear();
        own.sourceDataset.clear();
        panel.setCheckpointAvailable(true, 2, own);
        QCOMPARE(hint->text(), QStringLiteral("Every training image labelled"));
    }

    void theChoiceSurvivesARestart()
    {
        {
            TrainingPanel panel;
            panel.setClassCount(4);
            chooseLabels(panel, QStringLiteral("k"), 25);
            QSettings settings;
            panel.saveSettings(settings);
        }
        TrainingPanel panel;
        QSettings settings;
        panel.restoreSettings(settings);
        panel.setClassCount(4); // the data arrives after the settings
        QCOMPARE(panel.config().model.classes, 4);
        QCOMPARE(panel.config().labelsPerClass, 25);
        QSettings().clear();
    }

    void theConvModelTrainsWithLabelsThroughAConvClassifier()
    {
        TrainingPanel panel;
        panel.setClassCount(10);
        chooseLabels(panel, QStringLiteral("k"), 10);
        TrainConfig conv = panel.config();
        conv.model.architecture = Architecture::Conv;
        panel.setConfig(conv);
        auto *combo = panel.findChild<QComboBox *>(QStringLiteral("labelMode"));
        auto *hidden = panel.findChild<QSpinBox *>(QStringLiteral("hidden"));
        QVERIFY(hidden);
        QVERIFY(panel.labelsAvailable());
        QVERIFY(combo->isEnabled());
        QVERIFY(panel.config().model.architecture == Architecture::Conv);
        QCOMPARE(panel.config().model.classes, 10);
        QVERIFY(panel.config().model.validate().isEmpty());
        // Its encoder and decoder are MLPs, so their width is a choice; the plain conv VAE's is fixed.
        QVERIFY(hidden->isEnabled());
        chooseLabels(panel, QStringLiteral("off"));
        QVERIFY(!hidden->isEnabled());
        QCOMPARE(panel.config().model.classes, 0);
    }

    void labelsAreDisabledForDataWithoutLabels()
    {
        TrainingPanel panel;
        panel.setClassCount(0);
        chooseLabels(panel, QStringLiteral("all"));
        auto *combo = panel.findChild<QComboBox *>(QStringLiteral("labelMode"));
        QVERIFY(!combo->isEnabled());
        QVERIFY2(combo->toolTip().contains(QStringLiteral("no labels")), qPrintable(combo->toolTip()));
        QCOMPARE(panel.config().model.classes, 0);
        auto *hint = panel.findChild<QLabel *>(QStringLiteral("labelsHint"));
        QVERIFY(!hint->isHidden());
        QVERIFY2(hint->text().contains(QStringLiteral("no labels")), qPrintable(hint->text()));
    }

    void labelsAreLockedWhileTraining()
    {
        TrainingPanel panel;
        panel.setClassCount(4);
        chooseLabels(panel, QStringLiteral("k"), 5);
        panel.setRunning(true);
        QVERIFY(!panel.findChild<QComboBox *>(QStringLiteral("labelMode"))->isEnabled());
        QVERIFY(!panel.findChild<QSpinBox *>(QStringLiteral("labelsPerClass"))->isEnabled());
        panel.setRunning(false);
        QVERIFY(panel.findChild<QSpinBox *>(QStringLiteral("labelsPerClass"))->isEnabled());
    }
};

QTEST_MAIN(TestLabelSettings)
#include "tst_labelsettings.moc"
