#include "training/adam_p.h"

#include "kernels/adamkernel_p.h"
#include "model/vae_p.h"

#include <cmath>

Adam::Adam(std::vector<torch::Tensor> parameters, double learningRate, double beta1, double beta2, double eps)
    : m_params(std::move(parameters))
    , m_lr(learningRate)
    , m_beta1(beta1)
    , m_beta2(beta2)
    , m_eps(eps)
{
    for (const auto &p : m_params) {
        m_m.push_back(torch::zeros_like(p));
        m_v.push_back(torch::zeros_like(p));
    }
}

void Adam::zeroGrad()
{
    // Undefined gradients let autograd hand over its fresh buffers instead of accumulating into zeroed ones.
    for (auto &p : m_params)
        p.mutable_grad() = torch::Tensor();
}

void Adam::step()
{
    ++m_step;
    const float stepSize = float(m_lr / (1.0 - std::pow(m_beta1, double(m_step))));
    const float invBias2Sqrt = float(1.0 / std::sqrt(1.0 - std::pow(m_beta2, double(m_step))));
    for (size_t i = 0; i < m_params.size(); ++i) {
        const auto &grad = m_params[i].grad();
        if (!grad.defined())
            continue;
        const auto g = grad.contiguous();
        adamUpdate(m_params[i].data_ptr<float>(), m_m[i].data_ptr<float>(), m_v[i].data_ptr<float>(),
                   g.data_ptr<float>(), m_params[i].numel(), float(m_beta1), float(m_beta2), stepSize, invBias2Sqrt,
                   float(m_eps));
    }
}

OptimizerState Adam::state() const
{
    return OptimizerState{flattenTensors(m_m), flattenTensors(m_v), m_step};
}

bool Adam::setState(const OptimizerState &state)
{
    qint64 total = 0;
    for (const auto &p : m_params)
        total += p.numel();
    if (state.firstMoment.size() != total || state.secondMoment.size() != total || state.step < 0)
        return false;
    unflattenInto(state.firstMoment, m_m);
    unflattenInto(state.secondMoment, m_v);
    m_step = state.step;
    return true;
}
