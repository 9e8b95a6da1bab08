#include "cli/clioptions.h"

#include "cli/cli.h"
#include "data/labellist.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>

#include <cstdio>

namespace CliOutput {

void printErr(const QString &text)
{
    std::fputs((text + QLatin1Char('\n')).toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
}

void printOut(const QString &text)
{
    std::fputs((text + QLatin1Char('\n')).toLocal8Bit().constData(), stdout);
    std::fflush(stdout);
}

void printJson(const QJsonObject &object)
{
    std::fputs(QJsonDocument(object).toJson(QJsonDocument::Compact).constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

} // namespace CliOutput

CliOptions::CliOptions(const QString &command, const QString &description)
    : m_command(command)
{
    m_parser.setApplicationDescription(description);
    m_parser.addHelpOption();
}

void CliOptions::add(const QString &name, const QString &help, const QString &valueName)
{
    m_parser.addOption(QCommandLineOption(name, help, valueName));
}

int CliOptions::parse(const QStringList &arguments)
{
    if (!m_parser.parse(arguments))
        return usage(m_parser.errorText());
    // addHelpOption() also defines --help-all; both print the command's help and do nothing else.
    if (m_parser.isSet(QStringLiteral("help")) || m_parser.isSet(QStringLiteral("help-all"))) {
        std::fputs(helpText().toLocal8Bit().constData(), stdout);
        return Cli::Success;
    }
    if (!m_parser.positionalArguments().isEmpty())
        return usage(QStringLiteral("unexpected argument '%1'").arg(m_parser.positionalArguments().first()));
    return -1;
}

QString CliOptions::helpText() const
{
    // Qt's first line names argv[0], a path that may itself contain "latent-explorer": rebuild that line only.
    QString text = m_parser.helpText();
    const int end = text.indexOf(QLatin1Char('\n'));
    const QString first = end < 0 ? text : text.left(end);
    const int options = first.indexOf(QLatin1String(" [options]"));
    const QString rest = options < 0 ? QString() : first.mid(options);
    text.replace(0, first.size(), QStringLiteral("Usage: latent-explorer %1%2").arg(m_command, rest));
    return text;
}

QString CliOptions::checkOutputFile(const QString &path)
{
    const QFileInfo info(path);
    if (info.isDir())
        return QStringLiteral("cannot write %1: it is a folder; give a file name inside it").arg(path);
    if (info.exists() && !info.isFile()) // a device such as /dev/null: saving would replace it with a regular file
        return QStringLiteral("cannot write %1: it exists and is not a regular file").arg(path);
    const QFileInfo folder(info.absolutePath());
    if (!folder.exists()) {
        // One missing level is created, as `mkdir` would; a deeper miss is more likely a typo.
        if (!QFileInfo(folder.absolutePath()).isDir() || !QDir().mkdir(folder.absoluteFilePath()))
            return QStringLiteral("cannot write %1: the folder %2 does not exist").arg(path, folder.filePath());
        return {};
    }
    if (!folder.isDir())
        return QStringLiteral("cannot write %1: %2 is not a folder").arg(path, folder.filePath());
    if (!folder.isWritable() || (info.exists() && !info.isWritable()))
        return QStringLiteral("cannot write %1: permission denied").arg(path);
    return {};
}

int CliOptions::usage(const QString &message)
{
    CliOutput::printErr(QStringLiteral("latent-explorer %1: %2\nRun 'latent-explorer %1 --help' for the options.")
                            .arg(m_command, message));
    return Cli::UsageError;
}

int CliOptions::failure(const QString &message)
{
    CliOutput::printErr(QStringLiteral("latent-explorer %1: %2").arg(m_command, message));
    return Cli::Failure;
}

bool CliOptions::readInteger(const QString &name, qint64 *out, qint64 lo, qint64 hi)
{
    if (!isSet(name))
        return true;
    bool ok = false;
    const qint64 v = value(name).toLongLong(&ok);
    if (!ok || v < lo || v > hi) {
        usage(QStringLiteral("--%1 must be an integer from %2 to %3, not '%4'")
                  .arg(name)
                  .arg(lo)
                  .arg(hi)
                  .arg(value(name)));
        return false;
    }
    *out = v;
    return true;
}

bool CliOptions::real(const QString &name, double *out, double lo, double hi)
{
    if (!isSet(name))
        return true;
    bool ok = false;
    const double v = value(name).toDouble(&ok);
    if (!ok || !(v >= lo && v <= hi)) {
        usage(
            QStringLiteral("--%1 must be a number from %2 to %3, not '%4'").arg(name).arg(lo).arg(hi).arg(value(name)));
        return false;
    }
    *out = v;
    return true;
}

void CliOptions::addLikelihood(const QString &what)
{
    add(QStringLiteral("likelihood"),
        QStringLiteral("%1: %2 (default %3; gaussian's σ is %4).")
            .arg(what, QString(likelihoodNames()).replace(QLatin1Char('|'), QLatin1String(", ")),
                 toString(allLikelihoods().first()))
            .arg(kGaussianSigma),
        likelihoodNames());
}

bool CliOptions::likelihood(Likelihood *out)
{
    if (!isSet(QStringLiteral("likelihood")) || parseLikelihood(value(QStringLiteral("likelihood")), out))
        return true;
    usage(QStringLiteral("--likelihood must be one of %1, not '%2'")
              .arg(QString(likelihoodNames()).replace(QLatin1Char('|'), QLatin1String(", ")),
                   value(QStringLiteral("likelihood"))));
    return false;
}

bool CliOptions::integerList(const QString &name, QVector<int> *out, int lo, int hi)
{
    if (!isSet(name))
        return true;
    const std::optional<QVector<int>> list = LabelList::parse(value(name), lo, hi);
    if (!list) {
        usage(QStringLiteral("--%1 must be a comma-separated list of integers from %2 to %3, not '%4'")
                  .arg(name)
                  .arg(lo)
                  .arg(hi)
                  .arg(value(name)));
        return false;
    }
    if (list->isEmpty()) {
        usage(QStringLiteral("--%1 needs at least one value").arg(name));
        return false;
    }
    *out = *list;
    return true;
}
