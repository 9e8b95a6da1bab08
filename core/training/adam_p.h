#pragma once

// Private to core: Adam with its state exposed, so a checkpoint can carry it.

#include "model/checkpoint.h"

#include <torch/torch.h>

#include <vector>

/// Adam (Kingma & Ba) with the same arithmetic as torch::optim::Adam (no weight decay, no amsgrad).
class Adam
{
public:
    Adam(std::vector<torch::Tensor> parameters, double learningRate, double beta1 = 0.9, double beta2 = 0.999,
         double eps = 1e-8);

    void zeroGrad();
    void step();

    OptimizerState state() const;
    /// Restores moments and step; returns false if the sizes do not match the parameters.
    bool setState(const OptimizerState &state);

private:
    std::vector<torch::Tensor> m_params, m_m, m_v;
    double m_lr, m_beta1, m_beta2, m_eps;
    qint64 m_step = 0;
};
