#pragma once

#include "model/modelspec.h"
#include "training/trainstats.h"
#include "util/result.h"

#include <QByteArray>
#include <QString>

/// PyTorch state dicts: the weights of a VAE as `torch.save(model.state_dict())` writes them and `torch.load` reads
/// them, with the parameter names of the modules in docs/pytorch.md ("encoder_hidden.weight", …).
namespace PyTorchInterop {

/// Largest state-dict file read (a 16384-wide MLP is ≈ 210 MB of float32).
constexpr qint64 kMaxFileBytes = qint64(1) << 30;

/// What to expect from a state dict; 0 for hidden or latent means "take it from the tensors' shapes".
struct ImportSpec
{
    Architecture architecture = Architecture::Mlp;
    Likelihood likelihood = Likelihood::Bernoulli;
    int hidden = 0; ///< MLP only
    int latent = 0;
};

/// The state dict of `snapshot` as the bytes `torch.save` would write (a zip archive holding a pickled dict).
Result<QByteArray> toStateDict(const ModelSnapshot &snapshot);
/// Writes `toStateDict(snapshot)` atomically to `path`; the previous file stays intact on failure.
Status exportStateDict(const ModelSnapshot &snapshot, const QString &path);

/// Reads state-dict bytes (from this app or from `torch.save`), checking every name, shape and value against the
/// architecture. A "module." prefix (DistributedDataParallel, DataParallel) is accepted. `what` names the source.
Result<ModelSnapshot> fromStateDict(const QByteArray &bytes, const ImportSpec &spec, const QString &what);
/// Reads a state-dict file; see fromStateDict.
Result<ModelSnapshot> importStateDict(const QString &path, const ImportSpec &spec);

} // namespace PyTorchInterop
