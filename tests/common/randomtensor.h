#pragma once

// Seeded standard-normal tensors in double precision, for the tests that check core's maths (torch tests only).

#include <torch/torch.h>

#include <QtGlobal>

#include <vector>

inline torch::Tensor randomTensor(std::vector<int64_t> shape, quint64 seed, double scale = 1.0)
{
    auto gen = at::detail::createCPUGenerator(seed);
    return at::randn(shape, gen, torch::dtype(torch::kDouble)) * scale;
}
