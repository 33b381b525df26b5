// Secrets handed to browsers and integrations: session tokens, CSRF tokens,
// API keys and reset tokens. Each carries 256 random bits; only a hash of it
// is stored, so a copy of the database lets nobody in.
#pragma once

#include <string>
#include <string_view>

namespace dateline {

inline constexpr size_t kTokenBytes = 32;  // 256 bits; the floor is 128

// kTokenBytes random bytes from the system's CSPRNG, base64url without padding.
std::string random_token(size_t bytes = kTokenBytes);
// Hex of a BLAKE2b-256 hash of the token: what the store keeps.
std::string hash_token(std::string_view token);
// Compares in time independent of where the strings differ.
bool equal_secrets(std::string_view a, std::string_view b);

}  // namespace dateline
