#pragma once

#include <QSplashScreen>

/// The first window: the icon, the name and "Loading the training engine…", shown while the launcher
/// loads the engine module (LibTorch takes most of a second to load). Closed once the main window shows.
class StartupWindow : public QSplashScreen
{
    Q_OBJECT

public:
    StartupWindow();

    /// Shows the window and returns once it has been painted (or after half a second without a
    /// display answering), so that it is on screen while the caller blocks in dlopen().
    void showAndWaitUntilPainted();

protected:
    void paintEvent(QPaintEvent *event) override;

Q_SIGNALS:
    void painted();

private:
    bool m_painted = false;
};
