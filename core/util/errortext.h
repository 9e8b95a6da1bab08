#pragma once

#include <QString>

#include <exception>

/// The first line of an exception's message, decoded from the locale: LibTorch's messages carry a C++ backtrace
/// after the first line, which a person does not need to read.
inline QString errorText(const std::exception &e)
{
    return QString::fromLocal8Bit(e.what()).section(QLatin1Char('\n'), 0, 0);
}
