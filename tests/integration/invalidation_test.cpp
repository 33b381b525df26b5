// A change written to the store reaches the reader site at once: the server
// watches the change log and drops exactly the pages the change touched.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "model/dependencies.h"
#include "store/store.h"
#include "support/html.h"
#include "support/http_client.h"
#include "support/server_process.h"

namespace dateline::testing {
namespace {

std::string wait_for(int port, const std::string& path, const std::string& needle) {
    std::string body;
    for (int i = 0; i < 50; ++i) {
        body = get(port, path).body;
        if (body.find(needle) != std::string::npos) return body;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return body;
}

TEST(InvalidationTest, EditedAndPublishedStoriesShowUpAtOnce) {
    TempDir dir;
    seed_test_site(dir.path());
    ServerProcess server(dir.path());
    const std::string path = "/nation/assembly-passes-the-harbour-budget-after-a-long-night-1";
    ASSERT_EQ(get(server.port(), path).status, 200);
    std::string about_etag = get(server.port(), "/about").header("etag");

    StoreOptions options;
    options.sqlite_path = dir.path() / "dateline.db";
    auto store = open_store(options);
    ASSERT_TRUE(store);
    auto story = (*store)->stories().by_id(1);
    ASSERT_TRUE(story);
    story->headline = "Assembly passes the harbour budget at dawn";
    ASSERT_TRUE((*store)->stories().update(*story));
    auto page = (*store)->stories().published_page(1);
    ASSERT_TRUE((*store)->changes().append(deps::touched_by(*page)));

    std::string body = wait_for(server.port(), path, "budget at dawn");
    EXPECT_NE(body.find("Assembly passes the harbour budget at dawn"), std::string::npos);
    // The section page listed it, so it changed too; the about page did not.
    EXPECT_NE(wait_for(server.port(), "/nation", "budget at dawn").find("budget at dawn"),
              std::string::npos);
    EXPECT_EQ(get(server.port(), "/about").header("etag"), about_etag);

    // A story page in another section, read before the publish below, so
    // that the rails beside it (Latest News) are cached too.
    const std::string world_path = "/world/what-the-new-ferry-treaty-means-for-travellers-2";
    ASSERT_EQ(get(server.port(), world_path).body.find("harbour reopens"), std::string::npos);

    // A new story published by another process appears on the home page.
    Story fresh;
    fresh.headline = "Breaking: harbour reopens to ferries";
    fresh.slug = "breaking-harbour-reopens";
    fresh.section_id = story->section_id;
    fresh.status = StoryStatus::published;
    fresh.published_at =
        std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    fresh.created_at = fresh.updated_at = *fresh.published_at;
    fresh.body_html = "<p>Ferries are running again.</p>";
    auto id = (*store)->stories().create(fresh);
    ASSERT_TRUE(id);
    ASSERT_TRUE(
        (*store)->changes().append(deps::touched_by(*(*store)->stories().published_page(*id))));
    EXPECT_NE(wait_for(server.port(), "/", "harbour reopens").find("harbour reopens"),
              std::string::npos);
    auto fresh_page = get(server.port(), "/nation/breaking-harbour-reopens-" + std::to_string(*id));
    EXPECT_EQ(fresh_page.status, 200);
    // The other section's story shows it in its Latest News rail once the
    // change reaches the server: the shared rail lists went with the pages.
    Html html(wait_for(server.port(), world_path, "harbour reopens"));
    auto* latest = html.first("section[aria-labelledby=rail-latest]");
    ASSERT_NE(latest, nullptr);
    EXPECT_NE(Html::text(latest).find("harbour reopens"), std::string::npos);
}

// A curated item that expires leaves the pages that show it at its time,
// though nothing is written then.
TEST(InvalidationTest, ExpiredTopStoriesLeaveThePagesThatShowThem) {
    TempDir dir;
    seed_test_site(dir.path());
    ServerProcess server(dir.path());
    const std::string headline = "What the new ferry treaty means for travellers";
    auto top_stories_text = [&](const std::string& path) {
        Html html(get(server.port(), path).body);
        auto* top = html.first("section.top-stories");
        return top ? Html::text(top) : std::string();
    };
    ASSERT_NE(top_stories_text("/").find(headline), std::string::npos);

    StoreOptions options;
    options.sqlite_path = dir.path() / "dateline.db";
    auto store = open_store(options);
    ASSERT_TRUE(store);
    auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    auto top = (*store)->collections().by_slug("top-stories", now);
    ASSERT_TRUE(top);
    auto editable = (*store)->collections().by_id(top->id);
    ASSERT_TRUE(editable);
    for (auto& item : editable->items)
        if (item.story_id == 2) item.expires_at = now + std::chrono::seconds(2);
    ASSERT_TRUE((*store)->collections().update(*editable));
    ASSERT_TRUE((*store)->changes().append({deps::collection("top-stories")}));

    // Still shown until its time, then gone without another write.
    EXPECT_NE(top_stories_text("/").find(headline), std::string::npos);
    std::string text = top_stories_text("/");
    for (int i = 0; i < 80 && text.find(headline) != std::string::npos; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        text = top_stories_text("/");
    }
    EXPECT_EQ(text.find(headline), std::string::npos);
    EXPECT_GE(std::chrono::system_clock::now(), now + std::chrono::seconds(2));
}

}  // namespace
}  // namespace dateline::testing
