// Staff accounts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "util/clock.h"

namespace dateline {

enum class Role { owner, admin, editor, author, contributor };
const char* to_string(Role role);
std::optional<Role> parse_role(std::string_view text);

struct User {
    int64_t id = 0;
    std::string email;
    std::string name;
    Role role = Role::contributor;
    std::string password_hash;  // argon2id, libsodium's encoded form
    bool disabled = false;
    Timestamp created_at{};
    // Sessions started before this moment are void: a password change or a
    // reset ends every session of the account.
    Timestamp password_changed_at{};
    std::optional<int64_t> author_id;  // the byline this staff member writes under
    int64_t version = 0;               // optimistic concurrency
};

}  // namespace dateline
