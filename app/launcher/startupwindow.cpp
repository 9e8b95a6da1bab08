#include "launcher/startupwindow.h"

#include <QApplication>
#include <QEventLoop>
#include <QGuiApplication>
#include <QIcon>
#include <QPainter>
#include <QPalette>
#include <QScreen>
#include <QTimer>

namespace {

QPixmap startupPixmap()
{
    const QSize size(440, 180);
    const qreal dpr = QGuiApplication::primaryScreen() ? QGuiApplication::primaryScreen()->devicePixelRatio() : 1.0;
    QPixmap pixmap(size * dpr);
    pixmap.setDevicePixelRatio(dpr);
    const QPalette palette = QApplication::palette();
    pixmap.fill(palette.color(QPalette::Window));

    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(palette.color(QPalette::Mid));
    p.drawRect(QRectF(0.5, 0.5, size.width() - 1, size.height() - 1));
    const QRect iconRect(28, 42, 96, 96);
    QApplication::windowIcon().paint(&p, iconRect);

    QFont title = QApplication::font();
    title.setPointSizeF(title.pointSizeF() * 1.8);
    title.setBold(true);
    p.setFont(title);
    p.setPen(palette.color(QPalette::WindowText));
    const QRect text(iconRect.right() + 24, 52, size.width() - iconRect.right() - 40, 40);
    p.drawText(text, Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("Latent Explorer"));
    p.setFont(QApplication::font());
    p.setPen(palette.color(QPalette::PlaceholderText));
    p.drawText(text.translated(0, 44), Qt::AlignLeft | Qt::AlignVCenter,
               StartupWindow::tr("Loading the training engine…"));
    return pixmap;
}

} // namespace

StartupWindow::StartupWindow()
    : QSplashScreen(startupPixmap())
{
    setWindowTitle(QStringLiteral("Latent Explorer"));
}

void StartupWindow::showAndWaitUntilPainted()
{
    show();
    if (m_painted)
        return;
    QEventLoop loop;
    connect(this, &StartupWindow::painted, &loop, &QEventLoop::quit, Qt::QueuedConnection);
    QTimer::singleShot(500, &loop, &QEventLoop::quit);
    loop.exec();
    // Hand the finished frame to the display before the caller blocks.
    QCoreApplication::processEvents();
}

void StartupWindow::paintEvent(QPaintEvent *event)
{
    QSplashScreen::paintEvent(event);
    if (!m_painted) {
        m_painted = true;
        Q_EMIT painted();
    }
}
