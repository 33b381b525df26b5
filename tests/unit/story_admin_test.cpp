// The newsroom's side of the story store: owner and embargo, the list of
// every status, scheduled stories that are due, and deletion.
#include "sqlite_store_fixture.h"

namespace dateline {
namespace {

class StoryAdminTest : public SqliteStoreTest {
  protected:
    int64_t user(const std::string& email) {
        User u;
        u.email = email;
        u.name = "User " + email;
        u.role = Role::editor;
        u.password_hash = "x";
        u.created_at = kT0;
        return must(store().users().create(u), "user");
    }
    static std::vector<int64_t> ids(const Result<Paged<StoryListItem>>& page) {
        std::vector<int64_t> out;
        if (!page.ok()) {
            ADD_FAILURE() << page.error().message;
            return out;
        }
        for (const auto& s : page->items)
            out.push_back(s.id);
        return out;
    }
};

TEST_F(StoryAdminTest, OwnerAndEmbargoAreStoredAndChecked) {
    int64_t sec = section("news");
    int64_t jane = user("jane@example.com");
    Story s = draft(sec, "owned");
    s.owner_id = jane;
    s.embargo_until = kT0 + 2h;
    int64_t id = create(s);
    Story got = *store().stories().by_id(id);
    EXPECT_EQ(got.owner_id, jane);
    ASSERT_TRUE(got.embargo_until);
    EXPECT_EQ(*got.embargo_until, kT0 + 2h);

    got.embargo_until.reset();
    got.owner_id.reset();
    ASSERT_TRUE(store().stories().update(got).ok());
    Story cleared = *store().stories().by_id(id);
    EXPECT_FALSE(cleared.owner_id);
    EXPECT_FALSE(cleared.embargo_until);

    Story unknown = draft(sec, "unknown-owner");
    unknown.owner_id = 9999;
    auto r = store().stories().create(unknown);
    EXPECT_EQ(r.error().kind, ErrorKind::invalid);
    EXPECT_EQ(r.error().field, "owner_id");

    // Scheduled before its embargo lifts: refused.
    Story early = draft(sec, "early");
    early.status = StoryStatus::scheduled;
    early.published_at = kT0 + 1h;
    early.embargo_until = kT0 + 2h;
    EXPECT_EQ(store().stories().create(early).error().field, "published_at");
    early.published_at = kT0 + 2h;
    EXPECT_TRUE(store().stories().create(early).ok());
}

TEST_F(StoryAdminTest, AStaleStoryUpdateNamesTheCurrentVersion) {
    int64_t id = create(draft(section("news"), "v"));
    Story s = *store().stories().by_id(id);
    ASSERT_TRUE(store().stories().update(s).ok());
    auto stale = store().stories().update(s);
    EXPECT_EQ(stale.error().kind, ErrorKind::conflict);
    EXPECT_EQ(stale.error().message,
              "story " + std::to_string(id) + " was changed by someone else (version 2)");
}

TEST_F(StoryAdminTest, AdminListShowsEveryStatusWithFilters) {
    int64_t news = section("news");
    int64_t sport = section("sport");
    int64_t jane = author("jane");
    int64_t joe = author("joe");
    int64_t owner = user("owner@example.com");

    Story d = draft(news, "draft-budget");
    d.headline = "Budget draft";
    d.author_ids = {jane, joe};
    d.owner_id = owner;
    d.updated_at = kT0 + 3h;
    int64_t draft_id = create(d);
    Story p = published(news, "published-vote", kT0);
    p.headline = "Vote passes";
    p.author_ids = {joe};
    p.updated_at = kT0 + 1h;
    int64_t pub_id = create(p);
    Story q = draft(sport, "sport-budget");
    q.headline = "Sport BUDGET cut";
    q.status = StoryStatus::in_review;
    q.updated_at = kT0 + 2h;
    int64_t review_id = create(q);

    AdminStoryQuery all;
    auto everything = store().stories().admin_list(all);
    ASSERT_TRUE(everything.ok());
    EXPECT_EQ(everything->total, 3);
    // Default order: most recently updated first.
    EXPECT_EQ(ids(everything), (std::vector<int64_t>{draft_id, review_id, pub_id}));
    const StoryListItem& first = everything->items[0];
    EXPECT_EQ(first.headline, "Budget draft");
    EXPECT_EQ(first.status, StoryStatus::draft);
    EXPECT_EQ(first.section.slug, "news");
    ASSERT_EQ(first.authors.size(), 2u);
    EXPECT_EQ(first.authors[0].name, "Author jane");
    EXPECT_EQ(first.owner_id, owner);
    EXPECT_FALSE(first.published_at);
    EXPECT_EQ(first.version, 1);
    EXPECT_EQ(everything->items[2].published_at, kT0);

    AdminStoryQuery by_status;
    by_status.status = StoryStatus::in_review;
    EXPECT_EQ(ids(store().stories().admin_list(by_status)), (std::vector<int64_t>{review_id}));
    AdminStoryQuery by_section;
    by_section.section_id = news;
    EXPECT_EQ(store().stories().admin_list(by_section)->total, 2);
    AdminStoryQuery by_author;
    by_author.author_id = joe;
    EXPECT_EQ(ids(store().stories().admin_list(by_author)),
              (std::vector<int64_t>{draft_id, pub_id}));
    AdminStoryQuery by_owner;
    by_owner.owner_id = owner;
    EXPECT_EQ(ids(store().stories().admin_list(by_owner)), (std::vector<int64_t>{draft_id}));
    AdminStoryQuery by_text;
    by_text.text = "budget";
    EXPECT_EQ(store().stories().admin_list(by_text)->total, 2);
    by_text.section_id = sport;
    EXPECT_EQ(ids(store().stories().admin_list(by_text)), (std::vector<int64_t>{review_id}));

    AdminStoryQuery sorted;
    sorted.sort = "headline";
    sorted.limit = 2;
    auto page1 = store().stories().admin_list(sorted);
    EXPECT_EQ(page1->total, 3);
    EXPECT_EQ(ids(page1), (std::vector<int64_t>{draft_id, review_id}));
    sorted.offset = 2;
    EXPECT_EQ(ids(store().stories().admin_list(sorted)), (std::vector<int64_t>{pub_id}));

    AdminStoryQuery bad;
    bad.sort = "body_text";
    EXPECT_EQ(store().stories().admin_list(bad).error().field, "sort");
    bad.sort = "-created_at";
    bad.limit = 0;
    EXPECT_EQ(store().stories().admin_list(bad).error().field, "limit");
}

TEST_F(StoryAdminTest, DueScheduledFindsScheduledStoriesWhoseTimeHasCome) {
    int64_t sec = section("news");
    auto scheduled = [&](const std::string& slug, Timestamp at) {
        Story s = draft(sec, slug);
        s.status = StoryStatus::scheduled;
        s.published_at = at;
        return create(s);
    };
    int64_t later = scheduled("later", kT0 + 2h);
    int64_t now = scheduled("now", kT0);
    int64_t earlier = scheduled("earlier", kT0 - 1h);
    create(published(sec, "already-out", kT0 - 3h));
    create(draft(sec, "draft"));

    EXPECT_EQ(store().stories().due_scheduled(kT0), (std::vector<int64_t>{earlier, now}));
    EXPECT_EQ(store().stories().due_scheduled(kT0 + 3h),
              (std::vector<int64_t>{earlier, now, later}));
    EXPECT_TRUE(store().stories().due_scheduled(kT0 - 2h).empty());
}

TEST_F(StoryAdminTest, RemovingAStoryTakesItsLinksShortsAndCollectionItems) {
    int64_t sec = section("news");
    int64_t t = tag("budget");
    int64_t a = author("jane");
    Story s = published(sec, "gone", kT0);
    s.tag_ids = {t};
    s.author_ids = {a};
    int64_t id = create(s);
    int64_t other = create(published(sec, "stays", kT0));
    int64_t linked = must(store().shorts().create(Short{0, id, "Gone", "Soon.", kT0, "", {}}));
    ASSERT_TRUE(store()
                    .collections()
                    .put(Collection{0, "top", "Top", {{id, 0, false, {}}, {other, 1, false, {}}}})
                    .ok());

    ASSERT_TRUE(store().stories().remove(id).ok());
    EXPECT_FALSE(store().stories().by_id(id));
    EXPECT_FALSE(store().shorts().by_id(linked));
    auto top = store().collections().by_slug("top", kT0);
    ASSERT_EQ(top->items.size(), 1u);
    EXPECT_EQ(top->items[0].story_id, other);
    // The author and tag stay, now free to be removed.
    EXPECT_TRUE(store().authors().remove(a).ok());
    EXPECT_TRUE(store().tags().by_id(t));
    EXPECT_EQ(store().stories().remove(id).error().kind, ErrorKind::not_found);
}

}  // namespace
}  // namespace dateline
