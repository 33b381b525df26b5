#include "site/site.h"

#include "model/dependencies.h"
#include "model/slug.h"
#include "site/navigation.h"
#include "site/pages.h"
#include "util/strings.h"

namespace dateline {

Site::Site(SiteParts parts) : parts_(std::move(parts)) {}
Site::~Site() = default;

std::shared_ptr<const Navigation> Site::navigation() {
    std::lock_guard lock(navigation_mutex_);
    if (!navigation_) {
        auto nav = std::make_shared<Navigation>();
        nav->sections = parts_.store.sections().list();
        nav->shows = parts_.store.shows().list();
        nav->events = parts_.store.events().list();
        nav->trending = parts_.store.tags().trending();
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
    parts_.cache.invalidate(keys);
}

http::Response Site::cached(const std::string& key, const PageCache::Renderer& render) {
    http::Response r;
    r.prepared = parts_.cache.get(key, render);
    return r;
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
        if (!request.query.empty()) target += "?" + std::string(request.query);
        return http::Response::redirect(301, target);
    }
    return route(request, path);
}

http::Response Site::route(const http::Request& request, std::string_view path) {
    auto nav = navigation();
    auto segments = split(path.substr(1), '/');
    auto not_found = [&] {
        if (auto redirect = parts_.store.redirects().find(path)) {
            if (redirect->status == 410)
                return cached("!410", [&] { return PageBuilder(parts_, *nav).not_found(410); });
            return http::Response::redirect(redirect->status, redirect->to_path);
        }
        return cached("!404", [&] { return PageBuilder(parts_, *nav).not_found(404); });
    };

    if (path == "/") return cached("/", [&] { return PageBuilder(parts_, *nav).home(); });

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
            auto response = cached(page_key(path, *page), [&] {
                rendered = PageBuilder(parts_, *nav).listing(*kind, segments[1], *page);
                if (rendered) return *rendered;
                RenderedPage none = PageBuilder(parts_, *nav).not_found();
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
            auto summary = parts_.store.stories().summaries({*id});
            if (summary.empty()) return not_found();
            std::string canonical = story_path(summary[0].section.slug, summary[0].slug, *id);
            if (canonical != path) return http::Response::redirect(301, canonical);
            return cached(key, [&] {
                auto rendered = PageBuilder(parts_, *nav).story(*id);
                if (rendered) return *rendered;
                RenderedPage none = PageBuilder(parts_, *nav).not_found();
                none.cacheable = false;
                return none;
            });
        }
        return not_found();
    }
    if (segments.size() == 1 && is_valid_slug(first)) {
        if (nav->section_by_slug(first)) {
            return cached(page_key(path, *page), [&] {
                auto rendered =
                    PageBuilder(parts_, *nav).listing(PageBuilder::Listing::section, first, *page);
                if (rendered) return *rendered;
                RenderedPage none = PageBuilder(parts_, *nav).not_found();
                none.cacheable = false;
                return none;
            });
        }
        if (*page == 1) {
            bool exists = false;
            for (const auto& p : nav->pages)
                exists = exists || p.slug == first;
            if (exists)
                return cached(std::string(path), [&] {
                    auto rendered = PageBuilder(parts_, *nav).static_page(first);
                    if (rendered) return *rendered;
                    RenderedPage none = PageBuilder(parts_, *nav).not_found();
                    none.cacheable = false;
                    return none;
                });
        }
    }
    return not_found();
}

}  // namespace dateline
