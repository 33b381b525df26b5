#include "site/site.h"

#include "feeds/feeds.h"
#include "feeds/oembed.h"
#include "feeds/sitemaps.h"
#include "model/dependencies.h"
#include "model/slug.h"
#include "search/search_service.h"
#include "site/countable_view.h"
#include "site/navigation.h"
#include "site/pages.h"
#include "site/views.h"
#include "util/strings.h"

namespace dateline {

Site::Site(SiteParts parts)
    : parts_(std::move(parts)),
      search_(std::make_unique<search::SearchService>(parts_.store.search(), parts_.search_log)) {}
Site::~Site() = default;

std::shared_ptr<const Navigation> Site::navigation() {
    std::lock_guard lock(navigation_mutex_);
    if (!navigation_) {
        auto nav = std::make_shared<Navigation>();
        nav->sections = parts_.store.sections().list();
        nav->shows = parts_.store.shows().list();
        nav->events = parts_.store.events().list();
        nav->trending = parts_.store.tags().trending();
        if (nav->trending.empty()) nav->trending = readership_.trending;
        nav->most_read = readership_.most_read;
        for (auto& page : parts_.store.pages().list()) {
            page.body_html.clear();
            page.body_source.clear();
            nav->pages.push_back(std::move(page));
        }
        navigation_ = std::move(nav);
    }
    return navigation_;
}

void Site::invalidate(const std::vector<std::string>& keys) {
    for (const auto& key : keys) {
        if (key == kEverything) {
            std::lock_guard lock(navigation_mutex_);
            navigation_.reset();
        }
    }
    rails_.invalidate(keys);
    cards_.invalidate(keys);
    parts_.cache.invalidate(keys);
}

void Site::publish_readership(ReadershipLists lists) {
    // Asked before taking the lock: navigation() waits on it.
    bool editors_trending = !parts_.store.tags().trending().empty();
    std::vector<std::string> keys;
    {
        std::lock_guard lock(navigation_mutex_);
        bool most_read_changed = !same_most_read(lists, readership_);
        bool trending_changed = !same_trending(lists, readership_);
        if (!most_read_changed && !trending_changed) return;
        readership_ = std::move(lists);
        navigation_.reset();
        if (most_read_changed) keys.emplace_back(deps::kMostRead);
        // The strip is in the header of every page, but only shows the
        // computed topics while the editors' own list is empty.
        if (trending_changed && !editors_trending) keys.emplace_back(kEverything);
    }
    rails_.invalidate(keys);
    cards_.invalidate(keys);
    parts_.cache.invalidate(keys);
}

http::Response Site::cached(const std::string& key, const PageCache::Renderer& render) {
    http::Response r;
    r.prepared = parts_.cache.get(key, [&] {
        // A page's dozen reads see one state of the store, in one transaction.
        auto snapshot = parts_.store.read_snapshot();
        return render();
    });
    return r;
}

http::Response Site::cached_page(const std::string& key, const Navigation& nav,
                                 const PageRender& render) {
    http::Response r;
    r.prepared = parts_.cache.get(key, [&] {
        // Both taken before the snapshot opens (see rail_lists).
        uint64_t cards_ticket = cards_.ticket();
        auto rails = rail_lists(nav);
        auto snapshot = parts_.store.read_snapshot();
        PageBuilder builder(parts_, nav, {std::move(rails), cards_, cards_ticket});
        return render(builder);
    });
    return r;
}

std::shared_ptr<const RailLists> Site::rail_lists(const Navigation& nav) {
    auto now = parts_.clock.now();
    uint64_t cards_ticket = cards_.ticket();
    return rails_.get(now, nav.most_read, [&] {
        auto snapshot = parts_.store.read_snapshot();
        ViewContext ctx{nav, *parts_.theme, parts_.time, parts_.info, now};
        RailSources from{parts_.store, cards_, cards_ticket, &kCardImage,
                         [&](const StorySummary& s) { return card_view(ctx, s, kCardImage); }};
        return read_rail_lists(from, nav.most_read, now);
    });
}

namespace {

// ?page=N for N >= 2; 1 when absent; nullopt when malformed.
std::optional<int> page_number(const http::Request& request) {
    auto value = request.query_param("page");
    if (!value) return 1;
    auto n = parse_int(*value);
    if (!n || *n < 1 || *n > 100000) return std::nullopt;
    return static_cast<int>(*n);
}

std::string page_key(std::string_view path, int page) {
    std::string key(path);
    if (page > 1) key += "?page=" + std::to_string(page);
    return key;
}

}  // namespace

http::Response Site::handle(const http::Request& request) {
    // The hot path: a page cached under its plain path needs no routing.
    if ((request.method == http::Method::get || request.method == http::Method::head) &&
        request.query.empty()) {
        if (auto hit = parts_.cache.peek(request.path)) {
            if (views_.enabled())
                if (auto story = countable_story_view(request, *hit)) views_.add(*story);
            http::Response r;
            r.prepared = std::move(hit);
            return r;
        }
    }
    if (request.method != http::Method::get && request.method != http::Method::head) {
        auto r = http::Response::text(405, "Method not allowed\n");
        r.headers.emplace_back("Allow", "GET, HEAD");
        return r;
    }
    auto path = request.path;
    if (path.size() > 1 && path.back() == '/') {
        std::string target(path.substr(0, path.find_last_not_of('/') + 1));
        if (target.empty()) target = "/";
        int status = 301;
        // Old permalinks (WordPress's end in '/') go to their redirect's
        // target in one hop rather than two.
        if (auto redirect = parts_.store.redirects().find(target);
            redirect && redirect->status != 410) {
            target = redirect->to_path;
            status = redirect->status;
        }
        if (!request.query.empty()) target += "?" + std::string(request.query);
        return http::Response::redirect(status, target);
    }
    auto response = route(request, path);
    if (response.prepared && views_.enabled())
        if (auto story = countable_story_view(request, *response.prepared)) views_.add(*story);
    return response;
}

http::Response Site::route(const http::Request& request, std::string_view path) {
    auto nav = navigation();
    auto segments = split(path.substr(1), '/');
    auto not_found = [&] {
        if (auto redirect = parts_.store.redirects().find(path)) {
            if (redirect->status == 410)
                return cached_page("!410", *nav, [](PageBuilder& b) { return b.not_found(410); });
            return http::Response::redirect(redirect->status, redirect->to_path);
        }
        return cached_page("!404", *nav, [](PageBuilder& b) { return b.not_found(404); });
    };

    if (path == "/") return cached_page("/", *nav, [](PageBuilder& b) { return b.home(); });
    if (path == "/search" || path == "/search.json" || path == "/search/popular.json")
        return search(request, path);
    if (auto feed = route_feeds(request, path, segments)) return std::move(*feed);

    std::string_view first = segments[0];
    if (first == "assets" && segments.size() >= 2) {
        auto name = path.substr(std::string_view("/assets/").size());
        auto version = request.query_param("v");
        if (auto asset = parts_.theme->asset(name, version.value_or(""))) {
            http::Response r;
            r.prepared = asset;
            return r;
        }
        return not_found();
    }
    if (path == "/favicon.ico") {
        http::Response r;
        r.prepared = parts_.theme->asset("favicon.svg", "");
        if (r.prepared) return r;
        return not_found();
    }
    if (first == "media" && segments.size() >= 2) {
        std::string relative(path.substr(std::string_view("/media/").size()));
        std::string key(path);
        if (auto hit = parts_.cache.peek(key)) {
            http::Response r;
            r.prepared = hit;
            return r;
        }
        auto bytes = parts_.media.get(relative);
        if (!bytes) return not_found();
        return cached(key, [&] {
            http::Response r;
            r.content_type = content_type_for(relative);
            r.body = std::move(*bytes);
            r.cache_control = "public, max-age=31536000, immutable";
            return RenderedPage{http::prepare(std::move(r)), {"media"}, true};
        });
    }

    auto page = page_number(request);
    if (!page) return not_found();

    if (segments.size() == 2) {
        using Listing = PageBuilder::Listing;
        std::optional<Listing> kind;
        if (first == "tag") kind = Listing::tag;
        if (first == "author") kind = Listing::author;
        if (first == "show") kind = Listing::show;
        if (first == "event") kind = Listing::event;
        if (kind) {
            if (!is_valid_slug(segments[1])) return not_found();
            std::optional<RenderedPage> rendered;
            auto response = cached_page(page_key(path, *page), *nav, [&](PageBuilder& b) {
                rendered = b.listing(*kind, segments[1], *page);
                if (rendered) return *rendered;
                RenderedPage none = b.not_found();
                none.cacheable = false;
                return none;
            });
            return response;
        }
        // A story: /{section}/{slug}-{id}; the id decides, the rest must match.
        if (auto id = story_id_from_segment(segments[1]); id && nav->section_by_slug(first)) {
            auto key = page_key(path, 1);
            if (auto hit = parts_.cache.peek(key)) {
                http::Response r;
                r.prepared = hit;
                return r;
            }
            bool missing = false;
            auto response = cached_page(key, *nav, [&](PageBuilder& b) {
                auto rendered = b.story(*id, path);
                if (rendered) return *rendered;
                missing = true;
                RenderedPage none;
                none.cacheable = false;
                return none;
            });
            if (missing) return not_found();
            return response;
        }
        return not_found();
    }
    if (segments.size() == 1 && is_valid_slug(first)) {
        if (nav->section_by_slug(first)) {
            return cached_page(page_key(path, *page), *nav, [&](PageBuilder& b) {
                auto rendered = b.listing(PageBuilder::Listing::section, first, *page);
                if (rendered) return *rendered;
                RenderedPage none = b.not_found();
                none.cacheable = false;
                return none;
            });
        }
        if (*page == 1) {
            bool exists = false;
            for (const auto& p : nav->pages)
                exists = exists || p.slug == first;
            if (exists)
                return cached_page(std::string(path), *nav, [&](PageBuilder& b) {
                    auto rendered = b.static_page(first);
                    if (rendered) return *rendered;
                    RenderedPage none = b.not_found();
                    none.cacheable = false;
                    return none;
                });
        }
    }
    return not_found();
}

feeds::FeedSite feed_site(const SiteInfo& info, const Theme& theme) {
    feeds::FeedSite site;
    site.title = info.title;
    site.description = info.description.empty() ? info.tagline : info.description;
    site.base_url = info.base_url;
    site.language = info.language;
    site.logo_url = info.base_url + theme.asset_url("logo.svg");
    site.full_content = info.full_content_feeds;
    return site;
}

std::optional<http::Response> Site::route_feeds(const http::Request& request, std::string_view path,
                                                const std::vector<std::string_view>& segments) {
    using feeds::FeedFormat;
    using feeds::ScopeKind;
    std::string_view last = segments.back();
    bool feed_file = feeds::feed_format_of(last).has_value();
    bool sitemap = path == "/sitemap.xml" || (segments.size() == 2 && segments[0] == "sitemaps");
    if (!feed_file && !sitemap && path != "/robots.txt" && path != "/oembed") return std::nullopt;

    const feeds::FeedSite site = feed_site(parts_.info, *parts_.theme);
    feeds::FeedContext ctx{parts_.store, site, parts_.clock.now()};
    std::string key(path);
    // Renders through the cache; a builder's nullopt answers the themed 404.
    auto serve = [&](const std::string& cache_key,
                     const std::function<std::optional<RenderedPage>()>& build)
        -> std::optional<http::Response> {
        bool missing = false;
        auto response = cached(cache_key, [&] {
            if (auto page = build()) return *page;
            missing = true;
            RenderedPage none;
            none.cacheable = false;
            return none;
        });
        if (missing) return std::nullopt;
        return response;
    };

    if (feed_file) {
        FeedFormat format = *feeds::feed_format_of(last);
        std::optional<std::pair<ScopeKind, std::string_view>> scope;
        if (segments.size() == 1) scope = {ScopeKind::site, ""};
        if (segments.size() == 2 && is_valid_slug(segments[0]) &&
            navigation()->section_by_slug(segments[0]))
            scope = {ScopeKind::section, segments[0]};
        if (segments.size() == 3 && is_valid_slug(segments[1])) {
            if (segments[0] == "tag") scope = {ScopeKind::tag, segments[1]};
            if (segments[0] == "author") scope = {ScopeKind::author, segments[1]};
        }
        if (!scope) return std::nullopt;
        return serve(key,
                     [&] { return feeds::build_feed(ctx, format, scope->first, scope->second); });
    }
    if (path == "/sitemap.xml") return serve(key, [&] { return feeds::sitemap_index(ctx); });
    if (path == "/robots.txt") return serve(key, [&] { return feeds::robots_txt(ctx); });
    if (path == "/sitemaps/news.xml") return serve(key, [&] { return feeds::news_sitemap(ctx); });
    if (path == "/sitemaps/pages.xml") return serve(key, [&] { return feeds::pages_sitemap(ctx); });
    if (sitemap) {
        auto part = feeds::parse_month_file(segments[1]);
        if (!part) return std::nullopt;
        return serve(key, [&] { return feeds::month_sitemap(ctx, *part); });
    }
    // /oembed?url=...&format=json[&maxwidth=N]
    auto format = request.query_param("format");
    if (format && *format != "json") {
        auto r = http::Response::text(501, "Only format=json is provided.\n");
        return r;
    }
    auto url = request.query_param("url");
    std::optional<int64_t> id;
    if (url) id = feeds::story_id_of_url(parts_.info.base_url, *url);
    if (!id) {
        auto r = http::Response::text(404, "No story of this site at that url.\n");
        return r;
    }
    int width = 600;
    if (auto w = request.query_param("maxwidth"))
        if (auto n = parse_int(*w); n && *n > 0)
            width = static_cast<int>(std::min<int64_t>(*n, 600));
    width = std::max(width, 200);
    auto response = serve("/oembed?story=" + std::to_string(*id) + "&w=" + std::to_string(width),
                          [&] { return feeds::oembed(ctx, *id, width); });
    if (!response) return http::Response::text(404, "No story of this site at that url.\n");
    return response;
}

}  // namespace dateline
