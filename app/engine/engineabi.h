#pragma once

/// The boundary between the launcher (the `latent-explorer` executable: Qt only) and the engine module
/// (`liblatent-explorer-engine.so`: the CLI, the panels, core and LibTorch). The launcher shows its
/// first window before it loads the module, because loading LibTorch and its ~290 libraries takes most
/// of a second. Only these C functions cross the boundary; nothing is ever unloaded.

class QWidget;

namespace EngineAbi {

/// Bumped whenever a signature below changes; the launcher refuses a module of another version.
constexpr int kVersion = 1;

using VersionFn = int (*)();
using CliMainFn = int (*)(int argc, char **argv);
/// A new, not yet shown main window; the caller owns it. Needs a QApplication.
using CreateMainWindowFn = QWidget *(*)();

constexpr char kVersionSymbol[] = "latent_explorer_engine_abi_version";
constexpr char kCliMainSymbol[] = "latent_explorer_engine_cli_main";
constexpr char kCreateMainWindowSymbol[] = "latent_explorer_engine_create_main_window";

} // namespace EngineAbi
