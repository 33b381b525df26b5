// SQLite backends of the access-control and history stores (access_store.h)
// and of the user accounts.
#pragma once

#include "store/sqlite/database.h"
#include "store/store.h"

namespace dateline::sqlite {

class SqliteUserStore final : public UserStore {
  public:
    explicit SqliteUserStore(ConnectionPool& pool) : pool_(pool) {}
    Result<int64_t> create(const User& user) override;
    std::optional<User> by_email(std::string_view email) override;
    std::optional<User> by_id(int64_t id) override;
    std::vector<User> list() override;
    Status update(const User& user) override;
    Status set_password(int64_t id, std::string_view hash, Timestamp at) override;
    Status remove(int64_t id) override;
    int64_t count() override;

  private:
    ConnectionPool& pool_;
};

class SqliteSessionStore final : public SessionStore {
  public:
    explicit SqliteSessionStore(ConnectionPool& pool) : pool_(pool) {}
    Status create(const Session& session) override;
    std::optional<Session> find(std::string_view token_hash) override;
    void touch(std::string_view token_hash, Timestamp seen, Timestamp expires) override;
    void remove(std::string_view token_hash) override;
    void remove_all(int64_t user_id) override;
    void remove_expired(Timestamp now) override;

  private:
    ConnectionPool& pool_;
};

class SqliteApiKeyStore final : public ApiKeyStore {
  public:
    explicit SqliteApiKeyStore(ConnectionPool& pool) : pool_(pool) {}
    Result<int64_t> create(const ApiKey& key) override;
    std::optional<ApiKey> by_prefix(std::string_view prefix) override;
    std::optional<ApiKey> by_id(int64_t id) override;
    std::vector<ApiKey> list() override;
    Status revoke(int64_t id, Timestamp at) override;
    void mark_used(int64_t id, Timestamp at) override;

  private:
    ConnectionPool& pool_;
};

class SqliteThrottleStore final : public ThrottleStore {
  public:
    explicit SqliteThrottleStore(ConnectionPool& pool) : pool_(pool) {}
    int failures(std::string_view key, int64_t since_hour) override;
    void add_failure(std::string_view key, int64_t hour) override;
    void clear(std::string_view key) override;
    void prune(int64_t before_hour) override;

  private:
    ConnectionPool& pool_;
};

class SqlitePasswordResetStore final : public PasswordResetStore {
  public:
    explicit SqlitePasswordResetStore(ConnectionPool& pool) : pool_(pool) {}
    Status create(const PasswordReset& reset) override;
    std::optional<PasswordReset> find(std::string_view token_hash) override;
    bool use(std::string_view token_hash, Timestamp at) override;

  private:
    ConnectionPool& pool_;
};

class SqliteRevisionStore final : public RevisionStore {
  public:
    explicit SqliteRevisionStore(ConnectionPool& pool) : pool_(pool) {}
    Result<int64_t> add(const Revision& revision) override;
    std::vector<Revision> for_story(int64_t story_id, int limit, int offset) override;
    std::optional<Revision> by_id(int64_t id) override;

  private:
    ConnectionPool& pool_;
};

class SqliteAutosaveStore final : public AutosaveStore {
  public:
    explicit SqliteAutosaveStore(ConnectionPool& pool) : pool_(pool) {}
    void put(const Autosave& autosave) override;
    std::optional<Autosave> find(int64_t user_id, int64_t story_id) override;
    void remove(int64_t user_id, int64_t story_id) override;

  private:
    ConnectionPool& pool_;
};

}  // namespace dateline::sqlite
