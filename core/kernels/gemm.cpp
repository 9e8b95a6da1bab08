#include "kernels/gemm_p.h"

#include "kernels/fastpaths_p.h"

#include <oneapi/dnnl/dnnl.h>

namespace {

bool isPlainMatrix(const torch::Tensor &t)
{
    return t.dim() == 2 && t.scalar_type() == torch::kFloat && t.is_contiguous() && t.device().is_cpu();
}

/// C = op(A)·op(B) + beta·C on row-major storage; false when oneDNN refuses.
bool sgemm(const torch::Tensor &a, Op opA, const torch::Tensor &b, Op opB, float beta, torch::Tensor &c)
{
    if (!isPlainMatrix(a) || !isPlainMatrix(b) || !isPlainMatrix(c))
        return false;
    const bool ta = opA == Op::Transposed, tb = opB == Op::Transposed;
    const int64_t m = c.size(0), n = c.size(1), k = ta ? a.size(0) : a.size(1);
    if (m == 0 || n == 0)
        return true;
    return dnnl_sgemm(ta ? 'T' : 'N', tb ? 'T' : 'N', m, n, k, 1.0f, a.data_ptr<float>(), a.size(1),
                      b.data_ptr<float>(), b.size(1), beta, c.data_ptr<float>(), n)
        == dnnl_success;
}

torch::Tensor fallback(const torch::Tensor &a, Op opA, const torch::Tensor &b, Op opB)
{
    return at::mm(opA == Op::Transposed ? a.t() : a, opB == Op::Transposed ? b.t() : b);
}

} // namespace

void matmulInto(torch::Tensor &out, const torch::Tensor &a, Op opA, const torch::Tensor &b, Op opB)
{
    TORCH_CHECK(a.dim() == 2 && b.dim() == 2, "matmul: 2-D operands expected");
    const int64_t m = opA == Op::Transposed ? a.size(1) : a.size(0);
    const int64_t k = opA == Op::Transposed ? a.size(0) : a.size(1);
    const int64_t kb = opB == Op::Transposed ? b.size(1) : b.size(0);
    const int64_t n = opB == Op::Transposed ? b.size(0) : b.size(1);
    TORCH_CHECK(k == kb, "matmul: inner dimensions differ (", k, " vs ", kb, ")");
    const bool reusable =
        out.defined() && out.use_count() == 1 && out.sizes() == at::IntArrayRef{m, n} && isPlainMatrix(out);
    if (!reusable)
        out = torch::empty({m, n}, a.options());
    if (k == 0)
        out.zero_();
    else if (!sgemm(a, opA, b, opB, 0.0f, out))
        out.copy_(fallback(a, opA, b, opB));
}

torch::Tensor matmul(const torch::Tensor &a, Op opA, const torch::Tensor &b, Op opB)
{
    torch::Tensor out;
    matmulInto(out, a, opA, b, opB);
    return out;
}

torch::Tensor linear(const torch::Tensor &x, const torch::Tensor &weight, const torch::Tensor &bias)
{
    TORCH_CHECK(x.dim() == 2 && weight.dim() == 2 && x.size(1) == weight.size(1), "linear: shapes do not match");
    // A fresh buffer: for one row, expand(…).contiguous() would be a view of the bias itself.
    auto out = torch::empty({x.size(0), weight.size(0)}, x.options());
    out.copy_(bias.expand({x.size(0), weight.size(0)}));
    if (x.size(1) == 0 || sgemm(x, Op::Plain, weight, Op::Transposed, 1.0f, out))
        return out;
    return at::addmm(bias, x, weight.t());
}

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

struct OneDnnLinear : torch::autograd::Function<OneDnnLinear>
{
    static torch::Tensor forward(AutogradContext *ctx, const torch::Tensor &x, const torch::Tensor &weight,
                                 const torch::Tensor &bias)
    {
        ctx->save_for_backward({x, weight});
        return linear(x, weight, bias);
    }

    static variable_list backward(AutogradContext *ctx, variable_list grads)
    {
        const auto saved = ctx->get_saved_variables();
        const auto &x = saved[0];
        const auto &weight = saved[1];
        const auto gy = grads[0].contiguous();
        torch::Tensor gx, gw, gb;
        if (ctx->needs_input_grad(0))
            gx = matmul(gy, Op::Plain, weight, Op::Plain);
        if (ctx->needs_input_grad(1))
            gw = matmul(gy, Op::Transposed, x, Op::Plain);
        if (ctx->needs_input_grad(2))
            gb = gy.sum(0);
        return {gx, gw, gb};
    }
};

} // namespace

torch::Tensor linearLayer(const torch::Tensor &x, torch::nn::Linear &layer)
{
    if (!FastPaths::enabled() || x.dim() != 2 || x.scalar_type() != torch::kFloat || !x.device().is_cpu()
        || !layer->bias.defined())
        return layer(x);
    return OneDnnLinear::apply(x.contiguous(), layer->weight, layer->bias);
}
