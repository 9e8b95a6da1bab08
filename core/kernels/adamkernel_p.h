#pragma once

// Private to core: the fused Adam update, in its own torch-free file so it can be built with -fno-math-errno.

#include <cstdint>

/// m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; p ← p − stepSize·m / (√v·invBias2Sqrt + eps), in one pass.
void adamUpdate(float *p, float *m, float *v, const float *g, int64_t n, float beta1, float beta2, float stepSize,
                float invBias2Sqrt, float eps);
