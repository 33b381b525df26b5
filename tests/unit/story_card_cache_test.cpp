// The story card cache: cards read and drawn once, in the order asked, gone
// when their story or hero changes, never kept from a read a change overtook.
#include "site/story_card_cache.h"

#include <gtest/gtest.h>

#include "model/dependencies.h"
#include "render/page_cache.h"

namespace dateline {
namespace {

const char kWide = 'w', kNarrow = 'n';  // two styles: only their addresses count

// A store of published stories 1..9 that counts what it is asked for;
// story 5 is not published.
struct FakeReads {
    int reads = 0, stories_read = 0, made = 0;
    std::optional<int64_t> hero_of_3;
    StoryCardCache::Reader reader() {
        return [this](const std::vector<int64_t>& ids) {
            ++reads;
            std::vector<StorySummary> out;
            for (int64_t id : ids) {
                if (id == 5 || id < 1 || id > 9) continue;
                StorySummary s;
                s.id = id;
                s.headline = "Story " + std::to_string(id);
                if (id == 3 && hero_of_3) {
                    MediaAsset hero;
                    hero.id = *hero_of_3;
                    s.hero = hero;
                }
                out.push_back(s);
                ++stories_read;
            }
            return out;
        };
    }
    StoryCardCache::Maker maker() {
        return [this](const StorySummary& s) {
            ++made;
            View v;
            v.set("headline", s.headline);
            return v;
        };
    }
};

std::vector<std::string> headlines(const std::vector<StoryCardCache::Card>& cards) {
    std::vector<std::string> out;
    for (const auto& c : cards)
        out.push_back(c.view->get("headline")->text());
    return out;
}

TEST(StoryCardCache, ReadsAndDrawsEachCardOnceInTheOrderAsked) {
    StoryCardCache cache;
    FakeReads store;
    auto first = cache.cards({4, 2, 5, 7}, &kWide, cache.ticket(), store.reader(), store.maker());
    EXPECT_EQ(headlines(first), (std::vector<std::string>{"Story 4", "Story 2", "Story 7"}))
        << "the unpublished story is left out";
    auto again = cache.cards({7, 2, 4}, &kWide, cache.ticket(), store.reader(), store.maker());
    EXPECT_EQ(headlines(again), (std::vector<std::string>{"Story 7", "Story 2", "Story 4"}));
    EXPECT_EQ(store.stories_read, 3);
    EXPECT_EQ(store.made, 3);
    EXPECT_EQ(again[0].view, first[2].view) << "the same card, not a copy";

    // Another style draws the card again from the story already kept.
    cache.cards({2}, &kNarrow, cache.ticket(), store.reader(), store.maker());
    EXPECT_EQ(store.stories_read, 3);
    EXPECT_EQ(store.made, 4);
}

TEST(StoryCardCache, ChangesDropTheirStoriesOnly) {
    StoryCardCache cache;
    FakeReads store;
    store.hero_of_3 = 42;
    auto ask = [&] {
        cache.cards({1, 2, 3}, &kWide, cache.ticket(), store.reader(), store.maker());
    };
    ask();
    EXPECT_EQ(store.stories_read, 3);
    cache.invalidate({deps::story(2), "tag:ports", deps::section("world")});
    ask();
    EXPECT_EQ(store.stories_read, 4) << "only story 2 was read again";
    cache.invalidate({deps::media(42)});
    ask();
    EXPECT_EQ(store.stories_read, 5) << "story 3 shows that hero";
    cache.invalidate({std::string(kEverything)});
    ask();
    EXPECT_EQ(store.stories_read, 8);
}

TEST(StoryCardCache, KeepsNothingFromAReadAChangeOvertook) {
    StoryCardCache cache;
    FakeReads store;
    uint64_t ticket = cache.ticket();     // the render's snapshot opens here
    cache.invalidate({deps::story(99)});  // a change lands before the read
    auto cards = cache.cards({1, 2}, &kWide, ticket, store.reader(), store.maker());
    EXPECT_EQ(cards.size(), 2u) << "the render still gets its cards";
    EXPECT_EQ(cache.size(), 0u);
    cache.cards({1, 2}, &kWide, cache.ticket(), store.reader(), store.maker());
    EXPECT_EQ(cache.size(), 2u);
}

TEST(StoryCardCache, ForgetsTheLeastRecentlyUsedBeyondItsCapacity) {
    StoryCardCache cache(3);
    FakeReads store;
    auto ask = [&](std::vector<int64_t> ids) {
        cache.cards(ids, &kWide, cache.ticket(), store.reader(), store.maker());
    };
    ask({1, 2, 3});
    ask({1});  // 1 is now the most recent, 2 the least
    ask({4});
    EXPECT_EQ(cache.size(), 3u);
    int before = store.stories_read;
    ask({1, 3, 4});
    EXPECT_EQ(store.stories_read, before) << "1, 3 and 4 were kept";
    ask({2});
    EXPECT_EQ(store.stories_read, before + 1) << "2 had gone";
}

}  // namespace
}  // namespace dateline
