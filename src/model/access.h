// What the newsroom's access control stores: sessions, API keys, password
// reset tokens. Secrets are never stored, only their hashes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "util/clock.h"

namespace dateline {

struct Session {
    std::string token_hash;  // hex of the keyed hash of the cookie's token
    int64_t user_id = 0;
    std::string csrf_token;  // sent back by the page with every state change
    Timestamp created_at{};
    Timestamp expires_at{};
    Timestamp last_seen_at{};
};

struct ApiKey {
    int64_t id = 0;
    std::string name;    // "Homepage app"
    std::string prefix;  // public part of the key, shown in lists
    std::string secret_hash;
    std::vector<std::string> scopes;  // "content:read", "stories:write", ...
    std::optional<int64_t> created_by;
    Timestamp created_at{};
    std::optional<Timestamp> last_used_at;
    std::optional<Timestamp> revoked_at;
};

struct PasswordReset {
    std::string token_hash;
    int64_t user_id = 0;
    Timestamp created_at{};
    Timestamp expires_at{};
    std::optional<Timestamp> used_at;
};

// One saved state of a story: who saved it, when, which fields changed, and
// the editable fields as JSON so that it can be shown, compared and restored.
struct Revision {
    int64_t id = 0;
    int64_t story_id = 0;
    int64_t version = 0;  // the story's version this revision became
    std::optional<int64_t> user_id;
    std::string user_name;  // resolved for display
    Timestamp at{};
    std::string kind;                  // "create", "save", "status", "restore"
    std::vector<std::string> changed;  // field names
    std::string snapshot;              // JSON object of the editable fields
};

// The latest unsaved state of a story's editor, per user (story 0: a story
// not created yet), so that a lost connection loses seconds, not work.
struct Autosave {
    int64_t user_id = 0;
    int64_t story_id = 0;
    Timestamp at{};
    std::string snapshot;  // JSON, as the editor sent it
};

}  // namespace dateline
