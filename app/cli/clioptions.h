#pragma once

#include "model/likelihood.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QString>
#include <QVector>

/// Output helpers shared by the subcommands: people read stderr, programs read stdout.
namespace CliOutput {
void printErr(const QString &text);
void printOut(const QString &text);
/// One compact JSON object per line on stdout.
void printJson(const QJsonObject &object);
} // namespace CliOutput

/// A subcommand's option parser whose failures are usage errors (exit 2) rather than QCommandLineParser's exit(1).
class CliOptions
{
public:
    CliOptions(const QString &command, const QString &description);

    void add(const QString &name, const QString &help, const QString &valueName = {});
    /// Returns -1 to continue, or the exit code (help printed, or a usage error).
    int parse(const QStringList &arguments);
    /// The help text, its usage line naming the subcommand.
    QString helpText() const;
    /// Checks before any work that `path` can be written: creates its folder when the folder's parent exists.
    /// Returns an empty string, or why not.
    static QString checkOutputFile(const QString &path);
    /// Prints a usage error and returns exit code 2.
    int usage(const QString &message);
    /// Prints a failure and returns exit code 1.
    int failure(const QString &message);

    bool isSet(const QString &name) const { return m_parser.isSet(name); }
    QString value(const QString &name) const { return m_parser.value(name); }

    /// Reads an integer option in [lo, hi] into `out` (unchanged when absent); false = usage error printed.
    template <typename T> bool integer(const QString &name, T *out, qint64 lo, qint64 hi)
    {
        qint64 v = 0;
        if (!readInteger(name, &v, lo, hi))
            return false;
        if (isSet(name))
            *out = T(v);
        return true;
    }
    /// Reads a number in [lo, hi] into `out` (unchanged when absent); false = usage error printed.
    bool real(const QString &name, double *out, double lo, double hi);
    /// Adds --likelihood, its names and default from the likelihood table; `what` ends the help text.
    void addLikelihood(const QString &what);
    /// Reads --likelihood into `out` (unchanged when absent); false = usage error printed.
    bool likelihood(Likelihood *out);
    /// A comma-separated list of integers in [lo, hi]; false = usage error printed.
    bool integerList(const QString &name, QVector<int> *out, int lo, int hi);

private:
    bool readInteger(const QString &name, qint64 *out, qint64 lo, qint64 hi);

    QString m_command;
    QCommandLineParser m_parser;
};
