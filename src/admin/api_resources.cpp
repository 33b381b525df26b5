// Routes for the newsroom's other objects, one CRUD shape for all: sections,
// authors, tags, shows, event hubs, shorts, static pages, collections,
// redirects, media metadata and settings.
#include "admin/api_support.h"
#include "content/body.h"
#include "model/dependencies.h"
#include "model/slug.h"
#include "util/strings.h"

namespace dateline {

namespace {

// One kind of object: how to find, list, write and show it, who may change
// it and which pages a change touches.
template <class T>
struct Resource {
    std::string name;  // the path segment, "tags"
    std::string singular;
    Action action;  // needed to change it (everyone signed in may read)
    std::function<std::optional<T>(int64_t)> by_id;
    std::function<Result<int64_t>(const T&)> create;
    std::function<Status(const T&)> update;
    std::function<Status(int64_t)> remove;
    std::function<Result<Paged<T>>(const ListQuery&)> page;
    std::function<json(const T&)> to_json;
    std::function<void(Fields&, T&)> read;  // the request's fields into the object
    std::vector<const char*> required;      // on create
    json schema;
    std::function<std::vector<std::string>(const T&)> touches;
};

template <class T>
ApiReply conflict_reply(const Error& error, const Resource<T>& r, int64_t id) {
    ApiReply reply;
    reply.status = 409;
    reply.body = {{"error", {{"code", "conflict"}, {"message", error.message}}}};
    if (auto current = r.by_id(id)) reply.body["current"] = r.to_json(*current);
    return reply;
}

template <class T>
void add_crud(RouteTable& routes, AdminApiParts& parts, Resource<T> spec) {
    auto r = std::make_shared<Resource<T>>(std::move(spec));
    AdminApiParts* p = &parts;
    std::string base = "/" + r->name;
    auto invalidate = [p, r](const T& item) {
        auto keys = r->touches(item);
        if (keys.empty()) return;
        if (auto st = p->store.changes().append(keys); !st) return;
        if (p->invalidate) p->invalidate(keys);
    };

    routes.push_back({"GET", base, Access::staff,
                      "List " + r->name + " (q: text filter, sort: field or -field, limit, offset)",
                      r->name, nullptr, [r](ApiCall& call) -> ApiResult {
                          auto page = page_params(call.request);
                          if (!page) return page.error();
                          ListQuery query;
                          query.text = call.request.query_param("q").value_or("");
                          query.sort = call.request.query_param("sort").value_or("");
                          query.limit = page->limit;
                          query.offset = page->offset;
                          auto found = r->page(query);
                          if (!found) return found.error();
                          json items = json::array();
                          for (const auto& item : found->items)
                              items.push_back(r->to_json(item));
                          ApiReply reply;
                          reply.body = page_json(items, found->total, *page);
                          return reply;
                      }});
    if (r->create)
        routes.push_back({"POST", base, Access::staff, "Add a " + r->singular, r->name, r->schema,
                          [r, p, invalidate](ApiCall& call) -> ApiResult {
                              if (auto st = authorize(*call.who, r->action); !st) return st.error();
                              Fields f(call.body);
                              for (const char* key : r->required)
                                  f.require(key);
                              T item{};
                              r->read(f, item);
                              if (auto st = f.status(); !st) return st.error();
                              auto id = r->create(item);
                              if (!id) return id.error();
                              auto stored = r->by_id(*id);
                              if (!stored) return Error::not_found("it vanished");
                              invalidate(*stored);
                              ApiReply reply;
                              reply.status = 201;
                              reply.body = r->to_json(*stored);
                              return reply;
                          }});
    routes.push_back({"GET", base + "/{id}", Access::staff, "One " + r->singular, r->name, nullptr,
                      [r](ApiCall& call) -> ApiResult {
                          auto id = id_param(call);
                          if (!id) return id.error();
                          auto item = r->by_id(*id);
                          if (!item)
                              return Error::not_found("no " + r->singular + " " +
                                                      std::to_string(*id));
                          ApiReply reply;
                          reply.body = r->to_json(*item);
                          return reply;
                      }});
    routes.push_back(
        {"PATCH", base + "/{id}", Access::staff,
         "Change a " + r->singular + "; send the version you edited (409 with the current one)",
         r->name, r->schema, [r, invalidate](ApiCall& call) -> ApiResult {
             if (auto st = authorize(*call.who, r->action); !st) return st.error();
             auto id = id_param(call);
             if (!id) return id.error();
             auto item = r->by_id(*id);
             if (!item) return Error::not_found("no " + r->singular + " " + std::to_string(*id));
             T before = *item;
             Fields f(call.body);
             f.require("version");
             auto version = f.integer("version");
             r->read(f, *item);
             if (auto st = f.status(); !st) return st.error();
             item->version = *version;
             if (auto st = r->update(*item); !st) {
                 if (st.error().kind == ErrorKind::conflict && before.version != *version)
                     return conflict_reply(st.error(), *r, *id);
                 return st.error();
             }
             auto stored = r->by_id(*id);
             invalidate(before);
             if (stored) invalidate(*stored);
             ApiReply reply;
             reply.body = stored ? r->to_json(*stored) : json();
             return reply;
         }});
    routes.push_back({"DELETE", base + "/{id}", Access::staff, "Remove a " + r->singular, r->name,
                      nullptr, [r, invalidate](ApiCall& call) -> ApiResult {
                          if (auto st = authorize(*call.who, r->action); !st) return st.error();
                          auto id = id_param(call);
                          if (!id) return id.error();
                          auto item = r->by_id(*id);
                          if (!item)
                              return Error::not_found("no " + r->singular + " " +
                                                      std::to_string(*id));
                          if (auto st = r->remove(*id); !st) return st.error();
                          invalidate(*item);
                          ApiReply reply;
                          reply.body = {{"removed", *id}};
                          return reply;
                      }});
}

json optional_id(const std::optional<int64_t>& v) {
    return v ? json(*v) : json();
}

const json kNamed = {{"type", "object"},
                     {"properties",
                      {{"slug", {{"type", "string"}}},
                       {"name", {{"type", "string"}}},
                       {"description", {{"type", "string"}}},
                       {"position", {{"type", "integer"}}},
                       {"version", {{"type", "integer"}}}}}};

template <class T>
void read_named(Fields& f, T& item) {
    if (auto v = f.text("name", 200)) item.name = *v;
    if (auto v = f.text("slug", 100)) item.slug = *v;
    if (item.slug.empty() && !item.name.empty()) item.slug = slugify(item.name);
    if (auto v = f.text("description", 5000)) item.description = *v;
}

const std::vector<std::string> kEverywhere{std::string(deps::kNavigation)};

}  // namespace

void add_resource_routes(RouteTable& routes, AdminApiParts& parts) {
    Store& s = parts.store;
    auto everywhere = [](const auto&) { return kEverywhere; };

    add_crud<Section>(routes, parts,
                      {"sections",
                       "section",
                       Action::sections,
                       [&s](int64_t id) { return s.sections().by_id(id); },
                       [&s](const Section& x) { return s.sections().create(x); },
                       [&s](const Section& x) { return s.sections().update(x); },
                       [&s](int64_t id) { return s.sections().remove(id); },
                       [&s](const ListQuery& q) { return s.sections().page(q); },
                       [](const Section& x) -> json {
                           return {{"id", x.id},
                                   {"slug", x.slug},
                                   {"name", x.name},
                                   {"description", x.description},
                                   {"parent_id", optional_id(x.parent_id)},
                                   {"position", x.position},
                                   {"version", x.version}};
                       },
                       [](Fields& f, Section& x) {
                           read_named(f, x);
                           if (auto v = f.nullable_id("parent_id")) x.parent_id = *v;
                           if (auto v = f.integer("position")) x.position = static_cast<int>(*v);
                       },
                       {"name"},
                       kNamed,
                       everywhere});

    add_crud<Author>(routes, parts,
                     {"authors",
                      "author",
                      Action::taxonomy,
                      [&s](int64_t id) { return s.authors().by_id(id); },
                      [&s](const Author& x) { return s.authors().create(x); },
                      [&s](const Author& x) { return s.authors().update(x); },
                      [&s](int64_t id) { return s.authors().remove(id); },
                      [&s](const ListQuery& q) { return s.authors().page(q); },
                      [](const Author& x) -> json {
                          return {{"id", x.id},          {"slug", x.slug},
                                  {"name", x.name},      {"kind", to_string(x.kind)},
                                  {"title", x.title},    {"bio", x.bio},
                                  {"version", x.version}};
                      },
                      [](Fields& f, Author& x) {
                          if (auto v = f.text("name", 200)) x.name = *v;
                          if (auto v = f.text("slug", 100)) x.slug = *v;
                          if (x.slug.empty() && !x.name.empty()) x.slug = slugify(x.name);
                          if (auto v = f.text("title", 200)) x.title = *v;
                          if (auto v = f.text("bio", 5000)) x.bio = *v;
                          if (auto v = f.text("kind", 20)) {
                              if (auto kind = parse_author_kind(*v))
                                  x.kind = *kind;
                              else
                                  f.fail("kind", "kind must be person or desk");
                          }
                      },
                      {"name"},
                      {{"type", "object"},
                       {"properties",
                        {{"slug", {{"type", "string"}}},
                         {"name", {{"type", "string"}}},
                         {"kind", {{"enum", {"person", "desk"}}}},
                         {"title", {{"type", "string"}}},
                         {"bio", {{"type", "string"}}},
                         {"version", {{"type", "integer"}}}}}},
                      everywhere});

    add_crud<Tag>(routes, parts,
                  {"tags",
                   "tag",
                   Action::taxonomy,
                   [&s](int64_t id) { return s.tags().by_id(id); },
                   [&s](const Tag& x) { return s.tags().create(x); },
                   [&s](const Tag& x) { return s.tags().update(x); },
                   [&s](int64_t id) { return s.tags().remove(id); },
                   [&s](const ListQuery& q) { return s.tags().page(q); },
                   [](const Tag& x) -> json {
                       return {{"id", x.id},
                               {"slug", x.slug},
                               {"name", x.name},
                               {"description", x.description},
                               {"version", x.version}};
                   },
                   [](Fields& f, Tag& x) { read_named(f, x); },
                   {"name"},
                   kNamed,
                   everywhere});

    add_crud<Show>(routes, parts,
                   {"shows",
                    "show",
                    Action::taxonomy,
                    [&s](int64_t id) { return s.shows().by_id(id); },
                    [&s](const Show& x) { return s.shows().create(x); },
                    [&s](const Show& x) { return s.shows().update(x); },
                    [&s](int64_t id) { return s.shows().remove(id); },
                    [&s](const ListQuery& q) { return s.shows().page(q); },
                    [](const Show& x) -> json {
                        return {{"id", x.id},
                                {"slug", x.slug},
                                {"name", x.name},
                                {"description", x.description},
                                {"position", x.position},
                                {"version", x.version}};
                    },
                    [](Fields& f, Show& x) {
                        read_named(f, x);
                        if (auto v = f.integer("position")) x.position = static_cast<int>(*v);
                    },
                    {"name"},
                    kNamed,
                    everywhere});

    add_crud<EventHub>(routes, parts,
                       {"events",
                        "event hub",
                        Action::curate,
                        [&s](int64_t id) { return s.events().by_id(id); },
                        [&s](const EventHub& x) { return s.events().create(x); },
                        [&s](const EventHub& x) { return s.events().update(x); },
                        [&s](int64_t id) { return s.events().remove(id); },
                        [&s](const ListQuery& q) { return s.events().page(q); },
                        [](const EventHub& x) -> json {
                            return {{"id", x.id},
                                    {"slug", x.slug},
                                    {"name", x.name},
                                    {"description", x.description},
                                    {"position", x.position},
                                    {"version", x.version}};
                        },
                        [](Fields& f, EventHub& x) {
                            read_named(f, x);
                            if (auto v = f.integer("position")) x.position = static_cast<int>(*v);
                        },
                        {"name"},
                        kNamed,
                        everywhere});

    add_crud<Short>(
        routes, parts,
        {"shorts",
         "short",
         Action::curate,
         [&s](int64_t id) { return s.shorts().by_id(id); },
         [&s](const Short& x) { return s.shorts().create(x); },
         [&s](const Short& x) { return s.shorts().update(x); },
         [&s](int64_t id) { return s.shorts().remove(id); },
         [&s](const ListQuery& q) { return s.shorts().page(q); },
         [](const Short& x) -> json {
             return {{"id", x.id},
                     {"story_id", optional_id(x.story_id)},
                     {"headline", x.headline},
                     {"summary", x.summary},
                     {"words", count_words(x.summary)},
                     {"published_at", iso(x.published_at)},
                     {"version", x.version}};
         },
         [&parts](Fields& f, Short& x) {
             if (auto v = f.nullable_id("story_id")) x.story_id = *v;
             if (auto v = f.text("headline", 300)) x.headline = *v;
             if (auto v = f.text("summary", 2000)) {
                 x.summary = *v;
                 if (count_words(x.summary) > kMaxShortWords)
                     f.fail("summary", "a short has at most 60 words; this one has " +
                                           std::to_string(count_words(x.summary)));
             }
             if (auto v = f.time("published_at")) x.published_at = *v;
             if (x.published_at == Timestamp{}) x.published_at = parts.clock.now();
         },
         {"headline", "summary"},
         {{"type", "object"},
          {"properties",
           {{"story_id", {{"type", {"integer", "null"}}}},
            {"headline", {{"type", "string"}}},
            {"summary", {{"type", "string"}, {"description", "at most 60 words"}}},
            {"published_at", {{"type", "string"}, {"format", "date-time"}}},
            {"version", {{"type", "integer"}}}}}},
         [](const Short&) { return std::vector<std::string>{std::string(deps::kShorts)}; }});

    add_crud<StaticPage>(
        routes, parts,
        {"pages",
         "page",
         Action::pages,
         [&s](int64_t id) { return s.pages().by_id(id); },
         [&s](const StaticPage& x) { return s.pages().create(x); },
         [&s](const StaticPage& x) { return s.pages().update(x); },
         [&s](int64_t id) { return s.pages().remove(id); },
         [&s](const ListQuery& q) { return s.pages().page(q); },
         [](const StaticPage& x) -> json {
             return {{"id", x.id},
                     {"slug", x.slug},
                     {"title", x.title},
                     {"body", x.body_source},
                     {"body_html", x.body_html},
                     {"updated_at", iso(x.updated_at)},
                     {"version", x.version}};
         },
         [&parts](Fields& f, StaticPage& x) {
             if (auto v = f.text("title", 300)) x.title = *v;
             if (auto v = f.text("slug", 100)) x.slug = *v;
             if (x.slug.empty() && !x.title.empty()) x.slug = slugify(x.title);
             if (auto v = f.text("body", kMaxBodySourceBytes)) {
                 x.body_source = *v;
                 x.body_html = render_body(BodyFormat::markdown, x.body_source).html;
             }
             x.updated_at = parts.clock.now();
         },
         {"title"},
         {{"type", "object"},
          {"properties",
           {{"slug", {{"type", "string"}}},
            {"title", {{"type", "string"}}},
            {"body", {{"type", "string"}, {"description", "Markdown"}}},
            {"version", {{"type", "integer"}}}}}},
         [](const StaticPage& x) {
             return std::vector<std::string>{deps::page(x.slug), std::string(deps::kNavigation)};
         }});

    add_crud<Collection>(
        routes, parts,
        {"collections",
         "collection",
         Action::curate,
         [&s](int64_t id) { return s.collections().by_id(id); },
         [&s](const Collection& x) { return s.collections().create(x); },
         [&s](const Collection& x) { return s.collections().update(x); },
         [&s](int64_t id) { return s.collections().remove(id); },
         [&s](const ListQuery& q) { return s.collections().page(q); },
         [](const Collection& x) -> json {
             json items = json::array();
             for (const auto& i : x.items)
                 items.push_back({{"story_id", i.story_id},
                                  {"pinned", i.pinned},
                                  {"expires_at", iso_or_null(i.expires_at)}});
             return {{"id", x.id},
                     {"slug", x.slug},
                     {"name", x.name},
                     {"items", items},
                     {"version", x.version}};
         },
         [](Fields& f, Collection& x) {
             if (auto v = f.text("name", 200)) x.name = *v;
             if (auto v = f.text("slug", 100)) x.slug = *v;
             if (x.slug.empty() && !x.name.empty()) x.slug = slugify(x.name);
             if (!f.has("items")) return;
             // Items in order; each {story_id, pinned?, expires_at?}.
             const json* items = f.raw("items");
             if (!items->is_array() || items->size() > 200) {
                 f.fail("items",
                        "items must be a list of at most 200 {story_id, pinned, "
                        "expires_at}");
                 return;
             }
             x.items.clear();
             int position = 0;
             for (const auto& item : *items) {
                 Fields i(item);
                 CollectionItem ci;
                 auto id = i.integer("story_id");
                 if (!id || *id <= 0) {
                     f.fail("items", "every item needs a story_id");
                     return;
                 }
                 ci.story_id = *id;
                 ci.position = position++;
                 ci.pinned = i.boolean("pinned").value_or(false);
                 if (auto e = i.nullable_time("expires_at")) ci.expires_at = *e;
                 if (auto st = i.status(); !st) {
                     f.fail("items", st.error().message);
                     return;
                 }
                 x.items.push_back(ci);
             }
         },
         {"name"},
         {{"type", "object"},
          {"properties",
           {{"slug", {{"type", "string"}}},
            {"name", {{"type", "string"}}},
            {"items",
             {{"type", "array"},
              {"items",
               {{"type", "object"},
                {"properties",
                 {{"story_id", {{"type", "integer"}}},
                  {"pinned", {{"type", "boolean"}}},
                  {"expires_at", {{"type", {"string", "null"}}, {"format", "date-time"}}}}}}}}},
            {"version", {{"type", "integer"}}}}}},
         [](const Collection& x) { return std::vector<std::string>{deps::collection(x.slug)}; }});

    add_crud<MediaAsset>(
        routes, parts,
        {"media",
         "image",
         Action::media_edit,
         [&s](int64_t id) { return s.media().by_id(id); },
         nullptr,  // uploads: api_media.cpp
         [&s](const MediaAsset& x) { return s.media().update(x); },
         [&s](int64_t id) { return s.media().remove(id); },
         [&s](const ListQuery& q) { return s.media().page(q); },
         [](const MediaAsset& x) { return media_json(x); },
         [](Fields& f, MediaAsset& x) {
             if (auto v = f.text("alt", 1000)) x.alt = *v;
             if (auto v = f.text("caption", 2000)) x.caption = *v;
             if (auto v = f.text("credit", 300)) x.credit = *v;
             for (auto [key, field] : {std::pair{"focal_x", &x.focal_x}, {"focal_y", &x.focal_y}}) {
                 if (!f.has(key)) continue;
                 const json* v = f.raw(key);
                 if (!v->is_number() || v->get<double>() < 0 || v->get<double>() > 1)
                     f.fail(key, std::string(key) + " must be a number from 0 to 1");
                 else
                     *field = v->get<double>();
             }
         },
         {},
         {{"type", "object"},
          {"properties",
           {{"alt", {{"type", "string"}}},
            {"caption", {{"type", "string"}}},
            {"credit", {{"type", "string"}}},
            {"focal_x", {{"type", "number"}}},
            {"focal_y", {{"type", "number"}}},
            {"version", {{"type", "integer"}}}}}},
         [](const MediaAsset& x) { return std::vector<std::string>{deps::media(x.id)}; }});
}

}  // namespace dateline
