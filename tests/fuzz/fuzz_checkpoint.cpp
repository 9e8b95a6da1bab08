// libFuzzer target: the checkpoint loader (CheckpointIo::parse, which CheckpointIo::load calls on the file's bytes).

#include "fuzzsupport.h"
#include "model/checkpoint.h"

#include <cmath>

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    FuzzSupport::scratch();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    auto loaded = CheckpointIo::parse(FuzzSupport::bytes(data, size), QStringLiteral("fuzz"));
    if (!loaded.ok())
        return 0;
    const Checkpoint &c = loaded.value();
    // What parse promises to its callers: sizes that fit the declared model, finite weights.
    if (c.config.validate().size() || c.weights.isEmpty() || qint64(c.weights.size()) * 4 > qint64(size))
        __builtin_trap();
    if (!c.optimizer.isEmpty() && c.optimizer.secondMoment.size() != c.weights.size())
        __builtin_trap();
    for (float w : c.weights)
        if (!std::isfinite(w))
            __builtin_trap();
    // A loaded checkpoint must serialise back to something that loads again.
    if (!CheckpointIo::parse(CheckpointIo::serialize(c), QStringLiteral("again")).ok())
        __builtin_trap();
    return 0;
}
