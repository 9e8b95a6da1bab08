#pragma once

#include <QDateTime>
#include <QString>

#include <functional>

class QMessageBox;
class QWidget;

/// Each training run autosaves its checkpoint to its own file (two windows never overwrite each other's), in
/// one folder pruned to the newest few; at start the newest is offered back when it is newer than the last
/// checkpoint the user saved.
namespace Autosaves {

constexpr int kKept = 5; ///< autosaves kept after pruning (the current run's is never removed)

/// <app data>/autosaves
QString directory();
/// A fresh file name for a new run: time stamp and process id, so instances and runs never collide.
QString newPath();
/// A fresh file name for a transfer's kept model ("transfer-…", never offered back at start nor pruned with the
/// runs' autosaves); its report goes beside it (transferReportPath).
QString newTransferPath();
/// The report kept beside a transfer's model: the same name ending in .json.
QString transferReportPath(const QString &checkpoint);
/// Removes all but the newest `keep` transfers' models and reports.
void pruneTransfers(int keep = kKept);
/// Removes all but the newest `keep` autosaves, never `inUse`.
void prune(const QString &inUse, int keep = kKept);
/// The newest autosave, or "" when there is none.
QString newest();
/// Records an explicit save (File > Save Checkpoint): autosaves older than it are not offered.
void noteExplicitSave();
/// Records that the user discarded the model when closing: the autosaves written until now are not offered at the
/// next start (they stay in the folder, and the Runs panel opens them).
void noteDiscarded();
/// The newest autosave when it is newer than the last explicit save and was not offered nor discarded; else "".
QString worthRestoring();
/// Asks, without blocking, whether to open `path`; `restore` runs on Yes. Either answer stops the offer.
QMessageBox *offerRestore(QWidget *parent, const QString &path, const std::function<void(const QString &)> &restore);

} // namespace Autosaves
