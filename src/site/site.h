// The public reader site: turns a request into a view model and a theme
// template, through the page cache.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "http/request.h"
#include "http/response.h"
#include "media/media_storage.h"
#include "model/site_time.h"
#include "render/page_cache.h"
#include "render/theme.h"
#include "site/rails_cache.h"
#include "site/readership_lists.h"
#include "site/story_card_cache.h"
#include "site/view_counter.h"
#include "store/store.h"
#include "util/clock.h"

namespace dateline {

namespace search {
class SearchLog;
class SearchService;
}  // namespace search

struct SiteInfo {
    std::string title = "Dateline";
    std::string tagline;
    std::string description;
    std::string base_url = "http://127.0.0.1:8080";  // no trailing slash
    std::string language = "en";
    std::string agency_credit = "With inputs from agencies";
    bool full_content_feeds = false;  // feeds.full_content
};

struct SiteParts {
    Store& store;
    std::shared_ptr<const Theme> theme;
    PageCache& cache;
    SiteTime time;
    MediaStorage& media;
    const Clock& clock;
    SiteInfo info;
    // Counts searches for "Most searched"; null: nothing is counted.
    search::SearchLog* search_log = nullptr;
};

struct Navigation;
class PageBuilder;

class Site {
  public:
    explicit Site(SiteParts parts);
    ~Site();

    // Answers any request for the reader site. Thread-safe.
    http::Response handle(const http::Request& request);
    // Drops the pages that depend on these keys (and the cached navigation
    // when everything goes).
    void invalidate(const std::vector<std::string>& keys);

    // Story views counted while serving (docs/readership.md); the readership
    // worker takes them from here.
    ViewCounter& views() { return views_; }
    // Shows these Most Read and Trending lists from now on; drops the pages
    // that show them when they differ from the current ones (Most Read: the
    // "most-read" key; Trending: every page, unless the editors' strip is set
    // and wins). Thread-safe; meant for one caller a minute, not per request.
    void publish_readership(ReadershipLists lists);

  private:
    friend class PageBuilder;
    std::shared_ptr<const Navigation> navigation();
    // Through the page cache: a miss renders inside one read snapshot.
    http::Response cached(const std::string& key, const PageCache::Renderer& render);
    // A themed page through the page cache, built by a PageBuilder that holds
    // the shared rail lists.
    using PageRender = std::function<RenderedPage(PageBuilder&)>;
    http::Response cached_page(const std::string& key, const Navigation& nav,
                               const PageRender& render);
    // The shared rail lists, read (in a snapshot of their own) when none are
    // kept. Called before a page opens its snapshot: lists read after an
    // invalidation must not come from a snapshot older than the change.
    std::shared_ptr<const RailLists> rail_lists(const Navigation& nav);
    http::Response route(const http::Request& request, std::string_view path);
    // Feeds, sitemaps, robots.txt and oEmbed; nullopt when the path is none of them.
    std::optional<http::Response> route_feeds(const http::Request& request, std::string_view path,
                                              const std::vector<std::string_view>& segments);
    // /search, /search.json and /search/popular.json (site/search_route.cpp).
    http::Response search(const http::Request& request, std::string_view path);

    SiteParts parts_;
    ViewCounter views_;
    std::mutex navigation_mutex_;
    std::shared_ptr<const Navigation> navigation_;
    std::unique_ptr<search::SearchService> search_;
    RailsCache rails_;
    StoryCardCache cards_;
    ReadershipLists readership_;  // guarded by navigation_mutex_
};

}  // namespace dateline
