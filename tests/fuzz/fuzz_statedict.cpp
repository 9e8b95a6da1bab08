// libFuzzer target: the PyTorch state-dict importer (PyTorchInterop::fromStateDict), a zip archive read by LibTorch's
// stream reader and unpickler behind our directory checks. LibTorch is not instrumented for coverage, so the fuzzer
// steers by our code only; ASan still sees LibTorch's memcpy/memmove through its interceptors.

#include "fuzzsupport.h"
#include "pytorchinterop.h"

#include <cmath>

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    FuzzSupport::scratch();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    PyTorchInterop::ImportSpec spec; // MLP, sizes from the tensors
    spec.architecture = size > 0 && (data[size - 1] & 1) ? Architecture::Conv : Architecture::Mlp;
    auto imported = PyTorchInterop::fromStateDict(FuzzSupport::bytes(data, size), spec, QStringLiteral("fuzz"));
    if (!imported.ok())
        return 0;
    for (float w : imported.value().weights)
        if (!std::isfinite(w))
            __builtin_trap(); // the importer promised finite weights
    if (imported.value().spec.architecture != spec.architecture)
        __builtin_trap();
    return 0;
}
