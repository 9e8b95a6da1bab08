#include "cli/clidata.h"

#include "cli/clioptions.h"
#include "data/datasetloader.h"

namespace CliData {

Result<DataSplit> load(const QString &nameOrPath)
{
    QStringList skipped;
    Result<DataSplit> data = DatasetLoader::load(nameOrPath, &skipped);
    if (data && !skipped.isEmpty())
        CliOutput::printErr(QStringLiteral("warning: %1 image file(s) skipped: %2%3")
                                .arg(skipped.size())
                                .arg(skipped.mid(0, 5).join(QStringLiteral(", ")))
                                .arg(skipped.size() > 5 ? QStringLiteral(", ...") : QString()));
    return data;
}

} // namespace CliData
