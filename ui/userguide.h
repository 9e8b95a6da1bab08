#pragma once

#include <QDialog>

/// Help ▸ User Guide: the panels, the three journeys, the shortcuts and where files are kept (docs/guide.md
/// holds the same text for the web).
class UserGuide final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UserGuide)

public:
    explicit UserGuide(QWidget *parent = nullptr);

    /// The guide as HTML, with this machine's settings file and autosave folder.
    static QString html();
};
