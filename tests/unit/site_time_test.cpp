#include "model/site_time.h"

#include <gtest/gtest.h>

namespace dateline {
namespace {

// 2023-03-22T11:46:44Z
constexpr Timestamp kSample{std::chrono::seconds{1679485604}};
// 2023-03-05T07:00:00Z
constexpr Timestamp kFifth{std::chrono::seconds{1677999600}};

SiteTime open_zone(const char* name) {
    auto t = SiteTime::open(name);
    if (!t.ok()) throw std::runtime_error(t.error().message);
    return *t;
}

TEST(SiteTime, DatelineInKolkataUsesIst) {
    SiteTime kolkata = open_zone("Asia/Kolkata");
    EXPECT_EQ(kolkata.zone_name(), "Asia/Kolkata");
    EXPECT_EQ(kolkata.dateline(kSample), "March 22, 2023, 17:16:44 IST");
}

TEST(SiteTime, DayOfTheMonthIsNotZeroPadded) {
    SiteTime kolkata = open_zone("Asia/Kolkata");
    EXPECT_EQ(kolkata.dateline(kFifth), "March 5, 2023, 12:30:00 IST");
    EXPECT_EQ(kolkata.date(kFifth), "March 5, 2023");
}

TEST(SiteTime, LocalDateMayDifferFromUtcDate) {
    // 20:00 UTC on March 4 is already March 5 in India.
    Timestamp evening{std::chrono::seconds{1677960000}};  // 2023-03-04T20:00:00Z
    EXPECT_EQ(open_zone("Asia/Kolkata").date(evening), "March 5, 2023");
    EXPECT_EQ(open_zone("UTC").date(evening), "March 4, 2023");
}

TEST(SiteTime, TimeOfDay) {
    EXPECT_EQ(open_zone("Asia/Kolkata").time_of_day(kSample), "17:16 IST");
    EXPECT_EQ(open_zone("UTC").time_of_day(kSample), "11:46 UTC");
}

TEST(SiteTime, IsoLocalCarriesTheOffset) {
    EXPECT_EQ(open_zone("Asia/Kolkata").iso_local(kSample), "2023-03-22T17:16:44+05:30");
    EXPECT_EQ(open_zone("UTC").iso_local(kSample), "2023-03-22T11:46:44+00:00");
    EXPECT_EQ(open_zone("America/New_York").iso_local(kSample), "2023-03-22T07:46:44-04:00");
}

TEST(SiteTime, IsoLocalParsesBackToTheSameInstant) {
    SiteTime kolkata = open_zone("Asia/Kolkata");
    EXPECT_EQ(parse_iso8601(kolkata.iso_local(kSample)), kSample);
}

TEST(SiteTime, FollowsDaylightSavingTime) {
    SiteTime london = open_zone("Europe/London");
    // Winter: GMT; summer: BST.
    EXPECT_EQ(london.dateline(Timestamp{std::chrono::seconds{1673784000}}),
              "January 15, 2023, 12:00:00 GMT");
    EXPECT_EQ(london.dateline(Timestamp{std::chrono::seconds{1689422400}}),
              "July 15, 2023, 13:00:00 BST");
}

TEST(SiteTime, UnknownZoneIsAnInvalidErrorNamingTheZone) {
    auto t = SiteTime::open("Mars/Olympus_Mons");
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().kind, ErrorKind::invalid);
    EXPECT_EQ(t.error().field, "site.timezone");
    EXPECT_NE(t.error().message.find("Mars/Olympus_Mons"), std::string::npos);
}

TEST(SiteTime, EmptyZoneNameIsInvalid) {
    auto t = SiteTime::open("");
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().kind, ErrorKind::invalid);
}

}  // namespace
}  // namespace dateline
