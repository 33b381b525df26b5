#include "util/clock.h"

#include <date/date.h>
#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace dateline {
namespace {

using namespace std::chrono_literals;

// 2023-03-22T11:46:44Z
constexpr Timestamp kSample{std::chrono::seconds{1679485604}};

TEST(Iso8601, FormatsUtcWithZ) {
    EXPECT_EQ(format_iso8601(kSample), "2023-03-22T11:46:44Z");
    EXPECT_EQ(format_iso8601(Timestamp{}), "1970-01-01T00:00:00Z");
}

TEST(Iso8601, RoundTrips) {
    for (int64_t s : {int64_t{0}, int64_t{1679485604}, int64_t{951782400} /* 2000-02-29 */,
                      int64_t{4102444799} /* 2099-12-31T23:59:59Z */}) {
        Timestamp t{std::chrono::seconds{s}};
        auto parsed = parse_iso8601(format_iso8601(t));
        ASSERT_TRUE(parsed.has_value()) << format_iso8601(t);
        EXPECT_EQ(*parsed, t);
    }
}

// The hand-written formatting spells every time as date::format does: before
// 1970, across leap days and centuries, at the last second of a day, and
// outside four-digit years (where it hands over to date::format).
TEST(Iso8601, SpellsTimesAsDateFormatDoes) {
    std::vector<int64_t> seconds{-62167219200 /* 0000-01-01 */,
                                 -62167219201,
                                 -2208988800,
                                 -1,
                                 0,
                                 68169600,
                                 951868799,
                                 951868800,
                                 4102444799,
                                 4107542400,
                                 253402300799,
                                 253402300800 /* 10000-01-01 */};
    for (int64_t s = -86400LL * 400; s < 86400LL * 365 * 130; s += 86400LL * 37 + 3607)
        seconds.push_back(s);
    for (int64_t s : seconds) {
        Timestamp t{std::chrono::seconds{s}};
        EXPECT_EQ(format_iso8601(t), date::format("%FT%TZ", t)) << s;
        EXPECT_EQ(format_http_date(t), date::format("%a, %d %b %Y %T GMT", t)) << s;
    }
}

TEST(Iso8601, AppliesOffsets) {
    EXPECT_EQ(parse_iso8601("2023-03-22T17:16:44+05:30"), kSample);
    EXPECT_EQ(parse_iso8601("2023-03-22T06:46:44-05:00"), kSample);
    EXPECT_EQ(parse_iso8601("2023-03-22T11:46:44+00:00"), kSample);
    // An offset that crosses midnight.
    EXPECT_EQ(parse_iso8601("2023-03-23T01:46:44+14:00"), kSample);
}

TEST(Iso8601, RejectsJunk) {
    for (const char* junk :
         {"", "yesterday", "2023-03-22", "2023-03-22T11:46:44", "2023-03-22T11:46:44Zjunk",
          "2023-03-22T11:46:44Z ", "2023-03-22 11:46:44Z", "2023-13-22T11:46:44Z",
          "2023-02-30T11:46:44Z", "2023-03-22T25:46:44Z", "2023-03-22T11:46:44+05:30x",
          "2023-03-22T11:46:44 +05:30"}) {
        EXPECT_EQ(parse_iso8601(junk), std::nullopt) << "'" << junk << "'";
    }
}

TEST(HttpDate, FormatsImfFixdate) {
    EXPECT_EQ(format_http_date(kSample), "Wed, 22 Mar 2023 11:46:44 GMT");
    // The day of the month is always two digits.
    EXPECT_EQ(format_http_date(Timestamp{std::chrono::seconds{1677999600}}),
              "Sun, 05 Mar 2023 07:00:00 GMT");
}

TEST(HttpDate, RoundTrips) {
    for (int64_t s : {int64_t{0}, int64_t{1679485604}, int64_t{1677999600}}) {
        Timestamp t{std::chrono::seconds{s}};
        auto parsed = parse_http_date(format_http_date(t));
        ASSERT_TRUE(parsed.has_value()) << format_http_date(t);
        EXPECT_EQ(*parsed, t);
    }
}

TEST(HttpDate, RejectsJunk) {
    for (const char* junk : {"", "Wed, 22 Mar 2023", "22 Mar 2023 11:46:44 GMT",
                             "Wed, 22 Foo 2023 11:46:44 GMT", "2023-03-22T11:46:44Z"}) {
        EXPECT_EQ(parse_http_date(junk), std::nullopt) << "'" << junk << "'";
    }
}

TEST(ManualClock, OnlyMovesWhenTold) {
    ManualClock clock(kSample);
    EXPECT_EQ(clock.now(), kSample);
    EXPECT_EQ(clock.now(), kSample);
    clock.advance(90s);
    EXPECT_EQ(clock.now(), kSample + 90s);
    clock.set(Timestamp{});
    EXPECT_EQ(clock.now(), Timestamp{});
    const Clock& as_interface = clock;
    EXPECT_EQ(as_interface.now(), Timestamp{});
}

TEST(ManualClock, AdvancesFromManyThreadsWithoutLosingSteps) {
    ManualClock clock(Timestamp{});
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i)
        threads.emplace_back([&] {
            for (int j = 0; j < 1000; ++j)
                clock.advance(1s);
        });
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(clock.now(), Timestamp{4000s});
}

TEST(SystemClock, IsNearTheRealTime) {
    SystemClock clock;
    auto real =
        std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    auto diff = clock.now() - real;
    EXPECT_LE(std::chrono::abs(diff), 2s);
}

}  // namespace
}  // namespace dateline
