// Readership against the real server: story views counted on the serving path
// (and only readers' views), flushed to the database, ranked into Most Read
// and Trending, and Related stories on story pages. The server flushes and
// ranks every 50 ms here; the tests poll with a deadline instead of sleeping.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <functional>
#include <thread>

#include "model/slug.h"
#include "store/store.h"
#include "support/html.h"
#include "support/http_client.h"
#include "support/server_process.h"

namespace dateline::testing {
namespace {

const std::map<std::string, std::string> kBrowser{
    {"User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"}};
const std::map<std::string, std::string> kFastReadership{{"DATELINE_READERSHIP_FLUSH_MS", "50"},
                                                         {"DATELINE_READERSHIP_RANK_MS", "50"}};

// Polls until the condition holds or the deadline passes; returns whether it held.
bool eventually(const std::function<bool()>& condition,
                std::chrono::seconds deadline = std::chrono::seconds(20)) {
    auto until = std::chrono::steady_clock::now() + deadline;
    while (std::chrono::steady_clock::now() < until) {
        if (condition()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return condition();
}

class ReadershipTest : public ::testing::Test {
  protected:
    void SetUp() override {
        seed_test_site(dir_.path());
        server_ = std::make_unique<ServerProcess>(dir_.path(), std::vector<std::string>{},
                                                  kFastReadership);
        auto store = open_store(StoreOptions{dir_.path() / "dateline.db"});
        ASSERT_TRUE(store);
        store_ = std::move(*store);
    }

    std::string path_of(int64_t id) {
        auto s = store_->stories().summaries({id});
        if (s.empty()) throw std::runtime_error("no story " + std::to_string(id));
        return story_path(s[0].section.slug, s[0].slug, id);
    }
    void read(int64_t id, int times) {
        for (int i = 0; i < times; ++i)
            ASSERT_EQ(get(server_->port(), path_of(id), kBrowser).status, 200);
    }
    int64_t views(int64_t id) { return store_->readership().total_views(id); }
    // The story links of a block on a page, in order: the first link of
    // each item (a list item, a card's headline). Fetched without a
    // User-Agent, so looking does not count as reading.
    std::vector<std::string> links(const std::string& page, const std::string& block,
                                   const std::string& item = "li") {
        Html html(get(server_->port(), page).body);
        std::vector<std::string> out;
        if (auto scope = html.first(block))
            for (auto* entry : html.all_in(scope, item))
                if (auto a = html.all_in(entry, "a"); !a.empty())
                    out.push_back(Html::attr(a.front(), "href"));
        return out;
    }
    std::string trending_strip() {
        Html html(get(server_->port(), "/about").body);
        auto nav = html.first("nav.trending");
        return nav ? Html::text(nav) : "";
    }

    TempDir dir_;
    std::unique_ptr<ServerProcess> server_;
    std::unique_ptr<Store> store_;
};

TEST_F(ReadershipTest, ReadersGetsOfAStoryAreCountedAfterAFlush) {
    read(1, 5);  // the first renders, the others are cache hits
    ASSERT_TRUE(eventually([&] { return views(1) >= 5; })) << views(1);
    EXPECT_EQ(views(1), 5);
}

TEST_F(ReadershipTest, HeadNotModifiedBotsAndPrefetchesAreNotCounted) {
    const std::string path = path_of(1);
    read(1, 1);
    // Once the view is stored and ranked, the page (with its Most Read
    // block) stays the same, and so does its ETag.
    ASSERT_TRUE(eventually([&] { return views(1) == 1 && !links(path, ".most-read").empty(); }));
    std::string etag = get(server_->port(), path, kBrowser, "HEAD").header("etag");
    ASSERT_FALSE(etag.empty());

    for (int i = 0; i < 2; ++i) {
        EXPECT_EQ(get(server_->port(), path, kBrowser, "HEAD").status, 200);
        auto again = kBrowser;
        again["If-None-Match"] = etag;
        EXPECT_EQ(get(server_->port(), path, again).status, 304);
        EXPECT_EQ(get(server_->port(), path,
                      {{"User-Agent",
                        "Mozilla/5.0 (compatible; Googlebot/2.1; "
                        "+http://www.google.com/bot.html)"}})
                      .status,
                  200);
        EXPECT_EQ(get(server_->port(), path, {{"User-Agent", "curl/8.4.0"}}).status, 200);
        EXPECT_EQ(get(server_->port(), path).status, 200);  // no User-Agent at all
        auto prefetch = kBrowser;
        prefetch["Sec-Purpose"] = "prefetch";
        EXPECT_EQ(get(server_->port(), path, prefetch).status, 200);
    }
    // Two readers' views after them: once both are stored, anything counted
    // before them is stored too (each flush takes every count made so far).
    read(1, 1);
    ASSERT_TRUE(eventually([&] { return views(1) >= 2; }));
    read(1, 1);
    ASSERT_TRUE(eventually([&] { return views(1) >= 3; }));
    EXPECT_EQ(views(1), 3);
}

TEST_F(ReadershipTest, MostReadShowsTheMostReadStoryFirst) {
    read(3, 6);
    read(2, 2);
    const std::string most = path_of(3);
    std::vector<std::string> shown;
    ASSERT_TRUE(eventually([&] {
        shown = links("/", ".most-read");
        return !shown.empty() && shown.front() == most;
    })) << (shown.empty() ? "no Most Read block" : shown.front());
    EXPECT_EQ(shown.size(), 2u);
    EXPECT_EQ(shown[1], path_of(2));
    // Story pages show it too.
    auto on_story = links(path_of(1), ".most-read");
    ASSERT_FALSE(on_story.empty());
    EXPECT_EQ(on_story.front(), most);
}

TEST_F(ReadershipTest, TheEditorsTrendingStripWinsOverTheComputedTopics) {
    // Only "Ports" stories are read, so the computed topics are Ports.
    read(2, 4);
    ASSERT_TRUE(eventually([&] {
        auto shown = links("/", ".most-read");
        return !shown.empty() && shown.front() == path_of(2);
    }));
    EXPECT_EQ(trending_strip(), "Trending Budget");  // the fixture's editors' strip

    ASSERT_TRUE(store_->tags().set_trending({}));
    ASSERT_TRUE(store_->changes().append({"*"}));
    std::string strip;
    ASSERT_TRUE(eventually([&] {
        strip = trending_strip();
        return strip == "Trending Ports";
    })) << strip;
}

TEST(ReadershipShutdownTest, ViewsPendingAtShutdownAreFlushed) {
    TempDir dir;
    seed_test_site(dir.path());
    // A flush interval far longer than the test: only the last flush at
    // shutdown can store the views.
    ServerProcess server(dir.path(), {}, {{"DATELINE_READERSHIP_FLUSH_MS", "3600000"}});
    auto store = open_store(StoreOptions{dir.path() / "dateline.db"});
    ASSERT_TRUE(store);
    auto s = (*store)->stories().summaries({2});
    ASSERT_EQ(s.size(), 1u);
    for (int i = 0; i < 3; ++i)
        ASSERT_EQ(get(server.port(), story_path(s[0].section.slug, s[0].slug, 2), kBrowser).status,
                  200);
    EXPECT_EQ((*store)->readership().total_views(2), 0);
    ASSERT_EQ(server.stop(SIGTERM), 0);
    EXPECT_EQ((*store)->readership().total_views(2), 3);
}

TEST_F(ReadershipTest, RelatedListsAStorySharingATag) {
    // Story 2 (World) shares the "ports" tag with story 1 (Nation).
    auto related = links(path_of(2), ".related", ".card__headline");
    ASSERT_FALSE(related.empty());
    EXPECT_EQ(related.front(), path_of(1));
    // The story never relates to itself.
    for (const auto& link : links(path_of(1), ".related", ".card__headline"))
        EXPECT_NE(link, path_of(1));
}

}  // namespace
}  // namespace dateline::testing
