// The shared rail lists: read once, dropped by the changes that touch them,
// never kept from a read an invalidation overtook.
#include "site/rails_cache.h"

#include <gtest/gtest.h>

#include "model/dependencies.h"
#include "render/page_cache.h"
#include "render/template.h"

namespace dateline {
namespace {

constexpr Timestamp kNow{std::chrono::seconds{1700000000}};

struct CountingLoader {
    int loads = 0;
    RailLists next;
    RailsCache::Loader loader() {
        return [this] {
            ++loads;
            return next;
        };
    }
};

RailLists lists_with_story(int64_t id) {
    RailLists lists;
    StorySummary s;
    s.id = id;
    s.section.slug = "world";
    lists.latest.push_back({std::make_shared<const StorySummary>(s), nullptr});
    lists.dependencies = {std::string(deps::kLatest), deps::story(id)};
    return lists;
}

TEST(RailsCache, ReadsOnceUntilAChangeTouchesTheLists) {
    RailsCache cache;
    CountingLoader load;
    load.next = lists_with_story(7);
    auto first = cache.get(kNow, {}, load.loader());
    auto second = cache.get(kNow, {}, load.loader());
    EXPECT_EQ(load.loads, 1);
    EXPECT_EQ(first, second);

    cache.invalidate({"tag:unrelated", deps::section("sport")});
    cache.get(kNow, {}, load.loader());
    EXPECT_EQ(load.loads, 1) << "a change the lists do not show keeps them";

    for (const auto& key : {deps::story(7), std::string(deps::kLatest), std::string(kEverything)}) {
        cache.invalidate({key});
        cache.get(kNow, {}, load.loader());
        cache.get(kNow, {}, load.loader());
    }
    EXPECT_EQ(load.loads, 4) << "each touching change reads the lists once more";
}

TEST(RailsCache, KeepsNothingReadWhileAChangeCameIn) {
    RailsCache cache;
    int loads = 0;
    auto racing = [&] {
        ++loads;
        // A write lands and invalidates while this read is under way: what
        // it read may be from before the write.
        cache.invalidate({"tag:anything"});
        return lists_with_story(1);
    };
    auto lists = cache.get(kNow, {}, racing);
    EXPECT_EQ(lists->latest.size(), 1u) << "the caller still gets what was read";
    cache.get(kNow, {}, racing);
    EXPECT_EQ(loads, 2) << "the overtaken read was not kept";

    CountingLoader calm;
    calm.next = lists_with_story(1);
    cache.get(kNow, {}, calm.loader());
    cache.get(kNow, {}, calm.loader());
    EXPECT_EQ(calm.loads, 1);
}

TEST(RailsCache, ReadsAgainWhenACollectionItemExpiresOrMostReadChanges) {
    RailsCache cache;
    CountingLoader load;
    load.next = lists_with_story(3);
    load.next.valid_until = kNow + std::chrono::minutes(5);
    load.next.most_read_ids = {3, 4};
    cache.get(kNow, {3, 4}, load.loader());
    cache.get(kNow + std::chrono::minutes(4), {3, 4}, load.loader());
    EXPECT_EQ(load.loads, 1);
    cache.get(kNow + std::chrono::minutes(5), {3, 4}, load.loader());
    EXPECT_EQ(load.loads, 2) << "an expired Top Stories item must go";
    load.next.valid_until.reset();
    cache.get(kNow, {4, 3}, load.loader());
    EXPECT_EQ(load.loads, 3) << "Most Read names other stories";
}

// A shared view reads through to the one it holds, in templates too, and
// refuses changes.
TEST(SharedView, RendersLikeTheViewItHolds) {
    View card;
    card.set("headline", "Harbour <reopens>");
    card.set("live", true);
    auto shared = std::make_shared<const View>(card);
    View page;
    View list = view_list();
    list.push_back(View(shared));
    list.push_back(View(shared));
    page.set("cards", std::move(list));
    auto t = Template::compile("{{#cards}}[{{headline}}{{#live}}!{{/live}}]{{/cards}}");
    ASSERT_TRUE(t);
    EXPECT_EQ(t->render(page), "[Harbour &lt;reopens&gt;!][Harbour &lt;reopens&gt;!]");
    View held(shared);
    EXPECT_EQ(held.kind(), View::type::object);
    EXPECT_THROW(held.set("headline", "changed"), std::logic_error);
    EXPECT_THROW(held.push_back(View("x")), std::logic_error);
    EXPECT_EQ(shared->get("headline")->text(), "Harbour <reopens>");
}

}  // namespace
}  // namespace dateline
