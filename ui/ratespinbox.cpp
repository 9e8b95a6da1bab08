#include "ratespinbox.h"

#include <QLocale>
#include <QRegularExpression>

RateSpinBox::RateSpinBox(QWidget *parent)
    : QDoubleSpinBox(parent)
{
    setDecimals(12); // the value as typed: QDoubleSpinBox rounds to its decimals
    setToolTip(tr("Type it as 0.001 or 1e-3"));
}

std::optional<double> RateSpinBox::parse(const QString &text) const
{
    const QString trimmed = text.trimmed();
    bool ok = false;
    double value = locale().toDouble(trimmed, &ok);
    if (!ok)
        value = QLocale::c().toDouble(trimmed, &ok);
    return ok ? std::optional<double>(value) : std::nullopt;
}

QValidator::State RateSpinBox::validate(QString &text, int &) const
{
    if (const auto value = parse(text))
        return *value >= minimum() && *value <= maximum() ? QValidator::Acceptable : QValidator::Intermediate;
    // On the way to a number: "", "0.", "1e", "1e-".
    static const QRegularExpression partial(QStringLiteral(R"(^\s*\d*[.,]?\d*([eE][-+]?\d*)?\s*$)"));
    return partial.match(text).hasMatch() ? QValidator::Intermediate : QValidator::Invalid;
}

double RateSpinBox::valueFromText(const QString &text) const
{
    return parse(text).value_or(value());
}

QString RateSpinBox::textFromValue(double value) const
{
    return locale().toString(value, 'g', 6);
}
