#include "data/labellist.h"

#include <QStringList>

namespace LabelList {

QString format(const QVector<int> &labels)
{
    QStringList parts;
    for (int k : labels)
        parts << QString::number(k);
    return parts.join(QLatin1Char(','));
}

std::optional<QVector<int>> parse(const QString &text, int lo, int hi)
{
    QVector<int> labels;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int k = part.trimmed().toInt(&ok);
        if (!ok || k < lo || k > hi)
            return std::nullopt;
        labels.append(k);
    }
    return labels;
}

} // namespace LabelList
