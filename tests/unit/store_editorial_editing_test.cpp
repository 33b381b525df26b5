// Editing media metadata, shorts, static pages, collections, redirects and
// settings through the SQLite store.
#include "sqlite_store_fixture.h"

namespace dateline {
namespace {

using EditorialEditingTest = SqliteStoreTest;

TEST_F(EditorialEditingTest, MediaMetadataUpdatesWithItsVersion) {
    int64_t id = media("2026/11/a/original.jpg");
    MediaAsset m = *store().media().by_id(id);
    EXPECT_EQ(m.version, 1);
    m.alt = "Harbour at dawn";
    m.caption = "The harbour";
    m.credit = "Jane Doe";
    m.focal_x = 0.1;
    m.focal_y = 0.9;
    m.path = "elsewhere.jpg";  // not editable: ignored
    ASSERT_TRUE(store().media().update(m).ok());
    MediaAsset after = *store().media().by_id(id);
    EXPECT_EQ(after.alt, "Harbour at dawn");
    EXPECT_EQ(after.credit, "Jane Doe");
    EXPECT_DOUBLE_EQ(after.focal_x, 0.1);
    EXPECT_DOUBLE_EQ(after.focal_y, 0.9);
    EXPECT_EQ(after.path, "2026/11/a/original.jpg");
    EXPECT_EQ(after.version, 2);

    auto stale = store().media().update(m);
    EXPECT_EQ(stale.error().kind, ErrorKind::conflict);
    after.focal_y = 1.5;
    EXPECT_EQ(store().media().update(after).error().field, "focal_y");
    after.focal_y = 0.5;
    after.focal_x = -0.1;
    EXPECT_EQ(store().media().update(after).error().field, "focal_x");
    after.focal_x = 0.5;
    after.id = 9999;
    EXPECT_EQ(store().media().update(after).error().kind, ErrorKind::not_found);
}

TEST_F(EditorialEditingTest, AHeroOfAPublishedStoryKeepsItsAltAndCannotBeRemoved) {
    int64_t sec = section("news");
    int64_t hero = media("hero.jpg");
    int64_t spare = media("spare.jpg");
    Story s = published(sec, "with-hero", kT0);
    s.hero_media_id = hero;
    create(s);

    MediaAsset m = *store().media().by_id(hero);
    m.alt = " ";
    auto no_alt = store().media().update(m);
    EXPECT_EQ(no_alt.error().kind, ErrorKind::invalid);
    EXPECT_EQ(no_alt.error().field, "alt");
    EXPECT_EQ(store().media().by_id(hero)->alt, "Alt of hero.jpg");

    auto in_use = store().media().remove(hero);
    EXPECT_EQ(in_use.error().kind, ErrorKind::conflict);
    EXPECT_NE(in_use.error().message.find("hero"), std::string::npos);
    EXPECT_TRUE(store().media().by_id(hero));

    ASSERT_TRUE(store().media().remove(spare).ok());
    EXPECT_FALSE(store().media().by_id(spare));
    EXPECT_EQ(store().media().remove(spare).error().kind, ErrorKind::not_found);
}

TEST_F(EditorialEditingTest, MediaListsNewestFirstAndFiltersItsText) {
    for (int i = 0; i < 3; ++i) {
        MediaAsset m;
        m.path = "img-" + std::to_string(i) + ".jpg";
        m.mime = "image/jpeg";
        m.width = 100;
        m.height = 100;
        m.caption = i == 1 ? "The Harbour at dawn" : "Other";
        m.created_at = kT0 + std::chrono::hours(i);
        must(store().media().create(m));
    }
    auto all = store().media().page(ListQuery{});
    ASSERT_TRUE(all.ok());
    EXPECT_EQ(all->total, 3);
    ASSERT_EQ(all->items.size(), 3u);
    EXPECT_EQ(all->items[0].path, "img-2.jpg");
    EXPECT_EQ(all->items[2].path, "img-0.jpg");
    auto harbour = store().media().page(ListQuery{"harbour", "", 50, 0});
    ASSERT_EQ(harbour->items.size(), 1u);
    EXPECT_EQ(harbour->items[0].path, "img-1.jpg");
    EXPECT_EQ(store().media().page(ListQuery{"img-0", "", 50, 0})->total, 1);
    EXPECT_EQ(store().media().page(ListQuery{"", "path", 1, 0})->items[0].path, "img-0.jpg");
    EXPECT_EQ(store().media().page(ListQuery{"", "alt", 1, 0}).error().field, "sort");
}

TEST_F(EditorialEditingTest, ShortsEditRemoveAndList) {
    int64_t id = must(store().shorts().create(Short{0, {}, "First", "One.", kT0, "", {}}));
    must(store().shorts().create(Short{0, {}, "Second", "Two.", kT0 + 1h, "", {}}));
    Short s = *store().shorts().by_id(id);
    EXPECT_EQ(s.version, 1);
    EXPECT_EQ(s.headline, "First");
    s.summary = "Changed.";
    ASSERT_TRUE(store().shorts().update(s).ok());
    EXPECT_EQ(store().shorts().by_id(id)->summary, "Changed.");
    EXPECT_EQ(store().shorts().update(s).error().kind, ErrorKind::conflict);

    Short fresh = *store().shorts().by_id(id);
    fresh.summary = "";
    EXPECT_EQ(store().shorts().update(fresh).error().field, "summary");
    fresh.summary = "Ok.";
    fresh.story_id = 9999;
    EXPECT_EQ(store().shorts().update(fresh).error().field, "story_id");

    auto page = store().shorts().page(ListQuery{});
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->total, 2);
    EXPECT_EQ(page->items[0].headline, "Second");
    EXPECT_EQ(store().shorts().page(ListQuery{"changed", "", 50, 0})->total, 1);

    ASSERT_TRUE(store().shorts().remove(id).ok());
    EXPECT_FALSE(store().shorts().by_id(id));
    EXPECT_EQ(store().shorts().remove(id).error().kind, ErrorKind::not_found);
}

TEST_F(EditorialEditingTest, StaticPagesEditRemoveAndList) {
    int64_t about = must(store().pages().create(StaticPage{0, "about", "About us", "", "", kT0}));
    must(store().pages().create(StaticPage{0, "contact", "Contact", "", "", kT0 + 1s}));
    StaticPage p = *store().pages().by_id(about);
    EXPECT_EQ(p.version, 1);
    p.slug = "contact";
    EXPECT_EQ(store().pages().update(p).error().message, "slug 'contact' is taken");
    p.slug = "about";
    p.title = "";
    EXPECT_EQ(store().pages().update(p).error().field, "title");
    p.title = "About the Ledger";
    p.updated_at = kT0 + 1h;
    ASSERT_TRUE(store().pages().update(p).ok());
    EXPECT_EQ(store().pages().by_slug("about")->title, "About the Ledger");
    EXPECT_EQ(store().pages().update(p).error().kind, ErrorKind::conflict);

    auto newest = store().pages().page(ListQuery{"", "-updated_at", 50, 0});
    ASSERT_TRUE(newest.ok());
    EXPECT_EQ(newest->items[0].slug, "about");
    EXPECT_EQ(store().pages().page(ListQuery{"CONTACT", "", 50, 0})->total, 1);

    ASSERT_TRUE(store().pages().remove(about).ok());
    EXPECT_FALSE(store().pages().by_slug("about"));
    EXPECT_EQ(store().pages().remove(about).error().kind, ErrorKind::not_found);
}

TEST_F(EditorialEditingTest, CollectionsReorderPinExpireAndKeepTheirStoriesOnRemoval) {
    int64_t sec = section("news");
    int64_t a = create(published(sec, "a", kT0));
    int64_t b = create(published(sec, "b", kT0));
    int64_t c = create(published(sec, "c", kT0));
    int64_t id = must(store().collections().create(
        Collection{0, "top", "Top", {{a, 0, false, {}}, {b, 0, false, {}}}}));
    Collection got = *store().collections().by_id(id);
    EXPECT_EQ(got.version, 1);
    ASSERT_EQ(got.items.size(), 2u);
    EXPECT_EQ(got.items[0].story_id, a);

    // Reorder, pin the last, expire one in the past: by_id still shows it,
    // the site's by_slug leaves it out.
    got.items = {{c, 0, false, kT0 - 1h}, {b, 0, false, {}}, {a, 0, true, {}}};
    got.name = "Top stories";
    ASSERT_TRUE(store().collections().update(got).ok());
    Collection edited = *store().collections().by_id(id);
    EXPECT_EQ(edited.version, 2);
    EXPECT_EQ(edited.name, "Top stories");
    ASSERT_EQ(edited.items.size(), 3u);
    EXPECT_EQ(edited.items[0].story_id, a);  // pinned first
    EXPECT_TRUE(edited.items[0].pinned);
    EXPECT_EQ(edited.items[1].story_id, c);
    ASSERT_TRUE(edited.items[1].expires_at);
    auto live = store().collections().by_slug("top", kT0);
    ASSERT_EQ(live->items.size(), 2u);
    EXPECT_EQ(live->items[1].story_id, b);

    EXPECT_EQ(store().collections().update(got).error().kind, ErrorKind::conflict);
    Collection twice = edited;
    twice.items = {{a, 0, false, {}}, {a, 1, false, {}}};
    EXPECT_EQ(store().collections().update(twice).error().field, "items");
    EXPECT_EQ(store().collections().by_id(id)->items.size(), 3u);  // rolled back
    EXPECT_EQ(store().collections().create(Collection{0, "top", "Again", {}}).error().kind,
              ErrorKind::conflict);

    auto page = store().collections().page(ListQuery{"top", "", 50, 0});
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->total, 1);

    ASSERT_TRUE(store().collections().remove(id).ok());
    EXPECT_FALSE(store().collections().by_id(id));
    EXPECT_TRUE(store().stories().by_id(a));
    EXPECT_EQ(store().collections().remove(id).error().kind, ErrorKind::not_found);
}

TEST_F(EditorialEditingTest, RedirectsValidateVersionRemoveAndList) {
    EXPECT_EQ(store().redirects().put(Redirect{"/a", "b", 301}).error().field, "to_path");
    EXPECT_EQ(store().redirects().put(Redirect{"/a", "", 301}).error().field, "to_path");
    EXPECT_EQ(store().redirects().put(Redirect{"/a", "/b", 303}).error().field, "status");
    EXPECT_TRUE(store().redirects().put(Redirect{"/gone", "", 410}).ok());

    ASSERT_TRUE(store().redirects().put(Redirect{"/old", "/new", 301}).ok());
    Redirect r = *store().redirects().find("/old");
    EXPECT_EQ(r.version, 1);
    r.to_path = "/newer";
    ASSERT_TRUE(store().redirects().put(r).ok());
    EXPECT_EQ(store().redirects().find("/old")->version, 2);
    auto stale = store().redirects().put(r);
    EXPECT_EQ(stale.error().kind, ErrorKind::conflict);
    EXPECT_NE(stale.error().message.find("(version 2)"), std::string::npos);
    Redirect unknown{"/never", "/x", 301, 3};
    EXPECT_EQ(store().redirects().put(unknown).error().kind, ErrorKind::not_found);

    for (int i = 0; i < 4; ++i)
        ASSERT_TRUE(store().redirects().put(Redirect{"/p" + std::to_string(i), "/q", 302}).ok());
    auto page = store().redirects().page(ListQuery{"", "", 2, 0});
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->total, 6);
    ASSERT_EQ(page->items.size(), 2u);
    EXPECT_EQ(page->items[0].from_path, "/gone");
    EXPECT_EQ(store().redirects().page(ListQuery{"/NEWER", "", 50, 0})->total, 1);
    EXPECT_EQ(store().redirects().page(ListQuery{"", "-status", 1, 0})->items[0].status, 410);

    ASSERT_TRUE(store().redirects().remove("/old").ok());
    EXPECT_FALSE(store().redirects().find("/old"));
    EXPECT_EQ(store().redirects().remove("/old").error().kind, ErrorKind::not_found);
}

TEST_F(EditorialEditingTest, SettingsGetAndRemove) {
    EXPECT_FALSE(store().settings().get("site.title"));
    ASSERT_TRUE(store().settings().set("site.title", "The Ledger").ok());
    EXPECT_EQ(store().settings().get("site.title"), "The Ledger");
    ASSERT_TRUE(store().settings().remove("site.title").ok());
    EXPECT_FALSE(store().settings().get("site.title"));
    EXPECT_EQ(store().settings().remove("site.title").error().kind, ErrorKind::not_found);
}

}  // namespace
}  // namespace dateline
