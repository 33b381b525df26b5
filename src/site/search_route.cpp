// /search (the themed page), /search.json and /search/popular.json. None of
// them goes through the page cache: every query is a new key, and random
// queries would push the story pages out (docs/search.md).
#include <nlohmann/json.hpp>

#include "model/slug.h"
#include "search/search_service.h"
#include "site/pages.h"
#include "site/search_form.h"
#include "site/site.h"
#include "site/views.h"
#include "util/clock.h"
#include "util/strings.h"

namespace dateline {

namespace {

const std::string kSearchCacheControl = "public, max-age=30";

nlohmann::json popular_json(const std::vector<SearchTermCount>& popular) {
    auto list = nlohmann::json::array();
    for (const auto& p : popular)
        list.push_back(
            {{"term", p.term}, {"count", p.count}, {"url", "/search?q=" + url_encode(p.term)}});
    return list;
}

http::Response json_response(const nlohmann::json& body) {
    http::Response r;
    r.content_type = "application/json";
    r.cache_control = kSearchCacheControl;
    // Text from the reader is valid UTF-8 by now; replace is a safety net.
    r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    return r;
}

}  // namespace

http::Response Site::search(const http::Request& request, std::string_view path) {
    auto popular = search_->popular();
    if (path == "/search/popular.json") return json_response({{"popular", popular_json(popular)}});

    auto nav = navigation();
    auto authors = parts_.store.authors().list();
    SearchForm form = read_search_form(request, *nav, authors, parts_.time);
    auto results = search_->search(form.request);

    if (path == "/search.json") {
        nlohmann::json body;
        body["query"] = form.q;
        body["normalized"] = results.query.normalized;
        body["page"] = results.page;
        body["total"] = results.total;
        body["has_more"] = results.has_more;
        body["any_word"] = results.any_word;
        body["bounded"] = results.bounded;  // total counts the newest matches only
        if (results.has_more && results.page < search::kMaxPage)
            body["next"] = "/search.json?" + form.query_string(results.page + 1);
        else
            body["next"] = nullptr;
        auto notes = nlohmann::json::array();
        for (const auto& n : form.notes)
            notes.push_back(n);
        for (const auto& n : results.notes)
            notes.push_back(n);
        body["notes"] = notes;
        auto items = nlohmann::json::array();
        for (const auto& r : results.results) {
            auto authors_json = nlohmann::json::array();
            for (const auto& a : r.story.authors)
                authors_json.push_back({{"name", a.name}, {"url", "/author/" + a.slug}});
            std::string url = story_path(r.story.section.slug, r.story.slug, r.story.id);
            items.push_back(
                {{"id", r.story.id},
                 {"headline", r.story.headline},
                 {"headline_html", r.headline_html},
                 {"url", absolute_url(parts_.info, url)},
                 {"section", {{"slug", r.story.section.slug}, {"name", r.story.section.name}}},
                 {"authors", authors_json},
                 {"published_at", format_iso8601(r.story.published_at)},
                 {"snippet_html", r.snippet_html}});
        }
        body["results"] = items;
        if (form.q.empty()) body["popular"] = popular_json(popular);
        return json_response(body);
    }

    RenderedPage page = PageBuilder(parts_, *nav, {rail_lists(*nav), cards_, cards_.ticket()})
                            .search(form, results, popular, authors);
    http::Response r;
    r.prepared = page.response;
    return r;
}

}  // namespace dateline
