#include "apptranslation.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace AppTranslation {

QString qtTranslationsPath()
{
    return QLibraryInfo::path(QLibraryInfo::TranslationsPath);
}

Installed install(QCoreApplication &app, const QLocale &locale)
{
    Installed installed;
    // Qt's first, then ours: a translator installed later is asked first, so our own wording wins.
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), qtTranslationsPath()))
        installed.qt = QCoreApplication::installTranslator(qt);
    else
        delete qt;
    auto *ours = new QTranslator(&app);
    if (ours->load(locale, QStringLiteral("latent-explorer"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        installed.ours = QCoreApplication::installTranslator(ours);
    else
        delete ours;
    // Dates and numbers in the language of the words: LANGUAGE=zh_CN (or View ▸ Language) on an English system
    // otherwise read "6 Dec 2026" in a Chinese sentence.
    if (installed.ours)
        QLocale::setDefault(QLocale(ours->language()));
    return installed;
}

} // namespace AppTranslation
