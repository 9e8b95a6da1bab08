#pragma once

#include <QString>
#include <QVector>

#include <limits>
#include <optional>

/// Lists of labels as people type them and read them: "0,1,2,3,4" (--classes, the Training panel's Classes, the
/// few-shot dialog's classes and shots).
namespace LabelList {

/// The numbers joined by commas, in their order: {5, 6, 7} → "5,6,7".
QString format(const QVector<int> &labels);

/// The comma-separated integers of `text`, in order; spaces around them and empty parts are ignored ("" → {}).
/// nullopt when a part is not an integer from `lo` to `hi`.
std::optional<QVector<int>> parse(const QString &text, int lo = std::numeric_limits<int>::min(),
                                  int hi = std::numeric_limits<int>::max());

} // namespace LabelList
