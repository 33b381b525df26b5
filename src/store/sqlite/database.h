// A thin RAII layer over the SQLite C API: connections, cached prepared
// statements, and a pool that gives each thread a connection of its own.
#pragma once

#include <sqlite3.h>

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace dateline::sqlite {

// An unexpected SQLite failure (I/O error, corruption, misuse).
class SqliteError : public std::runtime_error {
  public:
    SqliteError(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
    int code() const { return code_; }

  private:
    int code_;
};

class Statement {
  public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Binding, 1-based like SQLite.
    void bind(int index, int64_t value);
    void bind(int index, int value) { bind(index, static_cast<int64_t>(value)); }
    void bind(int index, double value);
    void bind(int index, std::string_view value);
    void bind(int index, const std::string& value) { bind(index, std::string_view(value)); }
    void bind(int index, const char* value) { bind(index, std::string_view(value)); }
    void bind(int index, std::nullopt_t);
    template <class T>
    void bind(int index, const std::optional<T>& value) {
        if (value)
            bind(index, *value);
        else
            bind(index, std::nullopt);
    }
    template <class... Args>
    Statement& bind_all(const Args&... args) {
        int index = 1;
        (bind(index++, args), ...);
        return *this;
    }

    // Steps once: true when a row is ready, false when done. Throws on error,
    // except constraint violations, which are reported by step_constraint().
    bool step();
    // Runs to completion; returns false on a constraint violation.
    bool execute_checked();
    enum class Outcome { done, unique_violation, foreign_key_violation, other_violation };
    // Runs to completion and says which kind of constraint, if any, failed.
    Outcome execute_outcome();
    void execute() {
        while (step()) {
        }
    }
    void reset();

    int64_t int64(int column) const { return sqlite3_column_int64(stmt_, column); }
    int integer(int column) const { return sqlite3_column_int(stmt_, column); }
    double real(int column) const { return sqlite3_column_double(stmt_, column); }
    bool is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
    std::string text(int column) const;
    std::optional<int64_t> optional_int64(int column) const {
        if (is_null(column)) return std::nullopt;
        return int64(column);
    }

  private:
    sqlite3_stmt* stmt_ = nullptr;
    sqlite3* db_;
};

// Each connection's page cache, in KiB.
inline constexpr int kConnectionCacheKiB = 16000;

class Database {
  public:
    explicit Database(const std::filesystem::path& path);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void exec(std::string_view sql);
    // A statement kept prepared for this connection's lifetime. The caller
    // resets it through a Query (below).
    Statement& cached(std::string_view sql);
    int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
    int changes() const { return sqlite3_changes(db_); }
    sqlite3* handle() { return db_; }
    // This connection's page cache; kConnectionCacheKiB but for a long job.
    void set_cache_kib(int kib) { exec("PRAGMA cache_size=-" + std::to_string(kib)); }

  private:
    sqlite3* db_ = nullptr;
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, std::unique_ptr<Statement>, Hash, std::equal_to<>> statements_;
};

// A cached statement, reset and unbound when the Query goes out of scope.
class Query {
  public:
    Query(Database& db, std::string_view sql) : stmt_(db.cached(sql)) {}
    ~Query() { stmt_.reset(); }
    Statement* operator->() { return &stmt_; }
    Statement& operator*() { return stmt_; }

  private:
    Statement& stmt_;
};

class ConnectionPool;

// Exclusive use of one connection until destroyed. Inside a transaction on
// this thread, every lease hands out the transaction's connection.
class Lease {
  public:
    explicit Lease(ConnectionPool& pool);
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Database& db() { return *db_; }
    Database* operator->() { return db_; }

  private:
    ConnectionPool& pool_;
    Database* db_;
    bool owned_;  // false when borrowed from the thread's open transaction
};

class ConnectionPool {
  public:
    ConnectionPool(std::filesystem::path path, int size);
    const std::filesystem::path& path() const { return path_; }

    // For a bulk load by a process that has the database file to itself:
    // every connection but one is closed, and the one left locks the file
    // and writes through a rollback journal, which writes a new page once
    // where the write-ahead log writes it twice (log, then file). False,
    // with nothing changed, when another process has the file open. Not
    // with a lease or transaction open on this thread: it waits for every
    // connection to come back.
    bool begin_sole_writing();
    // Back to the write-ahead log, shared locks and every connection.
    void end_sole_writing();

  private:
    friend class Lease;
    friend class ReadScope;
    friend class TransactionScope;
    Database* acquire();
    void release(Database* db);
    void open_missing();  // up to size_ connections; with mutex_ held or before use

    std::filesystem::path path_;
    size_t size_;
    std::vector<std::unique_ptr<Database>> all_;
    std::vector<Database*> idle_;
    std::mutex mutex_;
    std::condition_variable available_;
};

// Binds a read transaction to this thread until destroyed: every lease on
// the thread reads the same snapshot. Inside another transaction it does
// nothing; a write transaction inside it is a bug (it throws).
class ReadScope {
  public:
    explicit ReadScope(ConnectionPool& pool);
    ~ReadScope();
    ReadScope(const ReadScope&) = delete;
    ReadScope& operator=(const ReadScope&) = delete;

  private:
    ConnectionPool& pool_;
    Database* db_ = nullptr;
};

// Binds a write transaction to this thread until destroyed; rolls back
// unless commit() was called.
class TransactionScope {
  public:
    explicit TransactionScope(ConnectionPool& pool);
    ~TransactionScope();
    void commit();
    bool nested() const { return nested_; }

  private:
    ConnectionPool& pool_;
    Database* db_ = nullptr;
    bool nested_ = false;
    bool done_ = false;
};

}  // namespace dateline::sqlite
