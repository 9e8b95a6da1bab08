#include "adam.h"

#include "vae.h"

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
    for (auto &p : m_params)
        if (p.grad().defined())
            p.mutable_grad().zero_();
}

void Adam::step()
{
    torch::NoGradGuard noGrad;
    ++m_step;
    const double bias1 = 1.0 - std::pow(m_beta1, double(m_step));
    const double bias2 = 1.0 - std::pow(m_beta2, double(m_step));
    const double stepSize = m_lr / bias1;
    const double bias2Sqrt = std::sqrt(bias2);
    for (size_t i = 0; i < m_params.size(); ++i) {
        const auto &g = m_params[i].grad();
        if (!g.defined())
            continue;
        m_m[i].mul_(m_beta1).add_(g, 1.0 - m_beta1);
        m_v[i].mul_(m_beta2).addcmul_(g, g, 1.0 - m_beta2);
        const auto denom = (m_v[i].sqrt() / bias2Sqrt).add_(m_eps);
        m_params[i].addcdiv_(m_m[i], denom, -stepSize);
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
