#include "feeds/feeds.h"

#include <date/date.h>

#include <nlohmann/json.hpp>

#include "feeds/xml.h"
#include "model/dependencies.h"
#include "model/slug.h"

namespace dateline::feeds {

namespace {

const std::string kFeedCacheControl = "public, max-age=300, stale-while-revalidate=60";

struct Scope {
    std::string name;       // shown as the feed's title
    std::string html_path;  // the page the feed follows
    std::string description;
    std::string dependency;
    StoryQuery query;
};

std::optional<Scope> resolve(const FeedContext& ctx, ScopeKind kind, std::string_view slug) {
    Scope s;
    switch (kind) {
        case ScopeKind::site:
            s.name = ctx.site.title;
            s.html_path = "/";
            s.description = ctx.site.description;
            s.dependency = std::string(deps::kLatest);
            break;
        case ScopeKind::section: {
            auto section = ctx.store.sections().by_slug(slug);
            if (!section) return std::nullopt;
            s.name = section->name + " | " + ctx.site.title;
            s.html_path = "/" + section->slug;
            s.description = section->description;
            s.dependency = deps::section(section->slug);
            s.query.section_id = section->id;
            break;
        }
        case ScopeKind::tag: {
            auto tag = ctx.store.tags().by_slug(slug);
            if (!tag) return std::nullopt;
            s.name = tag->name + " | " + ctx.site.title;
            s.html_path = "/tag/" + tag->slug;
            s.description = tag->description;
            s.dependency = deps::tag(tag->slug);
            s.query.tag_id = tag->id;
            break;
        }
        case ScopeKind::author: {
            auto author = ctx.store.authors().by_slug(slug);
            if (!author) return std::nullopt;
            s.name = author->name + " | " + ctx.site.title;
            s.html_path = "/author/" + author->slug;
            s.description = author->bio;
            s.dependency = deps::author(author->slug);
            s.query.author_id = author->id;
            break;
        }
    }
    if (s.description.empty()) s.description = s.name;
    s.query.limit = kFeedItems;
    s.query.count_total = false;
    return s;
}

struct Person {
    std::string name;
    std::string url;
};

struct Item {
    std::string id;
    std::string url;
    std::string title;
    std::string summary;
    std::string content_html;  // empty unless full content
    Timestamp published{};
    Timestamp updated{};
    std::vector<Person> authors;
    std::vector<std::string> categories;  // section, then tags
    std::optional<MediaAsset> hero;
    std::string hero_url;
};

std::vector<Item> items_of(const FeedContext& ctx, const Scope& scope) {
    std::vector<Item> items;
    const std::string& base = ctx.site.base_url;
    std::vector<int64_t> ids;
    for (const auto& summary : ctx.store.stories().latest(scope.query).items)
        ids.push_back(summary.id);
    // One read for every item; a story unpublished in between is left out.
    auto pages = ctx.store.stories().published_pages(ids);
    for (const auto& page : pages) {
        const Story& s = page.story;
        Item item;
        item.published = s.published_at.value_or(s.created_at);
        item.updated = std::max(item.published, s.content_updated_at.value_or(item.published));
        item.id = entry_id(base, s.id, item.published);
        item.url = base + story_path(page.section.slug, s.slug, s.id);
        item.title = s.headline;
        item.summary = s.standfirst;
        if (ctx.site.full_content) item.content_html = absolute_links(s.body_html, base);
        for (const auto& a : page.authors)
            item.authors.push_back({a.name, base + "/author/" + a.slug});
        item.categories.push_back(page.section.name);
        for (const auto& t : page.tags)
            item.categories.push_back(t.name);
        if (page.hero) {
            item.hero = page.hero;
            item.hero_url = base + "/media/" + page.hero->path;
        }
        items.push_back(std::move(item));
    }
    return items;
}

std::string rss(const FeedContext& ctx, const Scope& scope, const std::vector<Item>& items,
                const std::string& self) {
    xml::Writer w;
    w.open("rss", {{"version", "2.0"},
                   {"xmlns:atom", "http://www.w3.org/2005/Atom"},
                   {"xmlns:content", "http://purl.org/rss/1.0/modules/content/"},
                   {"xmlns:dc", "http://purl.org/dc/elements/1.1/"},
                   {"xmlns:media", "http://search.yahoo.com/mrss/"}});
    w.open("channel");
    w.element("title", scope.name);
    w.element("link", ctx.site.base_url + scope.html_path);
    w.element("description", scope.description);
    w.element("language", ctx.site.language);
    w.element("generator", "Dateline");
    w.empty("atom:link", {{"href", self}, {"rel", "self"}, {"type", "application/rss+xml"}});
    if (!items.empty()) {
        Timestamp newest = items.front().updated;
        for (const auto& i : items)
            newest = std::max(newest, i.updated);
        w.element("lastBuildDate", xml::rfc822(newest));
    }
    for (const auto& i : items) {
        w.open("item");
        w.element("title", i.title);
        w.element("link", i.url);
        w.element("guid", i.id, {{"isPermaLink", "false"}});
        w.element("pubDate", xml::rfc822(i.published));
        if (!i.summary.empty()) w.element("description", i.summary);
        if (!i.content_html.empty()) w.element("content:encoded", i.content_html);
        for (const auto& a : i.authors)
            w.element("dc:creator", a.name);
        for (const auto& c : i.categories)
            w.element("category", c);
        if (i.hero) {
            w.empty("enclosure", {{"url", i.hero_url},
                                  {"length", std::to_string(i.hero->bytes)},
                                  {"type", i.hero->mime}});
            w.open("media:content", {{"url", i.hero_url},
                                     {"type", i.hero->mime},
                                     {"medium", "image"},
                                     {"width", std::to_string(i.hero->width)},
                                     {"height", std::to_string(i.hero->height)}});
            if (!i.hero->caption.empty() || !i.hero->alt.empty())
                w.element("media:description",
                          i.hero->caption.empty() ? i.hero->alt : i.hero->caption);
            if (!i.hero->credit.empty()) w.element("media:credit", i.hero->credit);
            w.close();
        }
        w.close();
    }
    return w.finish();
}

std::string atom(const FeedContext& ctx, const Scope& scope, const std::vector<Item>& items,
                 const std::string& self) {
    xml::Writer w;
    w.open("feed", {{"xmlns", "http://www.w3.org/2005/Atom"}, {"xml:lang", ctx.site.language}});
    w.element("id", self);
    w.element("title", scope.name);
    w.element("subtitle", scope.description);
    Timestamp newest = items.empty() ? ctx.now : items.front().updated;
    for (const auto& i : items)
        newest = std::max(newest, i.updated);
    w.element("updated", xml::rfc3339(newest));
    w.empty("link", {{"rel", "alternate"},
                     {"type", "text/html"},
                     {"href", ctx.site.base_url + scope.html_path}});
    w.empty("link", {{"rel", "self"}, {"type", "application/atom+xml"}, {"href", self}});
    w.open("author");
    w.element("name", ctx.site.title);
    w.element("uri", ctx.site.base_url + "/");
    w.close();
    w.element("generator", "Dateline");
    for (const auto& i : items) {
        w.open("entry");
        w.element("id", i.id);
        w.element("title", i.title);
        w.empty("link", {{"rel", "alternate"}, {"type", "text/html"}, {"href", i.url}});
        w.element("published", xml::rfc3339(i.published));
        w.element("updated", xml::rfc3339(i.updated));
        for (const auto& a : i.authors) {
            w.open("author");
            w.element("name", a.name);
            w.element("uri", a.url);
            w.close();
        }
        for (const auto& c : i.categories)
            w.empty("category", {{"term", c}});
        if (!i.summary.empty()) w.element("summary", i.summary, {{"type", "text"}});
        if (!i.content_html.empty()) w.element("content", i.content_html, {{"type", "html"}});
        if (i.hero)
            w.empty("link", {{"rel", "enclosure"},
                             {"type", i.hero->mime},
                             {"length", std::to_string(i.hero->bytes)},
                             {"href", i.hero_url}});
        w.close();
    }
    return w.finish();
}

std::string json_feed(const FeedContext& ctx, const Scope& scope, const std::vector<Item>& items,
                      const std::string& self) {
    using nlohmann::json;
    json feed = {
        {"version", "https://jsonfeed.org/version/1.1"},
        {"title", scope.name},
        {"home_page_url", ctx.site.base_url + scope.html_path},
        {"feed_url", self},
        {"description", scope.description},
        {"language", ctx.site.language},
        {"authors", json::array({{{"name", ctx.site.title}, {"url", ctx.site.base_url + "/"}}})}};
    json list = json::array();
    for (const auto& i : items) {
        json item = {{"id", i.id},
                     {"url", i.url},
                     {"title", i.title},
                     {"date_published", xml::rfc3339(i.published)},
                     {"date_modified", xml::rfc3339(i.updated)}};
        if (!i.summary.empty()) item["summary"] = i.summary;
        // An item carries content_html or content_text (JSON Feed 1.1).
        if (!i.content_html.empty())
            item["content_html"] = i.content_html;
        else
            item["content_text"] = i.summary.empty() ? i.title : i.summary;
        if (!i.hero_url.empty()) item["image"] = i.hero_url;
        json authors = json::array();
        for (const auto& a : i.authors)
            authors.push_back({{"name", a.name}, {"url", a.url}});
        if (!authors.empty()) item["authors"] = authors;
        item["tags"] = i.categories;
        list.push_back(std::move(item));
    }
    feed["items"] = std::move(list);
    return feed.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string_view feed_file(FeedFormat format) {
    switch (format) {
        case FeedFormat::rss:
            return "feed.xml";
        case FeedFormat::atom:
            return "atom.xml";
        case FeedFormat::json:
            return "feed.json";
    }
    return "feed.xml";
}

std::optional<FeedFormat> feed_format_of(std::string_view file) {
    for (auto f : {FeedFormat::rss, FeedFormat::atom, FeedFormat::json})
        if (feed_file(f) == file) return f;
    return std::nullopt;
}

std::string feed_path(ScopeKind kind, std::string_view slug, FeedFormat format) {
    std::string prefix;
    switch (kind) {
        case ScopeKind::site:
            break;
        case ScopeKind::section:
            prefix = "/" + std::string(slug);
            break;
        case ScopeKind::tag:
            prefix = "/tag/" + std::string(slug);
            break;
        case ScopeKind::author:
            prefix = "/author/" + std::string(slug);
            break;
    }
    return prefix + "/" + std::string(feed_file(format));
}

std::optional<RenderedPage> build_feed(const FeedContext& ctx, FeedFormat format, ScopeKind kind,
                                       std::string_view slug) {
    auto scope = resolve(ctx, kind, slug);
    if (!scope) return std::nullopt;
    auto items = items_of(ctx, *scope);
    std::string self = ctx.site.base_url + feed_path(kind, slug, format);
    http::Response r;
    r.cache_control = kFeedCacheControl;
    switch (format) {
        case FeedFormat::rss:
            r.content_type = "application/rss+xml; charset=utf-8";
            r.body = rss(ctx, *scope, items, self);
            break;
        case FeedFormat::atom:
            r.content_type = "application/atom+xml; charset=utf-8";
            r.body = atom(ctx, *scope, items, self);
            break;
        case FeedFormat::json:
            r.content_type = "application/feed+json; charset=utf-8";
            r.body = json_feed(ctx, *scope, items, self);
            break;
    }
    if (!items.empty()) {
        Timestamp newest = items.front().updated;
        for (const auto& i : items)
            newest = std::max(newest, i.updated);
        r.last_modified = newest;
    }
    // Every change to a story names its section, tags and authors (and
    // "latest"), so the scope's key covers edits to the listed stories too.
    RenderedPage page;
    page.response = http::prepare(std::move(r));
    page.dependencies = {scope->dependency};
    return page;
}

std::string entry_id(std::string_view base_url, int64_t story_id, Timestamp published) {
    std::string_view host = base_url;
    if (auto scheme = host.find("://"); scheme != std::string_view::npos)
        host = host.substr(scheme + 3);
    host = host.substr(0, host.find_first_of(":/"));
    return "tag:" + std::string(host) + "," + date::format("%F", published) +
           ":story:" + std::to_string(story_id);
}

std::string absolute_links(std::string_view html, std::string_view base_url) {
    std::string out;
    out.reserve(html.size());
    size_t i = 0;
    while (i < html.size()) {
        bool matched = false;
        for (std::string_view attr : {"href=\"/", "src=\"/"}) {
            if (html.compare(i, attr.size(), attr) == 0 &&
                (i + attr.size() >= html.size() || html[i + attr.size()] != '/')) {
                out.append(attr.substr(0, attr.size() - 1));
                out.append(base_url);
                out += '/';
                i += attr.size();
                matched = true;
                break;
            }
        }
        if (!matched) out += html[i++];
    }
    return out;
}

}  // namespace dateline::feeds
