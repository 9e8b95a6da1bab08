#pragma once

#include <functional>

class QWidget;

/// The question before closing a window that holds a trained model nobody saved yet.
namespace CloseGuard {

/// Asks Save / Discard / Cancel (modal: the close waits for the answer). Save runs `save`, which returns false
/// when the user cancelled or saving failed. True when the window may close.
bool confirm(QWidget *parent, const std::function<bool()> &save);

} // namespace CloseGuard
