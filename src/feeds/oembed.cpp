#include "feeds/oembed.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "model/dependencies.h"
#include "model/slug.h"
#include "util/strings.h"

namespace dateline::feeds {

std::optional<int64_t> story_id_of_url(std::string_view base_url, std::string_view url) {
    if (!starts_with(url, base_url)) return std::nullopt;
    std::string_view path = url.substr(base_url.size());
    path = path.substr(0, path.find_first_of("?#"));
    if (!starts_with(path, "/")) return std::nullopt;
    auto segments = split(path.substr(1), '/');
    if (segments.size() != 2 || !is_valid_slug(segments[0])) return std::nullopt;
    return story_id_from_segment(segments[1]);
}

std::string oembed_endpoint(std::string_view base_url, std::string_view story_url) {
    return std::string(base_url) + "/oembed?url=" + url_encode(story_url) + "&format=json";
}

std::optional<RenderedPage> oembed(const FeedContext& ctx, int64_t story_id, int max_width) {
    auto page = ctx.store.stories().published_page(story_id);
    if (!page) return std::nullopt;
    const Story& s = page->story;
    const std::string& base = ctx.site.base_url;
    std::string url = base + story_path(page->section.slug, s.slug, s.id);
    int width = std::clamp(max_width, 200, 600);

    // A quotation that links back: readable without any script of ours.
    std::string html = "<blockquote class=\"dateline-embed\" cite=\"" + html_escape(url) +
                       "\"><p><a href=\"" + html_escape(url) + "\">" + html_escape(s.headline) +
                       "</a></p>";
    if (!s.standfirst.empty()) html += "<p>" + html_escape(s.standfirst) + "</p>";
    html += "<footer>" + html_escape(ctx.site.title) + "</footer></blockquote>";

    nlohmann::json j = {{"version", "1.0"},
                        {"type", "rich"},
                        {"title", s.headline},
                        {"provider_name", ctx.site.title},
                        {"provider_url", base + "/"},
                        {"cache_age", 3600},
                        {"html", html},
                        {"width", width},
                        {"height", 200}};
    if (!page->authors.empty()) {
        std::vector<std::string> names;
        for (const auto& a : page->authors)
            names.push_back(a.name);
        j["author_name"] = join(names, ", ");
        j["author_url"] = base + "/author/" + page->authors.front().slug;
    }
    if (page->hero) {
        j["thumbnail_url"] = base + "/media/" + page->hero->path;
        j["thumbnail_width"] = page->hero->width;
        j["thumbnail_height"] = page->hero->height;
    }
    http::Response r;
    r.content_type = "application/json; charset=utf-8";
    r.cache_control = "public, max-age=3600, stale-while-revalidate=600";
    r.body = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    r.last_modified = s.content_updated_at.value_or(s.published_at.value_or(s.created_at));
    RenderedPage out;
    out.response = http::prepare(std::move(r));
    out.dependencies = {deps::story(s.id)};
    return out;
}

}  // namespace dateline::feeds
