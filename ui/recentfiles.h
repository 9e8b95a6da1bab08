#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

/// The most recently opened datasets and checkpoints, kept in QSettings and shown in a menu.
class RecentFiles final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecentFiles)

public:
    static constexpr int kMaxEntries = 8;

    RecentFiles(QMenu *menu, QObject *parent = nullptr);

    void add(const QString &path);
    QStringList files() const;

Q_SIGNALS:
    void fileChosen(const QString &path);

private:
    void rebuildMenu();

    QMenu *m_menu;
};
