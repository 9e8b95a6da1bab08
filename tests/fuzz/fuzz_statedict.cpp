// libFuzzer target: the PyTorch state-dict importer (PyTorchInterop::fromStateDict), a zip archive read by LibTorch's
// stream reader and unpickler behind our directory checks and pickle scanner. LibTorch is not instrumented for
// coverage, so the fuzzer steers by our code only; ASan still sees LibTorch's memcpy/memmove through its interceptors.
//
// An input that starts like a zip archive is imported as it is. Any other input is taken as the pickle (data.pkl)
// and wrapped into a valid archive (CRCs and all) beside the storages of an mlp 784-1-1 (data/0 … data/7, as
// LibTorch's pickle_save numbers them): so the fuzzer works on the pickle itself, and what the scanner lets through
// reaches LibTorch's unpickler instead of stopping at a zip checksum.
//
// LE_FUZZ_VERBOSE=1 makes it print each verdict (with fuzz_statedict_replay: what every corpus file gets).
//
//   build-fuzz/tests/fuzz/fuzz_statedict -dict=tests/fuzz/corpus/statedict.dict -rss_limit_mb=512
//       -malloc_limit_mb=256 /tmp/statedict-corpus tests/fuzz/corpus/statedict

#include "../common/torcharchive.h"
#include "fuzzsupport.h"
#include "interop/pytorchinterop.h"

#include <QtEndian>

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace {

/// A stored zip archive "archive/data.pkl" = pickle, "archive/data/<i>" = the mlp 784-1-1's storages, "archive/version".
QByteArray wrap(const QByteArray &pickle)
{
    static const int kFloats[] = {784, 1, 2, 2, 1, 1, 784, 784}; // encoder_hidden.weight … decoder_out.bias
    QList<QByteArray> storages;
    for (int i = 0; i < 8; ++i) {
        QByteArray floats(4 * kFloats[i], '\0');
        for (int k = 0; k < kFloats[i]; ++k)
            qToLittleEndian(float(k % 7) * 0.125f - 0.25f, floats.data() + 4 * k);
        storages.append(floats);
    }
    return TorchArchive::archive(pickle, storages);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    FuzzSupport::scratch();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    PyTorchInterop::ImportSpec spec; // MLP, sizes from the tensors
    spec.architecture = size > 0 && (data[size - 1] & 1) ? Architecture::Conv : Architecture::Mlp;
    QByteArray bytes = FuzzSupport::bytes(data, size);
    if (!bytes.startsWith("PK"))
        bytes = wrap(bytes);
    auto imported = PyTorchInterop::fromStateDict(bytes, spec, QStringLiteral("fuzz"));
    static const bool verbose = std::getenv("LE_FUZZ_VERBOSE"); // the replay prints each verdict (triage)
    if (verbose)
        std::fprintf(stderr, "  %s\n", imported.ok() ? "imported" : qPrintable(imported.error()));
    if (!imported.ok())
        return 0;
    for (float w : imported.value().weights)
        if (!std::isfinite(w))
            __builtin_trap(); // the importer promised finite weights
    if (imported.value().spec.architecture != spec.architecture)
        __builtin_trap();
    return 0;
}
