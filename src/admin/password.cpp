#include "admin/password.h"

#include <sodium.h>

#include <stdexcept>

namespace dateline {

namespace {
void ensure_sodium() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}
constexpr unsigned long long kOpsLimit = 3;
constexpr size_t kMemLimit = 64u * 1024 * 1024;
}  // namespace

Result<std::string> hash_password(std::string_view password) {
    if (password.size() < kMinPasswordLength)
        return Error::invalid("password", "a password needs at least " +
                                              std::to_string(kMinPasswordLength) + " characters");
    if (password.size() > 1024) return Error::invalid("password", "password is too long");
    ensure_sodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("argon2id hashing ran out of memory");
    return std::string(out);
}

bool verify_password(std::string_view encoded_hash, std::string_view password) {
    ensure_sodium();
    std::string hash(encoded_hash);
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace dateline
