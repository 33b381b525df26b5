#include "site/views.h"

#include <date/date.h>

#include <algorithm>

#include "model/slug.h"
#include "util/strings.h"

namespace dateline {

std::string absolute_url(const SiteInfo& info, std::string_view path) {
    return info.base_url + std::string(path);
}

std::string section_path(std::string_view slug) {
    return "/" + std::string(slug);
}

namespace {
View link(std::string_view name, std::string url) {
    View v;
    v.set("name", std::string(name));
    v.set("url", std::move(url));
    return v;
}

View nav_view(const ViewContext& ctx, std::string_view current) {
    View nav;
    const Section* current_section = ctx.nav.section_by_slug(current);
    int64_t current_top = 0;
    if (current_section)
        current_top =
            current_section->parent_id ? *current_section->parent_id : current_section->id;
    View sections = view_list();
    for (const Section* s : ctx.nav.top_level()) {
        View item = link(s->name, section_path(s->slug));
        if (s->id == current_top) item.set("current", true);
        View children = view_list();
        for (const Section* c : ctx.nav.children_of(s->id))
            children.push_back(link(c->name, section_path(c->slug)));
        if (!children.is_empty_list()) {
            item.set("children", children);
            item.set("has_children", true);
        }
        sections.push_back(item);
    }
    nav.set("sections", sections);
    View shows = view_list();
    for (const auto& s : ctx.nav.shows)
        shows.push_back(link(s.name, "/show/" + s.slug));
    nav.set("shows", shows);
    nav.set("has_shows", !ctx.nav.shows.empty());
    View events = view_list();
    for (const auto& e : ctx.nav.events)
        events.push_back(link(e.name, "/event/" + e.slug));
    nav.set("events", events);
    nav.set("has_events", !ctx.nav.events.empty());
    View trending = view_list();
    for (const auto& t : ctx.nav.trending)
        trending.push_back(link(t.name, "/tag/" + t.slug));
    nav.set("trending", trending);
    nav.set("has_trending", !ctx.nav.trending.empty());
    View pages = view_list();
    for (const auto& p : ctx.nav.pages)
        pages.push_back(link(p.title, "/" + p.slug));
    nav.set("pages", pages);
    return nav;
}
}  // namespace

namespace {
// <link rel="alternate"> for the feeds in all three formats.
void add_feed_links(View& list, const std::string& base_url, const std::string& title,
                    const std::string& prefix) {
    const std::pair<const char*, const char*> formats[] = {{"application/rss+xml", "/feed.xml"},
                                                           {"application/atom+xml", "/atom.xml"},
                                                           {"application/feed+json", "/feed.json"}};
    for (const auto& [type, file] : formats) {
        View link;
        link.set("type", type);
        link.set("title", title);
        link.set("href", base_url + prefix + file);
        list.push_back(link);
    }
}
}  // namespace

View layout_view(const ViewContext& ctx, std::string_view title, std::string_view description,
                 std::string_view canonical_path, std::string_view current_section,
                 const PageMeta& meta) {
    View v;
    View site;
    site.set("title", ctx.info.title);
    if (!ctx.info.tagline.empty()) site.set("tagline", ctx.info.tagline);
    site.set("url", ctx.info.base_url);
    site.set("language", ctx.info.language);
    v.set("site", site);
    View page;
    page.set("title", title.empty() ? ctx.info.title : std::string(title) + " | " + ctx.info.title);
    page.set("heading", std::string(title));
    page.set("description", std::string(description.empty() ? std::string_view(ctx.info.description)
                                                            : description));
    page.set("canonical", absolute_url(ctx.info, canonical_path));
    page.set("share_title", title.empty() ? ctx.info.title : std::string(title));

    page.set("og_type", meta.og_type);
    if (meta.image) {
        View image;
        image.set("url", absolute_url(ctx.info, "/media/" + meta.image->path));
        image.set("width", std::to_string(meta.image->width));
        image.set("height", std::to_string(meta.image->height));
        image.set("alt", meta.image->alt);
        image.set("type", meta.image->mime);
        page.set("image", image);
        page.set("twitter_card", "summary_large_image");
    } else {
        page.set("image", false);
        page.set("twitter_card", "summary");
    }
    View article = view_list();
    for (const auto& [property, content] : meta.article) {
        View item;
        item.set("property", property);
        item.set("content", content);
        article.push_back(item);
    }
    page.set("article", article);
    View feeds = view_list();
    for (const auto& [feed_title, prefix] : meta.feeds)
        add_feed_links(feeds, ctx.info.base_url, feed_title, prefix);
    add_feed_links(feeds, ctx.info.base_url, ctx.info.title, "");
    page.set("feeds", feeds);
    if (!meta.oembed_url.empty())
        page.set("oembed", meta.oembed_url);
    else
        page.set("oembed", false);
    View json_ld = view_list();
    for (const auto& block : meta.json_ld)
        json_ld.push_back(View(block));
    page.set("json_ld", json_ld);
    v.set("page", page);
    View assets;
    assets.set("css", ctx.theme.asset_url("site.css"));
    assets.set("logo", ctx.theme.asset_url("logo.svg"));
    assets.set("favicon", ctx.theme.asset_url("favicon.svg"));
    assets.set("embeds_js", ctx.theme.asset_url("embeds.js"));
    v.set("assets", assets);
    date::year_month_day ymd{date::floor<date::days>(ctx.now)};
    v.set("year", std::to_string(static_cast<int>(ymd.year())));
    std::string today = ctx.time.date(ctx.now);
    v.set("today", today);

    // Header and footer come ready-made; only the highlighted section varies.
    const Section* current = ctx.nav.section_by_slug(current_section);
    std::string top = current ? (current->parent_id ? std::to_string(*current->parent_id)
                                                    : std::to_string(current->id))
                              : "";
    const auto& chrome = ctx.nav.chrome(top, today, [&] {
        View frame = v;
        frame.set("nav", nav_view(ctx, current_section));
        return Navigation::Chrome{ctx.theme.render("partial/header", frame),
                                  ctx.theme.render("partial/footer", frame)};
    });
    View chrome_view;
    chrome_view.set("header", chrome.header);
    chrome_view.set("footer", chrome.footer);
    v.set("chrome", chrome_view);
    return v;
}

namespace {

std::string srcset_of(const std::vector<const MediaRendition*>& files) {
    std::string out;
    for (const auto* r : files) {
        if (!out.empty()) out += ", ";
        out += "/media/" + r->path + " " + std::to_string(r->width) + "w";
    }
    return out;
}

}  // namespace

View image_view(const MediaAsset& image, const ImagePlacement& placement) {
    // The renditions of the wanted crop, else of the original crop.
    std::vector<const MediaRendition*> webp, fallback;
    for (std::string_view crop : {placement.crop, std::string_view("original")}) {
        for (const auto& r : image.renditions) {
            if (r.crop != crop) continue;
            (r.format == "webp" ? webp : fallback).push_back(&r);
        }
        if (!fallback.empty()) break;
        webp.clear();
    }
    auto by_width = [](const MediaRendition* a, const MediaRendition* b) {
        return a->width < b->width;
    };
    auto cap = [&](std::vector<const MediaRendition*>& files) {
        std::sort(files.begin(), files.end(), by_width);
        // Never offer more than the slot can use, but always offer something.
        while (placement.max_width > 0 && files.size() > 1 &&
               files.back()->width > placement.max_width)
            files.pop_back();
    };
    cap(webp);
    cap(fallback);

    View v;
    if (fallback.empty()) {
        v.set("src", "/media/" + image.path);
        v.set("srcset", false);
        v.set("webp_srcset", false);
        v.set("width", std::to_string(image.width));
        v.set("height", std::to_string(image.height));
    } else {
        // src for browsers without srcset: the first rendition at least 640 wide.
        const MediaRendition* src = fallback.back();
        for (const auto* r : fallback)
            if (r->width >= 640) {
                src = r;
                break;
            }
        v.set("src", "/media/" + src->path);
        v.set("srcset", srcset_of(fallback));
        if (webp.empty())
            v.set("webp_srcset", false);
        else
            v.set("webp_srcset", srcset_of(webp));
        // The largest file gives the ratio the browser reserves room for.
        v.set("width", std::to_string(fallback.back()->width));
        v.set("height", std::to_string(fallback.back()->height));
    }
    v.set("sizes", std::string(placement.sizes));
    v.set("alt", image.alt);
    v.set("caption", image.caption);
    v.set("credit", image.credit);
    v.set("has_caption", !image.caption.empty() || !image.credit.empty());
    v.set("eager", placement.eager);
    return v;
}

View card_view(const ViewContext& ctx, const StorySummary& s, const ImagePlacement& image) {
    View v;
    v.set("url", story_path(s.section.slug, s.slug, s.id));
    v.set("headline", s.headline);
    v.set("standfirst", s.standfirst);
    View section;
    section.set("name", s.section.name);
    section.set("url", section_path(s.section.slug));
    v.set("section", section);
    // Absent keys would be looked up in the enclosing views, so optional
    // fields are set to false explicitly.
    auto label = kind_label(s.kind);
    // "Opinion" next to the Opinion section says the same thing twice.
    if (!label.empty() && to_lower(label) != s.section.slug) {
        v.set("kind_label", std::string(label));
        v.set("kind", to_string(s.kind));
    } else {
        v.set("kind_label", false);
    }
    v.set("published_iso", format_iso8601(s.published_at));
    v.set("published_date", ctx.time.date(s.published_at));
    if (s.hero) {
        View picture = image_view(*s.hero, image);
        // The picture links to the story beside its headline: decorative.
        picture.set("alt", "");
        v.set("image", picture);
    } else
        v.set("image", false);
    std::vector<std::string> names;
    for (const auto& a : s.authors)
        names.push_back(a.name);
    v.set("authors_text", join(names, ", "));
    return v;
}

View short_view(const ViewContext& ctx, const Short& item) {
    View v;
    v.set("headline", item.headline);
    v.set("summary", item.summary);
    v.set("url", item.story_path);
    v.set("has_url", !item.story_path.empty());
    v.set("published_date", ctx.time.date(item.published_at));
    v.set("published_iso", format_iso8601(item.published_at));
    return v;
}

View pagination_view(std::string_view base_path, int page, bool has_older) {
    View v;
    if (page <= 1 && !has_older) return v;
    auto url_of = [&](int n) {
        return n == 1 ? std::string(base_path)
                      : std::string(base_path) + "?page=" + std::to_string(n);
    };
    v.set("current", std::to_string(page));
    if (page > 1) v.set("prev_url", url_of(page - 1));
    if (has_older) v.set("next_url", url_of(page + 1));
    // The first page, a window around this one, and the next one if any.
    View pages = view_list();
    int last = has_older ? page + 1 : page;
    int last_shown = 0;
    for (int n = 1; n <= last; ++n) {
        if (n != 1 && std::abs(n - page) > 2) continue;
        if (last_shown && n > last_shown + 1) {
            View gap;
            gap.set("gap", true);
            pages.push_back(std::move(gap));
        }
        View item;
        item.set("number", std::to_string(n));
        item.set("url", url_of(n));
        if (n == page) item.set("current", true);
        pages.push_back(std::move(item));
        last_shown = n;
    }
    v.set("pages", std::move(pages));
    v.set("show", true);
    return v;
}

}  // namespace dateline
