// Password hashing with argon2id (libsodium), at or above OWASP's guidance:
// 64 MiB of memory and 3 passes (OWASP's floor is 19 MiB, t=2, p=1).
#pragma once

#include <string>
#include <string_view>

#include "util/status.h"

namespace dateline {

// Passwords shorter than this are refused.
inline constexpr size_t kMinPasswordLength = 12;

// invalid: too short or too long. The result is libsodium's encoded string,
// which carries the algorithm, parameters and salt.
Result<std::string> hash_password(std::string_view password);
bool verify_password(std::string_view encoded_hash, std::string_view password);

}  // namespace dateline
