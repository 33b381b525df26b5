// Routes for the newsroom's other objects, one CRUD shape for all: sections,
// authors, tags, shows, event hubs, shorts, static pages, collections,
// redirects, media metadata and settings.
#include "admin/api_support.h"
#include "admin/media_desk.h"
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

// The store half of a resource: the calls every sub-store offers.
template <class T, class SubStore>
Resource<T> backed_by(SubStore& store, std::string name, std::string singular, Action action) {
    Resource<T> r;
    r.name = std::move(name);
    r.singular = std::move(singular);
    r.action = action;
    r.by_id = [&store](int64_t id) { return store.by_id(id); };
    r.create = [&store](const T& x) { return store.create(x); };
    r.update = [&store](const T& x) { return store.update(x); };
    r.remove = [&store](int64_t id) { return store.remove(id); };
    r.page = [&store](const ListQuery& q) { return store.page(q); };
    r.touches = [](const T&) { return kEverywhere; };
    r.schema = kNamed;
    r.required = {"name"};
    return r;
}

// Tags, shows and event hubs: slug, name, description (and a position).
template <class T>
json named_json(const T& x) {
    json j = {{"id", x.id},
              {"slug", x.slug},
              {"name", x.name},
              {"description", x.description},
              {"version", x.version}};
    if constexpr (requires { x.position; }) j["position"] = x.position;
    return j;
}

template <class T>
void read_named_and_position(Fields& f, T& x) {
    read_named(f, x);
    if constexpr (requires { x.position; })
        if (auto v = f.integer("position")) x.position = static_cast<int>(*v);
}

json author_json(const Author& x) {
    return {
        {"id", x.id},       {"slug", x.slug}, {"name", x.name},      {"kind", to_string(x.kind)},
        {"title", x.title}, {"bio", x.bio},   {"version", x.version}};
}

void read_author(Fields& f, Author& x) {
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
}

json section_json(const Section& x) {
    json j = named_json(x);
    j["parent_id"] = optional_id(x.parent_id);
    return j;
}

void read_section(Fields& f, Section& x) {
    read_named_and_position(f, x);
    if (auto v = f.nullable_id("parent_id")) x.parent_id = *v;
}

json short_json(const Short& x) {
    return {{"id", x.id},
            {"story_id", optional_id(x.story_id)},
            {"headline", x.headline},
            {"summary", x.summary},
            {"words", count_words(x.summary)},
            {"published_at", iso(x.published_at)},
            {"version", x.version}};
}

json page_json_of(const StaticPage& x) {
    return {{"id", x.id},
            {"slug", x.slug},
            {"title", x.title},
            {"body_format", to_string(x.body_format)},
            {"body", x.body_source},
            {"body_html", x.body_html},
            {"updated_at", iso(x.updated_at)},
            {"version", x.version}};
}

json collection_json(const Collection& x) {
    json items = json::array();
    for (const auto& i : x.items)
        items.push_back({{"story_id", i.story_id},
                         {"pinned", i.pinned},
                         {"expires_at", iso_or_null(i.expires_at)}});
    return {
        {"id", x.id}, {"slug", x.slug}, {"name", x.name}, {"items", items}, {"version", x.version}};
}

// Items in order; each {story_id, pinned?, expires_at?}.
void read_collection(Fields& f, Collection& x) {
    if (auto v = f.text("name", 200)) x.name = *v;
    if (auto v = f.text("slug", 100)) x.slug = *v;
    if (x.slug.empty() && !x.name.empty()) x.slug = slugify(x.name);
    if (!f.has("items")) return;
    const json* items = f.raw("items");
    if (!items->is_array() || items->size() > 200) {
        f.fail("items", "items must be a list of at most 200 {story_id, pinned, expires_at}");
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
}

void read_media(Fields& f, MediaAsset& x) {
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
}

json schema_of(std::initializer_list<std::pair<const char*, json>> properties) {
    json props = json::object();
    for (const auto& [k, v] : properties)
        props[k] = v;
    props["version"] = {{"type", "integer"}};
    return {{"type", "object"}, {"properties", props}};
}

}  // namespace

void add_resource_routes(RouteTable& routes, AdminApiParts& parts) {
    Store& s = parts.store;
    const json text = {{"type", "string"}};

    auto sections = backed_by<Section>(s.sections(), "sections", "section", Action::sections);
    sections.to_json = section_json;
    sections.read = read_section;
    add_crud(routes, parts, std::move(sections));

    auto authors = backed_by<Author>(s.authors(), "authors", "author", Action::taxonomy);
    authors.to_json = author_json;
    authors.read = read_author;
    authors.schema = schema_of({{"slug", text},
                                {"name", text},
                                {"kind", {{"enum", {"person", "desk"}}}},
                                {"title", text},
                                {"bio", text}});
    add_crud(routes, parts, std::move(authors));

    auto tags = backed_by<Tag>(s.tags(), "tags", "tag", Action::taxonomy);
    tags.to_json = named_json<Tag>;
    tags.read = read_named<Tag>;
    add_crud(routes, parts, std::move(tags));

    auto shows = backed_by<Show>(s.shows(), "shows", "show", Action::taxonomy);
    shows.to_json = named_json<Show>;
    shows.read = read_named_and_position<Show>;
    add_crud(routes, parts, std::move(shows));

    auto events = backed_by<EventHub>(s.events(), "events", "event hub", Action::curate);
    events.to_json = named_json<EventHub>;
    events.read = read_named_and_position<EventHub>;
    add_crud(routes, parts, std::move(events));

    auto shorts = backed_by<Short>(s.shorts(), "shorts", "short", Action::curate);
    shorts.to_json = short_json;
    shorts.read = [&parts](Fields& f, Short& x) {
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
    };
    shorts.required = {"headline", "summary"};
    shorts.schema =
        schema_of({{"story_id", {{"type", {"integer", "null"}}}},
                   {"headline", text},
                   {"summary", {{"type", "string"}, {"description", "at most 60 words"}}},
                   {"published_at", {{"type", "string"}, {"format", "date-time"}}}});
    shorts.touches = [](const Short&) {
        return std::vector<std::string>{std::string(deps::kShorts)};
    };
    add_crud(routes, parts, std::move(shorts));

    auto pages = backed_by<StaticPage>(s.pages(), "pages", "page", Action::pages);
    pages.to_json = page_json_of;
    pages.read = [&parts](Fields& f, StaticPage& x) {
        if (auto v = f.text("title", 300)) x.title = *v;
        if (auto v = f.text("slug", 100)) x.slug = *v;
        if (x.slug.empty() && !x.title.empty()) x.slug = slugify(x.title);
        bool reformat = false;
        if (auto v = f.text("body_format", 20)) {
            if (auto format = parse_body_format(*v)) {
                reformat = *format != x.body_format;
                x.body_format = *format;
            } else {
                f.fail("body_format", "body_format must be markdown or html");
            }
        }
        if (auto v = f.text("body", kMaxBodySourceBytes)) {
            x.body_source = *v;
            reformat = true;
        }
        if (reformat) x.body_html = render_body(x.body_format, x.body_source).html;
        x.updated_at = parts.clock.now();
    };
    pages.required = {"title"};
    pages.schema = schema_of(
        {{"slug", text},
         {"title", text},
         {"body_format", {{"type", "string"}, {"enum", {"markdown", "html"}}}},
         {"body",
          {{"type", "string"}, {"description", "Markdown, or HTML when body_format is html"}}}});
    pages.touches = [](const StaticPage& x) {
        return std::vector<std::string>{deps::page(x.slug), std::string(deps::kNavigation)};
    };
    add_crud(routes, parts, std::move(pages));

    auto collections =
        backed_by<Collection>(s.collections(), "collections", "collection", Action::curate);
    collections.to_json = collection_json;
    collections.read = read_collection;
    collections.schema = schema_of(
        {{"slug", text},
         {"name", text},
         {"items",
          {{"type", "array"},
           {"items",
            {{"type", "object"},
             {"properties",
              {{"story_id", {{"type", "integer"}}},
               {"pinned", {{"type", "boolean"}}},
               {"expires_at", {{"type", {"string", "null"}}, {"format", "date-time"}}}}}}}}}});
    collections.touches = [](const Collection& x) {
        return std::vector<std::string>{deps::collection(x.slug)};
    };
    add_crud(routes, parts, std::move(collections));

    auto media = backed_by<MediaAsset>(s.media(), "media", "image", Action::media_edit);
    media.create = nullptr;  // uploads: api_media.cpp
    media.to_json = media_json;
    media.read = read_media;
    media.required = {};
    media.schema = schema_of({{"alt", text},
                              {"caption", text},
                              {"credit", text},
                              {"focal_x", {{"type", "number"}}},
                              {"focal_y", {{"type", "number"}}}});
    media.touches = [&store = s](const MediaAsset& x) {
        return keys_touched_by_media(store, x.id);
    };
    add_crud(routes, parts, std::move(media));
}

}  // namespace dateline
