// `dateline import wordpress` through the real binary, then the real server
// on what it stored: old permalinks answer 301 to the new story in one hop,
// the story, its section and search show it, and a bad file stores nothing.
#include <gtest/gtest.h>

#include <fstream>

#include "store/store.h"
#include "support/html.h"
#include "support/http_client.h"
#include "support/server_process.h"

namespace dateline::testing {
namespace {

namespace fs = std::filesystem;

fs::path wordpress_export() {
    return fs::path(DATELINE_SOURCE_DIR).parent_path() / "shared" / "fixtures" / "wordpress" /
           "themeunittestdata.wordpress.xml";
}

int64_t stories_in(const fs::path& dir) {
    StoreOptions options;
    options.sqlite_path = dir / "dateline.db";
    auto store = open_store(options);
    if (!store) throw std::runtime_error(store.error().message);
    return (*store)->stories().count();
}

TEST(ImportTest, AWordPressExportIsServedWithItsOldAddresses) {
    ASSERT_TRUE(fs::exists(wordpress_export())) << wordpress_export();
    TempDir dir;
    auto r = run_dateline(
        {"import", "wordpress", wordpress_export().string(), "--data", dir.path().string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("imported 58 stories, 21 pages, 68 sections"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("37 attachments"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("posts/s"), std::string::npos) << r.out;

    auto again = run_dateline(
        {"import", "wordpress", wordpress_export().string(), "--data", dir.path().string()});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.out.find("imported 0 stories, 0 pages"), std::string::npos) << again.out;
    EXPECT_NE(again.out.find("left as they are: 79 items"), std::string::npos) << again.out;
    EXPECT_EQ(stories_in(dir.path()), 58);

    ServerProcess server(dir.path());
    auto old = get(server.port(), "/2010/10/05/post-format-standard/");
    ASSERT_EQ(old.status, 301);
    std::string target = old.header("location");
    ASSERT_EQ(target.rfind("/classic/post-format-standard-", 0), 0u) << target;
    auto story = get(server.port(), target);
    ASSERT_EQ(story.status, 200);
    Html doc(story.body);
    ASSERT_NE(doc.first("h1"), nullptr);
    EXPECT_EQ(Html::text(doc.first("h1")), "Post Format: Standard");
    EXPECT_NE(story.body.find("All children, except one, grow up."), std::string::npos);
    EXPECT_EQ(story.body.find("[gallery"), std::string::npos);

    auto section = get(server.port(), "/classic");
    EXPECT_EQ(section.status, 200);
    EXPECT_NE(section.body.find("Post Format: Standard"), std::string::npos);
    auto archive = get(server.port(), "/category/classic/");
    EXPECT_EQ(archive.status, 301);
    EXPECT_EQ(archive.header("location"), "/classic");
    auto page = get(server.port(), "/about/page-markup-and-formatting/");
    EXPECT_EQ(page.status, 301);
    EXPECT_EQ(page.header("location"), "/page-markup-and-formatting");
    EXPECT_EQ(get(server.port(), "/page-markup-and-formatting").status, 200);
    auto search = get(server.port(), "/search.json?q=neverland");
    ASSERT_EQ(search.status, 200);
    EXPECT_NE(search.body.find("Post Format: Standard"), std::string::npos) << search.body;
    // Drafts and scheduled posts are not on the site.
    EXPECT_EQ(get(server.port(), "/search.json?q=draft").body.find("\"headline\":\"Draft\""),
              std::string::npos);
}

TEST(ImportTest, AFileThatIsNotAnExportIsRefusedAndNothingIsStored) {
    TempDir dir;
    seed_test_site(dir.path());
    int64_t before = stories_in(dir.path());
    fs::path feed = dir.path() / "feed.xml";
    std::ofstream(feed) << "<?xml version=\"1.0\"?><rss><channel><title>A feed</title>"
                           "<item><title>News</title></item></channel></rss>";
    auto r = run_dateline({"import", "wordpress", feed.string(), "--data", dir.path().string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("not a WordPress export"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("line 1"), std::string::npos) << r.err;

    fs::path missing = dir.path() / "missing.xml";
    auto m = run_dateline({"import", "wordpress", missing.string(), "--data", dir.path().string()});
    EXPECT_EQ(m.exit_code, 1);
    EXPECT_NE(m.err.find("cannot read"), std::string::npos) << m.err;

    auto dry = run_dateline({"import", "wordpress", wordpress_export().string(), "--data",
                             dir.path().string(), "--dry-run"});
    EXPECT_EQ(dry.exit_code, 0) << dry.err;
    EXPECT_NE(dry.out.find("dry run, nothing stored: would import 58 stories"), std::string::npos)
        << dry.out;
    EXPECT_EQ(stories_in(dir.path()), before);

    auto help = run_dateline({"import", "wordpress", "--help"});
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.out.find("--dry-run"), std::string::npos);
    EXPECT_NE(help.out.find("--data"), std::string::npos);
}

}  // namespace
}  // namespace dateline::testing
