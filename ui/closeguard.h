#pragma once

#include <functional>

class QWidget;

/// The question before closing a window that holds a trained model nobody saved yet.
namespace CloseGuard {

/// What the user answered to confirm().
enum class Answer { Saved, Discarded, Cancelled };

/// Asks Save / Discard / Cancel (modal: the close waits for the answer); `training` says that a run is still going
/// and that closing stops it. Save runs `save`, which returns false when the user cancelled or saving failed
/// (Cancelled then). The window may close unless Cancelled.
Answer confirm(QWidget *parent, const std::function<bool()> &save, bool training);

/// The same question before another model replaces the unsaved one in the window (a checkpoint opened, a run's row
/// or an adapted model explored): Save / Discard / Cancel. Opening went ahead without a word while quitting asked.
Answer confirmReplace(QWidget *parent, const std::function<bool()> &save);

/// Asks whether to quit although a transfer run is in progress (Quit / Cancel; objectName "runningJobQuestion").
/// True when the window may close.
bool confirmStopRun(QWidget *parent);

} // namespace CloseGuard
