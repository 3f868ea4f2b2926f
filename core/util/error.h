#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace stampede {

// A user-facing error: what went wrong and, where known, where (file:line:column).
struct Error
{
    std::string message;
    std::string file;
    int line = 0;   // 1-based, 0 = unknown
    int column = 0; // 1-based, 0 = unknown
    std::string sourceLine; // the offending line of source, when known
    std::string stack;      // a script stack trace ("    at fn (file:line:col)" lines), when known
    int exitCode = 0;       // the process exit code this error calls for, when it calls for a specific one

    // "file:line:column: message" with the parts that are known.
    std::string toString() const;
    // toString() plus the source line with a caret under the column, and the stack.
    std::string toDetailedString() const;
};

// Expected-style result: a value or an Error. (std::expected is C++23.)
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_data(std::move(value)) {}
    Result(Error error) : m_data(std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_data); }
    const T &value() const & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    const Error &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

// Result for operations that produce no value.
class [[nodiscard]] Status
{
public:
    Status() = default;
    Status(Error error) : m_error(std::move(error)) {}
    static Status success() { return {}; }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

} // namespace stampede
