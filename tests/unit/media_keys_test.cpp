// A change to an image reaches every page that shows it: the stories that
// lead with it appear on listings, the home page and the rails as cards.
#include "admin/media_desk.h"
#include "model/dependencies.h"
#include "sqlite_store_fixture.h"

namespace dateline {
namespace {

class MediaKeysTest : public SqliteStoreTest {};

bool has(const std::vector<std::string>& keys, const std::string& key) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

TEST_F(MediaKeysTest, AnImageTouchesThePagesOfThePublishedStoriesLeadingWithIt) {
    int64_t world = section("world");
    int64_t image = media("2026/11/harbour.jpg"), other = media("2026/11/other.jpg");
    auto with_hero = [&](Story s, int64_t hero, std::vector<int64_t> tags = {}) {
        s.hero_media_id = hero;
        s.tag_ids = std::move(tags);
        return create(s);
    };
    int64_t lead_id = with_hero(published(world, "leads-with-it", kT0), image, {tag("ports")});
    int64_t draft_id = with_hero(draft(world, "draft-with-it"), image);
    int64_t elsewhere_id = with_hero(published(world, "other-image", kT0), other);

    EXPECT_EQ(store().stories().published_with_hero(image), std::vector<int64_t>{lead_id});
    auto keys = keys_touched_by_media(store(), image);
    EXPECT_TRUE(has(keys, deps::media(image)));
    EXPECT_TRUE(has(keys, deps::story(lead_id)));
    EXPECT_TRUE(has(keys, std::string(deps::kLatest)));
    EXPECT_TRUE(has(keys, deps::section("world")));
    EXPECT_TRUE(has(keys, deps::tag("ports")));
    EXPECT_FALSE(has(keys, deps::story(draft_id))) << "a draft is on no page";
    EXPECT_FALSE(has(keys, deps::story(elsewhere_id)));
    std::vector<std::string> unique(keys);
    std::sort(unique.begin(), unique.end());
    EXPECT_EQ(std::unique(unique.begin(), unique.end()), unique.end()) << "each key once";

    // An image no published story leads with touches itself only.
    Story unpublished = *store().stories().by_id(elsewhere_id);
    unpublished.status = StoryStatus::draft;
    unpublished.published_at.reset();
    ASSERT_TRUE(store().stories().update(unpublished));
    EXPECT_EQ(keys_touched_by_media(store(), other), std::vector<std::string>{deps::media(other)});
}

}  // namespace
}  // namespace dateline
