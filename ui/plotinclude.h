#pragma once

// qcustomplot.h is written with Qt's lowercase keywords (`signals:`, `foreach`), which le_policy turns off
// with QT_NO_KEYWORDS. Spell them for this one header only, then take them away again.
#ifndef signals
#define signals Q_SIGNALS
#define LE_DEFINED_SIGNALS
#endif
#ifndef foreach
#define foreach Q_FOREACH
#define LE_DEFINED_FOREACH
#endif

#include <qcustomplot.h>

#ifdef LE_DEFINED_SIGNALS
#undef signals
#undef LE_DEFINED_SIGNALS
#endif
#ifdef LE_DEFINED_FOREACH
#undef foreach
#undef LE_DEFINED_FOREACH
#endif
