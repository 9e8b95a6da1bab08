#include "classanalogyrow.h"
#include "latentsliderpanel.h"
#include "model/layertable.h"
#include "syntheticdata.h"

#include <QComboBox>
#include <QSlider>
#include <QTest>

#include <algorithm>
#include <cmath>

using SyntheticData::Pattern;

namespace {

/// An untrained model with fixed pseudo-random weights: the plain VAE (classes 0) or the semi-supervised one.
InferenceModel tinyModel(int classes)
{
    ModelSpec spec;
    spec.architecture = Architecture::Mlp;
    spec.hidden = 8;
    spec.latent = 2;
    spec.classes = classes;
    QVector<float> weights(LayerTable::parameterCount(spec));
    for (int i = 0; i < weights.size(); ++i)
        weights[i] = float(std::sin(i * 0.7)) * 0.5f;
    Result<InferenceModel> model = InferenceModel::create(spec, weights);
    return model ? model.value() : InferenceModel();
}

} // namespace

/// The latent sliders with a semi-supervised model: the class chooser and the analogies row (one z decoded under
/// every class).
class TestClassAnalogy final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void semiSupervisedModelShowsTheAnalogiesRow()
    {
        LatentSliderPanel panel;
        panel.resize(360, 600);
        panel.show();
        const InferenceModel model = tinyModel(3);
        QVERIFY(model.isValid());
        QCOMPARE(model.classCount(), 3);
        panel.setModel(model, {0.5, 0.2});
        QVERIFY(panel.showsClasses());
        QCOMPARE(panel.classChooser()->count(), 3);
        QTRY_COMPARE(panel.analogyRow()->images().size(), 3);
        QVERIFY(!panel.analogyRow()->images().first().isNull());

        panel.setModel(tinyModel(0), {0.5, 0.2});
        QVERIFY(!panel.showsClasses());
        QTRY_VERIFY(!panel.image().isNull());
        QVERIFY(panel.analogyRow()->images().isEmpty());
    }

    void theRowFollowsTheSliders()
    {
        LatentSliderPanel panel;
        panel.setModel(tinyModel(3), {0.5, 0.2});
        QTRY_COMPARE(panel.analogyRow()->images().size(), 3);
        const QVector<QImage> before = panel.analogyRow()->images();
        panel.slider(0)->setValue(int(LatentSliderPanel::kRange * LatentSliderPanel::kTicksPerUnit));
        QTRY_VERIFY(panel.analogyRow()->images() != before);
        QCOMPARE(panel.analogyRow()->images().size(), 3);
    }

    void clickingADigitChoosesItsClass()
    {
        LatentSliderPanel panel;
        panel.resize(360, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setModel(tinyModel(3), {0.5, 0.2});
        panel.setLatent({1.5f, -2.0f});
        QTRY_COMPARE(panel.analogyRow()->images().size(), 3);
        QCOMPARE(panel.currentClass(), 0);
        ClassAnalogyRow *row = panel.analogyRow();
        QVERIFY(!row->cellRect(2).isEmpty());
        QTest::mouseClick(row, Qt::LeftButton, {}, row->cellRect(2).center());
        QCOMPARE(panel.currentClass(), 2);
        QCOMPARE(panel.classChooser()->currentIndex(), 2);
        QCOMPARE(row->current(), 2);
        // The large image is the chosen class's decoding.
        QTRY_COMPARE(panel.image(), row->images().at(2));
        panel.classChooser()->setCurrentIndex(1);
        QTRY_COMPARE(panel.image(), row->images().at(1));
    }

    void encodeChoosesTheClassTheClassifierSees()
    {
        LatentSliderPanel panel;
        const Dataset test = SyntheticData::generate(Pattern::Blobs, 8, 2);
        const InferenceModel model = tinyModel(3);
        panel.setTestData(test);
        panel.setModel(model, {0.5, 0.2});
        for (int index = 0; index < test.count(); ++index) {
            const QVector<float> p = model.classProbabilities(test, {index});
            QCOMPARE(p.size(), 3);
            const int expected = int(std::max_element(p.begin(), p.end()) - p.begin());
            panel.setCurrentClass((expected + 1) % 3); // somewhere else first
            panel.setTestIndex(index);
            panel.encodeTestImage();
            QCOMPARE(panel.currentClass(), expected);
        }
    }

    void classesAreNamedAsTold()
    {
        LatentSliderPanel panel;
        panel.setClassNames({QStringLiteral("dog"), QStringLiteral("fox"), QStringLiteral("owl")});
        panel.setModel(tinyModel(3), {0.5, 0.2});
        QCOMPARE(panel.classChooser()->itemText(0), QStringLiteral("dog"));
        QCOMPARE(panel.classChooser()->itemText(2), QStringLiteral("owl"));
        panel.setClassNames({}); // unnamed: the classes as numbers
        QCOMPARE(panel.classChooser()->itemText(0), QStringLiteral("0"));
        QCOMPARE(panel.classChooser()->count(), 3);
    }
};

QTEST_MAIN(TestClassAnalogy)
#include "tst_classanalogy.moc"
