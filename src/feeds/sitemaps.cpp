#include "feeds/sitemaps.h"

#include <date/date.h>

#include <cstdio>

#include "feeds/xml.h"
#include "model/dependencies.h"
#include "model/slug.h"
#include "util/strings.h"

namespace dateline::feeds {

namespace {

const std::string kSitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";
const std::string kNewsNs = "http://www.google.com/schemas/sitemap-news/0.9";
const std::string kImageNs = "http://www.google.com/schemas/sitemap-image/1.1";
const std::string kXmlType = "application/xml; charset=utf-8";
const std::string kSitemapCacheControl = "public, max-age=3600, stale-while-revalidate=600";
const std::string kNewsCacheControl = "public, max-age=300, stale-while-revalidate=60";

RenderedPage page_of(std::string body, std::string content_type, std::string cache_control,
                     std::optional<Timestamp> modified, std::vector<std::string> dependencies) {
    http::Response r;
    r.content_type = std::move(content_type);
    r.cache_control = std::move(cache_control);
    r.body = std::move(body);
    r.last_modified = modified;
    RenderedPage page;
    page.response = http::prepare(std::move(r));
    page.dependencies = std::move(dependencies);
    return page;
}

std::pair<Timestamp, Timestamp> month_range(int year, int month) {
    using namespace date;
    auto first = sys_days{date::year{year} / date::month(static_cast<unsigned>(month)) / 1};
    auto next =
        sys_days{(date::year{year} / date::month(static_cast<unsigned>(month)) / 1) + months{1}};
    return {Timestamp{first}, Timestamp{next}};
}

std::string story_url(const FeedContext& ctx, const SitemapEntry& e) {
    return ctx.site.base_url + story_path(e.section_slug, e.slug, e.id);
}

void image_of(xml::Writer& w, const FeedContext& ctx, const SitemapEntry& e) {
    if (!e.hero) return;
    w.open("image:image");
    w.element("image:loc", ctx.site.base_url + "/media/" + e.hero->path);
    w.close();
}

// Google News wants an ISO 639 code: "en", but "zh-cn" and "zh-tw" as such.
std::string news_language(std::string_view tag) {
    std::string lower = to_lower(tag);
    if (starts_with(lower, "zh-")) return lower.substr(0, 5);
    return lower.substr(0, lower.find('-'));
}

}  // namespace

std::string month_path(const MonthPart& p) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "/sitemaps/stories-%04d-%02d", p.year, p.month);
    std::string path = buffer;
    if (p.part > 1) path += "-" + std::to_string(p.part);
    return path + ".xml";
}

std::optional<MonthPart> parse_month_file(std::string_view file) {
    if (!starts_with(file, "stories-") || !ends_with(file, ".xml")) return std::nullopt;
    auto fields = split(file.substr(8, file.size() - 12), '-');
    if (fields.size() < 2 || fields.size() > 3) return std::nullopt;
    if (fields[0].size() != 4 || fields[1].size() != 2) return std::nullopt;
    auto year = parse_int(fields[0]);
    auto month = parse_int(fields[1]);
    if (!year || !month || *year < 1970 || *year > 9999 || *month < 1 || *month > 12)
        return std::nullopt;
    MonthPart p{static_cast<int>(*year), static_cast<int>(*month), 1};
    if (fields.size() == 3) {
        auto part = parse_int(fields[2]);
        // "-1" is not a name we give out: the first part has no number.
        if (!part || *part < 2 || *part > 100000 || fields[2][0] == '0') return std::nullopt;
        p.part = static_cast<int>(*part);
    }
    return p;
}

RenderedPage sitemap_index(const FeedContext& ctx, const SitemapLimits& limits) {
    const std::string& base = ctx.site.base_url;
    auto months = ctx.store.stories().published_months();
    xml::Writer w;
    w.open("sitemapindex", {{"xmlns", kSitemapNs}});
    w.open("sitemap");
    w.element("loc", base + "/sitemaps/pages.xml");
    w.close();
    std::optional<Timestamp> newest;
    for (const auto& m : months)
        newest = std::max(newest.value_or(m.last_modified), m.last_modified);
    w.open("sitemap");
    w.element("loc", base + "/sitemaps/news.xml");
    if (newest) w.element("lastmod", xml::rfc3339(*newest));
    w.close();
    for (const auto& m : months) {
        int64_t parts = (m.stories + limits.urls_per_file - 1) / limits.urls_per_file;
        for (int part = 1; part <= parts; ++part) {
            w.open("sitemap");
            w.element("loc", base + month_path({m.year, m.month, part}));
            w.element("lastmod", xml::rfc3339(m.last_modified));
            w.close();
        }
    }
    return page_of(w.finish(), kXmlType, kSitemapCacheControl, newest,
                   {std::string(deps::kLatest)});
}

std::optional<RenderedPage> month_sitemap(const FeedContext& ctx, const MonthPart& part,
                                          const SitemapLimits& limits) {
    auto [from, to] = month_range(part.year, part.month);
    int64_t offset = (part.part - 1) * limits.urls_per_file;
    if (offset > std::numeric_limits<int>::max()) return std::nullopt;
    auto entries = ctx.store.stories().published_between(
        from, to, static_cast<int>(limits.urls_per_file), static_cast<int>(offset), false);
    if (entries.empty()) return std::nullopt;
    xml::Writer w;
    w.open("urlset", {{"xmlns", kSitemapNs}, {"xmlns:image", kImageNs}});
    Timestamp newest = entries.front().modified_at;
    for (const auto& e : entries) {
        w.open("url");
        w.element("loc", story_url(ctx, e));
        w.element("lastmod", xml::rfc3339(e.modified_at));
        image_of(w, ctx, e);
        w.close();
        newest = std::max(newest, e.modified_at);
    }
    char month_key[16];
    std::snprintf(month_key, sizeof month_key, "%04d-%02d", part.year, part.month);
    // "latest" as well: a publish into an earlier part shifts the later ones.
    return page_of(w.finish(), kXmlType, kSitemapCacheControl, newest,
                   {deps::month(month_key), std::string(deps::kLatest)});
}

RenderedPage news_sitemap(const FeedContext& ctx, const SitemapLimits& limits) {
    auto entries = ctx.store.stories().published_between(
        ctx.now - limits.news_window, ctx.now + std::chrono::seconds(1), limits.news_urls, 0, true);
    xml::Writer w;
    w.open("urlset", {{"xmlns", kSitemapNs}, {"xmlns:news", kNewsNs}, {"xmlns:image", kImageNs}});
    std::optional<Timestamp> newest;
    for (const auto& e : entries) {
        w.open("url");
        w.element("loc", story_url(ctx, e));
        w.element("lastmod", xml::rfc3339(e.modified_at));
        w.open("news:news");
        w.open("news:publication");
        w.element("news:name", ctx.site.title);
        w.element("news:language", news_language(ctx.site.language));
        w.close();
        w.element("news:publication_date", xml::rfc3339(e.published_at));
        w.element("news:title", e.headline);
        w.close();
        image_of(w, ctx, e);
        w.close();
        newest = std::max(newest.value_or(e.modified_at), e.modified_at);
    }
    return page_of(w.finish(), kXmlType, kNewsCacheControl, newest, {std::string(deps::kLatest)});
}

RenderedPage pages_sitemap(const FeedContext& ctx) {
    const std::string& base = ctx.site.base_url;
    xml::Writer w;
    w.open("urlset", {{"xmlns", kSitemapNs}});
    auto url = [&](const std::string& path, std::optional<Timestamp> modified = std::nullopt) {
        w.open("url");
        w.element("loc", base + path);
        if (modified) w.element("lastmod", xml::rfc3339(*modified));
        w.close();
    };
    url("/");
    for (const auto& s : ctx.store.sections().list())
        url("/" + s.slug);
    for (const auto& t : ctx.store.tags().list())
        url("/tag/" + t.slug);
    for (const auto& a : ctx.store.authors().list())
        url("/author/" + a.slug);
    for (const auto& s : ctx.store.shows().list())
        url("/show/" + s.slug);
    for (const auto& e : ctx.store.events().list())
        url("/event/" + e.slug);
    std::vector<std::string> dependencies;
    for (const auto& p : ctx.store.pages().list()) {
        url("/" + p.slug, p.updated_at);
        dependencies.push_back(deps::page(p.slug));
    }
    // New tags and authors come with the stories that use them.
    dependencies.push_back(std::string(deps::kLatest));
    return page_of(w.finish(), kXmlType, kSitemapCacheControl, std::nullopt,
                   std::move(dependencies));
}

RenderedPage robots_txt(const FeedContext& ctx) {
    std::string body =
        "# Dateline\n"
        "User-agent: *\n"
        "Allow: /\n"
        "Disallow: /oembed\n"
        "\n"
        "Sitemap: " +
        ctx.site.base_url + "/sitemap.xml\n" + "Sitemap: " + ctx.site.base_url +
        "/sitemaps/news.xml\n";
    return page_of(std::move(body), "text/plain; charset=utf-8",
                   "public, max-age=86400, stale-while-revalidate=3600", std::nullopt, {});
}

}  // namespace dateline::feeds
