#pragma once

#include "engine/engineabi.h"

#include <QString>

/// The engine module's entry points once it is loaded.
struct EngineModule
{
    EngineAbi::CliMainFn cliMain = nullptr;
    EngineAbi::CreateMainWindowFn createMainWindow = nullptr;
};

/// Loads the engine module: `$LATENT_EXPLORER_ENGINE` if set, else next to the executable (build tree),
/// else in the installed library folder. Works before any Q*Application exists. On failure returns
/// false and a message naming the file and the loader's reason.
bool loadEngine(EngineModule *engine, QString *error);
