#include "apptranslation.h"
#include "model/modelspec.h"

#include <QCoreApplication>
#include <QDate>
#include <QFile>
#include <QTest>
#include <QTranslator>

/// The Simplified Chinese translation: the compiled catalogue covers the GUI, the new wizards and core's
/// messages, and the .ts in the source tree has nothing left unfinished.
class TestTranslation final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_translator.load(QStringLiteral(":/i18n/latent-explorer_zh_CN.qm")),
                 "the compiled zh_CN catalogue is not embedded");
        QVERIFY(QCoreApplication::installTranslator(&m_translator));
    }

    void translates_data()
    {
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("source");
        // Contexts as lupdate extracts them (QObject class, or the namespace around core's tr() helper).
        QTest::newRow("menu") << "MainWindow"
                              << "&File";
        QTest::newRow("tools menu") << "MainWindow"
                                    << "T&ools";
        QTest::newRow("wizard") << "TransferWizard"
                                << "Transfer to another dataset";
        QTest::newRow("wizard page") << "TransferStrategyPage"
                                     << "Strategies";
        QTest::newRow("few-shot") << "FewShotDialog"
                                  << "Few-shot learning on new classes";
        QTest::newRow("checkpoint") << "CheckpointIo"
                                    << "The checkpoint %1 does not exist.";
        QTest::newRow("idx") << "Idx"
                             << "%1 does not exist.";
        QTest::newRow("train config") << "TrainConfig"
                                      << "The batch size must be between 1 and 65536.";
        QTest::newRow("trainer") << "Trainer"
                                 << "The training set is empty.";
        QTest::newRow("latent map caption") << "LatentMapPanel"
                                            << "Epoch %1: μ of %2 test images. Hover for the image, click to decode.";
        QTest::newRow("startup window") << "StartupWindow"
                                        << "Loading the training engine…";
        QTest::newRow("labels per class") << "TrainingPanel"
                                          << "Labels per class";
        QTest::newRow("accuracy axis") << "ElboPlotPanel"
                                       << "Accuracy (%)";
        QTest::newRow("likelihood in a model's description") << "ModelSpec"
                                                             << "bernoulli";
        QTest::newRow("fashion class") << "Dataset"
                                       << "Coat";
        QTest::newRow("classifier panel") << "ClassifierPanel"
                                          << "Predicted class";
        QTest::newRow("class chooser") << "LatentSliderPanel"
                                       << "The same z under every class:";
        QTest::newRow("analogies row") << "ClassAnalogyRow"
                                       << "The sliders' z decoded as class %1; click to choose it";
        QTest::newRow("labels check")
            << "Session"
            << "%1\nChoose fewer labels per class in the Training panel, or Off for the plain VAE.";
        // the interop scanner's tr() (interoptr_p.h) is called inside classes, where lupdate would file it under
        // PyTorchInterop::Scanner;
        // the runtime context is PyTorchInterop, so after an lupdate these entries must be moved back.
        QTest::newRow("state-dict scanner") << "PyTorchInterop"
                                            << "its data.pkl record is not a pickle";
    }

    void translates()
    {
        QFETCH(QString, context);
        QFETCH(QString, source);
        const QString text = QCoreApplication::translate(context.toUtf8().constData(), source.toUtf8().constData());
        QVERIFY2(!text.isEmpty() && text != source, qPrintable(context + QLatin1String(": ") + source));
    }

    /// core/checkpoint.cpp translates in the context lupdate extracts its messages under.
    void checkpointRuntimeContext()
    {
        const char *source = "The checkpoint %1 does not exist.";
        QVERIFY(QCoreApplication::translate("CheckpointIo", source) != QLatin1String(source));
    }

    /// A model's description reads in the GUI's language around its numbers (the few-shot dialog, the wizard).
    void modelDescriptions()
    {
        ModelSpec spec;
        spec.architecture = Architecture::Conv;
        spec.hidden = 512;
        spec.latent = 8;
        spec.classes = 5;
        QCOMPARE(spec.describe(),
                 QStringLiteral("mlp 784-512-8，带卷积分类器 1-32-64-256，伯努利，在 5 个类别上半监督"));
    }

    void acceleratorsKept()
    {
        QCOMPARE(QCoreApplication::translate("MainWindow", "&File"), QStringLiteral("文件(&F)"));
        QVERIFY(QCoreApplication::translate("MainWindow", "T&ools").contains(QLatin1String("(&")));
    }

    void noUnfinishedEntries()
    {
        QFile ts(QStringLiteral(LE_TS_FILE));
        QVERIFY2(ts.open(QIODevice::ReadOnly), LE_TS_FILE);
        const QByteArray xml = ts.readAll();
        QVERIFY(xml.contains("<TS version="));
        QCOMPARE(xml.count("type=\"unfinished\""), 0);
    }

    void datesFollowTheTranslation()
    {
        // An English system, the Chinese words (LANGUAGE=zh_CN, or View ▸ Language): dates read as the sentences
        // around them do.
        QLocale::setDefault(QLocale(QStringLiteral("en_US")));
        const AppTranslation::Installed installed =
            AppTranslation::install(*QCoreApplication::instance(), QLocale(QStringLiteral("zh_CN")));
        QVERIFY(installed.ours);
        QCOMPARE(QLocale().language(), QLocale::Chinese);
        const QString date = QLocale().toString(QDate(2026, 12, 6), QLocale::LongFormat);
        QVERIFY2(date.contains(QStringLiteral("年")), qPrintable(date));
        for (QTranslator *translator : QCoreApplication::instance()->findChildren<QTranslator *>())
            QCoreApplication::removeTranslator(translator); // install()'s, parented to the application
        QLocale::setDefault(QLocale(QStringLiteral("en_US")));
    }

private:
    QTranslator m_translator;
};

QTEST_GUILESS_MAIN(TestTranslation)
#include "tst_translation.moc"
