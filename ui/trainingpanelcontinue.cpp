// TrainingPanel's "Continue from checkpoint": when the checkpoint can be continued with the settings chosen (its
// model, its images), why not, and what the Start button then reads (the rest of the panel: trainingpanel.cpp).
#include "trainingpanel.h"

#include "runcomparison.h"

#include <QCheckBox>
#include <QLabel>
#include <QPushButton>

bool TrainingPanel::continueFromCheckpoint() const
{
    return m_continue->isEnabled() && m_continue->isChecked();
}

void TrainingPanel::setCheckpointAvailable(bool available, int epochsDone, std::optional<TrainConfig> saved)
{
    m_continue->setProperty("available", available);
    m_checkpointConfig = available ? saved : std::nullopt;
    m_checkpointEpochs = epochsDone;
    m_modelMatches = true;
    m_continue->setChecked(available);
    // One line across the panel (beside the field column, the count made the whole panel column wider than a
    // 1280-pixel (logical) screen allows; on two lines, with the two-line text under the bar, the window outgrew a
    // 768-pixel screen's height).
    m_continue->setText(available ? tr("Continue from checkpoint (%n epoch(s))", nullptr, epochsDone)
                                  : tr("Continue from checkpoint"));
    updateContinueEnabled();
}

namespace {

/// Why the checkpoint cannot be continued with the model chosen: the fields that differ from its model, by the names
/// they have in the panel (a new user was sent to check five, having changed one).
QString modelDifference(const ModelSpec &chosen, const ModelSpec &saved)
{
    QStringList fields;
    if (chosen.architecture != saved.architecture)
        fields << TrainingPanel::tr("Model");
    if (chosen.latent != saved.latent)
        fields << TrainingPanel::tr("Latent dims");
    if (chosen.hidden != saved.hidden)
        fields << TrainingPanel::tr("Hidden units");
    if (chosen.likelihood != saved.likelihood)
        fields << TrainingPanel::tr("Likelihood");
    if (chosen.isSemiSupervised() != saved.isSemiSupervised())
        fields << TrainingPanel::tr("Labels per class");
    else if (chosen.classes != saved.classes)
        fields << TrainingPanel::tr("Classes");
    if (fields.isEmpty())
        return TrainingPanel::tr("The checkpoint holds a different model: set Model, Latent dims, Hidden units, "
                                 "Likelihood and Labels per class back to continue it");
    return TrainingPanel::tr("The checkpoint holds a different model: set %1 back to continue it")
        .arg(fields.join(TrainingPanel::tr(", ", "between field names")));
}

} // namespace

void TrainingPanel::updateContinueEnabled()
{
    const TrainConfig chosen =
        m_checkpointConfig ? RunComparison::continuing(config(), *m_checkpointConfig) : config(); // as Session runs it
    const ModelSpec &model = chosen.model;
    const bool sameModel = !m_checkpointConfig || model == m_checkpointConfig->model;
    // The same images too: other data, classes or validation images would not continue the same run (Start refuses).
    const QString dataProblem =
        m_checkpointConfig ? chosen.continuationProblem(*m_checkpointConfig, m_checkpointEpochs) : QString();
    const bool matches = sameModel && dataProblem.isEmpty();
    if (matches != m_modelMatches) {
        // Unticked while the run differs (Start would fail); ticked again when it matches once more.
        m_continue->setChecked(matches);
        m_modelMatches = matches;
    }
    m_continue->setEnabled(matches && !m_running && m_continue->property("available").toBool());
    m_continue->setToolTip(matches         ? tr("Train on from the checkpoint's weights instead of a new model")
                               : sameModel ? dataProblem
                                           : modelDifference(model, m_checkpointConfig->model));
    updateStartText();
    updateLabelsHint(); // it speaks of Continue for an adapted model
}

void TrainingPanel::updateStartText()
{
    // The button says which of the two F5 does: a new user pressed Start for a new model and saw epochs 11 to 20.
    if (!m_start)
        return; // the fields are made before the buttons
    const bool continues = continueFromCheckpoint();
    m_start->setText(continues ? tr("Continue") : tr("Start"));
    m_start->setToolTip(continues ? tr("Continue training the checkpoint's model (F5); untick “Continue from "
                                       "checkpoint” for a new model")
                                  : tr("Start training (F5)"));
}
