#pragma once

// Private to core: the optimised training paths (a oneDNN route for transposed convolutions, a hand-derived MLP
// step) can be switched off together, so that the benchmark measures the straight LibTorch implementation in the
// same run and tests can compare both on the same inputs. On by default.

namespace FastPaths {
void setEnabled(bool enabled);
bool enabled();
/// The MLP's hand-derived training step alone (model/mlpstep.cpp), so that the benchmark can set it against autograd
/// through the same oneDNN linear layers. On by default; off whenever setEnabled(false).
void setHandDerivedStep(bool enabled);
bool handDerivedStep();
} // namespace FastPaths
