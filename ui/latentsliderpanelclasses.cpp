// LatentSliderPanel's class chooser and analogies row, for the semi-supervised model (the sliders are in
// latentsliderpanel.cpp).
#include "latentsliderpanel.h"

#include "classanalogyrow.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <QWidget>

QWidget *LatentSliderPanel::buildClassBox()
{
    m_classBox = new QWidget(this);
    m_classBox->setObjectName(QStringLiteral("classBox"));
    m_classChooser = new QComboBox(m_classBox);
    m_classChooser->setObjectName(QStringLiteral("classChooser"));
    m_classChooser->setToolTip(tr("The class the image above is decoded under: the sliders set the style, the class "
                                  "the digit"));
    connect(m_classChooser, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_analogies->setCurrent(index);
        scheduleDecode();
        Q_EMIT classChanged(index, m_classChooser->itemText(index));
    });
    m_classLabel = new QLabel(tr("Class"), m_classBox);
    m_classLabel->setObjectName(QStringLiteral("classLabel"));
    m_classLabel->setBuddy(m_classChooser);
    m_analogies = new ClassAnalogyRow(m_classBox);
    m_analogies->setObjectName(QStringLiteral("analogyRow"));
    connect(m_analogies, &ClassAnalogyRow::classClicked, this, &LatentSliderPanel::setCurrentClass);
    auto *caption = new QLabel(tr("The same z under every class:"), m_classBox);
    caption->setWordWrap(true);

    auto *chooserRow = new QHBoxLayout;
    chooserRow->addWidget(m_classLabel);
    chooserRow->addWidget(m_classChooser, 1);
    auto *box = new QVBoxLayout(m_classBox);
    box->setContentsMargins(0, 0, 0, 0);
    box->setSpacing(2);
    box->addLayout(chooserRow);
    box->addWidget(caption);
    box->addWidget(m_analogies);
    m_classBox->hide();
    return m_classBox;
}

void LatentSliderPanel::setClassNames(const QStringList &names, const QString &origin)
{
    m_classNames = names;
    // "Class (mnist)": digits chosen for a model of clothes would otherwise read as a mistake.
    m_classLabel->setText(origin.isEmpty() ? tr("Class") : tr("Class (%1)").arg(origin));
    m_classLabel->setToolTip(origin.isEmpty() ? QString()
                                              : tr("This model keeps the classes of the data it was adapted from, %1: "
                                                   "it was adapted without labels.")
                                                    .arg(origin));
    updateClassChoices();
}

QString LatentSliderPanel::className(int index) const
{
    return index < m_classNames.size() ? m_classNames.at(index) : QString::number(index);
}

void LatentSliderPanel::updateClassChoices()
{
    const int classes = m_model.isValid() ? m_model.classCount() : 0;
    QStringList names;
    for (int k = 0; k < classes; ++k)
        names << className(k);
    QStringList shown;
    for (int k = 0; k < m_classChooser->count(); ++k)
        shown << m_classChooser->itemText(k);
    if (shown != names) {
        // Keeps the chosen class where the new model has it (a new snapshot of the same run).
        const int current = m_classChooser->currentIndex();
        const bool blocked = m_classChooser->blockSignals(true);
        m_classChooser->clear();
        m_classChooser->addItems(names);
        m_classChooser->setCurrentIndex(classes > 0 ? qBound(0, current, classes - 1) : -1);
        m_classChooser->blockSignals(blocked);
        m_analogies->setCurrent(m_classChooser->currentIndex());
        m_analogies->setNames(names);
    }
    if (classes == 0)
        m_analogies->setImages({});
    m_classBox->setVisible(classes > 0);
}

int LatentSliderPanel::currentClass() const
{
    return qMax(0, m_classChooser->currentIndex());
}

void LatentSliderPanel::setCurrentClass(int index)
{
    if (index >= 0 && index < m_classChooser->count())
        m_classChooser->setCurrentIndex(index);
}

bool LatentSliderPanel::showsClasses() const
{
    return !m_classBox->isHidden();
}
