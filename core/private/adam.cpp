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
    // Undefined gradients let autograd hand over its fresh buffers instead of accumulating into zeroed ones.
    for (auto &p : m_params)
        p.mutable_grad() = torch::Tensor();
}

void Adam::step()
{
    ++m_step;
    const float beta1 = float(m_beta1), beta2 = float(m_beta2);
    const float oneMinusBeta1 = float(1.0 - m_beta1), oneMinusBeta2 = float(1.0 - m_beta2);
    const float stepSize = float(m_lr / (1.0 - std::pow(m_beta1, double(m_step))));
    const float invBias2Sqrt = float(1.0 / std::sqrt(1.0 - std::pow(m_beta2, double(m_step))));
    const float eps = float(m_eps);
    // One fused pass per parameter (measured: 4.9 ms of a 16 ms MLP step with the per-op version).
    for (size_t i = 0; i < m_params.size(); ++i) {
        const auto &grad = m_params[i].grad();
        if (!grad.defined())
            continue;
        const auto g = grad.contiguous();
        float *__restrict p = m_params[i].data_ptr<float>();
        float *__restrict m = m_m[i].data_ptr<float>();
        float *__restrict v = m_v[i].data_ptr<float>();
        const float *__restrict gp = g.data_ptr<float>();
        const int64_t n = m_params[i].numel();
        for (int64_t k = 0; k < n; ++k) {
            const float gk = gp[k];
            const float mk = beta1 * m[k] + oneMinusBeta1 * gk;
            const float vk = beta2 * v[k] + oneMinusBeta2 * gk * gk;
            m[k] = mk;
            v[k] = vk;
            p[k] -= stepSize * mk / (std::sqrt(vk) * invBias2Sqrt + eps);
        }
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
