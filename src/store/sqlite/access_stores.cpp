#include "store/sqlite/access_stores.h"

#include "store/sqlite/editing.h"
#include "store/sqlite/stores.h"
#include "util/strings.h"

namespace dateline::sqlite {

namespace {

// Runs one statement that returns no rows; how many rows it changed.
template <class... Args>
int run(ConnectionPool& pool, std::string_view sql, const Args&... args) {
    Lease lease(pool);
    Query q(lease.db(), sql);
    q->bind_all(args...);
    q->execute();
    return lease->changes();
}

constexpr const char* kUserColumns =
    "id, email, name, role, password_hash, disabled, created_at, password_changed_at, "
    "author_id, version";

User read_user(Statement& q) {
    User u;
    u.id = q.int64(0);
    u.email = q.text(1);
    u.name = q.text(2);
    u.role = parse_role(q.text(3)).value_or(Role::contributor);
    u.password_hash = q.text(4);
    u.disabled = q.integer(5) != 0;
    u.created_at = from_unix(q.int64(6));
    u.password_changed_at = from_unix(q.int64(7));
    u.author_id = q.optional_int64(8);
    u.version = q.int64(9);
    return u;
}

Status validate_user(const User& u) {
    if (u.email.find('@') == std::string::npos || u.email.size() > 254 ||
        u.email.find_first_of(" \t\r\n<>") != std::string::npos)
        return Error::invalid("email", "'" + u.email + "' is not an e-mail address");
    if (trim(u.name).empty()) return Error::invalid("name", "name is required");
    if (u.name.size() > 200) return Error::invalid("name", "name is longer than 200 characters");
    return {};
}

std::vector<std::string> split_words(const std::string& text) {
    std::vector<std::string> out;
    for (auto part : split(text, ' '))
        if (!part.empty()) out.emplace_back(part);
    return out;
}

}  // namespace

Result<int64_t> SqliteUserStore::create(const User& u) {
    if (auto st = validate_user(u); !st) return st.error();
    Lease lease(pool_);
    Query q(lease.db(),
            "INSERT INTO users (email, name, role, password_hash, disabled, created_at, "
            "password_changed_at, author_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    q->bind_all(u.email, u.name, to_string(u.role), u.password_hash, u.disabled ? 1 : 0,
                to_unix(u.created_at), to_unix(u.created_at), u.author_id);
    switch (q->execute_outcome()) {
        case Statement::Outcome::done:
            return lease->last_insert_id();
        case Statement::Outcome::unique_violation:
            return Error::conflict("a user with e-mail " + u.email + " exists");
        case Statement::Outcome::foreign_key_violation:
            return Error::invalid("author_id", "no such author");
        default:
            return Error::invalid("role", "unknown role");
    }
}

std::optional<User> SqliteUserStore::by_email(std::string_view email) {
    Lease lease(pool_);
    Query q(lease.db(), std::string("SELECT ") + kUserColumns + " FROM users WHERE email = ?");
    q->bind_all(email);
    if (!q->step()) return std::nullopt;
    return read_user(*q);
}

std::optional<User> SqliteUserStore::by_id(int64_t id) {
    return find_by_id(pool_, kUserColumns, "users", id, read_user);
}

std::vector<User> SqliteUserStore::list() {
    Lease lease(pool_);
    Query q(lease.db(),
            std::string("SELECT ") + kUserColumns + " FROM users ORDER BY name COLLATE NOCASE, id");
    std::vector<User> out;
    while (q->step())
        out.push_back(read_user(*q));
    return out;
}

Status SqliteUserStore::update(const User& u) {
    if (auto st = validate_user(u); !st) return st;
    Lease lease(pool_);
    Query q(lease.db(),
            "UPDATE users SET email = ?, name = ?, role = ?, disabled = ?, author_id = ?, "
            "version = version + 1 WHERE id = ? AND version = ?");
    q->bind_all(u.email, u.name, to_string(u.role), u.disabled ? 1 : 0, u.author_id, u.id,
                u.version);
    switch (q->execute_outcome()) {
        case Statement::Outcome::done:
            break;
        case Statement::Outcome::unique_violation:
            return Error::conflict("a user with e-mail " + u.email + " exists");
        case Statement::Outcome::foreign_key_violation:
            return Error::invalid("author_id", "no such author");
        default:
            return Error::invalid("role", "unknown role");
    }
    if (lease->changes() == 1) return {};
    return stale_or_missing(lease.db(), "users", "user", u.id);
}

Status SqliteUserStore::set_password(int64_t id, std::string_view hash, Timestamp at) {
    if (run(pool_,
            "UPDATE users SET password_hash = ?, password_changed_at = ?, version = version + 1 "
            "WHERE id = ?",
            hash, to_unix(at), id) == 0)
        return Error::not_found("no user " + std::to_string(id));
    return {};
}

Status SqliteUserStore::remove(int64_t id) {
    auto user = by_id(id);
    if (!user) return Error::not_found("no user " + std::to_string(id));
    if (user->role == Role::owner) return Error::conflict("the owner cannot be removed");
    Lease lease(pool_);
    Query q(lease.db(), "DELETE FROM users WHERE id = ?");
    q->bind_all(id);
    q->execute();
    return {};
}

int64_t SqliteUserStore::count() {
    Lease lease(pool_);
    Query q(lease.db(), "SELECT count(*) FROM users");
    q->step();
    return q->int64(0);
}

Status SqliteSessionStore::create(const Session& s) {
    Lease lease(pool_);
    Query q(lease.db(),
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, "
            "last_seen_at) VALUES (?, ?, ?, ?, ?, ?)");
    q->bind_all(s.token_hash, s.user_id, s.csrf_token, to_unix(s.created_at), to_unix(s.expires_at),
                to_unix(s.last_seen_at));
    if (q->execute_outcome() != Statement::Outcome::done)
        return Error::conflict("the session could not be stored");
    return {};
}

std::optional<Session> SqliteSessionStore::find(std::string_view token_hash) {
    Lease lease(pool_);
    Query q(lease.db(),
            "SELECT token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at "
            "FROM sessions WHERE token_hash = ?");
    q->bind_all(token_hash);
    if (!q->step()) return std::nullopt;
    Session s;
    s.token_hash = q->text(0);
    s.user_id = q->int64(1);
    s.csrf_token = q->text(2);
    s.created_at = from_unix(q->int64(3));
    s.expires_at = from_unix(q->int64(4));
    s.last_seen_at = from_unix(q->int64(5));
    return s;
}

void SqliteSessionStore::touch(std::string_view token_hash, Timestamp seen, Timestamp expires) {
    run(pool_, "UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE token_hash = ?",
        to_unix(seen), to_unix(expires), token_hash);
}

void SqliteSessionStore::remove(std::string_view token_hash) {
    run(pool_, "DELETE FROM sessions WHERE token_hash = ?", token_hash);
}

void SqliteSessionStore::remove_all(int64_t user_id) {
    run(pool_, "DELETE FROM sessions WHERE user_id = ?", user_id);
}

void SqliteSessionStore::remove_expired(Timestamp now) {
    run(pool_, "DELETE FROM sessions WHERE expires_at <= ?", to_unix(now));
}

namespace {
constexpr const char* kApiKeyColumns =
    "id, name, prefix, secret_hash, scopes, created_by, created_at, last_used_at, revoked_at";

ApiKey read_api_key(Statement& q) {
    ApiKey k;
    k.id = q.int64(0);
    k.name = q.text(1);
    k.prefix = q.text(2);
    k.secret_hash = q.text(3);
    k.scopes = split_words(q.text(4));
    k.created_by = q.optional_int64(5);
    k.created_at = from_unix(q.int64(6));
    if (auto t = q.optional_int64(7)) k.last_used_at = from_unix(*t);
    if (auto t = q.optional_int64(8)) k.revoked_at = from_unix(*t);
    return k;
}
}  // namespace

Result<int64_t> SqliteApiKeyStore::create(const ApiKey& k) {
    if (trim(k.name).empty()) return Error::invalid("name", "a key needs a name");
    if (k.name.size() > 200) return Error::invalid("name", "name is longer than 200 characters");
    Lease lease(pool_);
    Query q(lease.db(),
            "INSERT INTO api_keys (name, prefix, secret_hash, scopes, created_by, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)");
    q->bind_all(k.name, k.prefix, k.secret_hash, join(k.scopes, " "), k.created_by,
                to_unix(k.created_at));
    if (q->execute_outcome() != Statement::Outcome::done)
        return Error::conflict("an API key with that prefix exists");
    return lease->last_insert_id();
}

std::optional<ApiKey> SqliteApiKeyStore::by_prefix(std::string_view prefix) {
    Lease lease(pool_);
    Query q(lease.db(),
            std::string("SELECT ") + kApiKeyColumns + " FROM api_keys WHERE prefix = ?");
    q->bind_all(prefix);
    if (!q->step()) return std::nullopt;
    return read_api_key(*q);
}

std::optional<ApiKey> SqliteApiKeyStore::by_id(int64_t id) {
    return find_by_id(pool_, kApiKeyColumns, "api_keys", id, read_api_key);
}

std::vector<ApiKey> SqliteApiKeyStore::list() {
    Lease lease(pool_);
    Query q(lease.db(), std::string("SELECT ") + kApiKeyColumns + " FROM api_keys ORDER BY id");
    std::vector<ApiKey> out;
    while (q->step())
        out.push_back(read_api_key(*q));
    return out;
}

Status SqliteApiKeyStore::revoke(int64_t id, Timestamp at) {
    if (run(pool_, "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?",
            to_unix(at), id) == 0)
        return Error::not_found("no API key " + std::to_string(id));
    return {};
}

void SqliteApiKeyStore::mark_used(int64_t id, Timestamp at) {
    run(pool_, "UPDATE api_keys SET last_used_at = ? WHERE id = ?", to_unix(at), id);
}

int SqliteThrottleStore::failures(std::string_view key, int64_t since_hour) {
    Lease lease(pool_);
    Query q(lease.db(),
            "SELECT COALESCE(sum(failures), 0) FROM login_failures WHERE key = ? AND hour >= ?");
    q->bind_all(key, since_hour);
    q->step();
    return q->integer(0);
}

void SqliteThrottleStore::add_failure(std::string_view key, int64_t hour) {
    run(pool_,
        "INSERT INTO login_failures (key, hour, failures) VALUES (?, ?, 1) "
        "ON CONFLICT (key, hour) DO UPDATE SET failures = failures + 1",
        key, hour);
}

void SqliteThrottleStore::clear(std::string_view key) {
    run(pool_, "DELETE FROM login_failures WHERE key = ?", key);
}

void SqliteThrottleStore::prune(int64_t before_hour) {
    run(pool_, "DELETE FROM login_failures WHERE hour < ?", before_hour);
}

Status SqlitePasswordResetStore::create(const PasswordReset& r) {
    Lease lease(pool_);
    Query q(lease.db(),
            "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) "
            "VALUES (?, ?, ?, ?)");
    q->bind_all(r.token_hash, r.user_id, to_unix(r.created_at), to_unix(r.expires_at));
    if (q->execute_outcome() != Statement::Outcome::done)
        return Error::conflict("the reset token could not be stored");
    return {};
}

std::optional<PasswordReset> SqlitePasswordResetStore::find(std::string_view token_hash) {
    Lease lease(pool_);
    Query q(lease.db(),
            "SELECT token_hash, user_id, created_at, expires_at, used_at FROM password_resets "
            "WHERE token_hash = ?");
    q->bind_all(token_hash);
    if (!q->step()) return std::nullopt;
    PasswordReset r;
    r.token_hash = q->text(0);
    r.user_id = q->int64(1);
    r.created_at = from_unix(q->int64(2));
    r.expires_at = from_unix(q->int64(3));
    if (auto t = q->optional_int64(4)) r.used_at = from_unix(*t);
    return r;
}

bool SqlitePasswordResetStore::use(std::string_view token_hash, Timestamp at) {
    return run(pool_,
               "UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL",
               to_unix(at), token_hash) == 1;
}

namespace {
constexpr const char* kRevisionSelect =
    "SELECT r.id, r.story_id, r.version, r.user_id, COALESCE(u.name, ''), r.at, r.kind, "
    "r.changed, r.snapshot FROM revisions r LEFT JOIN users u ON u.id = r.user_id ";

Revision read_revision(Statement& q) {
    Revision r;
    r.id = q.int64(0);
    r.story_id = q.int64(1);
    r.version = q.int64(2);
    r.user_id = q.optional_int64(3);
    r.user_name = q.text(4);
    r.at = from_unix(q.int64(5));
    r.kind = q.text(6);
    r.changed = split_words(q.text(7));
    r.snapshot = q.text(8);
    return r;
}
}  // namespace

Result<int64_t> SqliteRevisionStore::add(const Revision& r) {
    Lease lease(pool_);
    Query q(lease.db(),
            "INSERT INTO revisions (story_id, version, user_id, at, kind, changed, snapshot) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)");
    q->bind_all(r.story_id, r.version, r.user_id, to_unix(r.at), r.kind, join(r.changed, " "),
                r.snapshot);
    if (q->execute_outcome() != Statement::Outcome::done)
        return Error::invalid("story_id", "no story " + std::to_string(r.story_id));
    return lease->last_insert_id();
}

std::vector<Revision> SqliteRevisionStore::for_story(int64_t story_id, int limit, int offset) {
    Lease lease(pool_);
    Query q(lease.db(), std::string(kRevisionSelect) +
                            "WHERE r.story_id = ? ORDER BY r.id DESC LIMIT ? OFFSET ?");
    q->bind_all(story_id, limit, offset);
    std::vector<Revision> out;
    while (q->step())
        out.push_back(read_revision(*q));
    return out;
}

std::optional<Revision> SqliteRevisionStore::by_id(int64_t id) {
    Lease lease(pool_);
    Query q(lease.db(), std::string(kRevisionSelect) + "WHERE r.id = ?");
    q->bind_all(id);
    if (!q->step()) return std::nullopt;
    return read_revision(*q);
}

void SqliteAutosaveStore::put(const Autosave& a) {
    run(pool_,
        "INSERT INTO autosaves (user_id, story_id, at, snapshot) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (user_id, story_id) DO UPDATE SET at = excluded.at, "
        "snapshot = excluded.snapshot",
        a.user_id, a.story_id, to_unix(a.at), a.snapshot);
}

std::optional<Autosave> SqliteAutosaveStore::find(int64_t user_id, int64_t story_id) {
    Lease lease(pool_);
    Query q(lease.db(),
            "SELECT user_id, story_id, at, snapshot FROM autosaves WHERE user_id = ? AND "
            "story_id = ?");
    q->bind_all(user_id, story_id);
    if (!q->step()) return std::nullopt;
    Autosave a;
    a.user_id = q->int64(0);
    a.story_id = q->int64(1);
    a.at = from_unix(q->int64(2));
    a.snapshot = q->text(3);
    return a;
}

void SqliteAutosaveStore::remove(int64_t user_id, int64_t story_id) {
    run(pool_, "DELETE FROM autosaves WHERE user_id = ? AND story_id = ?", user_id, story_id);
}

}  // namespace dateline::sqlite
