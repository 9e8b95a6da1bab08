#pragma once

// Private to core: the optimised training paths (oneDNN routes for linear layers and transposed convolutions) can
// be switched off together, so that the benchmark measures the straight LibTorch implementation in the
// same run and tests can compare both on the same inputs. On by default.

namespace FastPaths {
void setEnabled(bool enabled);
bool enabled();
} // namespace FastPaths
