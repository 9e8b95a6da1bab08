#pragma once

#include <QDoubleSpinBox>

#include <optional>

/// A learning rate's box: it takes what people type for one, "1e-3" as well as "0.001". A QDoubleSpinBox stops at
/// the "e", so "1e-3" became 1.0 and the run failed on NaN in its eleventh epoch.
class RateSpinBox final : public QDoubleSpinBox
{
    Q_OBJECT

public:
    explicit RateSpinBox(QWidget *parent = nullptr);

    QValidator::State validate(QString &text, int &pos) const override;
    double valueFromText(const QString &text) const override;
    QString textFromValue(double value) const override;

private:
    /// `text` as a number in this locale's notation or C's (nullopt if it is none).
    std::optional<double> parse(const QString &text) const;
};
