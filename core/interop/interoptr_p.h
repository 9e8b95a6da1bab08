#pragma once

#include <QCoreApplication>
#include <QString>

namespace PyTorchInterop {

/// The importer, its archive checks and its pickle scanner translate in one context, "PyTorchInterop", where the
/// .ts files their messages. (lupdate files a call made inside a class under that class: see DEVELOPERS.md.)
inline QString tr(const char *text)
{
    return QCoreApplication::translate("PyTorchInterop", text);
}

} // namespace PyTorchInterop
