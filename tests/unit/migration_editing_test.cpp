// Migration 8 on a database made before it: existing rows start at version
// 1 and stories have no owner or embargo.
#include <sqlite3.h>

#include "sqlite_store_fixture.h"
#include "store/sqlite/migrations.h"

namespace dateline {
namespace {

class MigrationEditingTest : public SqliteStoreTest {
  protected:
    // Builds the file at dir_/old.db with the migrations up to version 4
    // and one row per aggregate, the way an older Dateline left it.
    fs::path old_database() {
        fs::path path = dir_ / "old.db";
        sqlite3* db = nullptr;
        EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
        auto exec = [&](const std::string& sql) {
            char* error = nullptr;
            EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
                << (error ? error : "") << " in " << sql.substr(0, 80);
            sqlite3_free(error);
        };
        exec("CREATE TABLE schema_version (version INTEGER NOT NULL)");
        for (const auto& m : sqlite::migrations()) {
            if (m.version > 4) break;
            exec(m.sql);
            exec("INSERT INTO schema_version (version) VALUES (" + std::to_string(m.version) + ")");
        }
        exec("INSERT INTO sections (slug, name) VALUES ('news', 'News')");
        exec("INSERT INTO tags (slug, name) VALUES ('budget', 'Budget')");
        exec("INSERT INTO redirects (from_path, to_path) VALUES ('/a', '/b')");
        exec(
            "INSERT INTO stories (slug, section_id, kind, status, headline, body_format, "
            "created_at, updated_at) VALUES ('s', 1, 'news', 'draft', 'S', 'markdown', 0, 0)");
        sqlite3_close(db);
        return path;
    }
};

TEST_F(MigrationEditingTest, OlderRowsStartAtVersionOne) {
    auto migrated = open(old_database());
    EXPECT_EQ(migrated->schema_version(), current_schema_version());
    EXPECT_EQ(migrated->sections().by_slug("news")->version, 1);
    EXPECT_EQ(migrated->tags().by_slug("budget")->version, 1);
    EXPECT_EQ(migrated->redirects().find("/a")->version, 1);
    auto story = migrated->stories().by_id(1);
    ASSERT_TRUE(story);
    EXPECT_FALSE(story->owner_id);
    EXPECT_FALSE(story->embargo_until);

    Tag t = *migrated->tags().by_slug("budget");
    t.name = "Budget 2026";
    EXPECT_TRUE(migrated->tags().update(t).ok());
    EXPECT_EQ(migrated->tags().by_slug("budget")->version, 2);
}

}  // namespace
}  // namespace dateline
