// Syndication feeds (RSS 2.0, Atom 1.0, JSON Feed 1.1), sitemaps, robots.txt
// and the oEmbed provider. Each builder reads the store and returns a page
// for the page cache with the dependency keys it was built from
// (docs/feeds.md lists the URLs and what each validates against).
//
// Thread-safe as far as the Store is; a FeedContext lives for one build.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/site_time.h"
#include "render/page_cache.h"
#include "store/store.h"

namespace dateline::feeds {

// What the feeds say about the site; filled from the site's settings.
struct FeedSite {
    std::string title;
    std::string description;
    std::string base_url;  // absolute, no trailing slash
    std::string language = "en";
    std::string logo_url;       // absolute
    bool full_content = false;  // feeds.full_content: whole bodies instead of summaries
};

struct FeedContext {
    Store& store;
    const FeedSite& site;
    Timestamp now;
};

enum class FeedFormat { rss, atom, json };
enum class ScopeKind { site, section, tag, author };

// Newest stories in a feed.
inline constexpr int kFeedItems = 50;

// The feed's file name in a URL: "feed.xml", "atom.xml", "feed.json".
std::string_view feed_file(FeedFormat format);
std::optional<FeedFormat> feed_format_of(std::string_view file);
// "/feed.xml", "/world/atom.xml", "/tag/ports/feed.json".
std::string feed_path(ScopeKind kind, std::string_view slug, FeedFormat format);

// The feed of a scope; nullopt when the section, tag or author is unknown.
std::optional<RenderedPage> build_feed(const FeedContext& ctx, FeedFormat format, ScopeKind kind,
                                       std::string_view slug);

// "tag:news.example,2026-03-22:story:42": an entry id that survives a change
// of slug or section.
std::string entry_id(std::string_view base_url, int64_t story_id, Timestamp published);

// Story bodies use site-relative links; feed readers need absolute ones.
std::string absolute_links(std::string_view html, std::string_view base_url);

}  // namespace dateline::feeds
