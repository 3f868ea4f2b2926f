#pragma once

#include "core/util/error.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace stampede::storage::sql {

// A small RAII layer over the sqlite3 C API: one connection, prepared statements,
// errors as values carrying the database file.
class Statement;

class Connection
{
public:
    // Opens (creating if needed) the database file; sets the busy timeout.
    static Result<Connection> open(const std::string &path, int busyTimeoutMs = 15000);
    Connection() = default;
    Connection(Connection &&o) noexcept;
    Connection &operator=(Connection &&o) noexcept;
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;
    ~Connection();

    bool isOpen() const { return m_db != nullptr; }
    const std::string &path() const { return m_path; }

    Status exec(std::string_view sql);
    Result<Statement> prepare(std::string_view sql);
    // The first column of the first row as an integer (e.g. PRAGMA user_version).
    Result<int64_t> queryInt(std::string_view sql);
    int64_t lastInsertId() const;
    int changes() const;
    Error error(std::string_view what) const;

private:
    sqlite3 *m_db = nullptr;
    std::string m_path;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back unless commit() succeeds.
class Transaction
{
public:
    explicit Transaction(Connection &db) : m_db(db) {}
    ~Transaction();
    Status begin();
    Status commit();

private:
    Connection &m_db;
    bool m_open = false;
};

class Statement
{
public:
    Statement(Statement &&o) noexcept;
    Statement &operator=(Statement &&o) noexcept;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    ~Statement();

    // Binds by 1-based position.
    Statement &bind(int i, int64_t v);
    Statement &bind(int i, int v) { return bind(i, int64_t(v)); }
    Statement &bind(int i, double v);
    Statement &bind(int i, std::string_view text);
    Statement &bind(int i, const char *text) { return bind(i, std::string_view(text)); }
    Statement &bind(int i, const std::string &text) { return bind(i, std::string_view(text)); }
    Statement &bindBlob(int i, const std::vector<uint8_t> &blob);
    Statement &bindNull(int i);

    // Steps once: true while a row is available, false when done; an error otherwise.
    Result<bool> step();
    // Steps through every row, calling `row` with this statement positioned on it; stops at the
    // first error, the step's or the one `row` returns.
    Status forEachRow(const std::function<Status(const Statement &)> &row);
    // Steps to completion and resets, for statements without results.
    Status run();
    void reset();

    int64_t columnInt(int i) const;
    double columnDouble(int i) const;
    std::string columnText(int i) const;
    std::vector<uint8_t> columnBlob(int i) const;
    bool columnIsNull(int i) const;

private:
    friend class Connection;
    Statement(sqlite3_stmt *stmt, Connection *db) : m_stmt(stmt), m_db(db) {}
    sqlite3_stmt *m_stmt = nullptr;
    Connection *m_db = nullptr;
    bool m_midway = false; // a row was returned since the last reset
};

} // namespace stampede::storage::sql
