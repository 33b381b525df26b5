#include "util/utf8.h"

#include <gtest/gtest.h>

namespace dateline {
namespace {

TEST(Utf8, DecodesEachLength) {
    EXPECT_EQ(decode_utf8("a", 0).code_point, U'a');
    EXPECT_EQ(decode_utf8("a", 0).length, 1u);
    EXPECT_EQ(decode_utf8("\xc3\xa9", 0).code_point, U'\u00e9');
    EXPECT_EQ(decode_utf8("\xe2\x80\x94", 0).code_point, U'\u2014');
    Utf8Char four = decode_utf8("x\xf0\x9f\x93\xb0", 1);
    EXPECT_EQ(four.code_point, U'\U0001F4F0');
    EXPECT_EQ(four.length, 4u);
}

TEST(Utf8, MalformedSequencesHaveNoLength) {
    for (std::string_view bad : {"\x80", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80",
                                 "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xe2\x80", "\xc3x"})
        EXPECT_EQ(decode_utf8(bad, 0).length, 0u) << testing::PrintToString(bad);
}

TEST(Utf8, AppendsWhatItDecodes) {
    for (char32_t cp : {U'a', U'\u00e9', U'\u2014', U'\U0001F4F0', U'\U0010FFFD'}) {
        std::string out;
        append_utf8(out, cp);
        Utf8Char back = decode_utf8(out, 0);
        EXPECT_EQ(back.code_point, cp);
        EXPECT_EQ(back.length, out.size());
    }
}

}  // namespace
}  // namespace dateline
