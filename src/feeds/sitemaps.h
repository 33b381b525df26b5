// Sitemaps (sitemaps.org 0.9 with the Google News and image extensions) and
// robots.txt. Story sitemaps go by calendar month in UTC.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "feeds/feeds.h"

namespace dateline::feeds {

struct SitemapLimits {
    int64_t urls_per_file = 50000;       // the sitemaps.org limit for one file
    int news_urls = 1000;                // Google News: at most 1,000 stories ...
    std::chrono::hours news_window{48};  // ... of the last two days
};

// One story sitemap: the month and its part (1 for the first 50,000).
struct MonthPart {
    int year = 0;
    int month = 0;
    int part = 1;
};
// "/sitemaps/stories-2026-03.xml", then "-2", "-3" for the further parts.
std::string month_path(const MonthPart& part);
// The inverse of month_path() for the file name ("stories-2026-03-2.xml").
std::optional<MonthPart> parse_month_file(std::string_view file);

// /sitemap.xml: the pages sitemap, the news sitemap and every month's parts.
RenderedPage sitemap_index(const FeedContext& ctx, const SitemapLimits& limits = {});
// A month's part; nullopt when the month has no such part.
std::optional<RenderedPage> month_sitemap(const FeedContext& ctx, const MonthPart& part,
                                          const SitemapLimits& limits = {});
// /sitemaps/news.xml: the newest stories of the news window.
RenderedPage news_sitemap(const FeedContext& ctx, const SitemapLimits& limits = {});
// /sitemaps/pages.xml: home, sections, tags, authors, shows, events, static pages.
RenderedPage pages_sitemap(const FeedContext& ctx);
// /robots.txt, naming the sitemap index and the news sitemap.
RenderedPage robots_txt(const FeedContext& ctx);

}  // namespace dateline::feeds
