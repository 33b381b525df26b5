#include "store/sqlite/database.h"

#include "store/sqlite/search_rank.h"

namespace dateline::sqlite {

namespace {
[[noreturn]] void fail(sqlite3* db, int code, std::string_view context) {
    std::string message(context);
    message += ": ";
    message += db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    throw SqliteError(code, message);
}

// The transaction open on this thread, if any, and the pool it belongs to.
thread_local ConnectionPool* tl_tx_pool = nullptr;
thread_local Database* tl_tx_db = nullptr;
thread_local bool tl_read_only = false;

// How long a statement waits for another connection's lock before failing.
constexpr int kBusyTimeoutMs = 5000;
}  // namespace

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
    int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
    if (rc != SQLITE_OK) fail(db, rc, "prepare " + std::string(sql.substr(0, 80)));
}

Statement::~Statement() {
    sqlite3_finalize(stmt_);
}

void Statement::bind(int index, int64_t value) {
    sqlite3_bind_int64(stmt_, index, value);
}
void Statement::bind(int index, double value) {
    sqlite3_bind_double(stmt_, index, value);
}
void Statement::bind(int index, std::string_view value) {
    sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
}
void Statement::bind(int index, std::nullopt_t) {
    sqlite3_bind_null(stmt_, index);
}

bool Statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(db_, rc, "step");
}

bool Statement::execute_checked() {
    while (true) {
        int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) continue;
        if (rc == SQLITE_DONE) return true;
        if ((rc & 0xff) == SQLITE_CONSTRAINT) return false;
        fail(db_, rc, "step");
    }
}

Statement::Outcome Statement::execute_outcome() {
    while (true) {
        int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) continue;
        if (rc == SQLITE_DONE) return Outcome::done;
        if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
            return Outcome::unique_violation;
        if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) return Outcome::foreign_key_violation;
        if ((rc & 0xff) == SQLITE_CONSTRAINT) return Outcome::other_violation;
        fail(db_, rc, "step");
    }
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

std::string Statement::text(int column) const {
    const unsigned char* p = sqlite3_column_text(stmt_, column);
    if (!p) return {};
    return std::string(reinterpret_cast<const char*>(p),
                       static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

Database::Database(const std::filesystem::path& path) {
    int rc =
        sqlite3_open_v2(path.c_str(), &db_,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = "cannot open database " + path.string() + ": " +
                              (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
        sqlite3_close(db_);
        db_ = nullptr;
        throw SqliteError(rc, message);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    try {
        // Durability first: an acknowledged write survives a crash or power loss.
        exec("PRAGMA journal_mode=WAL");
        exec("PRAGMA synchronous=FULL");
        exec("PRAGMA foreign_keys=ON");
        exec("PRAGMA temp_store=MEMORY");
        set_cache_kib(kConnectionCacheKiB);
        register_search_rank(db_);
    } catch (...) {
        // The destructor does not run for a constructor that throws.
        sqlite3_close(db_);
        db_ = nullptr;
        throw;
    }
}

Database::~Database() {
    statements_.clear();
    sqlite3_close(db_);
}

void Database::exec(std::string_view sql) {
    std::string copy(sql);
    char* error = nullptr;
    int rc = sqlite3_exec(db_, copy.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
        std::string message = error ? error : sqlite3_errstr(rc);
        sqlite3_free(error);
        throw SqliteError(rc, "exec " + copy.substr(0, 60) + ": " + message);
    }
}

Statement& Database::cached(std::string_view sql) {
    auto it = statements_.find(sql);
    if (it == statements_.end())
        it = statements_.emplace(std::string(sql), std::make_unique<Statement>(db_, sql)).first;
    return *it->second;
}

ConnectionPool::ConnectionPool(std::filesystem::path path, int size)
    : path_(std::move(path)), size_(static_cast<size_t>(std::max(1, size))) {
    open_missing();
}

bool ConnectionPool::begin_sole_writing() {
    if (tl_tx_pool == this)
        throw std::logic_error("sole writing begun inside a transaction on the same pool");
    std::unique_lock lock(mutex_);
    available_.wait(lock, [&] { return idle_.size() == all_.size(); });
    // A change of journal mode needs the file to itself, this process's
    // other connections included.
    all_.resize(1);
    idle_.assign(1, all_.front().get());
    Database& db = *all_.front();
    // Another process's connection is a lock this one would wait for.
    sqlite3_busy_timeout(db.handle(), 0);
    std::string mode;
    try {
        db.exec("PRAGMA locking_mode=EXCLUSIVE");
        Statement change(db.handle(), "PRAGMA journal_mode=TRUNCATE");
        if (change.step()) mode = change.text(0);
    } catch (const SqliteError& e) {
        bool locked = (e.code() & 0xff) == SQLITE_BUSY || (e.code() & 0xff) == SQLITE_LOCKED;
        if (!locked) {
            // Unexpected: the pool is left as it was before the error goes up.
            db.exec("PRAGMA locking_mode=NORMAL");
            sqlite3_busy_timeout(db.handle(), kBusyTimeoutMs);
            open_missing();
            throw;
        }
    }
    sqlite3_busy_timeout(db.handle(), kBusyTimeoutMs);
    if (mode == "truncate") return true;
    db.exec("PRAGMA locking_mode=NORMAL");
    open_missing();
    return false;
}

void ConnectionPool::end_sole_writing() {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [&] { return idle_.size() == all_.size(); });
    Database& db = *all_.front();
    // The exclusive lock goes at the next access; the change to the
    // write-ahead log must come after it, or the log would be kept in this
    // connection's memory, locked to everyone else.
    db.exec("PRAGMA locking_mode=NORMAL");
    db.exec("SELECT 1 FROM sqlite_schema LIMIT 1");
    db.exec("PRAGMA journal_mode=WAL");
    open_missing();
}

void ConnectionPool::open_missing() {
    while (all_.size() < size_) {
        all_.push_back(std::make_unique<Database>(path_));
        idle_.push_back(all_.back().get());
    }
}

Database* ConnectionPool::acquire() {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [&] { return !idle_.empty(); });
    Database* db = idle_.back();
    idle_.pop_back();
    return db;
}

void ConnectionPool::release(Database* db) {
    {
        std::lock_guard lock(mutex_);
        idle_.push_back(db);
    }
    available_.notify_one();
}

Lease::Lease(ConnectionPool& pool) : pool_(pool) {
    if (tl_tx_pool == &pool) {
        db_ = tl_tx_db;
        owned_ = false;
    } else {
        db_ = pool.acquire();
        owned_ = true;
    }
}

Lease::~Lease() {
    if (owned_) pool_.release(db_);
}

ReadScope::ReadScope(ConnectionPool& pool) : pool_(pool) {
    if (tl_tx_pool) return;
    db_ = pool.acquire();
    try {
        db_->exec("BEGIN");
    } catch (...) {
        pool.release(db_);
        throw;
    }
    tl_tx_pool = &pool;
    tl_tx_db = db_;
    tl_read_only = true;
}

ReadScope::~ReadScope() {
    if (!db_) return;
    try {
        db_->exec("COMMIT");
    } catch (const SqliteError&) {
        // A read transaction has nothing to keep; ending it cannot lose data.
    }
    tl_tx_pool = nullptr;
    tl_tx_db = nullptr;
    tl_read_only = false;
    pool_.release(db_);
}

TransactionScope::TransactionScope(ConnectionPool& pool) : pool_(pool) {
    if (tl_read_only)
        throw std::logic_error("a write transaction inside a read snapshot (ReadScope)");
    if (tl_tx_pool == &pool) {
        nested_ = true;
        db_ = tl_tx_db;
        return;
    }
    db_ = pool.acquire();
    try {
        db_->exec("BEGIN IMMEDIATE");
    } catch (...) {
        pool.release(db_);
        throw;
    }
    tl_tx_pool = &pool;
    tl_tx_db = db_;
}

void TransactionScope::commit() {
    if (nested_ || done_) return;
    db_->exec("COMMIT");
    done_ = true;
}

TransactionScope::~TransactionScope() {
    if (nested_) return;
    if (!done_) {
        try {
            db_->exec("ROLLBACK");
        } catch (const SqliteError&) {
            // The transaction is already gone (SQLite rolls back on some
            // errors by itself); nothing is left to undo.
        }
    }
    tl_tx_pool = nullptr;
    tl_tx_db = nullptr;
    pool_.release(db_);
}

}  // namespace dateline::sqlite
