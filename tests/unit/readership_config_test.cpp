// The readership.* settings (docs/configuration.md): values in range are
// taken, others are refused with the key named.
#include <gtest/gtest.h>

#include "app/config.h"

namespace dateline {
namespace {

Status apply(Config& c, const std::string& key, const std::string& value) {
    return apply_settings(c, {Setting{key, value, "test"}});
}

TEST(ReadershipSettings, DefaultsCountAndRankEveryMinute) {
    Config c;
    EXPECT_TRUE(c.readership.enabled);
    EXPECT_EQ(c.readership.flush_interval, std::chrono::seconds(10));
    EXPECT_EQ(c.readership.rank_interval, std::chrono::minutes(1));
    EXPECT_EQ(c.readership.half_life_hours, 6);
    EXPECT_EQ(c.readership.window_hours, 48);
}

TEST(ReadershipSettings, ValuesInRangeAreTaken) {
    Config c;
    ASSERT_TRUE(apply(c, "readership.enabled", "false"));
    ASSERT_TRUE(apply(c, "readership.flush_ms", "50"));
    ASSERT_TRUE(apply(c, "readership.rank_ms", "250"));
    ASSERT_TRUE(apply(c, "readership.half_life_hours", "12"));
    ASSERT_TRUE(apply(c, "readership.window_hours", "24"));
    EXPECT_FALSE(c.readership.enabled);
    EXPECT_EQ(c.readership.flush_interval, std::chrono::milliseconds(50));
    EXPECT_EQ(c.readership.rank_interval, std::chrono::milliseconds(250));
    EXPECT_EQ(c.readership.half_life_hours, 12);
    EXPECT_EQ(c.readership.window_hours, 24);
}

TEST(ReadershipSettings, BadValuesAreRefusedNamingTheKey) {
    for (const auto& [key, value] :
         std::vector<std::pair<std::string, std::string>>{{"readership.enabled", "yes"},
                                                          {"readership.flush_ms", "0"},
                                                          {"readership.flush_ms", "soon"},
                                                          {"readership.rank_ms", "-5"},
                                                          {"readership.half_life_hours", "0"},
                                                          {"readership.window_hours", "100000"}}) {
        Config c;
        auto st = apply(c, key, value);
        ASSERT_FALSE(st.ok()) << key << " = " << value;
        EXPECT_EQ(st.error().field, key);
    }
}

}  // namespace
}  // namespace dateline
