#pragma once

/// Creates the application, installs the translation for the chosen or system language, shows the
/// startup window, loads the engine module, then shows the main window (holding `checkpoint` when given)
/// and runs the event loop.
int runGui(int &argc, char **argv, const char *checkpoint = nullptr);
