// Storage of the newsroom's access control and editing history: sessions,
// API keys, login throttling, password resets, revisions and autosaves.
// Threads and errors as in store.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/access.h"
#include "util/status.h"

namespace dateline {

class SessionStore {
  public:
    virtual ~SessionStore() = default;
    virtual Status create(const Session& session) = 0;
    // The session of that token hash, expired or not (the caller decides).
    virtual std::optional<Session> find(std::string_view token_hash) = 0;
    virtual void touch(std::string_view token_hash, Timestamp seen, Timestamp expires) = 0;
    virtual void remove(std::string_view token_hash) = 0;
    // Ends every session of a user (password change, disabled account).
    virtual void remove_all(int64_t user_id) = 0;
    virtual void remove_expired(Timestamp now) = 0;
};

class ApiKeyStore {
  public:
    virtual ~ApiKeyStore() = default;
    // conflict: the prefix is taken (retry with another).
    virtual Result<int64_t> create(const ApiKey& key) = 0;
    virtual std::optional<ApiKey> by_prefix(std::string_view prefix) = 0;
    virtual std::optional<ApiKey> by_id(int64_t id) = 0;
    virtual std::vector<ApiKey> list() = 0;
    // not_found when there is no such key.
    virtual Status revoke(int64_t id, Timestamp at) = 0;
    virtual void mark_used(int64_t id, Timestamp at) = 0;
};

// Failed attempts counted per key ("account:<email>", "address:<ip>") and
// hour, so that guessing is throttled across restarts and nodes.
class ThrottleStore {
  public:
    virtual ~ThrottleStore() = default;
    // Failures for key in the hours [since, now].
    virtual int failures(std::string_view key, int64_t since_hour) = 0;
    virtual void add_failure(std::string_view key, int64_t hour) = 0;
    virtual void clear(std::string_view key) = 0;
    // Forgets counts from before that hour (they hold addresses).
    virtual void prune(int64_t before_hour) = 0;
};

class PasswordResetStore {
  public:
    virtual ~PasswordResetStore() = default;
    virtual Status create(const PasswordReset& reset) = 0;
    virtual std::optional<PasswordReset> find(std::string_view token_hash) = 0;
    // Marks a token used; false when it was already used (a race).
    virtual bool use(std::string_view token_hash, Timestamp at) = 0;
};

class RevisionStore {
  public:
    virtual ~RevisionStore() = default;
    virtual Result<int64_t> add(const Revision& revision) = 0;
    // Newest first, without snapshots' bodies trimmed: limit bounds the cost.
    virtual std::vector<Revision> for_story(int64_t story_id, int limit, int offset) = 0;
    virtual std::optional<Revision> by_id(int64_t id) = 0;
};

class AutosaveStore {
  public:
    virtual ~AutosaveStore() = default;
    virtual void put(const Autosave& autosave) = 0;
    virtual std::optional<Autosave> find(int64_t user_id, int64_t story_id) = 0;
    virtual void remove(int64_t user_id, int64_t story_id) = 0;
};

}  // namespace dateline
