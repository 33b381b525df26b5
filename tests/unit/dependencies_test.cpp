#include "model/dependencies.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace dateline {
namespace {

TEST(DependencyKeys, Spelling) {
    EXPECT_EQ(deps::story(42), "story:42");
    EXPECT_EQ(deps::section("world"), "section:world");
    EXPECT_EQ(deps::tag("budget"), "tag:budget");
    EXPECT_EQ(deps::author("jane-doe"), "author:jane-doe");
    EXPECT_EQ(deps::show("the-brief"), "show:the-brief");
    EXPECT_EQ(deps::event("election-2024"), "event:election-2024");
    EXPECT_EQ(deps::page("about"), "page:about");
    EXPECT_EQ(deps::collection("top-stories"), "collection:top-stories");
    EXPECT_EQ(deps::media(7), "media:7");
    EXPECT_EQ(deps::kNavigation, "*");
}

bool contains(const std::vector<std::string>& keys, const std::string& key) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

TEST(TouchedBy, ListsEverythingAStoryAppearsOn) {
    StoryPage page;
    page.story.id = 42;
    page.section = Section{3, "cricket", "Cricket", "", 1, 0};
    page.parent_section = Section{1, "sport", "Sport", "", std::nullopt, 0};
    page.authors = {Author{5, "jane-doe", "Jane Doe", AuthorKind::person, "", ""},
                    Author{6, "sports-desk", "Sports Desk", AuthorKind::desk, "", ""}};
    page.tags = {Tag{7, "ashes", "Ashes", ""}};
    page.events = {EventHub{8, "world-cup", "World Cup", "", 0}};
    page.show = Show{9, "match-day", "Match Day", "", 0};

    auto keys = deps::touched_by(page);
    for (const char* expected :
         {"story:42", "latest", "section:cricket", "section:sport", "author:jane-doe",
          "author:sports-desk", "tag:ashes", "event:world-cup", "show:match-day"}) {
        EXPECT_TRUE(contains(keys, expected)) << expected;
    }
    EXPECT_EQ(keys.size(), 9u);
    EXPECT_FALSE(contains(keys, "*"));
}

TEST(TouchedBy, MinimalStoryTouchesItselfLatestAndItsSection) {
    StoryPage page;
    page.story.id = 1;
    page.section.slug = "world";
    auto keys = deps::touched_by(page);
    std::sort(keys.begin(), keys.end());
    EXPECT_EQ(keys, (std::vector<std::string>{"latest", "section:world", "story:1"}));
}

}  // namespace
}  // namespace dateline
