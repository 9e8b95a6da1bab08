#include "cli/progressprinter.h"

#include "cli/clioptions.h"
#include "util/clocktext.h"

#include <cmath>
#include <cstdio>
#include <unistd.h>
#include <utility>

QString formatFigure(double v, int decimals)
{
    return std::isfinite(v) ? QString::number(v, 'f', decimals) : QStringLiteral("-");
}

QString formatPercent(double v)
{
    return std::isfinite(v) ? QString::number(100.0 * v, 'f', 1) + QLatin1Char('%') : QStringLiteral("-");
}

ProgressPrinter::ProgressPrinter(int totalEpochs, QString evaluation)
    : m_evaluation(std::move(evaluation))
    , m_totalEpochs(totalEpochs)
    , m_terminal(isatty(fileno(stderr)) != 0)
{ }

void ProgressPrinter::write(const QString &text)
{
    std::fputs(text.toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
}

void ProgressPrinter::batch(const BatchStats &b)
{
    if (m_firstEpoch < 0)
        m_firstEpoch = b.epoch;
    if (!m_terminal)
        return;
    constexpr int kWidth = 28;
    const double fraction = b.stepsPerEpoch ? double(b.step) / b.stepsPerEpoch : 0.0;
    const int filled = int(fraction * kWidth);
    const QString bar = QString(filled, QLatin1Char('#')) + QString(kWidth - filled, QLatin1Char('.'));
    write(QStringLiteral("\r\033[Kepoch %1/%2 [%3] %4%  -ELBO %5  %6 img/s  ETA %7")
              .arg(b.epoch + 1) // 0-based in the stats, 1-based in the JSON lines
              .arg(m_firstEpoch + m_totalEpochs)
              .arg(bar)
              .arg(int(fraction * 100), 3)
              .arg(b.negElbo, 0, 'f', 2)
              .arg(b.samplesPerSecond, 0, 'f', 0)
              .arg(clockText(b.etaSeconds)));
    m_lineOpen = true;
}

void ProgressPrinter::epoch(const EpochStats &e)
{
    if (m_firstEpoch < 0)
        m_firstEpoch = e.epoch;
    QString line =
        QStringLiteral("epoch %1/%2  train -ELBO %3  %10 -ELBO %4 (recon %5 + KL %6)  active %7  %8 s  %9 img/s\n")
            .arg(e.epoch + 1)
            .arg(m_firstEpoch + m_totalEpochs)
            .arg(e.trainNegElbo, 0, 'f', 2)
            .arg(e.test.negElbo, 0, 'f', 2)
            .arg(e.test.recon, 0, 'f', 2)
            .arg(e.test.kl, 0, 'f', 2)
            .arg(e.test.activeUnits)
            .arg(e.trainSeconds, 0, 'f', 2)
            .arg(e.samplesPerSecond, 0, 'f', 0)
            .arg(m_evaluation);
    if (!std::isnan(e.test.accuracy)) // the semi-supervised model's prediction
        line.insert(line.size() - 1,
                    QStringLiteral("  %1 accuracy %2 %").arg(m_evaluation).arg(100.0 * e.test.accuracy, 0, 'f', 2));
    if (!std::isnan(e.test.graphAccuracy)) // with the label graph: its two parts alone
        line.insert(line.size() - 1,
                    QStringLiteral(" (q(y|x) %1 %, graph %2 %)")
                        .arg(100.0 * e.test.classifierAccuracy, 0, 'f', 2)
                        .arg(100.0 * e.test.graphAccuracy, 0, 'f', 2));
    write((m_lineOpen ? QStringLiteral("\r\033[K") : QString()) + line);
    m_lineOpen = false;
}

void ProgressPrinter::note(const QString &text)
{
    write((m_lineOpen ? QStringLiteral("\r\033[K") : QString()) + text + QLatin1Char('\n'));
    m_lineOpen = false;
}

void ProgressPrinter::preparing(const RunProgress &progress)
{
    if (progress.phase != m_preparing) {
        m_preparing = progress.phase;
        note(progress.phase);
    }
    if (!m_terminal || progress.fraction <= 0 || progress.fraction >= 1)
        return;
    write(QStringLiteral("\r\033[K") + preparingLine(progress));
    m_lineOpen = true;
}

QString preparingLine(const RunProgress &progress)
{
    QString line =
        QStringLiteral("  %1%  ETA %2").arg(int(progress.fraction * 100), 3).arg(clockText(progress.etaSeconds));
    if (progress.share > 0 && progress.share < 1) // a label graph before the epochs: the whole run beside it
        line += QStringLiteral("  (whole run %1%  ETA %2)")
                    .arg(int(progress.fraction * progress.share * 100))
                    .arg(clockText(progress.etaSeconds < 0 ? -1 : progress.etaSeconds + progress.secondsAfter));
    return line;
}

void ProgressPrinter::finish()
{
    if (m_lineOpen)
        write(QStringLiteral("\n"));
    m_lineOpen = false;
}

void PhasePrinter::show(const QString &phase, double fraction, double eta)
{
    if (phase == m_lastPhase)
        return;
    m_lastPhase = phase;
    CliOutput::printErr(QStringLiteral("[%1%] %2%3")
                            .arg(int(100 * fraction), 3)
                            .arg(phase)
                            .arg(eta >= 0 ? QStringLiteral(" (ETA %1)").arg(clockText(eta)) : QString()));
}
