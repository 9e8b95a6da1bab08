#pragma once

// Private to TrainingPanel's two source files: trainingpanel.cpp (behaviour) and trainingpanelfields.cpp (the form).

#include <QString>

namespace TrainingPanelPrivate {

/// The dataset chooser's last entry, which opens a file dialog instead of naming a dataset.
inline const QString kOpenEntry = QStringLiteral("\x01open");

/// The choices of "Labels per class": the plain VAE, K labelled images per class, or every label.
enum LabelMode { LabelsOff, LabelsPerClass, LabelsAll };
constexpr int kDefaultLabelsPerClass = 10;

} // namespace TrainingPanelPrivate
