#pragma once

// Seeded random tensors for the tests that check core's maths (torch tests only).

#include <torch/torch.h>

#include <QtGlobal>

#include <vector>

inline torch::Tensor randomTensor(std::vector<int64_t> shape, quint64 seed, double scale = 1.0)
{
    auto gen = at::detail::createCPUGenerator(seed);
    return at::randn(shape, gen, torch::dtype(torch::kDouble)) * scale;
}

/// `count` rows of 784 uniform [0, 1) floats: random 28×28 images.
inline torch::Tensor randomImages(int count, quint64 seed)
{
    auto gen = at::detail::createCPUGenerator(seed);
    return at::rand({count, 784}, gen);
}
