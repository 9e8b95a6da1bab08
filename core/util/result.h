#pragma once

#include <QString>

#include <optional>
#include <utility>

/// A value or a message a person can read: how loaders and savers report at the core's boundary.
template <typename T> class Result
{
public:
    static Result success(T value)
    {
        Result r;
        r.m_value.emplace(std::move(value));
        return r;
    }
    static Result failure(QString message)
    {
        Result r;
        r.m_error = std::move(message);
        return r;
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    const QString &error() const { return m_error; }

private:
    std::optional<T> m_value;
    QString m_error;
};

/// Success or a message, for operations without a value.
class Status
{
public:
    static Status success() { return {}; }
    static Status failure(QString message)
    {
        Status s;
        s.m_error = std::move(message);
        s.m_failed = true;
        return s;
    }
    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const QString &error() const { return m_error; }

private:
    QString m_error;
    bool m_failed = false;
};
