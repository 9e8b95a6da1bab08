// TrainingPanel's data: the Dataset box and its note; Classes and Labels per class, what the loaded data allows, the
// hint beside the choice and the few-shot base's recipe (the rest of the panel's behaviour is in trainingpanel.cpp).
#include "trainingpanel.h"
#include "trainingpanel_p.h"

#include "data/datasetloader.h"
#include "data/labellist.h"

#include <QComboBox>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

#include <algorithm>

using namespace TrainingPanelPrivate;

void TrainingPanel::setClassCount(int classes, int smallestClass)
{
    m_dataLabels.clear();
    for (int k = 0; k < classes; ++k)
        m_dataLabels.append(k);
    m_labelCounts = QVector<int>(classes, smallestClass);
    updateLabelsEnabled();
    updateContinueEnabled();
}

QVector<int> TrainingPanel::chosenClasses() const
{
    // The validator lets only digits and commas in.
    QVector<int> chosen = LabelList::parse(m_classes->text()).value_or(QVector<int>());
    std::sort(chosen.begin(), chosen.end());
    chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
    return chosen;
}

int TrainingPanel::modelClassCount() const
{
    const QVector<int> chosen = chosenClasses();
    if (chosen.isEmpty())
        return int(m_dataLabels.size());
    // A chosen label the data lacks is no class of the model; Start names it (Session::start).
    return int(std::count_if(chosen.cbegin(), chosen.cend(), [this](int k) { return m_dataLabels.contains(k); }));
}

bool TrainingPanel::labelsAvailable() const
{
    // The semi-supervised model's classes are the labels it trains on (with the conv model, its classifier is conv).
    return modelClassCount() >= 2;
}

void TrainingPanel::updateLabelsEnabled()
{
    const bool available = labelsAvailable();
    const int mode = m_labelMode->currentData().toInt();
    m_labelMode->setEnabled(available && !m_running);
    m_labelsPerClass->setEnabled(available && !m_running && mode == LabelsPerClass);
    QString why;
    if (m_dataLabels.isEmpty())
        why = tr("This dataset has no labels (or none are loaded yet), so only the plain VAE can be trained.");
    else if (!available)
        why = tr("A single class to train on: the semi-supervised model needs at least two.");
    const QString choice = tr("Off: the plain VAE, no labels used. K per class: the semi-supervised VAE (Kingma et "
                              "al. 2014) with K labelled training images of every class, the rest of the training "
                              "set unlabelled. All: every training image keeps its label.");
    m_labelMode->setToolTip(why.isEmpty() ? choice : why);
    m_labelsPerClass->setToolTip(why.isEmpty() ? tr("Labelled training images of every class, drawn with the seed")
                                               : why);
    updateLabelsHint();
    m_labelsHint->setVisible(mode != LabelsOff);
    m_labelsPerClass->setVisible(mode == LabelsPerClass);
    updateHiddenEnabled(); // the semi-supervised conv model's MLPs have a width to choose
}

void TrainingPanel::updateLabelsHint()
{
    // One short line: the panel is short of height on a 768-pixel screen; the tooltips say the rest.
    m_labelsHint->setText(labelsHintText());
    QString why;
    if (adaptedWithoutLabels())
        why = tr("This model was adapted to its data from a semi-supervised model, without the data's labels: its "
                 "classifier still names %1's classes. Continue trains it on this data's labels as chosen here.")
                  .arg(m_checkpointConfig->sourceDataset);
    else if (labelsAvailable() && m_labelMode->currentData().toInt() == LabelsAll && !chosenClasses().isEmpty())
        why = tr("Every label of the chosen classes, the others held out: a base model for few-shot learning on them "
                 "(Tools ▸ Few-Shot Learning). Its recipe, measured best for that on the digits: Model Convolutional "
                 "and 30 epochs (the image perturbation then grows to 2 by itself).");
    m_labelsHint->setToolTip(why);
}

bool TrainingPanel::adaptedWithoutLabels() const
{
    return continueFromCheckpoint() && m_checkpointConfig && !m_checkpointConfig->sourceClassNames.isEmpty();
}

QString TrainingPanel::labelsHintText() const
{
    const int mode = m_labelMode->currentData().toInt();
    if (!labelsAvailable())
        return m_dataLabels.isEmpty() ? tr("Not used: this dataset has no labels.")
                                      : tr("Not used: a single class to train on.");
    // An adapted model that kept its source's classifier has seen no label of its data: a new user read "All" (the
    // source's setting, which a continued run uses) as how it was trained.
    if (adaptedWithoutLabels())
        return tr("Its classifier knows %1's classes, not these").arg(m_checkpointConfig->sourceDataset);
    const int classes = modelClassCount();
    if (mode == LabelsPerClass) {
        const QVector<int> chosen = chosenClasses();
        int smallest = 0;
        for (int i = 0; i < m_dataLabels.size(); ++i)
            if (m_labelCounts.at(i) > 0 && (chosen.isEmpty() || chosen.contains(m_dataLabels.at(i))))
                smallest = smallest == 0 ? m_labelCounts.at(i) : qMin(smallest, m_labelCounts.at(i));
        if (smallest > 0 && m_labelsPerClass->value() > smallest)
            return tr("Too many: a class has only %1 images").arg(smallest); // Start says which
        return tr("%1 labelled, the rest unlabelled").arg(m_labelsPerClass->value() * classes);
    }
    if (chosenClasses().isEmpty())
        return tr("Every training image labelled");
    // A few-shot base: its recipe is a click away, and says so once chosen.
    TrainConfig recipe;
    return withFewShotRecipe(&recipe) ? tr("Few-shot base: <a href=\"recipe\">use its recipe</a>")
                                      : tr("Few-shot base, with its recipe");
}

bool TrainingPanel::withFewShotRecipe(TrainConfig *recipe) const
{
    *recipe = config();
    return recipe->applyFewShotBaseRecipe(false, recipe->epochs >= TrainConfig::kFewShotBaseEpochs);
}

void TrainingPanel::applyFewShotRecipe()
{
    TrainConfig recipe;
    if (!withFewShotRecipe(&recipe))
        return;
    // Said where the eye goes after a click: the two fields change without any other sign.
    QStringList changed;
    const QString modelBefore = m_architecture->currentText();
    m_architecture->setCurrentIndex(m_architecture->findData(int(recipe.model.architecture)));
    if (m_architecture->currentText() != modelBefore)
        changed << tr("Model %1 → %2").arg(modelBefore, m_architecture->currentText());
    if (m_epochs->value() != recipe.epochs)
        changed << tr("Epochs %1 → %2").arg(m_epochs->value()).arg(recipe.epochs);
    m_epochs->setValue(recipe.epochs);
    Q_EMIT statusMessage(tr("Few-shot recipe: %1.").arg(changed.join(tr(", ", "between field names"))));
}

void TrainingPanel::setDataset(const QString &nameOrPath)
{
    m_currentDataset = nameOrPath;
    if (nameOrPath.isEmpty()) {
        m_dataset->setCurrentIndex(-1);
        return;
    }
    int index = m_dataset->findData(nameOrPath);
    if (index < 0) {
        // Paths go above the built-ins' separator, shown by their file name.
        m_dataset->insertItem(0, QFileInfo(nameOrPath).fileName(), nameOrPath);
        m_dataset->setItemData(0, nameOrPath, Qt::ToolTipRole);
        index = 0;
    }
    m_dataset->setCurrentIndex(index);
}

void TrainingPanel::setDatasetInfo(const QString &text, const QString &details)
{
    m_loadedInfo = text;
    m_loadedDetails = details;
    showLoadedInfo();
}

void TrainingPanel::showLoadedInfo()
{
    m_showsLoaded = true;
    // The chosen classes' count takes the place of the summary's first line (the data's counts, in the tooltip): a
    // line more made the window taller than a 768-pixel screen in Chinese.
    QString text = m_loadedInfo;
    const QString classes = chosenClassesLine();
    if (!classes.isEmpty()) {
        const qsizetype firstLineEnd = text.indexOf(QLatin1Char('\n'));
        text = classes + (firstLineEnd < 0 ? QString() : text.mid(firstLineEnd));
    }
    QString toolTip = classes.isEmpty() ? m_loadedInfo : m_loadedInfo + QLatin1Char('\n') + classes;
    if (!m_loadedDetails.isEmpty())
        toolTip += QStringLiteral("\n\n") + m_loadedDetails;
    showDatasetInfo(text, toolTip);
}

QString TrainingPanel::chosenClassesLine() const
{
    // A new user chose classes 0-4 and read "8004 training images" while half of them trained.
    const QVector<int> chosen = chosenClasses();
    if (chosen.isEmpty() || m_loadedInfo.isEmpty() || m_dataLabels.isEmpty())
        return {};
    int images = 0;
    QVector<int> missing; // said now, not only when F5 refuses them ("3,12" read as 826 images of class 3)
    for (const int label : chosen) {
        if (const qsizetype target = m_dataLabels.indexOf(label); target >= 0)
            images += m_labelCounts.value(target);
        else
            missing.append(label);
    }
    if (missing.size() == chosen.size())
        return tr("Classes: the data has none of these labels.");
    int total = 0;
    for (const int count : m_labelCounts)
        total += count;
    const QString line = tr("Classes chosen: %1 of the %2 training images").arg(images).arg(total);
    return missing.isEmpty() ? line : tr("%1; no label %2").arg(line, LabelList::format(missing));
}

void TrainingPanel::showDatasetStatus(const QString &text)
{
    m_showsLoaded = false;
    showDatasetInfo(text, text);
}

void TrainingPanel::showDatasetInfo(const QString &text, const QString &toolTip)
{
    m_datasetInfo->setText(text);
    m_datasetInfo->setToolTip(toolTip);
    fitDatasetInfoHeight();
}

void TrainingPanel::setDatasetFailed(const QString &text)
{
    m_loadedInfo.clear();
    showDatasetStatus(text);
}

void TrainingPanel::onDatasetActivated(int index)
{
    const QString value = m_dataset->itemData(index).toString();
    if (value == kOpenEntry) {
        // The chooser decides; until then the combo keeps showing what is loaded.
        setDataset(m_currentDataset);
        Q_EMIT openDatasetRequested();
        return;
    }
    if (value != m_currentDataset || m_loadedInfo.isEmpty()) { // a new choice, or a retry of one that failed
        m_currentDataset = value;
        updateContinueEnabled(); // the combo's index changed before the chosen dataset was recorded
        Q_EMIT datasetRequested(value);
    } else {
        showLoadedInfo(); // back to what is loaded
    }
}

void TrainingPanel::fitDatasetInfoHeight()
{
    // A wrapped label's minimum height is that of its text on one long line; when the dock is short of height (a
    // 768-pixel screen), the form squeezed the dataset summary to one clipped line. Its height at its real width
    // keeps it whole and takes the room from the stretch and the docks below.
    // At most kMaxInfoLines, so that a long message (a dataset that failed to load) cannot push the window past the
    // screen: the rest is cut, and the tooltip holds the whole text.
    constexpr int kMaxInfoLines = 6;
    const int width = m_datasetInfo->width();
    const int whole = m_datasetInfo->text().isEmpty() || width <= 0 ? 0 : m_datasetInfo->heightForWidth(width);
    m_datasetInfo->setMinimumHeight(qMin(whole, kMaxInfoLines * m_datasetInfo->fontMetrics().lineSpacing()));
}
