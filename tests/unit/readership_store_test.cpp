// The readership part of the SQLite store (hourly views, Most Read, Related
// inputs), on a real database file in a temporary folder.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <stdexcept>

#include "model/readership.h"
#include "model/related.h"
#include "store/store.h"

namespace dateline {
namespace {

namespace fs = std::filesystem;
constexpr Timestamp kT0{std::chrono::seconds{1700000000}};

class ReadershipStoreTest : public ::testing::Test {
  protected:
    void SetUp() override {
        static std::atomic<int> counter{0};
        dir_ =
            fs::temp_directory_path() / ("dateline-readership-test-" + std::to_string(::getpid()) +
                                         "-" + std::to_string(counter.fetch_add(1)));
        fs::create_directories(dir_);
        auto store = open_store(StoreOptions{dir_ / "dateline.db"});
        if (!store) throw std::runtime_error(store.error().message);
        store_ = std::move(*store);
        section_ = *store_->sections().create(Section{0, "world", "World", "", {}, 0});
    }
    void TearDown() override {
        store_.reset();
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }

    int64_t tag(const std::string& slug) {
        return *store_->tags().create(Tag{0, slug, "Tag " + slug, ""});
    }
    int64_t story(const std::string& slug, const std::string& headline,
                  std::vector<int64_t> tags = {}, Timestamp at = kT0,
                  StoryStatus status = StoryStatus::published) {
        Story s;
        s.slug = slug;
        s.section_id = section_;
        s.headline = headline;
        s.body_html = "<p>Body</p>";
        s.created_at = s.updated_at = kT0;
        s.status = status;
        if (status == StoryStatus::published) s.published_at = at;
        s.tag_ids = std::move(tags);
        auto id = store_->stories().create(s);
        if (!id) throw std::runtime_error(id.error().message);
        return *id;
    }
    ReadershipStore& readership() { return store_->readership(); }

    fs::path dir_;
    std::unique_ptr<Store> store_;
    int64_t section_ = 0;
};

std::vector<int64_t> ids_of(const std::vector<Ranked>& ranked) {
    std::vector<int64_t> out;
    for (const auto& r : ranked)
        out.push_back(r.id);
    return out;
}

TEST_F(ReadershipStoreTest, FlushesAddToTheHourlyBucket) {
    int64_t a = story("a", "A");
    int64_t hour = hour_of(kT0);
    ASSERT_TRUE(readership().add_views({{a, hour, 3}}));
    ASSERT_TRUE(readership().add_views({{a, hour, 4}, {a, hour + 1, 5}}));
    EXPECT_EQ(readership().total_views(a), 12);
    // Both flushes of the first hour landed in one bucket.
    auto ranked = readership().most_read({{hour, 1.0}}, 10);
    ASSERT_EQ(ranked.size(), 1u);
    EXPECT_DOUBLE_EQ(ranked[0].score, 7.0);
}

TEST_F(ReadershipStoreTest, ViewsOfAStoryThatNoLongerExistsAreDroppedNotFatal) {
    int64_t a = story("a", "A");
    ASSERT_TRUE(readership().add_views({{a, 10, 1}, {a + 1000, 10, 5}}));
    EXPECT_EQ(readership().total_views(a), 1);
    EXPECT_EQ(readership().total_views(a + 1000), 0);
}

TEST_F(ReadershipStoreTest, MostReadWeighsRecentViewsMoreAndSkipsUnpublished) {
    int64_t old_hit = story("old-hit", "Old hit");
    int64_t fresh = story("fresh", "Fresh");
    int64_t draft = story("draft", "Draft", {}, kT0, StoryStatus::draft);
    int64_t now = hour_of(kT0) + 30;
    // 100 views 24 hours ago (weight 1/16 at a 6-hour half-life) against
    // 10 views this hour; the draft's many views never rank.
    ASSERT_TRUE(
        readership().add_views({{old_hit, now - 24, 100}, {fresh, now, 10}, {draft, now, 1000}}));
    auto weights = decay_weights(now, 6, 48);
    auto ranked = readership().most_read(weights, 10);
    EXPECT_EQ(ids_of(ranked), (std::vector<int64_t>{fresh, old_hit}));
    EXPECT_NEAR(ranked[1].score, 100.0 / 16, 1e-9);
    // Outside the window nothing counts.
    EXPECT_EQ(ids_of(readership().most_read(decay_weights(now + 100, 6, 48), 10)),
              std::vector<int64_t>{});
    EXPECT_EQ(readership().most_read(weights, 1).size(), 1u);
}

TEST_F(ReadershipStoreTest, TagsOfStories) {
    int64_t t1 = tag("harbour"), t2 = tag("budget");
    int64_t a = story("a", "A", {t1, t2});
    int64_t b = story("b", "B", {t2});
    auto links = readership().tags_of({a, b});
    ASSERT_EQ(links.size(), 3u);
    EXPECT_EQ(links[0].story_id, a);
    EXPECT_EQ(links[0].tag.slug, "harbour");
    EXPECT_EQ(links[2].story_id, b);
    EXPECT_EQ(links[2].tag.slug, "budget");
}

TEST_F(ReadershipStoreTest, RelatedPrefersRareSharedTagsThenSharedWordsThenRecency) {
    int64_t rare = tag("harbour-strike"), common = tag("politics");
    int64_t self = story("self", "Dock workers extend harbour strike", {rare, common}, kT0);
    // Many stories on the common tag make it weigh little.
    for (int i = 0; i < 20; ++i)
        story("filler-" + std::to_string(i), "Parliament sits", {common},
              kT0 + std::chrono::hours(i));
    int64_t shares_rare = story("rare", "Ferries cancelled", {rare}, kT0 - std::chrono::hours(5));
    int64_t shares_words =
        story("words", "Harbour strike talks resume", {common}, kT0 - std::chrono::hours(9));
    int64_t draft = story("draft", "Harbour strike draft", {rare}, kT0, StoryStatus::draft);

    auto inputs = readership().related_inputs(self, 30, 10000);
    EXPECT_EQ(inputs.headline, "Dock workers extend harbour strike");
    ASSERT_EQ(inputs.tags.size(), 2u);
    EXPECT_EQ(inputs.tags[0].stories, 2);   // self and shares_rare
    EXPECT_EQ(inputs.tags[1].stories, 22);  // self, 20 fillers, shares_words
    for (const auto& c : inputs.candidates) {
        EXPECT_NE(c.story_id, self);
        EXPECT_NE(c.story_id, draft);
    }
    auto ranked = rank_related(inputs, {self}, 3);
    ASSERT_EQ(ranked.size(), 3u);
    EXPECT_EQ(ranked[0], shares_rare);
    EXPECT_EQ(ranked[1], shares_words);

    // Bounded: only the newest per_tag stories of each tag are weighed.
    EXPECT_LE(readership().related_inputs(self, 5, 10000).candidates.size(), 10u);
    EXPECT_TRUE(readership().related_inputs(draft, 5, 10000).candidates.empty());
}

// The tag counts Related weighs by are kept by triggers (migration 11):
// they follow every way a story starts or stops being published with a tag.
TEST_F(ReadershipStoreTest, TagCountsFollowPublishingRetaggingAndDeletes) {
    int64_t a = tag("harbour"), b = tag("ferries");
    int64_t self = story("self", "Harbour reopens", {a, b});
    auto counts = [&] {
        auto in = readership().related_inputs(self, 30, 10000);
        std::vector<int64_t> out;
        for (const auto& t : in.tags)
            out.push_back(t.stories);
        return out;
    };
    EXPECT_EQ(counts(), (std::vector<int64_t>{1, 1}));
    int64_t other = story("other", "Ferries resume", {a, b});
    int64_t draft = story("draft", "Ferries draft", {a, b}, kT0, StoryStatus::draft);
    EXPECT_EQ(counts(), (std::vector<int64_t>{2, 2}));

    // Unpublished, then published again with one tag fewer.
    auto s = *store_->stories().by_id(other);
    s.status = StoryStatus::draft;
    ASSERT_TRUE(store_->stories().update(s));
    EXPECT_EQ(counts(), (std::vector<int64_t>{1, 1}));
    s = *store_->stories().by_id(other);
    s.status = StoryStatus::published;
    s.tag_ids = {a};
    ASSERT_TRUE(store_->stories().update(s));
    EXPECT_EQ(counts(), (std::vector<int64_t>{2, 1}));

    // The draft published; then a published story deleted.
    auto d = *store_->stories().by_id(draft);
    d.status = StoryStatus::published;
    d.published_at = kT0;
    ASSERT_TRUE(store_->stories().update(d));
    EXPECT_EQ(counts(), (std::vector<int64_t>{3, 2}));
    ASSERT_TRUE(store_->stories().remove(other));
    EXPECT_EQ(counts(), (std::vector<int64_t>{2, 2}));

    // Counted up to the cap asked for.
    for (const auto& t : readership().related_inputs(self, 30, 1).tags)
        EXPECT_EQ(t.stories, 1);
}

}  // namespace
}  // namespace dateline
