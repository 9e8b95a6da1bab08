// The engine module's entry points (see engineabi.h). Everything behind them links LibTorch.
#include "cli/cli.h"
#include "engine/engineabi.h"
#include "mainwindow.h"

#include <type_traits>

extern "C" {

Q_DECL_EXPORT int latent_explorer_engine_abi_version()
{
    return EngineAbi::kVersion;
}

Q_DECL_EXPORT int latent_explorer_engine_cli_main(int argc, char **argv)
{
    return Cli::run(argc, argv);
}

Q_DECL_EXPORT QWidget *latent_explorer_engine_create_main_window()
{
    return new MainWindow;
}

} // extern "C"

// The declarations must match the launcher's function pointer types exactly.
static_assert(std::is_same_v<decltype(&latent_explorer_engine_abi_version), EngineAbi::VersionFn>);
static_assert(std::is_same_v<decltype(&latent_explorer_engine_cli_main), EngineAbi::CliMainFn>);
static_assert(std::is_same_v<decltype(&latent_explorer_engine_create_main_window), EngineAbi::CreateMainWindowFn>);
