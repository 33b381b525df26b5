#include "model/editorial.h"

#include <gtest/gtest.h>

#include <string>

namespace dateline {
namespace {

TEST(CountWords, RunsOfNonSpaceCharacters) {
    EXPECT_EQ(count_words(""), 0);
    EXPECT_EQ(count_words("   \n\t "), 0);
    EXPECT_EQ(count_words("one"), 1);
    EXPECT_EQ(count_words("  one  two\tthree\nfour\r\nfive  "), 5);
    EXPECT_EQ(count_words("well-known, state-of-the-art."), 2);
    EXPECT_EQ(count_words("naïve café — déjà vu"), 5);
}

TEST(CountWords, SixtyWordLimitIsCountable) {
    std::string sixty;
    for (int i = 0; i < kMaxShortWords; ++i)
        sixty += "word ";
    EXPECT_EQ(count_words(sixty), kMaxShortWords);
    EXPECT_EQ(count_words(sixty + "extra"), kMaxShortWords + 1);
}

}  // namespace
}  // namespace dateline
