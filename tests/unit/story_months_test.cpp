// StoryStore::published_months() reads per-month counts kept with every
// story write (migration 7): after each create, update, unpublish,
// re-publish, move to another month, content change and section change they
// must equal what a count over the stories says.
#include <date/date.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "store/store.h"
#include "util/clock.h"

namespace dateline {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// The months as a count over every story would give them.
std::vector<MonthCount> months_counted(const std::vector<Story>& stories) {
    std::map<std::pair<int, int>, MonthCount> by_month;
    for (const auto& s : stories) {
        if (s.status != StoryStatus::published) continue;
        date::year_month_day ymd{date::floor<date::days>(*s.published_at)};
        int year = static_cast<int>(ymd.year());
        int month = static_cast<int>(static_cast<unsigned>(ymd.month()));
        auto& m = by_month[{year, month}];
        m.year = year;
        m.month = month;
        ++m.stories;
        Timestamp modified = std::max(*s.published_at, s.content_updated_at.value_or(Timestamp{}));
        m.last_modified = std::max(m.last_modified, modified);
    }
    std::vector<MonthCount> out;
    for (const auto& [key, m] : by_month)
        out.push_back(m);
    return out;
}

std::string describe(const std::vector<MonthCount>& months) {
    std::string out;
    for (const auto& m : months)
        out += std::to_string(m.year) + "-" + std::to_string(m.month) + ": " +
               std::to_string(m.stories) + " @" + format_iso8601(m.last_modified) + "\n";
    return out;
}

class StoryMonthsTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("dateline-months-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        open();
        for (const char* slug : {"world", "sport"}) {
            Section s;
            s.slug = slug;
            s.name = slug;
            sections_.push_back(*store_->sections().create(s));
        }
    }
    void TearDown() override {
        store_.reset();
        fs::remove_all(dir_);
    }
    void open() {
        StoreOptions options;
        options.sqlite_path = dir_ / "dateline.db";
        store_ = std::move(*open_store(options));
    }
    Story& create(StoryStatus status, std::string_view when) {
        Story s;
        s.slug = "story-" + std::to_string(stories_.size());
        s.headline = "Story " + std::to_string(stories_.size());
        s.section_id = sections_[0];
        s.status = status;
        s.published_at = *parse_iso8601(when);
        s.created_at = s.updated_at = *s.published_at;
        auto id = store_->stories().create(s);
        EXPECT_TRUE(id.ok());
        s.id = *id;
        s.version = 1;
        stories_.push_back(s);
        return stories_.back();
    }
    void update(Story& s) {
        ASSERT_TRUE(store_->stories().update(s));
        ++s.version;
    }
    void expect_counted(const char* after) {
        auto stored = store_->stories().published_months();
        auto counted = months_counted(stories_);
        EXPECT_EQ(describe(stored), describe(counted)) << "after " << after;
    }

    fs::path dir_;
    std::unique_ptr<Store> store_;
    std::vector<int64_t> sections_;
    std::vector<Story> stories_;
};

TEST_F(StoryMonthsTest, CountsAndLastChangesFollowEveryKindOfStoryWrite) {
    create(StoryStatus::published, "2026-03-05T10:00:00Z");
    create(StoryStatus::published, "2026-03-20T10:00:00Z");
    create(StoryStatus::draft, "2026-03-25T10:00:00Z");
    create(StoryStatus::published, "2026-04-01T00:00:00Z");
    create(StoryStatus::scheduled, "2026-05-01T00:00:00Z");
    expect_counted("creates");
    ASSERT_EQ(store_->stories().published_months().size(), 2u);

    // A content change moves the month's last change forward ...
    stories_[0].content_updated_at = *parse_iso8601("2026-04-10T00:00:00Z");
    update(stories_[0]);
    expect_counted("content change");
    EXPECT_EQ(format_iso8601(store_->stories().published_months()[0].last_modified),
              "2026-04-10T00:00:00Z");
    // ... and back when it is taken back.
    stories_[0].content_updated_at.reset();
    update(stories_[0]);
    expect_counted("content change taken back");

    // Unpublishing the newest story of March takes its count and its date.
    stories_[1].status = StoryStatus::unpublished;
    update(stories_[1]);
    expect_counted("unpublish");
    EXPECT_EQ(store_->stories().published_months()[0].stories, 1);

    stories_[1].status = StoryStatus::published;
    update(stories_[1]);
    expect_counted("re-publish");

    // The draft is published; the scheduled story goes out.
    stories_[2].status = StoryStatus::published;
    update(stories_[2]);
    stories_[4].status = StoryStatus::published;
    update(stories_[4]);
    expect_counted("publish draft and scheduled");
    ASSERT_EQ(store_->stories().published_months().size(), 3u);

    // Moving the only April story to March empties April.
    stories_[3].published_at = *parse_iso8601("2026-03-31T23:59:59Z");
    update(stories_[3]);
    expect_counted("move to another month");
    for (const auto& m : store_->stories().published_months())
        EXPECT_FALSE(m.year == 2026 && m.month == 4);

    // An earlier time in the same month: its last change may fall back.
    stories_[3].published_at = *parse_iso8601("2026-03-01T00:00:00Z");
    update(stories_[3]);
    expect_counted("earlier in the same month");

    // Another section, a new headline: the counts stay.
    stories_[0].section_id = sections_[1];
    stories_[0].headline = "Moved";
    update(stories_[0]);
    expect_counted("section change");

    // A month boundary in UTC, and archiving.
    create(StoryStatus::published, "2026-05-31T23:59:59Z");
    create(StoryStatus::published, "2026-06-01T00:00:00Z");
    stories_[4].status = StoryStatus::archived;
    update(stories_[4]);
    expect_counted("boundary and archive");

    // Unpublishing every story leaves no month.
    for (auto& s : stories_)
        if (s.status == StoryStatus::published) {
            s.status = StoryStatus::unpublished;
            update(s);
        }
    expect_counted("unpublish all");
    EXPECT_TRUE(store_->stories().published_months().empty());
}

TEST_F(StoryMonthsTest, AFailedUpdateLeavesTheCountsAsTheyWere) {
    Story& s = create(StoryStatus::published, "2026-03-05T10:00:00Z");
    Story stale = s;
    stale.version = 99;
    stale.status = StoryStatus::unpublished;
    EXPECT_FALSE(store_->stories().update(stale));
    Story bad_tag = s;
    bad_tag.status = StoryStatus::unpublished;
    bad_tag.tag_ids = {12345};
    EXPECT_FALSE(store_->stories().update(bad_tag));
    expect_counted("failed updates");
    ASSERT_EQ(store_->stories().published_months().size(), 1u);
}

TEST_F(StoryMonthsTest, TheMigrationCountsTheStoriesAlreadyThere) {
    create(StoryStatus::published, "2025-12-31T23:00:00Z");
    create(StoryStatus::published, "2026-01-15T00:00:00Z");
    stories_.back().content_updated_at = *parse_iso8601("2026-02-02T00:00:00Z");
    update(stories_.back());
    create(StoryStatus::published, "2026-01-20T00:00:00Z");
    create(StoryStatus::draft, "2026-02-20T00:00:00Z");
    store_.reset();
    // Back to a database from before migration 7.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / "dateline.db").c_str(), &db), SQLITE_OK);
    ASSERT_EQ(
        sqlite3_exec(db, "DROP TABLE story_months; DELETE FROM schema_version WHERE version = 7",
                     nullptr, nullptr, nullptr),
        SQLITE_OK);
    sqlite3_close(db);
    open();
    EXPECT_EQ(store_->schema_version(), current_schema_version());
    expect_counted("migration");
    ASSERT_EQ(store_->stories().published_months().size(), 2u);
}

}  // namespace
}  // namespace dateline
