// The SQLite backend of store/store.h, on a real database file in a
// temporary folder.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "store/sqlite/database.h"
#include "store/sqlite/migrations.h"
#include "store/store.h"

#include "sqlite_store_fixture.h"

namespace dateline {
namespace {

// --- schema --------------------------------------------------------------

TEST_F(SqliteStoreTest, FreshStoreHasTheCurrentSchemaVersionAndIsEmpty) {
    EXPECT_EQ(store().schema_version(), current_schema_version());
    EXPECT_TRUE(store().is_empty());
    EXPECT_EQ(store().stories().count(), 0);
    EXPECT_EQ(store().users().count(), 0);
}

TEST_F(SqliteStoreTest, MigrateIsIdempotent) {
    auto again = store().migrate();
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(*again, 0);
    EXPECT_EQ(store().schema_version(), current_schema_version());

    // Reopening the file applies nothing either, and keeps the data.
    section("world");
    store_.reset();
    store_ = open(db_path());
    auto reopened = store().migrate();
    ASSERT_TRUE(reopened.ok());
    EXPECT_EQ(*reopened, 0);
    EXPECT_EQ(store().schema_version(), current_schema_version());
    EXPECT_TRUE(store().sections().by_slug("world").has_value());
}

TEST_F(SqliteStoreTest, MigrateOnAnEmptyFileAppliesTheMigrations) {
    fs::path other = dir_ / "unmigrated.db";
    StoreOptions options{other};
    options.migrate = false;
    auto refused = open_store(options);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().kind, ErrorKind::invalid);

    auto store = open(other);  // migrates on open
    EXPECT_EQ(store->schema_version(), current_schema_version());
    EXPECT_EQ(*store->migrate(), 0);
}

TEST_F(SqliteStoreTest, OpenWithoutMigratingAcceptsAMigratedFile) {
    store_.reset();
    StoreOptions options{db_path()};
    options.migrate = false;
    auto store = open_store(options);
    ASSERT_TRUE(store.ok()) << store.error().message;
    EXPECT_EQ((*store)->schema_version(), current_schema_version());
}

TEST_F(SqliteStoreTest, SchemaNewerThanTheProgramIsCorrupt) {
    store_.reset();
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(db_path().c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "INSERT INTO schema_version (version) VALUES (99)", nullptr, nullptr,
                           nullptr),
              SQLITE_OK);
    sqlite3_close(db);
    auto store = open_store(StoreOptions{db_path()});
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.error().kind, ErrorKind::corrupt);
    EXPECT_NE(store.error().message.find("99"), std::string::npos);
}

TEST_F(SqliteStoreTest, AFileThatIsNotADatabaseIsAnIoError) {
    fs::path junk = dir_ / "junk.db";
    {
        std::ofstream out(junk, std::ios::binary);
        for (int i = 0; i < 200; ++i)
            out << "This is certainly not an SQLite database file. ";
    }
    auto store = open_store(StoreOptions{junk});
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.error().kind, ErrorKind::io);
    EXPECT_FALSE(store.error().message.empty());
}

TEST_F(SqliteStoreTest, AFolderInsteadOfADatabaseIsAnIoError) {
    fs::create_directories(dir_ / "a-folder");
    auto store = open_store(StoreOptions{dir_ / "a-folder"});
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.error().kind, ErrorKind::io);
}

int open_descriptors() {
    int n = 0;
    for (const auto& entry : fs::directory_iterator("/proc/self/fd")) {
        (void)entry;
        ++n;
    }
    return n;
}

// Bug: sqlite::Database's constructor opens the connection and then runs
// "PRAGMA journal_mode=WAL"; when that throws (the file is not a database) the
// destructor never runs, so the sqlite3 handle and its file descriptor leak on
// every failed open_store().
TEST_F(SqliteStoreTest, FailedOpenLeaksNoFileDescriptors) {
    fs::path junk = dir_ / "junk.db";
    {
        std::ofstream out(junk, std::ios::binary);
        for (int i = 0; i < 200; ++i)
            out << "This is certainly not an SQLite database file. ";
    }
    int before = open_descriptors();
    for (int i = 0; i < 5; ++i)
        ASSERT_FALSE(open_store(StoreOptions{junk}).ok());
    EXPECT_EQ(open_descriptors(), before);
}

// --- sole writing (bulk loads) --------------------------------------------

// Another process's view of the database: a connection of its own.
class OtherConnection {
  public:
    explicit OtherConnection(const fs::path& path) {
        if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK)
            throw std::runtime_error("cannot open " + path.string());
    }
    ~OtherConnection() { sqlite3_close(db_); }
    // The first column of the first row, or the error's code.
    std::pair<int, std::string> read(const char* sql) {
        sqlite3_stmt* stmt = nullptr;
        int rc = sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr);
        if (rc == SQLITE_OK) rc = sqlite3_step(stmt);
        std::string value;
        if (rc == SQLITE_ROW) {
            const unsigned char* text = sqlite3_column_text(stmt, 0);
            value = text ? reinterpret_cast<const char*>(text) : "";
            rc = SQLITE_OK;
        }
        sqlite3_finalize(stmt);
        return {rc, value};
    }

  private:
    sqlite3* db_ = nullptr;
};

TEST_F(SqliteStoreTest, SoleWritingLocksOthersOutAndReturnsToTheWriteAheadLog) {
    int64_t sec = section("news");
    {
        SoleWriting sole(store());
        ASSERT_TRUE(sole.sole());
        OtherConnection other(db_path());
        EXPECT_EQ(other.read("PRAGMA journal_mode").first, SQLITE_BUSY);
        EXPECT_EQ(other.read("SELECT count(*) FROM stories").first, SQLITE_BUSY);
        create(published(sec, "loaded", kT0));
        sole.finish();
        EXPECT_EQ(other.read("PRAGMA journal_mode"), std::make_pair(SQLITE_OK, std::string("wal")));
        EXPECT_EQ(other.read("SELECT count(*) FROM stories"),
                  std::make_pair(SQLITE_OK, std::string("1")));
    }
    // Every connection is back: a read snapshot held on one thread does not
    // keep a write on another waiting.
    auto snapshot = store().read_snapshot();
    std::thread writer([&] { create(published(sec, "after", kT0 + 1h)); });
    writer.join();
    snapshot.reset();
    EXPECT_EQ(store().stories().count(), 2);
}

TEST_F(SqliteStoreTest, SoleWritingIsRefusedWhileAnotherProcessHasTheDatabaseOpen) {
    int64_t sec = section("news");
    OtherConnection other(db_path());
    ASSERT_EQ(other.read("SELECT count(*) FROM stories").first, SQLITE_OK);
    {
        SoleWriting sole(store());
        EXPECT_FALSE(sole.sole());
        create(published(sec, "shared", kT0));
        EXPECT_EQ(other.read("SELECT count(*) FROM stories"),
                  std::make_pair(SQLITE_OK, std::string("1")));
    }
    EXPECT_EQ(other.read("PRAGMA journal_mode"), std::make_pair(SQLITE_OK, std::string("wal")));
}

TEST_F(SqliteStoreTest, SoleWritingCannotBeginInsideATransaction) {
    auto st = store().transaction([&]() -> Status {
        EXPECT_THROW(store().begin_sole_writing(), std::logic_error);
        return {};
    });
    EXPECT_TRUE(st.ok());
}

TEST_F(SqliteStoreTest, AStoreLeftInSoleWritingOpensAgainOnTheWriteAheadLog) {
    int64_t sec = section("news");
    ASSERT_TRUE(store().begin_sole_writing());
    int64_t id = create(published(sec, "loaded", kT0));
    store_.reset();  // the load ends without end_sole_writing()
    store_ = open(db_path());
    EXPECT_EQ(store().stories().by_id(id)->slug, "loaded");
    OtherConnection other(db_path());
    EXPECT_EQ(other.read("PRAGMA journal_mode"), std::make_pair(SQLITE_OK, std::string("wal")));
}

// --- taxonomy ------------------------------------------------------------

TEST_F(SqliteStoreTest, SectionsCreateReadAndListParentsBeforeChildren) {
    int64_t sport = section("sport", std::nullopt, 2);
    int64_t world = section("world", std::nullopt, 1);
    int64_t cricket = section("cricket", sport, 1);
    int64_t football = section("football", sport, 0);
    int64_t asia = section("asia", world, 0);

    auto by_slug = store().sections().by_slug("cricket");
    ASSERT_TRUE(by_slug.has_value());
    EXPECT_EQ(by_slug->id, cricket);
    EXPECT_EQ(by_slug->name, "Name of cricket");
    EXPECT_EQ(by_slug->parent_id, sport);
    EXPECT_EQ(by_slug->position, 1);
    auto by_id = store().sections().by_id(world);
    ASSERT_TRUE(by_id.has_value());
    EXPECT_EQ(by_id->slug, "world");
    EXPECT_FALSE(by_id->parent_id.has_value());
    EXPECT_FALSE(store().sections().by_slug("nope").has_value());
    EXPECT_FALSE(store().sections().by_id(9999).has_value());

    std::vector<int64_t> order;
    for (const auto& s : store().sections().list())
        order.push_back(s.id);
    EXPECT_EQ(order, (std::vector<int64_t>{world, asia, sport, football, cricket}));
    EXPECT_FALSE(store().is_empty());
}

TEST_F(SqliteStoreTest, SectionErrors) {
    section("world");
    auto dup = store().sections().create(Section{0, "world", "World again", "", {}, 0});
    ASSERT_FALSE(dup.ok());
    EXPECT_EQ(dup.error().kind, ErrorKind::conflict);

    auto bad_slug = store().sections().create(Section{0, "World News", "World", "", {}, 0});
    ASSERT_FALSE(bad_slug.ok());
    EXPECT_EQ(bad_slug.error().kind, ErrorKind::invalid);
    EXPECT_EQ(bad_slug.error().field, "slug");

    auto no_name = store().sections().create(Section{0, "empty", "", "", {}, 0});
    ASSERT_FALSE(no_name.ok());
    EXPECT_EQ(no_name.error().kind, ErrorKind::invalid);
    EXPECT_EQ(no_name.error().field, "name");
}

// Bug: SqliteSectionStore::create reports every constraint failure as a
// conflict "section '...' already exists", so a parent_id that names no
// section gives conflict with a wrong message instead of an invalid error.
TEST_F(SqliteStoreTest, SectionWithUnknownParentIsInvalid) {
    auto orphan = store().sections().create(Section{0, "orphan", "Orphan", "", 9999, 0});
    ASSERT_FALSE(orphan.ok());
    EXPECT_EQ(orphan.error().kind, ErrorKind::invalid) << orphan.error().message;
}

TEST_F(SqliteStoreTest, SectionWithUnknownParentIsRefused) {
    auto orphan = store().sections().create(Section{0, "orphan", "Orphan", "", 9999, 0});
    EXPECT_FALSE(orphan.ok());
    EXPECT_FALSE(store().sections().by_slug("orphan").has_value());
}

TEST_F(SqliteStoreTest, AuthorsCreateReadListAndConflict) {
    int64_t desk = author("explainers-desk", AuthorKind::desk);
    int64_t jane = author("jane-doe");
    auto a = store().authors().by_slug("explainers-desk");
    ASSERT_TRUE(a.has_value());
    EXPECT_EQ(a->id, desk);
    EXPECT_EQ(a->kind, AuthorKind::desk);
    EXPECT_EQ(a->name, "Author explainers-desk");
    auto list = store().authors().list();
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].id, desk);  // by name
    EXPECT_EQ(list[1].id, jane);
    EXPECT_FALSE(store().authors().by_slug("nobody").has_value());

    auto dup = store().authors().create(Author{0, "jane-doe", "Jane", AuthorKind::person, "", ""});
    ASSERT_FALSE(dup.ok());
    EXPECT_EQ(dup.error().kind, ErrorKind::conflict);
}

TEST_F(SqliteStoreTest, TagsCreateReadListAndConflict) {
    int64_t budget = tag("budget");
    tag("election");
    auto t = store().tags().by_slug("budget");
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(t->id, budget);
    EXPECT_EQ(t->name, "Tag budget");
    EXPECT_EQ(store().tags().list().size(), 2u);
    auto dup = store().tags().create(Tag{0, "budget", "Budget", ""});
    ASSERT_FALSE(dup.ok());
    EXPECT_EQ(dup.error().kind, ErrorKind::conflict);
    auto bad = store().tags().create(Tag{0, "-budget", "Budget", ""});
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().kind, ErrorKind::invalid);
}

TEST_F(SqliteStoreTest, ShowsAndEventsListInPositionOrder) {
    int64_t late = show("late-show", 2);
    int64_t early = show("early-show", 1);
    auto shows = store().shows().list();
    ASSERT_EQ(shows.size(), 2u);
    EXPECT_EQ(shows[0].id, early);
    EXPECT_EQ(shows[1].id, late);
    auto s = store().shows().by_slug("late-show");
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(s->position, 2);
    EXPECT_EQ(s->name, "Show late-show");
    EXPECT_EQ(store().shows().create(Show{0, "late-show", "X", "", 0}).error().kind,
              ErrorKind::conflict);

    int64_t budget = event("budget-2024", 5);
    int64_t election = event("election-2024", 0);
    auto events = store().events().list();
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].id, election);
    EXPECT_EQ(events[1].id, budget);
    auto e = store().events().by_slug("budget-2024");
    ASSERT_TRUE(e.has_value());
    EXPECT_EQ(e->position, 5);
    EXPECT_FALSE(store().events().by_slug("nope").has_value());
    EXPECT_EQ(store().events().create(EventHub{0, "budget-2024", "X", "", 0}).error().kind,
              ErrorKind::conflict);
}

TEST_F(SqliteStoreTest, MediaCreateAndRead) {
    int64_t id = media("2026/11/harbour-3.jpg");
    auto m = store().media().by_id(id);
    ASSERT_TRUE(m.has_value());
    EXPECT_EQ(m->path, "2026/11/harbour-3.jpg");
    EXPECT_EQ(m->mime, "image/jpeg");
    EXPECT_EQ(m->width, 1280);
    EXPECT_EQ(m->height, 720);
    EXPECT_EQ(m->bytes, 12345);
    EXPECT_EQ(m->alt, "Alt of 2026/11/harbour-3.jpg");
    EXPECT_DOUBLE_EQ(m->focal_x, 0.25);
    EXPECT_DOUBLE_EQ(m->focal_y, 0.75);
    EXPECT_EQ(m->created_at, kT0);
    EXPECT_FALSE(store().media().by_id(id + 100).has_value());
}

TEST_F(SqliteStoreTest, MediaByPath) {
    int64_t id = media("2026/11/harbour-3.jpg");
    media("2026/11/other.jpg");
    auto m = store().media().by_path("2026/11/harbour-3.jpg");
    ASSERT_TRUE(m.has_value());
    EXPECT_EQ(m->id, id);
    EXPECT_EQ(m->width, 1280);
    EXPECT_EQ(m->created_at, kT0);
    EXPECT_FALSE(store().media().by_path("2026/11/missing.jpg").has_value());
    EXPECT_FALSE(store().media().by_path("").has_value());
}

TEST_F(SqliteStoreTest, MediaErrors) {
    media("a.jpg");
    MediaAsset m;
    m.path = "a.jpg";
    m.width = 10;
    m.height = 10;
    EXPECT_EQ(store().media().create(m).error().kind, ErrorKind::conflict);
    for (const char* bad : {"", "/etc/passwd", "../outside.jpg", "a/../../b.jpg"}) {
        m.path = bad;
        auto r = store().media().create(m);
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().kind, ErrorKind::invalid) << bad;
        EXPECT_EQ(r.error().field, "path") << bad;
    }
    m.path = "b.jpg";
    m.width = 0;
    EXPECT_EQ(store().media().create(m).error().kind, ErrorKind::invalid);
    m.width = 10;
    m.focal_x = 1.5;
    EXPECT_EQ(store().media().create(m).error().kind, ErrorKind::invalid);
}

TEST_F(SqliteStoreTest, MediaRenditionsAreStoredAndRead) {
    MediaAsset m;
    m.path = "2026/11/a-1/original.jpg";
    m.mime = "image/jpeg";
    m.width = 1600;
    m.height = 900;
    m.alt = "Boats";
    m.created_at = kT0;
    for (const char* crop : {"original", "16x9", "1x1"})
        for (const char* format : {"webp", "jpeg"})
            for (int w : {640, 320})
                m.renditions.push_back(MediaRendition{
                    crop, format, w, std::string(crop) == "1x1" ? w : w * 9 / 16,
                    "2026/11/a-1/" + std::string(crop) + "-" + std::to_string(w) + "." + format,
                    100});
    int64_t id = must(store().media().create(m), "media");
    auto read = store().media().by_id(id);
    ASSERT_TRUE(read.has_value());
    ASSERT_EQ(read->renditions.size(), 12u);
    EXPECT_EQ(read->renditions[0].crop, "16x9");  // by crop, format, width
    EXPECT_EQ(read->renditions[0].format, "jpeg");
    EXPECT_EQ(read->renditions[0].width, 320);
    EXPECT_EQ(read->renditions[0].height, 180);
    EXPECT_EQ(read->renditions[0].bytes, 100);
    EXPECT_EQ(store().media().by_path(m.path)->renditions.size(), 12u);

    // A summary carries the 16:9 renditions its card shows; the page all.
    int64_t world = section("world");
    Story s = published(world, "boats", kT0);
    s.hero_media_id = id;
    int64_t story = create(s);
    auto summary = store().stories().summaries({story});
    ASSERT_EQ(summary.size(), 1u);
    ASSERT_TRUE(summary[0].hero.has_value());
    ASSERT_EQ(summary[0].hero->renditions.size(), 4u);
    for (const auto& r : summary[0].hero->renditions)
        EXPECT_EQ(r.crop, "16x9");
    EXPECT_EQ(summary[0].hero->renditions[0].path, "2026/11/a-1/16x9-320.jpeg");
    EXPECT_EQ(store().stories().published_page(story)->hero->renditions.size(), 12u);

    // Stories sharing a hero each carry its files once.
    Story other = published(world, "more-boats", kT0 + 1h);
    other.hero_media_id = id;
    int64_t second = create(other);
    for (const auto& shared : store().stories().summaries({story, second}))
        EXPECT_EQ(shared.hero->renditions.size(), 4u);
    auto pages = store().stories().published_pages({story, second});
    ASSERT_EQ(pages.size(), 2u);
    for (const auto& page : pages)
        EXPECT_EQ(page.hero->renditions.size(), 12u);
}

TEST_F(SqliteStoreTest, MediaRenditionsMustBeSafeAndWellFormed) {
    MediaAsset m;
    m.path = "x/original.jpg";
    m.width = m.height = 10;
    m.renditions.push_back(MediaRendition{"original", "webp", 10, 10, "../x.webp", 1});
    EXPECT_EQ(store().media().create(m).error().field, "renditions");
    m.renditions[0] = MediaRendition{"square", "webp", 10, 10, "x/a.webp", 1};
    EXPECT_EQ(store().media().create(m).error().field, "renditions");
    // Nothing of a refused asset is kept.
    EXPECT_FALSE(store().media().by_path("x/original.jpg").has_value());
}

TEST_F(SqliteStoreTest, AStoryCannotBePublishedWithAHeroWithoutAltText) {
    MediaAsset m;
    m.path = "2026/11/no-alt.jpg";
    m.mime = "image/jpeg";
    m.width = m.height = 10;
    m.alt = "  ";
    int64_t image = must(store().media().create(m), "media");
    int64_t world = section("world");

    Story s = published(world, "no-alt", kT0);
    s.hero_media_id = image;
    auto refused = store().stories().create(s);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().kind, ErrorKind::invalid);
    EXPECT_EQ(refused.error().field, "hero_media_id");
    EXPECT_NE(refused.error().message.find("alt text"), std::string::npos);

    s.status = StoryStatus::scheduled;
    EXPECT_EQ(store().stories().create(s).error().field, "hero_media_id");

    // A draft may carry it; publishing it by update is refused.
    s.status = StoryStatus::draft;
    s.published_at.reset();
    int64_t id = create(s);
    Story stored = *store().stories().by_id(id);
    stored.status = StoryStatus::published;
    stored.published_at = kT0;
    auto st = store().stories().update(stored);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().field, "hero_media_id");
    EXPECT_EQ(store().stories().by_id(id)->status, StoryStatus::draft);

    // With alt text it goes through.
    stored.hero_media_id = media("2026/11/with-alt.jpg");
    EXPECT_TRUE(store().stories().update(stored).ok());
}

TEST_F(SqliteStoreTest, PagesCreateReadAndList) {
    int64_t about = must(
        store().pages().create(StaticPage{0, "about", "About us", "We are", "<p>We are</p>", kT0}));
    must(store().pages().create(StaticPage{0, "contact", "Contact", "", "", kT0 + 1s}));
    auto p = store().pages().by_slug("about");
    ASSERT_TRUE(p.has_value());
    EXPECT_EQ(p->id, about);
    EXPECT_EQ(p->title, "About us");
    EXPECT_EQ(p->body_source, "We are");
    EXPECT_EQ(p->body_html, "<p>We are</p>");
    EXPECT_EQ(p->updated_at, kT0);
    auto list = store().pages().list();
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].slug, "about");
    EXPECT_EQ(list[1].slug, "contact");
    EXPECT_FALSE(store().pages().by_slug("privacy").has_value());

    EXPECT_EQ(store().pages().create(StaticPage{0, "about", "Again", "", "", kT0}).error().kind,
              ErrorKind::conflict);
    auto bad = store().pages().create(StaticPage{0, "About", "About", "", "", kT0});
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().field, "slug");
    auto untitled = store().pages().create(StaticPage{0, "terms", "  ", "", "", kT0});
    ASSERT_FALSE(untitled.ok());
    EXPECT_EQ(untitled.error().field, "title");
}

// --- users and settings --------------------------------------------------

User make_user(const std::string& email) {
    User u;
    u.email = email;
    u.name = "Ed Itor";
    u.role = Role::editor;
    u.password_hash = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA";
    u.created_at = kT0;
    return u;
}

TEST_F(SqliteStoreTest, UsersCreateAndFindByEmailCaseInsensitively) {
    int64_t id = must(store().users().create(make_user("Editor@Example.com")));
    EXPECT_EQ(store().users().count(), 1);
    auto u = store().users().by_email("editor@example.COM");
    ASSERT_TRUE(u.has_value());
    EXPECT_EQ(u->id, id);
    EXPECT_EQ(u->email, "Editor@Example.com");
    EXPECT_EQ(u->name, "Ed Itor");
    EXPECT_EQ(u->role, Role::editor);
    EXPECT_EQ(u->password_hash, "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA");
    EXPECT_FALSE(u->disabled);
    EXPECT_EQ(u->created_at, kT0);
    EXPECT_FALSE(store().users().by_email("other@example.com").has_value());
    EXPECT_FALSE(store().is_empty());
}

TEST_F(SqliteStoreTest, DuplicateEmailIsAConflictWhateverItsCase) {
    must(store().users().create(make_user("editor@example.com")));
    auto same = store().users().create(make_user("editor@example.com"));
    ASSERT_FALSE(same.ok());
    EXPECT_EQ(same.error().kind, ErrorKind::conflict);
    auto shouting = store().users().create(make_user("EDITOR@EXAMPLE.COM"));
    ASSERT_FALSE(shouting.ok());
    EXPECT_EQ(shouting.error().kind, ErrorKind::conflict);
    EXPECT_EQ(store().users().count(), 1);
}

TEST_F(SqliteStoreTest, UserValidation) {
    auto no_at = store().users().create(make_user("not-an-address"));
    ASSERT_FALSE(no_at.ok());
    EXPECT_EQ(no_at.error().kind, ErrorKind::invalid);
    EXPECT_EQ(no_at.error().field, "email");
    User nameless = make_user("x@example.com");
    nameless.name = " ";
    auto r = store().users().create(nameless);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().field, "name");
    EXPECT_EQ(store().users().count(), 0);
}

TEST_F(SqliteStoreTest, SettingsSetReplaceAndListByKey) {
    EXPECT_TRUE(store().settings().all().empty());
    ASSERT_TRUE(store().settings().set("site.title", "The Ledger").ok());
    ASSERT_TRUE(store().settings().set("site.tagline", "News").ok());
    ASSERT_TRUE(store().settings().set("site.title", "The New Ledger").ok());
    using Pairs = std::vector<std::pair<std::string, std::string>>;
    EXPECT_EQ(store().settings().all(),
              (Pairs{{"site.tagline", "News"}, {"site.title", "The New Ledger"}}));
    auto empty_key = store().settings().set("", "x");
    ASSERT_FALSE(empty_key.ok());
    EXPECT_EQ(empty_key.error().kind, ErrorKind::invalid);
}

// --- stories -------------------------------------------------------------

TEST_F(SqliteStoreTest, CreateStoryAndReadItBackWithLinksInOrder) {
    int64_t world = section("world");
    int64_t a1 = author("alice");
    int64_t a2 = author("bob");
    int64_t t1 = tag("budget");
    int64_t t2 = tag("economy");
    int64_t t3 = tag("tax");
    int64_t e1 = event("budget-2024");
    int64_t e2 = event("election-2024");
    int64_t sh = show("the-brief");
    int64_t hero = media("hero.jpg");

    Story s = published(world, "budget-vote", kT0);
    s.kind = StoryKind::analysis;
    s.body_format = BodyFormat::html;
    s.author_ids = {a2, a1};
    s.tag_ids = {t3, t1, t2};
    s.event_ids = {e2, e1};
    s.show_id = sh;
    s.hero_media_id = hero;
    s.agency_credit = true;
    s.content_updated_at = kT0 + 60s;
    s.word_count = 321;
    int64_t id = create(s);
    EXPECT_GT(id, 0);
    EXPECT_EQ(store().stories().count(), 1);

    auto got = store().stories().by_id(id);
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->id, id);
    EXPECT_EQ(got->slug, "budget-vote");
    EXPECT_EQ(got->section_id, world);
    EXPECT_EQ(got->kind, StoryKind::analysis);
    EXPECT_EQ(got->status, StoryStatus::published);
    EXPECT_EQ(got->headline, "Headline of budget-vote");
    EXPECT_EQ(got->standfirst, "Standfirst");
    EXPECT_EQ(got->body_format, BodyFormat::html);
    EXPECT_EQ(got->body_source, "Body");
    EXPECT_EQ(got->body_html, "<p>Body</p>");
    EXPECT_EQ(got->body_text, "Body");
    EXPECT_EQ(got->word_count, 321);
    EXPECT_EQ(got->hero_media_id, hero);
    EXPECT_EQ(got->show_id, sh);
    EXPECT_TRUE(got->agency_credit);
    EXPECT_EQ(got->published_at, kT0);
    EXPECT_EQ(got->content_updated_at, kT0 + 60s);
    EXPECT_EQ(got->created_at, kT0);
    EXPECT_EQ(got->updated_at, kT0);
    EXPECT_EQ(got->version, 1);
    EXPECT_EQ(got->author_ids, (std::vector<int64_t>{a2, a1}));
    EXPECT_EQ(got->tag_ids, (std::vector<int64_t>{t3, t1, t2}));
    auto events = got->event_ids;
    std::sort(events.begin(), events.end());
    EXPECT_EQ(events, (std::vector<int64_t>{e1, e2}));

    EXPECT_FALSE(store().stories().by_id(id + 1).has_value());
}

TEST_F(SqliteStoreTest, DraftWithoutOptionalFieldsReadsBackEmpty) {
    int64_t id = create(draft(section("world"), "quiet"));
    auto got = store().stories().by_id(id);
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->status, StoryStatus::draft);
    EXPECT_FALSE(got->published_at.has_value());
    EXPECT_FALSE(got->content_updated_at.has_value());
    EXPECT_FALSE(got->hero_media_id.has_value());
    EXPECT_FALSE(got->show_id.has_value());
    EXPECT_FALSE(got->agency_credit);
    EXPECT_TRUE(got->author_ids.empty());
    EXPECT_TRUE(got->tag_ids.empty());
    EXPECT_TRUE(got->event_ids.empty());
}

TEST_F(SqliteStoreTest, PublishedPageResolvesEverything) {
    int64_t sport = section("sport");
    int64_t cricket = section("cricket", sport);
    int64_t a1 = author("alice");
    int64_t desk = author("sports-desk", AuthorKind::desk);
    int64_t ashes = tag("ashes");
    int64_t england = tag("england");
    int64_t late = event("world-cup", 2);
    int64_t early = event("ashes-series", 1);
    int64_t sh = show("match-day");
    int64_t hero = media("2026/11/stadium.jpg");

    Story s = published(cricket, "ashes-win", kT0);
    s.author_ids = {desk, a1};
    s.tag_ids = {england, ashes};
    s.event_ids = {late, early};
    s.show_id = sh;
    s.hero_media_id = hero;
    int64_t id = create(s);

    auto page = store().stories().published_page(id);
    ASSERT_TRUE(page.has_value());
    EXPECT_EQ(page->story.id, id);
    EXPECT_EQ(page->story.slug, "ashes-win");
    EXPECT_EQ(page->section.id, cricket);
    EXPECT_EQ(page->section.slug, "cricket");
    ASSERT_TRUE(page->parent_section.has_value());
    EXPECT_EQ(page->parent_section->id, sport);
    EXPECT_EQ(page->parent_section->slug, "sport");
    ASSERT_EQ(page->authors.size(), 2u);
    EXPECT_EQ(page->authors[0].slug, "sports-desk");
    EXPECT_EQ(page->authors[0].kind, AuthorKind::desk);
    EXPECT_EQ(page->authors[1].slug, "alice");
    ASSERT_EQ(page->tags.size(), 2u);
    EXPECT_EQ(page->tags[0].slug, "england");
    EXPECT_EQ(page->tags[1].slug, "ashes");
    ASSERT_EQ(page->events.size(), 2u);
    EXPECT_EQ(page->events[0].slug, "ashes-series");  // in the hubs' own order
    EXPECT_EQ(page->events[1].slug, "world-cup");
    ASSERT_TRUE(page->show.has_value());
    EXPECT_EQ(page->show->slug, "match-day");
    ASSERT_TRUE(page->hero.has_value());
    EXPECT_EQ(page->hero->id, hero);
    EXPECT_EQ(page->hero->path, "2026/11/stadium.jpg");
    EXPECT_EQ(page->hero->alt, "Alt of 2026/11/stadium.jpg");
    EXPECT_EQ(page->hero->width, 1280);
}

TEST_F(SqliteStoreTest, PublishedPageOfTopLevelSectionHasNoParent) {
    int64_t id = create(published(section("world"), "x", kT0));
    auto page = store().stories().published_page(id);
    ASSERT_TRUE(page.has_value());
    EXPECT_FALSE(page->parent_section.has_value());
    EXPECT_FALSE(page->show.has_value());
    EXPECT_FALSE(page->hero.has_value());
    EXPECT_TRUE(page->authors.empty());
}

TEST_F(SqliteStoreTest, OnlyPublishedStoriesHaveAPage) {
    int64_t world = section("world");
    int n = 0;
    for (auto status : {StoryStatus::draft, StoryStatus::in_review, StoryStatus::unpublished,
                        StoryStatus::archived, StoryStatus::scheduled}) {
        Story s = draft(world, "story-" + std::to_string(++n));
        s.status = status;
        s.published_at = kT0;
        int64_t id = create(s);
        EXPECT_FALSE(store().stories().published_page(id).has_value()) << to_string(status);
    }
    EXPECT_FALSE(store().stories().published_page(12345).has_value());
}

TEST_F(SqliteStoreTest, PublishedPagesKeepTheOrderAndEachStorysOwnLinks) {
    int64_t sport = section("sport");
    int64_t cricket = section("cricket", sport);
    int64_t world = section("world");
    int64_t alice = author("alice");
    int64_t bob = author("bob");
    int64_t ashes = tag("ashes");
    int64_t hero = media("2026/11/shared.jpg");
    Story a = published(cricket, "a", kT0);
    a.author_ids = {bob, alice};
    a.tag_ids = {ashes};
    a.hero_media_id = hero;
    a.show_id = show("match-day");
    Story b = published(world, "b", kT0 + 1h);
    b.author_ids = {alice};
    b.hero_media_id = hero;
    Story hidden = draft(world, "hidden");
    int64_t ia = create(a), ib = create(b), ih = create(hidden);

    auto pages = store().stories().published_pages({ib, ih, 99999, ia, ib});
    ASSERT_EQ(pages.size(), 2u);  // the draft and the unknown id left out, b once
    EXPECT_EQ(pages[0].story.id, ib);
    EXPECT_EQ(pages[0].section.slug, "world");
    EXPECT_FALSE(pages[0].parent_section.has_value());
    ASSERT_EQ(pages[0].authors.size(), 1u);
    EXPECT_EQ(pages[0].authors[0].slug, "alice");
    EXPECT_TRUE(pages[0].tags.empty());
    EXPECT_FALSE(pages[0].show.has_value());
    EXPECT_EQ(pages[1].story.id, ia);
    EXPECT_EQ(pages[1].section.slug, "cricket");
    ASSERT_TRUE(pages[1].parent_section.has_value());
    EXPECT_EQ(pages[1].parent_section->slug, "sport");
    ASSERT_EQ(pages[1].authors.size(), 2u);
    EXPECT_EQ(pages[1].authors[0].slug, "bob");
    EXPECT_EQ(pages[1].authors[1].slug, "alice");
    ASSERT_EQ(pages[1].tags.size(), 1u);
    ASSERT_TRUE(pages[1].show.has_value());
    EXPECT_EQ(pages[1].show->slug, "match-day");
    for (const auto& page : pages) {
        ASSERT_TRUE(page.hero.has_value());
        EXPECT_EQ(page.hero->path, "2026/11/shared.jpg");
        EXPECT_EQ(page.hero->bytes, 12345);
    }
    EXPECT_TRUE(store().stories().published_pages({}).empty());
    EXPECT_TRUE(store().stories().published_pages({ih}).empty());
}

TEST_F(SqliteStoreTest, LatestIsNewestFirstAndSkipsDrafts) {
    int64_t world = section("world");
    int64_t old_story = create(published(world, "old", kT0));
    int64_t newest = create(published(world, "newest", kT0 + 2h));
    create(draft(world, "draft"));
    Story unpublished = published(world, "pulled", kT0 + 3h);
    unpublished.status = StoryStatus::unpublished;
    create(unpublished);
    int64_t middle = create(published(world, "middle", kT0 + 1h));

    auto page = store().stories().latest(StoryQuery{});
    EXPECT_EQ(ids(page), (std::vector<int64_t>{newest, middle, old_story}));
    EXPECT_EQ(page.total, 3);
    ASSERT_FALSE(page.items.empty());
    EXPECT_EQ(page.items[0].slug, "newest");
    EXPECT_EQ(page.items[0].section.slug, "world");
    EXPECT_EQ(page.items[0].published_at, kT0 + 2h);
}

TEST_F(SqliteStoreTest, LatestBreaksTiesByNewestId) {
    int64_t world = section("world");
    int64_t first = create(published(world, "first", kT0));
    int64_t second = create(published(world, "second", kT0));
    EXPECT_EQ(ids(store().stories().latest(StoryQuery{})), (std::vector<int64_t>{second, first}));
}

TEST_F(SqliteStoreTest, LatestSummaryCarriesHeroAndAuthorsInOrder) {
    int64_t world = section("world");
    int64_t a1 = author("alice");
    int64_t a2 = author("bob");
    Story s = published(world, "with-hero", kT0);
    s.hero_media_id = media("h.jpg");
    s.author_ids = {a2, a1};
    s.kind = StoryKind::opinion;
    create(s);
    auto page = store().stories().latest(StoryQuery{});
    ASSERT_EQ(page.items.size(), 1u);
    const auto& item = page.items[0];
    EXPECT_EQ(item.kind, StoryKind::opinion);
    ASSERT_TRUE(item.hero.has_value());
    EXPECT_EQ(item.hero->path, "h.jpg");
    ASSERT_EQ(item.authors.size(), 2u);
    EXPECT_EQ(item.authors[0].id, a2);
    EXPECT_EQ(item.authors[0].slug, "bob");
    EXPECT_EQ(item.authors[0].name, "Author bob");
    EXPECT_EQ(item.authors[1].id, a1);
}

TEST_F(SqliteStoreTest, LatestFiltersBySectionIncludingChildren) {
    int64_t sport = section("sport");
    int64_t cricket = section("cricket", sport);
    int64_t world = section("world");
    int64_t in_sport = create(published(sport, "a", kT0));
    int64_t in_cricket = create(published(cricket, "b", kT0 + 1h));
    create(published(world, "c", kT0 + 2h));

    StoryQuery q;
    q.section_id = sport;
    auto page = store().stories().latest(q);
    EXPECT_EQ(ids(page), (std::vector<int64_t>{in_cricket, in_sport}));
    EXPECT_EQ(page.total, 2);

    q.section_id = cricket;
    EXPECT_EQ(ids(store().stories().latest(q)), (std::vector<int64_t>{in_cricket}));
}

TEST_F(SqliteStoreTest, LatestFiltersByTagAuthorShowAndEvent) {
    int64_t world = section("world");
    int64_t budget = tag("budget");
    int64_t alice = author("alice");
    int64_t brief = show("the-brief");
    int64_t vote = event("vote");

    Story tagged = published(world, "tagged", kT0);
    tagged.tag_ids = {budget};
    int64_t tagged_id = create(tagged);
    Story by_alice = published(world, "by-alice", kT0 + 1h);
    by_alice.author_ids = {alice};
    int64_t alice_id = create(by_alice);
    Story on_show = published(world, "on-show", kT0 + 2h);
    on_show.show_id = brief;
    int64_t show_id = create(on_show);
    Story at_event = published(world, "at-event", kT0 + 3h);
    at_event.event_ids = {vote};
    int64_t event_id = create(at_event);
    Story draft_tagged = draft(world, "draft-tagged");
    draft_tagged.tag_ids = {budget};
    draft_tagged.author_ids = {alice};
    draft_tagged.show_id = brief;
    draft_tagged.event_ids = {vote};
    create(draft_tagged);

    StoryQuery q;
    q.tag_id = budget;
    EXPECT_EQ(ids(store().stories().latest(q)), (std::vector<int64_t>{tagged_id}));
    q = {};
    q.author_id = alice;
    EXPECT_EQ(ids(store().stories().latest(q)), (std::vector<int64_t>{alice_id}));
    q = {};
    q.show_id = brief;
    EXPECT_EQ(ids(store().stories().latest(q)), (std::vector<int64_t>{show_id}));
    q = {};
    q.event_id = vote;
    auto page = store().stories().latest(q);
    EXPECT_EQ(ids(page), (std::vector<int64_t>{event_id}));
    EXPECT_EQ(page.total, 1);
}

TEST_F(SqliteStoreTest, LatestCombinesFiltersAndExcludes) {
    int64_t sport = section("sport");
    int64_t cricket = section("cricket", sport);
    int64_t world = section("world");
    int64_t ashes = tag("ashes");
    int64_t alice = author("alice");
    std::vector<int64_t> expected;
    for (int i = 0; i < 4; ++i) {
        Story s = published(i % 2 ? cricket : sport, "s" + std::to_string(i), kT0 + i * 1h);
        s.tag_ids = {ashes};
        s.author_ids = {alice};
        expected.insert(expected.begin(), create(s));
    }
    Story elsewhere = published(world, "elsewhere", kT0 + 10h);
    elsewhere.tag_ids = {ashes};
    elsewhere.author_ids = {alice};
    create(elsewhere);

    StoryQuery q;
    q.section_id = sport;
    q.tag_id = ashes;
    q.author_id = alice;
    q.exclude_id = expected[1];
    auto page = store().stories().latest(q);
    EXPECT_EQ(ids(page), (std::vector<int64_t>{expected[0], expected[2], expected[3]}));
    EXPECT_EQ(page.total, 3);
}

TEST_F(SqliteStoreTest, LatestPagesWithLimitOffsetAndTotal) {
    int64_t world = section("world");
    std::vector<int64_t> newest_first;
    for (int i = 0; i < 7; ++i)
        newest_first.insert(newest_first.begin(),
                            create(published(world, "s" + std::to_string(i), kT0 + i * 1min)));
    StoryQuery q;
    q.limit = 3;
    auto first = store().stories().latest(q);
    EXPECT_EQ(ids(first), (std::vector<int64_t>(newest_first.begin(), newest_first.begin() + 3)));
    EXPECT_EQ(first.total, 7);
    q.offset = 3;
    auto second = store().stories().latest(q);
    EXPECT_EQ(ids(second),
              (std::vector<int64_t>(newest_first.begin() + 3, newest_first.begin() + 6)));
    EXPECT_EQ(second.total, 7);
    q.offset = 6;
    auto last = store().stories().latest(q);
    EXPECT_EQ(ids(last), (std::vector<int64_t>{newest_first[6]}));
    q.offset = 10;
    auto beyond = store().stories().latest(q);
    EXPECT_TRUE(beyond.items.empty());
    EXPECT_EQ(beyond.total, 7);

    StoryQuery quick;
    quick.limit = 2;
    quick.count_total = false;
    auto uncounted = store().stories().latest(quick);
    EXPECT_EQ(uncounted.items.size(), 2u);
    EXPECT_EQ(uncounted.total, 2);
}

TEST_F(SqliteStoreTest, SummariesKeepTheGivenOrderAndSkipUnpublished) {
    int64_t world = section("world");
    int64_t a = create(published(world, "a", kT0));
    int64_t b = create(published(world, "b", kT0 + 1h));
    int64_t d = create(draft(world, "d"));
    int64_t c = create(published(world, "c", kT0 + 2h));
    auto list = store().stories().summaries({b, d, c, 9999, a});
    EXPECT_EQ(ids(list), (std::vector<int64_t>{b, c, a}));
    EXPECT_TRUE(store().stories().summaries({}).empty());
}

TEST_F(SqliteStoreTest, UpdateWithTheCurrentVersionBumpsIt) {
    int64_t world = section("world");
    int64_t alice = author("alice");
    int64_t bob = author("bob");
    Story s = draft(world, "first-draft");
    s.author_ids = {alice};
    int64_t id = create(s);

    Story edit = *store().stories().by_id(id);
    edit.headline = "Better headline";
    edit.slug = "better-headline";
    edit.status = StoryStatus::published;
    edit.published_at = kT0 + 1h;
    edit.author_ids = {bob, alice};
    auto st = store().stories().update(edit);
    ASSERT_TRUE(st.ok()) << st.error().message;

    auto got = store().stories().by_id(id);
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->version, 2);
    EXPECT_EQ(got->headline, "Better headline");
    EXPECT_EQ(got->slug, "better-headline");
    EXPECT_EQ(got->status, StoryStatus::published);
    EXPECT_EQ(got->author_ids, (std::vector<int64_t>{bob, alice}));
    EXPECT_EQ(ids(store().stories().latest(StoryQuery{})), (std::vector<int64_t>{id}));

    Story again = *got;
    again.headline = "Third";
    ASSERT_TRUE(store().stories().update(again).ok());
    EXPECT_EQ(store().stories().by_id(id)->version, 3);
}

TEST_F(SqliteStoreTest, UpdateWithAStaleVersionIsAConflictAndChangesNothing) {
    int64_t world = section("world");
    int64_t alice = author("alice");
    int64_t bob = author("bob");
    Story s = draft(world, "story");
    s.author_ids = {alice};
    int64_t id = create(s);

    Story mine = *store().stories().by_id(id);
    Story theirs = mine;
    theirs.headline = "Their headline";
    ASSERT_TRUE(store().stories().update(theirs).ok());

    mine.headline = "My headline";
    mine.author_ids = {bob};
    auto st = store().stories().update(mine);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().kind, ErrorKind::conflict);

    auto got = store().stories().by_id(id);
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->headline, "Their headline");
    EXPECT_EQ(got->version, 2);
    EXPECT_EQ(got->author_ids, (std::vector<int64_t>{alice}));
}

TEST_F(SqliteStoreTest, UpdateOfAMissingStoryIsNotFound) {
    Story ghost = draft(section("world"), "ghost");
    ghost.id = 4242;
    ghost.version = 1;
    auto st = store().stories().update(ghost);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().kind, ErrorKind::not_found);
}

TEST_F(SqliteStoreTest, UpdateWithUnknownTagRollsBack) {
    int64_t world = section("world");
    int64_t id = create(draft(world, "story"));
    Story edit = *store().stories().by_id(id);
    edit.headline = "Changed";
    edit.tag_ids = {9999};
    auto st = store().stories().update(edit);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().kind, ErrorKind::invalid);
    EXPECT_EQ(st.error().field, "tags");
    auto got = store().stories().by_id(id);
    EXPECT_EQ(got->headline, "Headline of story");
    EXPECT_EQ(got->version, 1);
}

TEST_F(SqliteStoreTest, InvalidStoriesNameTheField) {
    int64_t world = section("world");
    struct Case {
        const char* what;
        Story story;
        const char* field;
    };
    Story empty_headline = draft(world, "a");
    empty_headline.headline = "";
    Story blank_headline = draft(world, "b");
    blank_headline.headline = " \t\n";
    Story long_headline = draft(world, "c");
    long_headline.headline = std::string(301, 'x');
    Story bad_slug = draft(world, "Not A Slug");
    Story empty_slug = draft(world, "");
    Story no_time = draft(world, "d");
    no_time.status = StoryStatus::published;
    for (const auto& c :
         {Case{"empty headline", empty_headline, "headline"},
          Case{"blank headline", blank_headline, "headline"},
          Case{"long headline", long_headline, "headline"}, Case{"bad slug", bad_slug, "slug"},
          Case{"empty slug", empty_slug, "slug"},
          Case{"published without time", no_time, "published_at"}}) {
        auto r = store().stories().create(c.story);
        ASSERT_FALSE(r.ok()) << c.what;
        EXPECT_EQ(r.error().kind, ErrorKind::invalid) << c.what;
        EXPECT_EQ(r.error().field, c.field) << c.what;
    }
    EXPECT_EQ(store().stories().count(), 0);

    // update() validates the same way.
    int64_t id = create(draft(world, "fine"));
    Story edit = *store().stories().by_id(id);
    edit.headline = "";
    auto st = store().stories().update(edit);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().field, "headline");
}

TEST_F(SqliteStoreTest, UnknownSectionIsInvalid) {
    auto r = store().stories().create(draft(404, "lost"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::invalid);
    EXPECT_EQ(store().stories().count(), 0);
}

TEST_F(SqliteStoreTest, UnknownOrRepeatedLinksAreInvalidAndLeaveNoStory) {
    int64_t world = section("world");
    int64_t alice = author("alice");
    Story unknown_author = draft(world, "a");
    unknown_author.author_ids = {alice, 9999};
    auto r1 = store().stories().create(unknown_author);
    ASSERT_FALSE(r1.ok());
    EXPECT_EQ(r1.error().kind, ErrorKind::invalid);
    EXPECT_EQ(r1.error().field, "authors");

    Story repeated = draft(world, "b");
    repeated.author_ids = {alice, alice};
    auto r2 = store().stories().create(repeated);
    ASSERT_FALSE(r2.ok());
    EXPECT_EQ(r2.error().field, "authors");

    Story unknown_event = draft(world, "c");
    unknown_event.event_ids = {9999};
    auto r3 = store().stories().create(unknown_event);
    ASSERT_FALSE(r3.ok());
    EXPECT_EQ(r3.error().field, "events");

    Story unknown_show = draft(world, "d");
    unknown_show.show_id = 9999;
    EXPECT_FALSE(store().stories().create(unknown_show).ok());

    EXPECT_EQ(store().stories().count(), 0);
}

// --- shorts --------------------------------------------------------------

std::string words(int n) {
    std::string out;
    for (int i = 0; i < n; ++i)
        out += (i ? " " : "") + std::string("word");
    return out;
}

TEST_F(SqliteStoreTest, ShortsOfSixtyWordsAreAcceptedAndListedNewestFirst) {
    int64_t world = section("world");
    int64_t story = create(published(world, "budget-vote", kT0));
    int64_t draft_story = create(draft(world, "secret"));
    int64_t older =
        must(store().shorts().create(Short{0, story, "Budget passes", words(60), kT0, "", {}}));
    int64_t newer = must(
        store().shorts().create(Short{0, draft_story, "Secret", "Short one.", kT0 + 1h, "", {}}));
    int64_t loose = must(
        store().shorts().create(Short{0, std::nullopt, "Loose", "No story.", kT0 - 1h, "", {}}));

    auto list = store().shorts().latest(10);
    ASSERT_EQ(list.size(), 3u);
    EXPECT_EQ(list[0].id, newer);
    EXPECT_EQ(list[0].story_path, "");  // its story is not published
    EXPECT_EQ(list[1].id, older);
    EXPECT_EQ(list[1].story_id, story);
    EXPECT_EQ(list[1].headline, "Budget passes");
    EXPECT_EQ(list[1].summary, words(60));
    EXPECT_EQ(list[1].published_at, kT0);
    EXPECT_EQ(list[1].story_path, "/world/budget-vote-" + std::to_string(story));
    EXPECT_EQ(list[2].id, loose);
    EXPECT_FALSE(list[2].story_id.has_value());

    EXPECT_EQ(store().shorts().latest(1).size(), 1u);
}

TEST_F(SqliteStoreTest, ShortsOverSixtyWordsAreInvalidNamingTheCount) {
    auto r = store().shorts().create(Short{0, std::nullopt, "Too long", words(61), kT0, "", {}});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::invalid);
    EXPECT_EQ(r.error().field, "summary");
    EXPECT_NE(r.error().message.find("61"), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("60"), std::string::npos) << r.error().message;
    EXPECT_TRUE(store().shorts().latest(10).empty());
}

TEST_F(SqliteStoreTest, ShortsNeedHeadlineSummaryAndAKnownStory) {
    auto no_headline = store().shorts().create(Short{0, {}, " ", "Summary", kT0, "", {}});
    ASSERT_FALSE(no_headline.ok());
    EXPECT_EQ(no_headline.error().field, "headline");
    auto no_summary = store().shorts().create(Short{0, {}, "Headline", "\n", kT0, "", {}});
    ASSERT_FALSE(no_summary.ok());
    EXPECT_EQ(no_summary.error().field, "summary");
    auto unknown_story =
        store().shorts().create(Short{0, 9999, "Headline", "Summary", kT0, "", {}});
    ASSERT_FALSE(unknown_story.ok());
    EXPECT_EQ(unknown_story.error().kind, ErrorKind::invalid);
    EXPECT_TRUE(store().shorts().latest(10).empty());
}

// --- collections, redirects, trending -------------------------------------

TEST_F(SqliteStoreTest, CollectionsPutAndReadPinnedFirstWithoutExpiredItems) {
    int64_t world = section("world");
    int64_t a = create(published(world, "a", kT0));
    int64_t b = create(published(world, "b", kT0));
    int64_t c = create(published(world, "c", kT0));
    int64_t d = create(published(world, "d", kT0));
    Collection top{0, "top-stories", "Top Stories", {}};
    top.items = {CollectionItem{a, 0, false, std::nullopt},
                 CollectionItem{b, 0, false, kT0 + 1h},  // expires later
                 CollectionItem{c, 0, true, std::nullopt},
                 CollectionItem{d, 0, false, kT0 - 1h}};  // already expired
    ASSERT_TRUE(store().collections().put(top).ok());

    auto got = store().collections().by_slug("top-stories", kT0);
    ASSERT_TRUE(got.has_value());
    EXPECT_GT(got->id, 0);
    EXPECT_EQ(got->name, "Top Stories");
    std::vector<int64_t> order;
    for (const auto& item : got->items)
        order.push_back(item.story_id);
    EXPECT_EQ(order, (std::vector<int64_t>{c, a, b}));
    EXPECT_TRUE(got->items[0].pinned);
    EXPECT_FALSE(got->items[1].pinned);
    EXPECT_EQ(got->items[2].expires_at, kT0 + 1h);

    // At exactly its expiry time b is left out too.
    auto later = store().collections().by_slug("top-stories", kT0 + 1h);
    ASSERT_TRUE(later.has_value());
    EXPECT_EQ(later->items.size(), 2u);

    EXPECT_FALSE(store().collections().by_slug("nope", kT0).has_value());
}

TEST_F(SqliteStoreTest, CollectionPutReplacesItemsAndName) {
    int64_t world = section("world");
    int64_t a = create(published(world, "a", kT0));
    int64_t b = create(published(world, "b", kT0));
    ASSERT_TRUE(store()
                    .collections()
                    .put(Collection{0, "top", "Top", {CollectionItem{a, 0, false, {}}}})
                    .ok());
    int64_t first_id = store().collections().by_slug("top", kT0)->id;
    ASSERT_TRUE(
        store()
            .collections()
            .put(Collection{0,
                            "top",
                            "Top Stories",
                            {CollectionItem{b, 0, false, {}}, CollectionItem{a, 0, false, {}}}})
            .ok());
    auto got = store().collections().by_slug("top", kT0);
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->id, first_id);
    EXPECT_EQ(got->name, "Top Stories");
    ASSERT_EQ(got->items.size(), 2u);
    EXPECT_EQ(got->items[0].story_id, b);
    EXPECT_EQ(got->items[1].story_id, a);
}

TEST_F(SqliteStoreTest, CollectionWithUnknownStoryIsInvalidAndKeepsTheOldOne) {
    int64_t a = create(published(section("world"), "a", kT0));
    ASSERT_TRUE(store()
                    .collections()
                    .put(Collection{0, "top", "Top", {CollectionItem{a, 0, false, {}}}})
                    .ok());
    auto st = store().collections().put(
        Collection{0, "top", "Renamed", {CollectionItem{9999, 0, false, {}}}});
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().kind, ErrorKind::invalid);
    auto got = store().collections().by_slug("top", kT0);
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->name, "Top");
    ASSERT_EQ(got->items.size(), 1u);
    EXPECT_EQ(got->items[0].story_id, a);

    auto bad_slug = store().collections().put(Collection{0, "Top Stories", "x", {}});
    ASSERT_FALSE(bad_slug.ok());
    EXPECT_EQ(bad_slug.error().field, "slug");
}

TEST_F(SqliteStoreTest, RedirectsPutFindAndReplace) {
    ASSERT_TRUE(store().redirects().put(Redirect{"/old/path-1", "/new/path-1", 301}).ok());
    auto r = store().redirects().find("/old/path-1");
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->from_path, "/old/path-1");
    EXPECT_EQ(r->to_path, "/new/path-1");
    EXPECT_EQ(r->status, 301);
    EXPECT_FALSE(store().redirects().find("/old/path-2").has_value());
    EXPECT_FALSE(store().redirects().find("/OLD/path-1").has_value());

    ASSERT_TRUE(store().redirects().put(Redirect{"/old/path-1", "/newer", 308}).ok());
    r = store().redirects().find("/old/path-1");
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->to_path, "/newer");
    EXPECT_EQ(r->status, 308);

    ASSERT_TRUE(store().redirects().put(Redirect{"/gone", "", 410}).ok());
    EXPECT_EQ(store().redirects().find("/gone")->status, 410);
}

TEST_F(SqliteStoreTest, RedirectErrors) {
    auto relative = store().redirects().put(Redirect{"old", "/new", 301});
    ASSERT_FALSE(relative.ok());
    EXPECT_EQ(relative.error().field, "from_path");
    auto loop = store().redirects().put(Redirect{"/same", "/same", 301});
    ASSERT_FALSE(loop.ok());
    EXPECT_EQ(loop.error().field, "to_path");
    auto status = store().redirects().put(Redirect{"/a", "/b", 200});
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().kind, ErrorKind::invalid);
    EXPECT_FALSE(store().redirects().find("/a").has_value());
}

TEST_F(SqliteStoreTest, TrendingKeepsTheGivenOrder) {
    int64_t a = tag("alpha");
    int64_t b = tag("beta");
    int64_t c = tag("gamma");
    EXPECT_TRUE(store().tags().trending().empty());
    ASSERT_TRUE(store().tags().set_trending({c, a, b}).ok());
    auto trending = store().tags().trending();
    ASSERT_EQ(trending.size(), 3u);
    EXPECT_EQ(trending[0].slug, "gamma");
    EXPECT_EQ(trending[1].slug, "alpha");
    EXPECT_EQ(trending[2].slug, "beta");

    ASSERT_TRUE(store().tags().set_trending({b}).ok());
    trending = store().tags().trending();
    ASSERT_EQ(trending.size(), 1u);
    EXPECT_EQ(trending[0].id, b);
}

TEST_F(SqliteStoreTest, TrendingWithUnknownTagIsInvalidAndKeepsTheOldList) {
    int64_t a = tag("alpha");
    ASSERT_TRUE(store().tags().set_trending({a}).ok());
    auto st = store().tags().set_trending({a, 9999});
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().kind, ErrorKind::invalid);
    auto trending = store().tags().trending();
    ASSERT_EQ(trending.size(), 1u);
    EXPECT_EQ(trending[0].id, a);
}

// --- change log and transactions -----------------------------------------

TEST_F(SqliteStoreTest, ChangeLogAppendSinceAndLastSeq) {
    EXPECT_EQ(store().changes().last_seq(), 0);
    EXPECT_TRUE(store().changes().since(0).empty());
    ASSERT_TRUE(store().changes().append({"story:1", "latest", "section:world"}).ok());
    ASSERT_TRUE(store().changes().append({"*"}).ok());
    int64_t last = store().changes().last_seq();
    EXPECT_GT(last, 0);

    // Only sequence numbers and key counts here: the keys' text is the subject
    // of ChangeLogSinceReturnsTheAppendedKeys below.
    auto all = store().changes().since(0);
    ASSERT_EQ(all.size(), 2u);
    EXPECT_LT(all[0].seq, all[1].seq);
    EXPECT_EQ(all[1].seq, last);
    EXPECT_EQ(all[0].keys.size(), 3u);
    EXPECT_EQ(all[1].keys.size(), 1u);

    auto newer = store().changes().since(all[0].seq);
    ASSERT_EQ(newer.size(), 1u);
    EXPECT_EQ(newer[0].seq, last);
    EXPECT_TRUE(store().changes().since(last).empty());
}

// Bug: SqliteChangeLog::since (store/sqlite/editorial_stores.cpp) iterates
// `split(q->text(1), ' ')`: the std::string returned by text() is a temporary
// that dies before the loop body runs (C++20 does not extend it), so the keys
// are copied from freed memory and come back as garbage. Every node's change
// watcher then invalidates the wrong cache keys.
TEST_F(SqliteStoreTest, ChangeLogSinceReturnsTheAppendedKeys) {
    ASSERT_TRUE(store().changes().append({"story:1", "latest", "section:world-news"}).ok());
    ASSERT_TRUE(store().changes().append({"*"}).ok());
    auto all = store().changes().since(0);
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].keys, (std::vector<std::string>{"story:1", "latest", "section:world-news"}));
    EXPECT_EQ(all[1].keys, (std::vector<std::string>{"*"}));
}

TEST_F(SqliteStoreTest, ChangesAreSeenByAnotherStoreOnTheSameFile) {
    auto other = open(db_path());
    ASSERT_TRUE(store().changes().append({"story:7"}).ok());
    EXPECT_EQ(other->changes().last_seq(), store().changes().last_seq());
    auto seen = other->changes().since(0);
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].keys.size(), 1u);
}

TEST_F(SqliteStoreTest, TransactionCommitsWhenTheBodySucceeds) {
    auto st = store().transaction([&]() -> Status {
        int64_t world = section("world");
        create(published(world, "inside", kT0));
        return store().changes().append({"story:1"});
    });
    ASSERT_TRUE(st.ok()) << st.error().message;
    EXPECT_TRUE(store().sections().by_slug("world").has_value());
    EXPECT_EQ(store().stories().count(), 1);
    EXPECT_EQ(store().changes().since(0).size(), 1u);
}

TEST_F(SqliteStoreTest, TransactionRollsBackEverythingWhenTheBodyFails) {
    int64_t before = store().changes().last_seq();
    auto st = store().transaction([&]() -> Status {
        int64_t world = section("world");
        int64_t t = tag("budget");
        Story s = published(world, "inside", kT0);
        s.tag_ids = {t};
        create(s);
        if (auto r = store().users().create(make_user("x@example.com")); !r.ok()) return r.error();
        if (auto r = store().settings().set("site.title", "Rolled back"); !r.ok()) return r;
        if (auto r = store().changes().append({"*"}); !r.ok()) return r;
        return Error::conflict("changed my mind");
    });
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().kind, ErrorKind::conflict);
    EXPECT_EQ(st.error().message, "changed my mind");
    EXPECT_FALSE(store().sections().by_slug("world").has_value());
    EXPECT_FALSE(store().tags().by_slug("budget").has_value());
    EXPECT_EQ(store().stories().count(), 0);
    EXPECT_EQ(store().users().count(), 0);
    EXPECT_TRUE(store().settings().all().empty());
    EXPECT_EQ(store().changes().last_seq(), before);
    EXPECT_TRUE(store().is_empty());
}

TEST_F(SqliteStoreTest, TransactionRollsBackWhenTheBodyThrows) {
    EXPECT_THROW((void)store().transaction([&]() -> Status {
        section("world");
        throw std::runtime_error("boom");
    }),
                 std::runtime_error);
    EXPECT_FALSE(store().sections().by_slug("world").has_value());
    // The store is still usable afterwards.
    section("world");
    EXPECT_TRUE(store().sections().by_slug("world").has_value());
}

TEST_F(SqliteStoreTest, NestedCreateFailureInsideATransactionRollsBackTheOuterOne) {
    auto st = store().transaction([&]() -> Status {
        int64_t world = section("world");
        Story bad = draft(world, "bad");
        bad.author_ids = {9999};
        auto r = store().stories().create(bad);
        if (!r.ok()) return r.error();
        return {};
    });
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().field, "authors");
    EXPECT_EQ(store().stories().count(), 0);
    EXPECT_FALSE(store().sections().by_slug("world").has_value());
}

// --- threads -------------------------------------------------------------

TEST_F(SqliteStoreTest, ConcurrentWritersAndReadersFromManyThreads) {
    int64_t world = section("world");
    constexpr int kThreads = 6;
    constexpr int kPerThread = 8;
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kPerThread; ++i) {
                auto r = store().stories().create(published(
                    world, "t" + std::to_string(t) + "-" + std::to_string(i), kT0 + i * 1s));
                if (!r.ok()) ++failures;
                auto page = store().stories().latest(StoryQuery{});
                if (page.items.empty()) ++failures;
            }
        });
    }
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(store().stories().count(), kThreads * kPerThread);
    EXPECT_EQ(store().stories().latest(StoryQuery{}).total, kThreads * kPerThread);
}

TEST_F(SqliteStoreTest, TransactionsOnDifferentThreadsDoNotSeeEachOthersWork) {
    // A transaction's uncommitted rows are invisible to a reader on another
    // thread, and appear once it commits.
    std::atomic<bool> inside{false};
    std::atomic<bool> checked{false};
    std::optional<bool> seen_during;
    std::thread reader([&] {
        while (!inside.load())
            std::this_thread::yield();
        seen_during = store().sections().by_slug("pending").has_value();
        checked = true;
    });
    auto st = store().transaction([&]() -> Status {
        section("pending");
        inside = true;
        while (!checked.load())
            std::this_thread::yield();
        return {};
    });
    reader.join();
    ASSERT_TRUE(st.ok());
    ASSERT_TRUE(seen_during.has_value());
    EXPECT_FALSE(*seen_during);
    EXPECT_TRUE(store().sections().by_slug("pending").has_value());
}

}  // namespace
}  // namespace dateline

namespace dateline {
namespace {

// A database made by the first release (schema 1) is upgraded in place, and
// its stories are listed by tag, author and event through the new indexes.
TEST(SqliteMigrationTest, VersionOneDatabaseIsUpgradedWithItsLinks) {
    fs::path dir = fs::temp_directory_path() / ("dateline-migration-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::path file = dir / "old.db";
    {
        sqlite::Database db(file);
        db.exec(sqlite::migrations().front().sql);
        db.exec(
            "CREATE TABLE schema_version (version INTEGER NOT NULL);"
            "INSERT INTO schema_version VALUES (1);"
            "INSERT INTO sections (id, slug, name) VALUES (1, 'nation', 'Nation');"
            "INSERT INTO authors (id, slug, name, kind) VALUES (1, 'ana', 'Ana', 'person');"
            "INSERT INTO tags (id, slug, name) VALUES (1, 'ports', 'Ports');"
            "INSERT INTO events (id, slug, name) VALUES (1, 'vote', 'Vote');"
            "INSERT INTO stories (id, slug, section_id, kind, status, headline, body_format,"
            " published_at, created_at, updated_at) VALUES"
            " (1, 'old', 1, 'news', 'published', 'Old story', 'markdown', 100, 100, 100),"
            " (2, 'draft', 1, 'news', 'draft', 'Draft', 'markdown', NULL, 100, 100);"
            "INSERT INTO story_tags VALUES (1, 1, 0), (2, 1, 0);"
            "INSERT INTO story_authors VALUES (1, 1, 0), (2, 1, 0);"
            "INSERT INTO story_events VALUES (1, 1), (2, 1);");
    }
    StoreOptions options;
    options.sqlite_path = file;
    auto store = open_store(options);
    ASSERT_TRUE(store.ok()) << store.error().message;
    EXPECT_EQ((*store)->schema_version(), current_schema_version());
    StoryQuery by_tag, by_author, by_event;
    by_tag.tag_id = 1;
    by_author.author_id = 1;
    by_event.event_id = 1;
    for (const auto& query : {by_tag, by_author, by_event}) {
        auto listed = (*store)->stories().latest(query);
        ASSERT_EQ(listed.items.size(), 1u);
        EXPECT_EQ(listed.items[0].headline, "Old story");
        EXPECT_EQ(listed.total, 1);
    }
    store->reset();
    fs::remove_all(dir);
}

}  // namespace
}  // namespace dateline
