#pragma once

// Private to core: float matrix products through oneDNN's sgemm instead of LibTorch's BLAS.
//
// Why: LibTorch's at::mm goes to OpenBLAS, whose kernel the environment may pin (OPENBLAS_CORETYPE; on the reference
// machine it is pinned to the AVX2 "Haswell" kernels, for the correctness reasons of older OpenBLAS builds on that
// CPU). oneDNN (already loaded: LibTorch's convolutions use it) picks its JIT kernels for the CPU it finds. Measured
// on the reference machine, one thread, 128×784·784×512: OpenBLAS 1.14 ms, oneDNN 0.57 ms (docs/performance.md).
// The threads are OpenMP's, so torch::set_num_threads governs them as it governs LibTorch's own.

#include <torch/torch.h>

enum class Op { Plain, Transposed };

/// op(a)·op(b) for 2-D, row-major contiguous float tensors, written into `out` (allocated or reused when it already
/// has the result's shape, is contiguous and nothing else holds it). Falls back to at::mm if oneDNN refuses.
void matmulInto(torch::Tensor &out, const torch::Tensor &a, Op opA, const torch::Tensor &b, Op opB);

/// op(a)·op(b) into a new tensor.
torch::Tensor matmul(const torch::Tensor &a, Op opA, const torch::Tensor &b, Op opB);

/// x·Wᵀ + bias, as nn::Linear computes it (x: B×in, W: out×in, bias: out).
torch::Tensor linear(const torch::Tensor &x, const torch::Tensor &weight, const torch::Tensor &bias);

/// nn::Linear's forward with autograd, its three products (output, input gradient, weight gradient) through oneDNN.
/// Falls back to layer(x) when FastPaths are off or x is not a 2-D float matrix. tst_fastpaths compares values and
/// gradients with nn::Linear.
torch::Tensor linearLayer(const torch::Tensor &x, torch::nn::Linear &layer);
