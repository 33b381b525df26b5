#include "admin/content_routes.h"

#include <algorithm>
#include <map>

#include "content/body.h"
#include "content/derive.h"
#include "model/slug.h"
#include "util/clock.h"
#include "util/strings.h"

namespace dateline {

namespace {

// Lists of stories and shorts answer at most this many items a page.
constexpr int kMaxLimit = 100;
// Shorts are read newest first from the start: deeper pages are refused.
constexpr int kMaxShortsOffset = 10000;

class Urls {
  public:
    explicit Urls(std::string_view base_url) : base_(base_url) {
        while (!base_.empty() && base_.back() == '/')
            base_.pop_back();
    }
    std::string absolute(std::string_view path) const { return base_ + std::string(path); }

  private:
    std::string base_;
};

json ref_json(int64_t id, const std::string& slug, const std::string& name) {
    return {{"id", id}, {"slug", slug}, {"name", name}};
}

// The image with every rendition and, per crop and format, a ready srcset.
json image_json(const MediaAsset& m, const Urls& urls) {
    json renditions = json::array();
    std::map<std::string, std::map<std::string, std::string>> srcsets;
    auto sorted = m.renditions;
    std::sort(sorted.begin(), sorted.end(),
              [](const MediaRendition& a, const MediaRendition& b) { return a.width < b.width; });
    for (const auto& r : sorted) {
        std::string url = urls.absolute("/media/" + r.path);
        renditions.push_back({{"crop", r.crop},
                              {"format", r.format},
                              {"width", r.width},
                              {"height", r.height},
                              {"url", url}});
        std::string& set = srcsets[r.crop][r.format];
        set += (set.empty() ? "" : ", ") + url + " " + std::to_string(r.width) + "w";
    }
    return {{"url", urls.absolute("/media/" + m.path)},
            {"width", m.width},
            {"height", m.height},
            {"alt", m.alt},
            {"caption", m.caption},
            {"credit", m.credit},
            {"renditions", std::move(renditions)},
            {"srcset", srcsets.empty() ? json::object() : json(srcsets)}};
}

json story_item_json(const StoryPage& page, const Urls& urls) {
    const Story& s = page.story;
    json authors = json::array();
    for (const auto& a : page.authors)
        authors.push_back(ref_json(a.id, a.slug, a.name));
    json tags = json::array();
    for (const auto& t : page.tags)
        tags.push_back(ref_json(t.id, t.slug, t.name));
    Timestamp published = s.published_at.value_or(s.created_at);
    return {{"id", s.id},
            {"url", urls.absolute(story_path(page.section.slug, s.slug, s.id))},
            {"kind", to_string(s.kind)},
            {"headline", s.headline},
            {"standfirst", s.standfirst},
            {"section", ref_json(page.section.id, page.section.slug, page.section.name)},
            {"authors", std::move(authors)},
            {"tags", std::move(tags)},
            {"published_at", iso(published)},
            {"updated_at", iso(s.content_updated_at.value_or(published))},
            {"hero", page.hero ? image_json(*page.hero, urls) : json()},
            {"excerpt", excerpt(s.body_text)}};
}

json story_full_json(const StoryPage& page, const Urls& urls) {
    json j = story_item_json(page, urls);
    json events = json::array();
    for (const auto& e : page.events)
        events.push_back(ref_json(e.id, e.slug, e.name));
    j["events"] = std::move(events);
    j["show"] = page.show ? ref_json(page.show->id, page.show->slug, page.show->name) : json();
    j["agency_credit"] = page.story.agency_credit;
    j["body_html"] = page.story.body_html;
    j["word_count"] = page.story.word_count;
    j["reading_time_minutes"] = reading_minutes(page.story.word_count);
    return j;
}

// Query parameters of a list, each problem named by its field.
class Filters {
  public:
    explicit Filters(const http::Request& request) : request_(request) {}

    PageParams page(int max_limit, int default_limit) {
        PageParams page;
        page.limit = default_limit;
        if (request_.query_param("limit") || request_.query_param("offset")) {
            auto parsed = page_params(request_, max_limit);
            if (!parsed) {
                fail(parsed.error().field, parsed.error().message);
                return page;
            }
            page.offset = parsed->offset;
            if (request_.query_param("limit")) page.limit = parsed->limit;
        }
        return page;
    }
    std::optional<Timestamp> time(const char* name) {
        auto text = request_.query_param(name);
        if (!text) return std::nullopt;
        auto t = parse_iso8601(*text);
        if (!t) fail(name, std::string(name) + " must be a time like 2026-11-29T18:30:00Z");
        return t;
    }
    // The id of the object whose slug the parameter names.
    template <class Lookup>
    std::optional<int64_t> slug(const char* name, Lookup lookup) {
        auto text = request_.query_param(name);
        if (!text) return std::nullopt;
        auto id = lookup(*text);
        if (!id) fail(name, std::string("no ") + name + " has the slug '" + *text + "'");
        return id;
    }
    void fail(std::string field, std::string message) {
        errors_.push_back({std::move(field), std::move(message)});
    }
    Status status() const {
        if (errors_.empty()) return {};
        return Error::invalid_fields(errors_);
    }

  private:
    const http::Request& request_;
    std::vector<FieldError> errors_;
};

ApiReply ok(json body) {
    return ApiReply{200, std::move(body), {}};
}

template <class T>
json items_json(const std::vector<T>& items, const std::function<json(const T&)>& one) {
    json out = json::array();
    for (const auto& item : items)
        out.push_back(one(item));
    return out;
}

json section_json(const Section& s, const Urls& urls) {
    return {{"id", s.id},
            {"slug", s.slug},
            {"name", s.name},
            {"description", s.description},
            {"parent_id", s.parent_id ? json(*s.parent_id) : json()},
            {"url", urls.absolute("/" + s.slug)}};
}

json tag_json(const Tag& t, const Urls& urls) {
    return {{"id", t.id},
            {"slug", t.slug},
            {"name", t.name},
            {"description", t.description},
            {"url", urls.absolute("/tag/" + t.slug)}};
}

json author_json(const Author& a, const Urls& urls) {
    return {{"id", a.id},
            {"slug", a.slug},
            {"name", a.name},
            {"kind", to_string(a.kind)},
            {"title", a.title},
            {"bio", a.bio},
            {"url", urls.absolute("/author/" + a.slug)}};
}

json short_json(const Short& s, const Urls& urls) {
    // The story only when it is published: a short may point at one that
    // was unpublished since.
    bool linked = s.story_id && !s.story_path.empty();
    return {{"id", s.id},
            {"headline", s.headline},
            {"summary", s.summary},
            {"published_at", iso(s.published_at)},
            {"story_id", linked ? json(*s.story_id) : json()},
            {"story_url", linked ? json(urls.absolute(s.story_path)) : json()}};
}

const std::vector<QueryParam> kPageParams = {
    {"limit", "integer", "items per page, 1 to 100 (default 20)"},
    {"offset", "integer", "items to skip (default 0)"}};

}  // namespace

std::vector<ContentRoute> content_routes(const ContentApiParts& parts) {
    Store& store = parts.store;
    auto urls = std::make_shared<Urls>(parts.base_url);
    std::vector<ContentRoute> routes;

    std::vector<QueryParam> story_filters = {
        {"section", "string", "a section's slug; includes its child sections"},
        {"tag", "string", "a tag's slug"},
        {"author", "string", "an author's slug"},
        {"since", "string", "published at or after this ISO 8601 time"},
        {"until", "string", "published before this ISO 8601 time"}};
    story_filters.insert(story_filters.end(), kPageParams.begin(), kPageParams.end());
    routes.push_back({"/stories", "Published stories, newest first", "stories", story_filters,
                      [&store, urls](ApiCall& call) -> ApiResult {
                          Filters f(call.request);
                          StoryQuery q;
                          q.section_id = f.slug("section", [&](const std::string& slug) {
                              auto s = store.sections().by_slug(slug);
                              return s ? std::optional<int64_t>(s->id) : std::nullopt;
                          });
                          q.tag_id = f.slug("tag", [&](const std::string& slug) {
                              auto t = store.tags().by_slug(slug);
                              return t ? std::optional<int64_t>(t->id) : std::nullopt;
                          });
                          q.author_id = f.slug("author", [&](const std::string& slug) {
                              auto a = store.authors().by_slug(slug);
                              return a ? std::optional<int64_t>(a->id) : std::nullopt;
                          });
                          q.published_since = f.time("since");
                          q.published_until = f.time("until");
                          PageParams page = f.page(kMaxLimit, 20);
                          if (auto st = f.status(); !st) return st.error();
                          q.limit = page.limit;
                          q.offset = page.offset;
                          auto found = store.stories().latest(q);
                          std::vector<int64_t> ids;
                          for (const auto& s : found.items)
                              ids.push_back(s.id);
                          json items = json::array();
                          for (const auto& p : store.stories().published_pages(ids))
                              items.push_back(story_item_json(p, *urls));
                          return ok(page_json(items, found.total, page));
                      }});
    routes.push_back({"/stories/{id}",
                      "A published story with its body (sanitized HTML)",
                      "stories",
                      {},
                      [&store, urls](ApiCall& call) -> ApiResult {
                          auto page = parse_int(call.params[0]);
                          // Drafts, scheduled and unpublished stories answer
                          // exactly as a missing one does.
                          std::optional<StoryPage> found;
                          if (page && *page > 0) found = store.stories().published_page(*page);
                          if (!found) return Error::not_found("no published story has that id");
                          return ok(story_full_json(*found, *urls));
                      }});
    routes.push_back({"/sections",
                      "Every section, parents before children",
                      "taxonomy",
                      {},
                      [&store, urls](ApiCall&) -> ApiResult {
                          return ok({{"items", items_json<Section>(
                                                   store.sections().list(), [&](const Section& s) {
                                                       return section_json(s, *urls);
                                                   })}});
                      }});
    routes.push_back(
        {"/tags", "Tags by name", "taxonomy", kPageParams,
         [&store, urls](ApiCall& call) -> ApiResult {
             Filters f(call.request);
             PageParams page = f.page(kMaxLimit, 20);
             if (auto st = f.status(); !st) return st.error();
             auto found = store.tags().page({"", "", page.limit, page.offset});
             if (!found) return found.error();
             return ok(page_json(
                 items_json<Tag>(found->items, [&](const Tag& t) { return tag_json(t, *urls); }),
                 found->total, page));
         }});
    routes.push_back({"/authors", "Authors and desks by name", "taxonomy", kPageParams,
                      [&store, urls](ApiCall& call) -> ApiResult {
                          Filters f(call.request);
                          PageParams page = f.page(kMaxLimit, 20);
                          if (auto st = f.status(); !st) return st.error();
                          auto found = store.authors().page({"", "", page.limit, page.offset});
                          if (!found) return found.error();
                          return ok(page_json(items_json<Author>(found->items,
                                                                 [&](const Author& a) {
                                                                     return author_json(a, *urls);
                                                                 }),
                                              found->total, page));
                      }});
    routes.push_back(
        {"/shorts", "Shorts (summaries of at most 60 words), newest first", "shorts", kPageParams,
         [&store, urls](ApiCall& call) -> ApiResult {
             Filters f(call.request);
             PageParams page = f.page(kMaxLimit, 20);
             if (page.offset > kMaxShortsOffset)
                 f.fail("offset", "offset must be at most " + std::to_string(kMaxShortsOffset));
             if (auto st = f.status(); !st) return st.error();
             auto all = store.shorts().latest(page.offset + page.limit);
             std::vector<Short> shown(all.begin() + std::min<size_t>(all.size(), page.offset),
                                      all.end());
             auto counted = store.shorts().page({"", "", 1, 0});
             if (!counted) return counted.error();
             return ok(page_json(
                 items_json<Short>(shown, [&](const Short& s) { return short_json(s, *urls); }),
                 counted->total, page));
         }});
    return routes;
}

}  // namespace dateline
