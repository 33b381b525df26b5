// Sitemaps over a real SQLite store: months split at the URL limit, the
// news window, and the index naming every part.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "feeds/sitemaps.h"
#include "store/store.h"

namespace dateline {
namespace {

namespace fs = std::filesystem;

size_t count_of(const std::string& text, const std::string& needle) {
    size_t n = 0;
    for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
        ++n;
    return n;
}

std::string body_of(const RenderedPage& page) {
    return std::string(page.response->identity.bytes.substr(page.response->identity.header_size));
}

class SitemapsTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("dateline-sitemaps-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        StoreOptions options;
        options.sqlite_path = dir_ / "dateline.db";
        store_ = std::move(*open_store(options));
        Section world;
        world.slug = "world";
        world.name = "World";
        section_id_ = *store_->sections().create(world);
        site_.title = "Ledger";
        site_.base_url = "https://news.example";
    }
    void TearDown() override {
        store_.reset();
        fs::remove_all(dir_);
    }
    void publish(int n, Timestamp first, std::chrono::seconds step) {
        for (int i = 0; i < n; ++i) {
            Story s;
            s.headline = "Story " + std::to_string(i);
            s.slug = "story-" + std::to_string(i);
            s.section_id = section_id_;
            s.status = StoryStatus::published;
            s.published_at = first + step * i;
            s.created_at = s.updated_at = *s.published_at;
            ASSERT_TRUE(store_->stories().create(s));
        }
    }

    fs::path dir_;
    std::unique_ptr<Store> store_;
    int64_t section_id_ = 0;
    feeds::FeedSite site_;
};

TEST_F(SitemapsTest, AMonthAboveTheLimitIsSplitIntoNumberedParts) {
    Timestamp march = *parse_iso8601("2026-03-01T00:00:00Z");
    publish(25, march, std::chrono::hours(24));  // 25 days of March
    publish(3, *parse_iso8601("2026-04-02T00:00:00Z"), std::chrono::hours(1));
    feeds::FeedContext ctx{*store_, site_, *parse_iso8601("2026-04-03T00:00:00Z")};
    feeds::SitemapLimits limits;
    limits.urls_per_file = 10;

    std::string index = body_of(feeds::sitemap_index(ctx, limits));
    for (const char* file : {"stories-2026-03.xml", "stories-2026-03-2.xml",
                             "stories-2026-03-3.xml", "stories-2026-04.xml"})
        EXPECT_NE(index.find(std::string("https://news.example/sitemaps/") + file),
                  std::string::npos)
            << file;
    EXPECT_EQ(index.find("stories-2026-03-4.xml"), std::string::npos);
    EXPECT_EQ(index.find("stories-2026-04-2.xml"), std::string::npos);

    size_t total = 0;
    for (int part = 1; part <= 3; ++part) {
        auto page = feeds::month_sitemap(ctx, {2026, 3, part}, limits);
        ASSERT_TRUE(page) << part;
        total += count_of(body_of(*page), "<url>");
        EXPECT_LE(count_of(body_of(*page), "<url>"), 10u);
    }
    EXPECT_EQ(total, 25u);
    EXPECT_FALSE(feeds::month_sitemap(ctx, {2026, 3, 4}, limits));
    EXPECT_FALSE(feeds::month_sitemap(ctx, {2026, 5, 1}, limits));
    // The first part holds the oldest stories, so parts stay stable as a
    // month grows.
    EXPECT_NE(body_of(*feeds::month_sitemap(ctx, {2026, 3, 1}, limits)).find("story-0-1<"),
              std::string::npos);
}

TEST_F(SitemapsTest, NewsSitemapHoldsTheLastTwoDaysUpToItsLimit) {
    Timestamp now = *parse_iso8601("2026-04-10T12:00:00Z");
    publish(5, now - std::chrono::hours(72), std::chrono::hours(12));  // -72h .. -24h
    feeds::FeedContext ctx{*store_, site_, now};
    std::string news = body_of(feeds::news_sitemap(ctx));
    // -72h, -60h and -48h are outside (-48h is exactly on the edge: in).
    EXPECT_EQ(count_of(news, "<news:news>"), 3u);
    feeds::SitemapLimits limits;
    limits.news_urls = 2;
    EXPECT_EQ(count_of(body_of(feeds::news_sitemap(ctx, limits)), "<news:news>"), 2u);
}

}  // namespace
}  // namespace dateline
