// Editing sections, authors, tags, shows and event hubs through the SQLite
// store: versions, conflicts, guarded removal and paged lists.
#include "sqlite_store_fixture.h"

namespace dateline {
namespace {

class TaxonomyEditingTest : public SqliteStoreTest {
  protected:
    template <class T>
    static std::vector<std::string> slugs(const Paged<T>& page) {
        std::vector<std::string> out;
        for (const auto& x : page.items)
            out.push_back(x.slug);
        return out;
    }
};

TEST_F(TaxonomyEditingTest, SectionUpdateBumpsTheVersionAndRefusesAStaleOne) {
    int64_t id = section("world");
    auto stored = store().sections().by_id(id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->version, 1);

    Section edit = *stored;
    edit.name = "World news";
    edit.description = "Abroad";
    ASSERT_TRUE(store().sections().update(edit).ok());
    auto after = store().sections().by_id(id);
    EXPECT_EQ(after->name, "World news");
    EXPECT_EQ(after->description, "Abroad");
    EXPECT_EQ(after->version, 2);

    // A second editor still holding version 1 loses, and learns the version.
    edit.name = "Stale";
    auto stale = store().sections().update(edit);
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().kind, ErrorKind::conflict);
    EXPECT_NE(stale.error().message.find("changed by someone else (version 2)"), std::string::npos)
        << stale.error().message;
    EXPECT_EQ(store().sections().by_id(id)->name, "World news");
}

TEST_F(TaxonomyEditingTest, SectionUpdateReportsMissingTakenAndBadInput) {
    int64_t world = section("world");
    section("sport");
    Section s = *store().sections().by_id(world);

    Section missing = s;
    missing.id = 9999;
    EXPECT_EQ(store().sections().update(missing).error().kind, ErrorKind::not_found);

    Section taken = s;
    taken.slug = "sport";
    auto r = store().sections().update(taken);
    EXPECT_EQ(r.error().kind, ErrorKind::conflict);
    EXPECT_EQ(r.error().message, "slug 'sport' is taken");

    Section bad = s;
    bad.slug = "World News";
    EXPECT_EQ(store().sections().update(bad).error().field, "slug");
    Section unnamed = s;
    unnamed.name = "  ";
    EXPECT_EQ(store().sections().update(unnamed).error().field, "name");
    Section orphan = s;
    orphan.parent_id = 9999;
    auto o = store().sections().update(orphan);
    EXPECT_EQ(o.error().kind, ErrorKind::invalid);
    EXPECT_EQ(o.error().field, "parent_id");
    // Nothing of the refused edits was stored.
    EXPECT_EQ(store().sections().by_id(world)->version, 1);
}

TEST_F(TaxonomyEditingTest, SectionCannotNestInsideItselfOrItsDescendants) {
    int64_t world = section("world");
    int64_t europe = section("europe", world);
    int64_t france = section("france", europe);

    Section self = *store().sections().by_id(world);
    self.parent_id = world;
    EXPECT_EQ(store().sections().update(self).error().field, "parent_id");

    Section loop = *store().sections().by_id(world);
    loop.parent_id = france;  // france -> europe -> world
    auto r = store().sections().update(loop);
    EXPECT_EQ(r.error().kind, ErrorKind::invalid);
    EXPECT_EQ(r.error().field, "parent_id");
    EXPECT_FALSE(store().sections().by_id(world)->parent_id.has_value());

    // Moving a leaf elsewhere is fine.
    Section move = *store().sections().by_id(france);
    move.parent_id = world;
    EXPECT_TRUE(store().sections().update(move).ok());
}

TEST_F(TaxonomyEditingTest, SectionRemovalIsRefusedWhileStoriesOrSubsectionsUseIt) {
    int64_t world = section("world");
    int64_t europe = section("europe", world);
    int64_t story = create(draft(europe, "paris"));

    auto parent = store().sections().remove(world);
    EXPECT_EQ(parent.error().kind, ErrorKind::conflict);
    EXPECT_NE(parent.error().message.find("subsections"), std::string::npos);
    auto filed = store().sections().remove(europe);
    EXPECT_EQ(filed.error().kind, ErrorKind::conflict);
    EXPECT_EQ(filed.error().message, "section 'europe' is still used by 1 stories");

    ASSERT_TRUE(store().stories().remove(story).ok());
    EXPECT_TRUE(store().sections().remove(europe).ok());
    EXPECT_TRUE(store().sections().remove(world).ok());
    EXPECT_FALSE(store().sections().by_id(world));
    EXPECT_EQ(store().sections().remove(world).error().kind, ErrorKind::not_found);
}

TEST_F(TaxonomyEditingTest, AuthorsEditAndStayWhileInABylineAndListByPage) {
    int64_t sec = section("news");
    int64_t jane = author("jane-doe");
    int64_t desk = author("news-desk", AuthorKind::desk);
    Story s = draft(sec, "byline");
    s.author_ids = {jane};
    create(s);

    Author a = *store().authors().by_id(jane);
    EXPECT_EQ(a.version, 1);
    a.title = "Political Editor";
    a.kind = AuthorKind::desk;
    ASSERT_TRUE(store().authors().update(a).ok());
    Author after = *store().authors().by_slug("jane-doe");
    EXPECT_EQ(after.title, "Political Editor");
    EXPECT_EQ(after.kind, AuthorKind::desk);
    EXPECT_EQ(after.version, 2);
    EXPECT_EQ(store().authors().update(a).error().kind, ErrorKind::conflict);

    auto in_use = store().authors().remove(jane);
    EXPECT_EQ(in_use.error().kind, ErrorKind::conflict);
    EXPECT_NE(in_use.error().message.find("jane-doe"), std::string::npos);
    EXPECT_TRUE(store().authors().remove(desk).ok());
    EXPECT_FALSE(store().authors().by_id(desk));
    EXPECT_EQ(store().authors().remove(desk).error().kind, ErrorKind::not_found);
}

TEST_F(TaxonomyEditingTest, TagRemovalTakesItOffStoriesAndTrendingOnly) {
    int64_t sec = section("news");
    int64_t budget = tag("budget");
    int64_t tax = tag("tax");
    Story s = draft(sec, "tagged");
    s.tag_ids = {budget, tax};
    int64_t story = create(s);
    ASSERT_TRUE(store().tags().set_trending({budget, tax}).ok());

    ASSERT_TRUE(store().tags().remove(budget).ok());
    auto kept = store().stories().by_id(story);
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->tag_ids, (std::vector<int64_t>{tax}));
    auto trending = store().tags().trending();
    ASSERT_EQ(trending.size(), 1u);
    EXPECT_EQ(trending[0].id, tax);
    EXPECT_EQ(store().tags().remove(budget).error().kind, ErrorKind::not_found);
}

TEST_F(TaxonomyEditingTest, TagUpdateChecksSlugAndVersion) {
    int64_t budget = tag("budget");
    tag("tax");
    Tag t = *store().tags().by_id(budget);
    t.slug = "tax";
    EXPECT_EQ(store().tags().update(t).error().message, "slug 'tax' is taken");
    t.slug = "-bad";
    EXPECT_EQ(store().tags().update(t).error().field, "slug");
    t.slug = "budget-2026";
    t.name = "Budget 2026";
    ASSERT_TRUE(store().tags().update(t).ok());
    EXPECT_EQ(store().tags().by_slug("budget-2026")->version, 2);
    EXPECT_FALSE(store().tags().by_slug("budget"));
}

TEST_F(TaxonomyEditingTest, ShowWithEpisodesStaysAndEventsLeaveTheirStories) {
    int64_t sec = section("video");
    int64_t brief = show("the-brief");
    int64_t empty_show = show("empty");
    int64_t vote = event("vote");
    Story episode = draft(sec, "episode-1");
    episode.kind = StoryKind::video;
    episode.show_id = brief;
    episode.event_ids = {vote};
    int64_t story = create(episode);

    auto in_use = store().shows().remove(brief);
    EXPECT_EQ(in_use.error().kind, ErrorKind::conflict);
    EXPECT_NE(in_use.error().message.find("episodes"), std::string::npos);
    EXPECT_TRUE(store().shows().remove(empty_show).ok());
    EXPECT_EQ(store().shows().remove(empty_show).error().kind, ErrorKind::not_found);

    ASSERT_TRUE(store().events().remove(vote).ok());
    EXPECT_TRUE(store().stories().by_id(story)->event_ids.empty());

    Show sh = *store().shows().by_id(brief);
    sh.position = 5;
    ASSERT_TRUE(store().shows().update(sh).ok());
    EXPECT_EQ(store().shows().by_id(brief)->position, 5);
    EXPECT_EQ(store().shows().update(sh).error().kind, ErrorKind::conflict);

    int64_t poll = event("poll");
    EventHub e = *store().events().by_id(poll);
    e.name = "The poll";
    ASSERT_TRUE(store().events().update(e).ok());
    EXPECT_EQ(store().events().by_slug("poll")->name, "The poll");
    e.id = 9999;
    EXPECT_EQ(store().events().update(e).error().kind, ErrorKind::not_found);
}

TEST_F(TaxonomyEditingTest, PagesSortFilterAndCount) {
    for (auto slug : {"delta", "alpha", "charlie", "bravo", "echo"})
        tag(slug);
    auto first = store().tags().page(ListQuery{"", "", 2, 0});
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(first->total, 5);
    EXPECT_EQ(slugs(*first), (std::vector<std::string>{"alpha", "bravo"}));
    auto last = store().tags().page(ListQuery{"", "", 2, 4});
    EXPECT_EQ(last->total, 5);
    EXPECT_EQ(slugs(*last), (std::vector<std::string>{"echo"}));

    auto down = store().tags().page(ListQuery{"", "-slug", 3, 0});
    EXPECT_EQ(slugs(*down), (std::vector<std::string>{"echo", "delta", "charlie"}));

    // Case-insensitive substring of name or slug; wildcards are literal.
    auto found = store().tags().page(ListQuery{"TAG CH", "", 50, 0});
    EXPECT_EQ(found->total, 1);
    EXPECT_EQ(slugs(*found), (std::vector<std::string>{"charlie"}));
    EXPECT_EQ(store().tags().page(ListQuery{"%", "", 50, 0})->total, 0);

    auto bad_sort = store().tags().page(ListQuery{"", "description", 50, 0});
    ASSERT_FALSE(bad_sort.ok());
    EXPECT_EQ(bad_sort.error().field, "sort");
    EXPECT_NE(bad_sort.error().message.find("name, slug"), std::string::npos);
    EXPECT_EQ(store().tags().page(ListQuery{"", "name; DROP TABLE tags", 50, 0}).error().field,
              "sort");
    EXPECT_EQ(store().tags().page(ListQuery{"", "", 0, 0}).error().field, "limit");
    EXPECT_EQ(store().tags().page(ListQuery{"", "", 501, 0}).error().field, "limit");
    EXPECT_EQ(store().tags().page(ListQuery{"", "", 10, -1}).error().field, "offset");
}

TEST_F(TaxonomyEditingTest, EveryTaxonomyListsByPage) {
    int64_t world = section("world", std::nullopt, 2);
    section("sport", std::nullopt, 1);
    section("europe", world, 0);
    auto sections = store().sections().page(ListQuery{});
    ASSERT_TRUE(sections.ok());
    EXPECT_EQ(sections->total, 3);
    EXPECT_EQ(slugs(*sections), (std::vector<std::string>{"europe", "sport", "world"}));
    EXPECT_EQ(slugs(*store().sections().page(ListQuery{"", "-name", 50, 0})),
              (std::vector<std::string>{"world", "sport", "europe"}));

    author("zoe");
    author("adam");
    EXPECT_EQ(slugs(*store().authors().page(ListQuery{"", "", 1, 0})),
              (std::vector<std::string>{"adam"}));
    EXPECT_EQ(store().authors().page(ListQuery{"", "position", 1, 0}).error().field, "sort");

    show("b-show", 2);
    show("a-show", 1);
    EXPECT_EQ(slugs(*store().shows().page(ListQuery{"", "-position", 50, 0})),
              (std::vector<std::string>{"b-show", "a-show"}));
    event("vote", 1);
    event("poll", 0);
    auto events = store().events().page(ListQuery{"vot", "", 50, 0});
    EXPECT_EQ(events->total, 1);
    EXPECT_EQ(slugs(*events), (std::vector<std::string>{"vote"}));
}

}  // namespace
}  // namespace dateline
