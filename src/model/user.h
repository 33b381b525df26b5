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
};

}  // namespace dateline
