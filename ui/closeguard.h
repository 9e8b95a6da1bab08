#pragma once

#include <functional>

class QWidget;

/// The question before closing a window that holds a trained model nobody saved yet.
namespace CloseGuard {

/// Asks Save / Discard / Cancel (modal: the close waits for the answer). Save runs `save`, which returns false
/// when the user cancelled or saving failed. True when the window may close.
bool confirm(QWidget *parent, const std::function<bool()> &save);

/// Asks whether to quit although a transfer run is in progress (Quit / Cancel; objectName "runningJobQuestion").
/// True when the window may close.
bool confirmStopRun(QWidget *parent);

} // namespace CloseGuard
