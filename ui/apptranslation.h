#pragma once

#include <QLocale>

class QCoreApplication;

/// The translators of one language: Qt's own strings (dialog buttons, the wizard's Back/Next, the file
/// dialog) and ours. QtCore only, so the launcher compiles it too and installs them before its first window.
namespace AppTranslation {

struct Installed
{
    bool qt = false;   ///< qtbase_<locale>.qm from Qt's translations folder was found and installed
    bool ours = false; ///< latent-explorer_<locale>.qm from the resources under :/i18n
};

/// Installs both translators for `locale` as children of `app`; a missing file just means English there. With our
/// translation installed, its language also becomes QLocale's default (dates, numbers).
Installed install(QCoreApplication &app, const QLocale &locale);

/// Where Qt keeps its own .qm files (Debian: the qt6-translations-l10n package).
QString qtTranslationsPath();

} // namespace AppTranslation
