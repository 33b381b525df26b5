#include "admin/password.h"

#include <gtest/gtest.h>

#include <regex>
#include <string>

namespace dateline {
namespace {

// One hash for the whole suite: argon2id at these settings takes a while.
const std::string& sample_hash() {
    static const std::string hash = [] {
        auto h = hash_password("correct horse battery staple");
        if (!h.ok()) throw std::runtime_error(h.error().message);
        return *h;
    }();
    return hash;
}

TEST(Password, HashIsArgon2idWithStrongParameters) {
    const std::string& hash = sample_hash();
    ASSERT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(hash, m, std::regex(R"(\$m=(\d+),t=(\d+),p=(\d+)\$)"))) << hash;
    EXPECT_GE(std::stoll(m[1].str()), 19456) << hash;  // KiB: OWASP's floor
    EXPECT_GE(std::stoll(m[2].str()), 2) << hash;
    EXPECT_GE(std::stoll(m[3].str()), 1) << hash;
    EXPECT_EQ(hash.find("correct horse"), std::string::npos);
}

TEST(Password, VerifyAcceptsTheRightPasswordOnly) {
    const std::string& hash = sample_hash();
    // Each verification costs a full argon2id run, so only two.
    EXPECT_TRUE(verify_password(hash, "correct horse battery staple"));
    EXPECT_FALSE(verify_password(hash, "Correct horse battery staple"));
}

TEST(Password, SamePasswordHashesDifferentlyEachTime) {
    auto again = hash_password("correct horse battery staple");
    ASSERT_TRUE(again.ok());
    EXPECT_NE(*again, sample_hash());  // a fresh salt
}

TEST(Password, MalformedHashNeverVerifies) {
    EXPECT_FALSE(verify_password("", "correct horse battery staple"));
    EXPECT_FALSE(verify_password("$argon2id$garbage", "correct horse battery staple"));
    EXPECT_FALSE(verify_password("plain text password", "plain text password"));
    std::string truncated = sample_hash().substr(0, sample_hash().size() - 5);
    EXPECT_FALSE(verify_password(truncated, "correct horse battery staple"));
}

TEST(Password, TooShortOrTooLongIsInvalid) {
    for (std::string pw : {std::string(), std::string("short"), std::string(11, 'x')}) {
        auto h = hash_password(pw);
        ASSERT_FALSE(h.ok()) << pw.size();
        EXPECT_EQ(h.error().kind, ErrorKind::invalid);
        EXPECT_EQ(h.error().field, "password");
        EXPECT_NE(h.error().message.find("12"), std::string::npos) << h.error().message;
    }
    auto huge = hash_password(std::string(1025, 'x'));
    ASSERT_FALSE(huge.ok());
    EXPECT_EQ(huge.error().kind, ErrorKind::invalid);
    EXPECT_EQ(kMinPasswordLength, 12u);
}

}  // namespace
}  // namespace dateline
