#pragma once

// The main window's tests share these: the tiny data set, a window trained on it, and an answerer for the question
// "save the unsaved model?".

#include "drawcanvas.h"
#include "mainwindow.h"
#include "session.h"
#include "tinyconfig.h"
#include "trainingpanel.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>

#include <memory>

/// Test-mode paths and this test's own, emptied settings, so no run sees another's or the user's.
inline void useTestSettings(const QString &application)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LatentExplorerTests"));
    QCoreApplication::setApplicationName(application);
    QSettings().clear();
}

/// Whether `label` shows `text` on at most two lines that each fit it: whole, or cut with an ellipsis on the second
/// (spaces at the line break aside).
inline bool shownOnTwoLines(const QLabel &label, const QString &text)
{
    const QStringList lines = label.text().split(QLatin1Char('\n'));
    for (const QString &line : lines)
        if (label.fontMetrics().horizontalAdvance(line) > label.contentsRect().width())
            return false;
    const auto squeezed = [](QString s) { return s.remove(QRegularExpression(QStringLiteral("\\s"))); };
    const QString shown = squeezed(label.text()), whole = squeezed(text);
    const bool cut = shown.endsWith(QChar(0x2026)) && whole.startsWith(shown.chopped(1));
    return lines.size() <= 2 && (shown == whole || cut);
}

/// Sets the Training panel's "Labels per class": "off", "k" (with `perClass` labels) or "all".
inline void chooseLabels(TrainingPanel &panel, const QString &mode, int perClass = 0)
{
    auto *combo = panel.findChild<QComboBox *>(QStringLiteral("labelMode"));
    auto *spin = panel.findChild<QSpinBox *>(QStringLiteral("labelsPerClass"));
    QVERIFY(combo && spin);
    combo->setCurrentIndex(mode == QLatin1String("off") ? 0 : mode == QLatin1String("all") ? 2 : 1);
    if (perClass > 0)
        spin->setValue(perClass);
}

/// 64 training and 32 test images of the four blob classes: an epoch takes milliseconds.
inline DataSplit tinySplit()
{
    return DataSplit{SyntheticData::generate(SyntheticData::Pattern::Blobs, 64, 1),
                     SyntheticData::generate(SyntheticData::Pattern::Blobs, 32, 2)};
}

/// Answers the close question with `button` whenever it appears while this object lives; counts the questions.
class QuestionAnswerer final : public QObject
{
public:
    explicit QuestionAnswerer(QMessageBox::StandardButton button)
        : m_button(button)
    {
        startTimer(20);
    }
    int asked = 0;

protected:
    void timerEvent(QTimerEvent *) override
    {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (box && box->objectName() == QStringLiteral("unsavedModelQuestion") && box->button(m_button)) {
            ++asked;
            box->button(m_button)->click();
        }
    }

private:
    QMessageBox::StandardButton m_button;
};

/// A shown window holding the tiny data set, trained for `epochs` epochs to the end.
inline std::unique_ptr<MainWindow> trainedWindow(int epochs, int latent = 3)
{
    auto window = std::make_unique<MainWindow>(/*restoreSession=*/false);
    window->show();
    window->session()->setData(tinySplit(), QStringLiteral("blobs"));
    window->trainingPanel()->setConfig(tinyConfig(SyntheticData::Pattern::Blobs, epochs, /*hidden=*/16, latent));
    QSignalSpy finished(window->session(), &Session::finished);
    window->startTraining();
    if (!finished.wait(120000))
        return {};
    return window;
}

/// One stroke across the canvas's middle, as a person draws it.
inline void sketch(DrawCanvas *canvas)
{
    QTest::mousePress(canvas, Qt::LeftButton, {}, QPoint(canvas->width() / 3, canvas->height() / 3));
    QTest::mouseMove(canvas, QPoint(canvas->width() / 2, canvas->height() / 2));
    QTest::mouseRelease(canvas, Qt::LeftButton, {}, QPoint(canvas->width() / 2, canvas->height() / 2));
}
