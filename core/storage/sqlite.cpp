#include "core/storage/sqlite.h"

#include <sqlite3.h>

#include <chrono>
#include <thread>

namespace stampede::storage::sql {

Result<Connection> Connection::open(const std::string &path, int busyTimeoutMs)
{
    Connection c;
    c.m_path = path;
    const int rc = sqlite3_open_v2(path.c_str(), &c.m_db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        Error e{std::string("cannot open the database: ") + (c.m_db ? sqlite3_errmsg(c.m_db) : sqlite3_errstr(rc)),
                path};
        return e;
    }
    sqlite3_busy_timeout(c.m_db, busyTimeoutMs);
    sqlite3_extended_result_codes(c.m_db, 1);
    return c;
}

Connection::Connection(Connection &&o) noexcept : m_db(o.m_db), m_path(std::move(o.m_path))
{
    o.m_db = nullptr;
}

Connection &Connection::operator=(Connection &&o) noexcept
{
    if (this != &o) {
        if (m_db)
            sqlite3_close_v2(m_db);
        m_db = o.m_db;
        m_path = std::move(o.m_path);
        o.m_db = nullptr;
    }
    return *this;
}

Connection::~Connection()
{
    if (m_db)
        sqlite3_close_v2(m_db);
}

Error Connection::error(std::string_view what) const
{
    return Error{std::string(what) + ": " + (m_db ? sqlite3_errmsg(m_db) : "database not open"), m_path};
}

Status Connection::exec(std::string_view sql)
{
    const std::string s(sql);
    char *msg = nullptr;
    // A busy handler does not cover every lock upgrade (e.g. switching to WAL): retry briefly.
    for (int attempt = 0;; ++attempt) {
        const int rc = sqlite3_exec(m_db, s.c_str(), nullptr, nullptr, &msg);
        if (rc == SQLITE_OK)
            return {};
        std::string text = msg ? msg : sqlite3_errstr(rc);
        sqlite3_free(msg);
        msg = nullptr;
        if ((rc & 0xff) == SQLITE_BUSY && attempt < 50) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            continue;
        }
        return Error{"SQL failed (" + s.substr(0, 60) + "): " + text, m_path};
    }
}

Result<Statement> Connection::prepare(std::string_view sql)
{
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(m_db, sql.data(), int(sql.size()), &stmt, nullptr) != SQLITE_OK)
        return error("cannot prepare \"" + std::string(sql.substr(0, 60)) + "\"");
    return Statement(stmt, this);
}

Result<int64_t> Connection::queryInt(std::string_view sql)
{
    auto st = prepare(sql);
    if (!st)
        return st.error();
    auto row = st->step();
    if (!row)
        return row.error();
    return *row ? st->columnInt(0) : int64_t(0);
}

int64_t Connection::lastInsertId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Connection::changes() const
{
    return sqlite3_changes(m_db);
}

Transaction::~Transaction()
{
    if (m_open)
        (void)m_db.exec("ROLLBACK");
}

Status Transaction::begin()
{
    if (Status s = m_db.exec("BEGIN IMMEDIATE"); !s)
        return s;
    m_open = true;
    return {};
}

Status Transaction::commit()
{
    if (Status s = m_db.exec("COMMIT"); !s)
        return s;
    m_open = false;
    return {};
}

Statement::Statement(Statement &&o) noexcept : m_stmt(o.m_stmt), m_db(o.m_db), m_midway(o.m_midway)
{
    o.m_stmt = nullptr;
}

Statement &Statement::operator=(Statement &&o) noexcept
{
    if (this != &o) {
        if (m_stmt)
            sqlite3_finalize(m_stmt);
        m_stmt = o.m_stmt;
        m_db = o.m_db;
        m_midway = o.m_midway;
        o.m_stmt = nullptr;
    }
    return *this;
}

Statement::~Statement()
{
    if (m_stmt)
        sqlite3_finalize(m_stmt);
}

Statement &Statement::bind(int i, int64_t v)
{
    sqlite3_bind_int64(m_stmt, i, v);
    return *this;
}

Statement &Statement::bind(int i, double v)
{
    sqlite3_bind_double(m_stmt, i, v);
    return *this;
}

Statement &Statement::bind(int i, std::string_view text)
{
    sqlite3_bind_text(m_stmt, i, text.data(), int(text.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement &Statement::bindBlob(int i, const std::vector<uint8_t> &blob)
{
    sqlite3_bind_blob(m_stmt, i, blob.data(), int(blob.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement &Statement::bindNull(int i)
{
    sqlite3_bind_null(m_stmt, i);
    return *this;
}

Result<bool> Statement::step()
{
    for (int attempt = 0;; ++attempt) {
        const int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW) {
            m_midway = true;
            return true;
        }
        if (rc == SQLITE_DONE)
            return false;
        if ((rc & 0xff) == SQLITE_BUSY && !m_midway && attempt < 50) {
            sqlite3_reset(m_stmt);
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            continue;
        }
        Error e = m_db->error("SQL step failed");
        sqlite3_reset(m_stmt);
        return e;
    }
}

Status Statement::forEachRow(const std::function<Status(const Statement &)> &row)
{
    for (;;) {
        auto more = step();
        if (!more)
            return more.error();
        if (!*more)
            return {};
        if (Status s = row(*this); !s)
            return s;
    }
}

Status Statement::run()
{
    auto r = step();
    sqlite3_reset(m_stmt);
    m_midway = false;
    if (!r)
        return r.error();
    return {};
}

void Statement::reset()
{
    m_midway = false;
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

int64_t Statement::columnInt(int i) const
{
    return sqlite3_column_int64(m_stmt, i);
}

double Statement::columnDouble(int i) const
{
    return sqlite3_column_double(m_stmt, i);
}

std::string Statement::columnText(int i) const
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, i));
    return p ? std::string(p, size_t(sqlite3_column_bytes(m_stmt, i))) : std::string();
}

std::vector<uint8_t> Statement::columnBlob(int i) const
{
    const auto *p = static_cast<const uint8_t *>(sqlite3_column_blob(m_stmt, i));
    const int n = sqlite3_column_bytes(m_stmt, i);
    return p ? std::vector<uint8_t>(p, p + n) : std::vector<uint8_t>();
}

bool Statement::columnIsNull(int i) const
{
    return sqlite3_column_type(m_stmt, i) == SQLITE_NULL;
}

} // namespace stampede::storage::sql
