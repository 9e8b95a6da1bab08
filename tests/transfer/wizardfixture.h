#pragma once

// The transfer wizard's tests share these: the bars as a source model and as an IDX folder to transfer to, the steps
// to the wizard's strategy and run pages, and a clicker for its questions.

#include "data/idxreader.h"
#include "tinysource.h"
#include "transferwizard.h"
#include "transferwizardpages.h"

#include <QAbstractButton>
#include <QApplication>
#include <QLabel>
#include <QMessageBox>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

/// Clicks the button of `role` in the modal message box named `name` as soon as it shows.
class ButtonClicker final : public QObject
{
public:
    ButtonClicker(QString name, QMessageBox::ButtonRole role)
        : m_name(std::move(name))
        , m_role(role)
    {
        startTimer(20);
    }
    int clicked = 0;

protected:
    void timerEvent(QTimerEvent *) override
    {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box || box->objectName() != m_name)
            return;
        for (QAbstractButton *button : box->buttons())
            if (box->buttonRole(button) == m_role) {
                ++clicked;
                button->click();
                return;
            }
    }

private:
    QString m_name;
    QMessageBox::ButtonRole m_role;
};

/// The bars (120 training, 60 test images), written as an IDX folder, and a VAE trained on their classes 0-4.
class WizardFixture
{
protected:
    DataSplit m_data = SyntheticData::split(SyntheticData::Pattern::Bars, 120, 60, 7);
    Checkpoint m_source;
    QTemporaryDir m_dir;

    /// Source page → target page (the bars as an IDX folder) → strategy page, with one epoch.
    void advanceToStrategy(TransferWizard &wizard)
    {
        wizard.show();
        QCOMPARE(wizard.currentId(), int(TransferWizard::SourcePageId));
        QVERIFY(wizard.currentPage()->isComplete()); // the current model is preselected
        wizard.next();
        auto *target = qobject_cast<TransferTargetPage *>(wizard.currentPage());
        QVERIFY(target);
        target->load(m_dir.path());
        QVERIFY(target->isComplete());
        wizard.next();
        QCOMPARE(wizard.currentId(), int(TransferWizard::StrategyPageId));
        for (QSpinBox *spin : wizard.currentPage()->findChildren<QSpinBox *>())
            spin->setValue(1); // epochs
    }

    /// Shows the wizard and goes on to its target page (null if the next page is another).
    static TransferTargetPage *openTargetPage(TransferWizard &wizard)
    {
        wizard.show();
        wizard.next();
        return qobject_cast<TransferTargetPage *>(wizard.currentPage());
    }

    /// Whether one of the page's labels holds `words`.
    static bool pageSays(const QWidget *page, const QString &words)
    {
        const auto labels = page->findChildren<QLabel *>();
        return std::any_of(labels.cbegin(), labels.cend(),
                           [&](const QLabel *label) { return label->text().contains(words); });
    }

    /// On to the run page, which starts the run.
    void advanceToRun(TransferWizard &wizard)
    {
        advanceToStrategy(wizard);
        wizard.next();
        QCOMPARE(wizard.currentId(), int(TransferWizard::RunPageId));
    }

    /// Test-mode settings, emptied; the target folder and the source model. Call from initTestCase().
    void setUpData()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY(m_dir.isValid());
        const QString d = m_dir.path() + QLatin1Char('/');
        QVERIFY(Idx::writeDataset(m_data.train, d + QStringLiteral("train-images-idx3-ubyte"),
                                  d + QStringLiteral("train-labels-idx1-ubyte"))
                    .ok());
        QVERIFY(Idx::writeDataset(m_data.test, d + QStringLiteral("t10k-images-idx3-ubyte"),
                                  d + QStringLiteral("t10k-labels-idx1-ubyte"))
                    .ok());
        m_source = TinySource::train(m_data, {0, 1, 2, 3, 4});
    }
};
