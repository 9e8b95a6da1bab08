#include "autosaves.h"
#include "drawcanvas.h"
#include "drawpanel.h"
#include "elboplotpanel.h"
#include "imageview.h"
#include "interpolationpanel.h"
#include "latenthealthpanel.h"
#include "latentmappanel.h"
#include "latentsliderpanel.h"
#include "mainwindow.h"
#include "mainwindowfixture.h"
#include "model/checkpoint.h"
#include "plotinclude.h"
#include "reconstructionpanel.h"
#include "session.h"
#include "tinyconfig.h"
#include "trainingpanel.h"
#include "userguide.h"

#include <QCheckBox>
#include <QDockWidget>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using SyntheticData::Pattern;

/// The explorer window as a person uses it: train, look, drag, draw (saving, reopening, autosaves and closing:
/// tst_mainwindowfiles.cpp).
class TestMainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { useTestSettings(QStringLiteral("tst_mainwindow")); }

    void titleAndPanels()
    {
        MainWindow window(false);
        QCOMPARE(window.windowTitle(), QStringLiteral("Latent Explorer"));
        QVERIFY(window.elboPlot());
        QVERIFY(window.mapPanel());
        QCOMPARE(window.elboPlot()->pointCount(), 0);
    }

    void aManifoldCellLoadsItsLatentIntoTheSliders()
    {
        auto window = trainedWindow(1);
        QVERIFY(window);
        const QVector<float> z{0.5f, -1.0f, 1.5f};
        Q_EMIT window->interpolationPanel()->latentPicked(z); // what a click on a manifold cell sends
        QCOMPARE(window->sliderPanel()->latent(), z);
    }

    void exploringAnAdaptedModelShowsItWithItsHistory()
    {
        // What the transfer wizard hands over: another model's weights with a history of their own.
        auto source = trainedWindow(2);
        QVERIFY(source);
        QVERIFY(source->session()->checkpoint().has_value());
        Checkpoint adapted = *source->session()->checkpoint();
        adapted.history.append(adapted.history.last());
        adapted.history.last().epoch = 2;

        MainWindow window(false);
        window.show();
        window.session()->setData(tinySplit(), QStringLiteral("blobs"));
        QVERIFY(window.exploreCheckpoint(adapted));
        QCOMPARE(window.session()->history().size(), 3);
        QCOMPARE(window.elboPlot()->testPointCount(), 3);
        QCOMPARE(window.healthPanel()->dimCount(), 3);
        QCOMPARE(window.session()->checkpoint()->weights, adapted.weights);
        QVERIFY(window.session()->hasUnsavedModel()); // it exists in no file yet: closing asks
        QVERIFY(window.windowTitle().contains(QLatin1String("Adapted")));
    }

    void trainingAddsPlotPointsAndLabelledMapPoints()
    {
        QSettings().remove(QStringLiteral("training"));
        auto window = trainedWindow(2);
        QVERIFY(window);
        // A run's settings are kept when it starts, not only on closing: a killed window still brings them back.
        QCOMPARE(QSettings().value(QStringLiteral("training/latent")).toInt(),
                 window->trainingPanel()->config().model.latent);
        QCOMPARE(QSettings().value(QStringLiteral("training/dataset")).toString(), QStringLiteral("blobs"));
        QVERIFY(window->elboPlot()->pointCount() >= 2); // at least the last batch of each epoch
        QCOMPARE(window->elboPlot()->testPointCount(), 2);
        QCOMPARE(window->session()->history().size(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(window->mapPanel()->pointCount() > 0, 30000);
        QCOMPARE(window->mapPanel()->pointCount(), 32);
        QCOMPARE(window->mapPanel()->labelCount(), 4);
        QCOMPARE(window->healthPanel()->dimCount(), 3);
        QTRY_VERIFY(window->reconstructionPanel()->sampleCount() > 0);
        // Hidden behind the map's tab the manifold waits; asking for it (or showing the tab) decodes it.
        QVERIFY(!window->interpolationPanel()->manifoldImage().isNull());
        // The strip starts between two different test images, not from #0 to #0.
        const auto ends = window->interpolationPanel()->endpoints();
        QVERIFY2(ends.first != ends.second, qPrintable(QStringLiteral("%1 -> %2").arg(ends.first).arg(ends.second)));
        QVERIFY(!window->interpolationPanel()->stripImage().isNull());
    }

    void aTrainedWindowStillFitsALaptopScreen_data()
    {
        QTest::addColumn<QSize>("screen");
        QTest::newRow("1366x768, minus a panel") << QSize(1366, 728);
        // 2560×1600 at 200 %: what the window sees is 1280×800 logical pixels.
        QTest::newRow("1280x800 logical (200 %), minus a panel") << QSize(1280, 760);
    }

    void aTrainedWindowStillFitsALaptopScreen()
    {
        // Images, legends, slider rows and the checkpoint's epoch count arrive with the first results; none of them
        // may push the window past the screen, which is what happened once reconstructions appeared.
        QFETCH(QSize, screen);
        auto window = std::make_unique<MainWindow>(false);
        window->resize(screen);
        window->show();
        window->session()->setData(tinySplit(), QStringLiteral("blobs"));
        window->trainingPanel()->setConfig(tinyConfig(Pattern::Blobs, 1, /*hidden=*/16, /*latent=*/16));
        const int panelWidthBefore = window->trainingPanel()->minimumSizeHint().width();
        QSignalSpy finished(window->session(), &Session::finished);
        window->startTraining();
        QVERIFY(finished.wait(120000));
        // The checkpoint's epoch count beside "Continue" must not widen the settings column.
        QCOMPARE(window->trainingPanel()->minimumSizeHint().width(), panelWidthBefore);
        QTRY_VERIFY(window->reconstructionPanel()->sampleCount() > 0);
        QTRY_VERIFY(window->mapPanel()->pointCount() > 0);
        QCoreApplication::processEvents();
        QString docks; // which panel asks for the height, when this fails
        for (QDockWidget *dock : window->findChildren<QDockWidget *>())
            docks += QStringLiteral(" %1=%2").arg(dock->objectName()).arg(dock->minimumSizeHint().height());
        QVERIFY2(window->minimumSizeHint().height() <= screen.height(),
                 qPrintable(QString::number(window->minimumSizeHint().height()) + docks));
        QVERIFY2(window->height() <= screen.height(), qPrintable(QString::number(window->height())));
        QVERIFY2(window->width() <= screen.width(), qPrintable(QString::number(window->width())));
        QVERIFY2(window->minimumSizeHint().width() <= screen.width(),
                 qPrintable(QString::number(window->minimumSizeHint().width())));
    }

    void hiddenManifoldIsDecodedWhenShown()
    {
        auto window = trainedWindow(1);
        QVERIFY(window);
        InterpolationPanel panel; // never shown yet
        panel.setModel(window->session()->model(), window->session()->klPerDim());
        const auto views = panel.findChildren<ImageView *>();
        QCOMPARE(views.size(), 2); // strip, manifold
        auto largest = [&]() {
            QImage best;
            for (ImageView *v : views)
                if (v->image().height() > best.height())
                    best = v->image();
            return best;
        };
        QVERIFY(largest().height() <= 28); // only the one-row strip was decoded
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(largest().height() > 28 * 3); // the manifold grid, decoded on show
    }

    void movingASliderChangesTheImage()
    {
        auto window = trainedWindow(1);
        QVERIFY(window);
        LatentSliderPanel *sliders = window->sliderPanel();
        QCOMPARE(sliders->sliderCount(), 3);
        QTRY_VERIFY(!sliders->image().isNull());
        const QImage before = sliders->image();
        QSignalSpy moved(sliders, &LatentSliderPanel::latentChanged);
        sliders->slider(sliders->displayOrder().first())->setValue(290);
        QCOMPARE(moved.count(), 1);
        QTRY_VERIFY(sliders->image() != before);
        QCOMPARE(sliders->image().size(), QSize(28, 28));
    }

    void drawingProducesAnEncoding()
    {
        auto window = trainedWindow(1);
        QVERIFY(window);
        QTRY_VERIFY_WITH_TIMEOUT(window->mapPanel()->pointCount() > 0, 30000);
        DrawPanel *draw = window->drawPanel();
        DrawCanvas *canvas = draw->canvas();
        QSignalSpy encoded(draw, &DrawPanel::encoded);
        const int w = canvas->width(), h = canvas->height();
        QTest::mousePress(canvas, Qt::LeftButton, Qt::NoModifier, QPoint(w / 3, h / 4));
        for (int i = 1; i <= 10; ++i)
            QTest::mouseMove(canvas, QPoint(w / 3 + i * w / 40, h / 4 + i * h / 20));
        QTest::mouseRelease(canvas, Qt::LeftButton, Qt::NoModifier, QPoint(w / 2, 3 * h / 4));
        QCOMPARE(encoded.count(), 1);
        QVERIFY(!canvas->isEmpty());
        QCOMPARE(draw->lastEncoding().size(), 3);
        QCOMPARE(window->sliderPanel()->latent(), draw->lastEncoding());
        QVERIFY(window->mapPanel()->hasMarker());
        for (const QLabel *label : draw->findChildren<QLabel *>()) // a plain VAE has no classifier to read it
            QVERIFY(!label->text().contains(QLatin1String("classifier")));

        // Another model explored: the drawing stays and is read by it, the sliders and the star at its new μ.
        const QVector<float> first = draw->lastEncoding();
        auto other = trainedWindow(2);
        QVERIFY(other && other->session()->checkpoint().has_value());
        QSignalSpy reread(draw, &DrawPanel::reread);
        QuestionAnswerer discard(QMessageBox::Discard); // the unsaved model shown: asked before each is replaced
        QVERIFY(window->exploreCheckpoint(*other->session()->checkpoint()));
        QCOMPARE(discard.asked, 1);
        QTRY_COMPARE(reread.count(), 1);
        QVERIFY(!canvas->isEmpty());
        QCOMPARE(draw->lastEncoding(), other->session()->model().encodeMean(canvas->modelInput()));
        QVERIFY(draw->lastEncoding() != first);
        QCOMPARE(window->sliderPanel()->latent(), draw->lastEncoding());
        QTRY_VERIFY(window->mapPanel()->hasMarker());
        // Sliders moved since then stay where they were put; the reading and the star follow the next model.
        LatentSliderPanel *sliders = window->sliderPanel();
        sliders->slider(sliders->displayOrder().first())->setValue(290);
        const QVector<float> moved = sliders->latent();
        QVERIFY(window->exploreCheckpoint(*window->session()->checkpoint()));
        QTRY_COMPARE(reread.count(), 2);
        QCOMPARE(sliders->latent(), moved);
        QVERIFY(window->mapPanel()->hasMarker());
        draw->clear();
        QVERIFY(canvas->isEmpty());
    }

    void newRunWithADifferentModelClearsTheOldModelsViews()
    {
        auto window = trainedWindow(1);
        QVERIFY(window);
        QTRY_VERIFY_WITH_TIMEOUT(window->mapPanel()->pointCount() > 0, 30000);
        QTRY_VERIFY(window->reconstructionPanel()->sampleCount() > 0);
        sketch(window->drawPanel()->canvas());
        QCOMPARE(window->drawPanel()->lastEncoding().size(), 3);
        TrainConfig other = window->trainingPanel()->config();
        other.model.latent = 2;
        window->trainingPanel()->setConfig(other);
        QSignalSpy finished(window->session(), &Session::finished);
        window->startTraining();
        // Until the new model's first epoch ends, the map and reconstructions would show the old model.
        QCOMPARE(window->mapPanel()->pointCount(), 0);
        QCOMPARE(window->reconstructionPanel()->sampleCount(), 0);
        // The drawing is the person's: it stays, its old μ is dropped, and the new model reads it (as the guide says).
        QVERIFY(!window->drawPanel()->canvas()->isEmpty());
        QVERIFY(window->drawPanel()->lastEncoding().isEmpty());
        QVERIFY(finished.wait(120000));
        QCOMPARE(window->session()->history().size(), 1);
        QTRY_COMPARE(window->drawPanel()->lastEncoding().size(), 2);
    }

    void aNewModelStartsItsSlidersAtTheOrigin()
    {
        auto window = trainedWindow(1);
        QVERIFY(window);
        LatentSliderPanel *sliders = window->sliderPanel();
        sliders->setLatent({1.0f, -2.0f, 0.5f});
        TrainConfig other = window->trainingPanel()->config();
        other.model.hidden = 32; // another model with a latent space of the same size
        window->trainingPanel()->setConfig(other);
        QVERIFY(!window->trainingPanel()->continueFromCheckpoint());
        QSignalSpy finished(window->session(), &Session::finished);
        window->startTraining();
        QCOMPARE(sliders->latent(), QVector<float>(3, 0.0f));
        QVERIFY(finished.wait(120000));
    }

    void continueFollowsTheModelSettings()
    {
        auto window = trainedWindow(1);
        QVERIFY(window);
        TrainingPanel *panel = window->trainingPanel();
        const TrainConfig trained = panel->config();
        QVERIFY(panel->continueFromCheckpoint());
        // The model, and the images it trains on: a continued run on other classes would leave a checkpoint that
        // claims classes it has not seen alone (the few-shot dialog takes the rest as unseen).
        for (int change = 0; change < 6; ++change) {
            TrainConfig other = trained;
            if (change == 0)
                other.model.latent = trained.model.latent + 1;
            else if (change == 1)
                other.model.hidden = trained.model.hidden * 2;
            else if (change == 2)
                other.model.likelihood = Likelihood::Gaussian;
            else if (change == 3)
                other.classes = {0, 1};
            else if (change == 4)
                other.validation = 20;
            else
                other.dataset = QStringLiteral("fashion-mnist");
            panel->setConfig(other);
            QVERIFY2(!panel->continueFromCheckpoint(), qPrintable(QString::number(change)));
            // The tooltip says what differs, and only that (a new user who changed one field was sent to five).
            QString tip;
            for (QCheckBox *box : panel->findChildren<QCheckBox *>())
                if (box->text().startsWith(QLatin1String("Continue from checkpoint")))
                    tip = box->toolTip();
            const char *const named[] = {"set Latent dims back", "set Hidden units back", "set Likelihood back"};
            QVERIFY2(tip.contains(QLatin1String(change < 3 ? named[change] : "a continued run must")), qPrintable(tip));
            panel->setConfig(trained);
            QVERIFY2(panel->continueFromCheckpoint(), qPrintable(QString::number(change)));
        }
        // A plain VAE that held nothing out drew no images with its seed: another seed continues it.
        TrainConfig reseeded = trained;
        reseeded.seed = trained.seed + 1;
        panel->setConfig(reseeded);
        QVERIFY(panel->continueFromCheckpoint());
        TrainConfig two = trained; // two fields: both named
        two.model.latent += 1;
        two.model.likelihood = Likelihood::Gaussian;
        panel->setConfig(two);
        for (QCheckBox *box : panel->findChildren<QCheckBox *>())
            if (box->text().startsWith(QLatin1String("Continue from checkpoint")))
                QCOMPARE(box->toolTip(),
                         QStringLiteral("The checkpoint holds a different model: set Latent dims, "
                                        "Likelihood back to continue it"));
        panel->setConfig(trained);
        // Changed, F5 trains a new model instead of failing with "a different model".
        TrainConfig other = trained;
        other.model.latent = 2;
        panel->setConfig(other);
        QSignalSpy errors(window->session(), &Session::errorOccurred);
        QSignalSpy finished(window->session(), &Session::finished);
        window->startTraining();
        QVERIFY(finished.wait(120000));
        QCOMPARE(errors.count(), 0);
        QCOMPARE(window->session()->model().latentDim(), 2);
    }

    void theSlidersMoveTheMapsMarker()
    {
        auto window = trainedWindow(1);
        QVERIFY(window);
        QTRY_VERIFY_WITH_TIMEOUT(window->mapPanel()->pointCount() > 0, 30000);
        window->sliderPanel()->setLatent(QVector<float>(3, 0.5f));
        QVERIFY(window->mapPanel()->hasCurrentMarker());
    }

    void theElboLegendCoversNoData()
    {
        auto window = trainedWindow(1);
        QVERIFY(window);
        window->resize(1366, 728);
        QCoreApplication::processEvents();
        auto *plot = window->elboPlot()->findChild<QCustomPlot *>(QStringLiteral("elboPlot"));
        QVERIFY(plot);
        plot->replot();
        QVERIFY(plot->legend->visible());
        QVERIFY(plot->legend->outerRect().height() > 0);
        QVERIFY2(!plot->legend->outerRect().intersects(plot->axisRect()->rect()), "the legend sits on the data");
    }

    void resetLayoutBringsBackEveryPanel()
    {
        MainWindow window(false);
        window.show();
        auto *map = window.findChild<QDockWidget *>(QStringLiteral("mapDock"));
        auto *sliders = window.findChild<QDockWidget *>(QStringLiteral("sliderDock"));
        QVERIFY(map && sliders);
        map->close();
        sliders->setFloating(true);
        window.resetLayout();
        for (QDockWidget *dock : window.findChildren<QDockWidget *>()) {
            QVERIFY2(!dock->isHidden(), qPrintable(dock->objectName()));
            QVERIFY2(!dock->isFloating(), qPrintable(dock->objectName()));
        }
    }

    void theHelpMenuOpensTheGuide()
    {
        MainWindow window(false);
        window.show();
        QAction *guide = nullptr;
        for (QAction *action : window.findChildren<QAction *>())
            if (action->shortcut() == QKeySequence(QKeySequence::HelpContents))
                guide = action;
        QVERIFY(guide);
        guide->trigger();
        auto *dialog = window.findChild<UserGuide *>();
        QVERIFY(dialog && dialog->isVisible());
        const QString html = UserGuide::html();
        QVERIFY(html.contains(QStringLiteral("F5")));
        QVERIFY(html.contains(Autosaves::directory().toHtmlEscaped()));
        QVERIFY(dialog->frameGeometry().height() <= 728);
    }

    /// Models are built on a job thread; finished() still arrives only once model() holds the final weights.
    void finishedArrivesWithTheFinalModel()
    {
        auto window = trainedWindow(2);
        QVERIFY(window);
        Session *session = window->session();
        QVERIFY(!session->isRunning());
        QVERIFY(session->checkpoint());
        QVERIFY(session->model().isValid());
        QCOMPARE(session->snapshot().weights, session->checkpoint()->weights);
        QCOMPARE(session->epochSnapshot().weights, session->checkpoint()->weights);
        QCOMPARE(session->epochSnapshot().epoch, 1);
        // And the explorer's model decodes with exactly those weights.
        const auto reference = InferenceModel::create(session->checkpoint()->snapshot());
        QVERIFY(reference);
        const QVector<float> z(session->model().latentDim(), 0.5f);
        QCOMPARE(session->model().decode(z), reference.value().decode(z));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
