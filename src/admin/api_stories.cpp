// Routes for stories: CRUD, workflow moves, revisions with diffs, restore,
// autosave and a preview through the real content pipeline.
#include "admin/api_support.h"
#include "admin/store_content_context.h"
#include "content/body.h"
#include "util/strings.h"

namespace dateline {

namespace {

json saved_json(const SavedStory& saved) {
    json j = story_json(saved.story);
    j["warnings"] = saved.warnings;
    return j;
}

const json kStorySchema = {
    {"type", "object"},
    {"properties",
     {{"headline", {{"type", "string"}, {"maxLength", 300}}},
      {"standfirst", {{"type", "string"}}},
      {"slug", {{"type", "string"}, {"pattern", "^[a-z0-9]+(-[a-z0-9]+)*$"}}},
      {"section_id", {{"type", "integer"}}},
      {"kind", {{"enum", {"news", "explainer", "opinion", "analysis", "live", "video"}}}},
      {"body_format", {{"enum", {"markdown", "html"}}}},
      {"body", {{"type", "string"}}},
      {"hero_media_id", {{"type", {"integer", "null"}}}},
      {"show_id", {{"type", {"integer", "null"}}}},
      {"agency_credit", {{"type", "boolean"}}},
      {"author_ids", {{"type", "array"}, {"items", {{"type", "integer"}}}}},
      {"tag_ids", {{"type", "array"}, {"items", {{"type", "integer"}}}}},
      {"event_ids", {{"type", "array"}, {"items", {{"type", "integer"}}}}},
      {"embargo_until", {{"type", {"string", "null"}}, {"format", "date-time"}}},
      {"version", {{"type", "integer"}, {"description", "required on PATCH"}}}}}};

// The story fields of a request body; bad ones land in f.
StoryChanges read_changes(Fields& f) {
    StoryChanges c;
    c.headline = f.text("headline", 1000);
    c.standfirst = f.text("standfirst", 4000);
    c.slug = f.text("slug", 200);
    c.section_id = f.integer("section_id");
    if (auto kind = f.text("kind", 20)) {
        c.kind = parse_story_kind(*kind);
        if (!c.kind)
            f.fail("kind", "kind must be news, explainer, opinion, analysis, live or video");
    }
    if (auto format = f.text("body_format", 20)) {
        c.body_format = parse_body_format(*format);
        if (!c.body_format) f.fail("body_format", "body_format must be markdown or html");
    }
    c.body = f.text("body", kMaxBodySourceBytes + 1);
    c.hero_media_id = f.nullable_id("hero_media_id");
    c.show_id = f.nullable_id("show_id");
    c.agency_credit = f.boolean("agency_credit");
    c.author_ids = f.ids("author_ids");
    c.tag_ids = f.ids("tag_ids");
    c.event_ids = f.ids("event_ids");
    c.embargo_until = f.nullable_time("embargo_until");
    return c;
}

// A 409 names the stored version and carries the story as it is now, so
// that the client can show both and nothing typed is lost.
ApiResult saved_or_conflict(Result<SavedStory> saved, Store& store, int64_t id, int status) {
    if (saved) {
        ApiReply reply;
        reply.status = status;
        reply.body = saved_json(*saved);
        return reply;
    }
    if (saved.error().kind != ErrorKind::conflict) return saved.error();
    auto current = store.stories().by_id(id);
    if (!current) return saved.error();
    ApiReply reply;
    reply.status = 409;
    reply.body = {{"error", {{"code", "conflict"}, {"message", saved.error().message}}},
                  {"current", story_json(*current)}};
    return reply;
}

Result<int64_t> story_id_or_new(const ApiCall& call) {
    if (!call.params.empty() && call.params[0] == "new") return int64_t{0};
    return id_param(call);
}

}  // namespace

void add_story_routes(RouteTable& routes, AdminApiParts& parts) {
    AdminApiParts* p = &parts;

    routes.push_back(
        {"GET", "/stories", Access::staff,
         "Stories in every status (status, section_id, author_id, owner_id, q, sort, limit, "
         "offset)",
         "stories", nullptr, [p](ApiCall& call) -> ApiResult {
             auto page = page_params(call.request);
             if (!page) return page.error();
             AdminStoryQuery q;
             q.limit = page->limit;
             q.offset = page->offset;
             q.text = call.request.query_param("q").value_or("");
             q.sort = call.request.query_param("sort").value_or("");
             std::vector<FieldError> errors;
             if (auto v = call.request.query_param("status"); v && !v->empty()) {
                 q.status = parse_story_status(*v);
                 if (!q.status) errors.push_back({"status", "unknown status '" + *v + "'"});
             }
             auto id_filter = [&](const char* key, std::optional<int64_t>& into) {
                 auto v = call.request.query_param(key);
                 if (!v || v->empty()) return;
                 auto n = parse_int(*v);
                 if (!n || *n <= 0)
                     errors.push_back({key, std::string(key) + " must be an id"});
                 else
                     into = *n;
             };
             id_filter("section_id", q.section_id);
             id_filter("author_id", q.author_id);
             id_filter("owner_id", q.owner_id);
             if (call.request.query_param("mine").value_or("") == "1")
                 q.owner_id = call.who->user.id;
             if (!errors.empty()) return Error::invalid_fields(std::move(errors));
             auto found = p->store.stories().admin_list(q);
             if (!found) return found.error();
             json items = json::array();
             for (const auto& s : found->items) {
                 json authors = json::array();
                 for (const auto& a : s.authors)
                     authors.push_back({{"id", a.id}, {"name", a.name}});
                 items.push_back(
                     {{"id", s.id},
                      {"slug", s.slug},
                      {"headline", s.headline},
                      {"status", to_string(s.status)},
                      {"section",
                       {{"id", s.section.id}, {"slug", s.section.slug}, {"name", s.section.name}}},
                      {"authors", authors},
                      {"owner_id", s.owner_id ? json(*s.owner_id) : json()},
                      {"published_at", iso_or_null(s.published_at)},
                      {"updated_at", iso(s.updated_at)},
                      {"version", s.version}});
             }
             ApiReply reply;
             reply.body = page_json(items, found->total, *page);
             return reply;
         }});
    routes.push_back({"POST", "/stories", Access::staff, "Write a new story (a draft)", "stories",
                      kStorySchema, [p](ApiCall& call) -> ApiResult {
                          Fields f(call.body);
                          f.require("headline");
                          f.require("section_id");
                          StoryChanges changes = read_changes(f);
                          if (auto st = f.status(); !st) return st.error();
                          auto saved = p->desk.create(*call.who, changes);
                          if (!saved) return saved.error();
                          ApiReply reply;
                          reply.status = 201;
                          reply.body = saved_json(*saved);
                          return reply;
                      }});
    routes.push_back({"GET", "/stories/{id}", Access::staff, "One story with its body", "stories",
                      nullptr, [p](ApiCall& call) -> ApiResult {
                          auto id = id_param(call);
                          if (!id) return id.error();
                          auto story = p->desk.get(*call.who, *id);
                          if (!story) return story.error();
                          ApiReply reply;
                          reply.body = story_json(*story);
                          return reply;
                      }});
    routes.push_back(
        {"PATCH", "/stories/{id}", Access::staff,
         "Change a story; send the version you edited (409 with the current story if stale)",
         "stories", kStorySchema, [p](ApiCall& call) -> ApiResult {
             auto id = id_param(call);
             if (!id) return id.error();
             Fields f(call.body);
             f.require("version");
             auto version = f.integer("version");
             StoryChanges changes = read_changes(f);
             if (auto st = f.status(); !st) return st.error();
             return saved_or_conflict(p->desk.update(*call.who, *id, *version, changes), p->store,
                                      *id, 200);
         }});
    routes.push_back({"DELETE", "/stories/{id}", Access::staff, "Delete a story for good",
                      "stories", nullptr, [p](ApiCall& call) -> ApiResult {
                          auto id = id_param(call);
                          if (!id) return id.error();
                          if (auto st = p->desk.remove(*call.who, *id); !st) return st.error();
                          ApiReply reply;
                          reply.body = {{"removed", *id}};
                          return reply;
                      }});
    routes.push_back(
        {"POST",
         "/stories/{id}/status",
         Access::staff,
         "Move a story: in_review, draft, scheduled (with publish_at), published, unpublished, "
         "archived",
         "stories",
         {{"type", "object"},
          {"required", {"version", "status"}},
          {"properties",
           {{"version", {{"type", "integer"}}},
            {"status",
             {{"enum",
               {"draft", "in_review", "scheduled", "published", "unpublished", "archived"}}}},
            {"publish_at", {{"type", "string"}, {"format", "date-time"}}}}}},
         [p](ApiCall& call) -> ApiResult {
             auto id = id_param(call);
             if (!id) return id.error();
             Fields f(call.body);
             f.require("version");
             f.require("status");
             auto version = f.integer("version");
             auto status_text = f.text("status", 20);
             std::optional<StoryStatus> status;
             if (status_text) {
                 status = parse_story_status(*status_text);
                 if (!status) f.fail("status", "unknown status '" + *status_text + "'");
             }
             auto publish_at = f.time("publish_at");
             if (auto st = f.status(); !st) return st.error();
             return saved_or_conflict(
                 p->desk.transition(*call.who, *id, *version, *status, publish_at), p->store, *id,
                 200);
         }});
    routes.push_back(
        {"GET", "/stories/{id}/revisions", Access::staff, "Every save of a story, newest first",
         "revisions", nullptr, [p](ApiCall& call) -> ApiResult {
             auto id = id_param(call);
             if (!id) return id.error();
             auto page = page_params(call.request);
             if (!page) return page.error();
             if (!p->store.stories().by_id(*id))
                 return Error::not_found("no story " + std::to_string(*id));
             json items = json::array();
             for (const auto& r : p->store.revisions().for_story(*id, page->limit, page->offset))
                 items.push_back(revision_json(r, false));
             ApiReply reply;
             reply.body = {{"items", items}, {"limit", page->limit}, {"offset", page->offset}};
             return reply;
         }});
    routes.push_back({"GET", "/stories/{id}/revisions/{revision}", Access::staff,
                      "One revision with its snapshot and what changed since the one before",
                      "revisions", nullptr, [p](ApiCall& call) -> ApiResult {
                          auto id = id_param(call);
                          if (!id) return id.error();
                          auto rid = id_param(call, 1);
                          if (!rid) return rid.error();
                          auto revision = p->store.revisions().by_id(*rid);
                          if (!revision || revision->story_id != *id)
                              return Error::not_found("no such revision");
                          json before;
                          for (const auto& r : p->store.revisions().for_story(*id, 1000, 0))
                              if (r.id < revision->id) {
                                  before = json::parse(r.snapshot, nullptr, false);
                                  break;
                              }
                          json after = json::parse(revision->snapshot, nullptr, false);
                          ApiReply reply;
                          reply.body = revision_json(*revision, true);
                          reply.body["diff"] = snapshot_diff(before, after);
                          return reply;
                      }});
    routes.push_back({"POST",
                      "/stories/{id}/revisions/{revision}/restore",
                      Access::staff,
                      "Bring back a revision's fields as a new save",
                      "revisions",
                      {{"type", "object"},
                       {"required", {"version"}},
                       {"properties", {{"version", {{"type", "integer"}}}}}},
                      [p](ApiCall& call) -> ApiResult {
                          auto id = id_param(call);
                          if (!id) return id.error();
                          auto rid = id_param(call, 1);
                          if (!rid) return rid.error();
                          Fields f(call.body);
                          f.require("version");
                          auto version = f.integer("version");
                          if (auto st = f.status(); !st) return st.error();
                          return saved_or_conflict(p->desk.restore(*call.who, *id, *version, *rid),
                                                   p->store, *id, 200);
                      }});
    routes.push_back(
        {"PUT",
         "/stories/{id}/autosave",
         Access::staff,
         "Keep the editor's unsaved state ('new' for a story not created yet)",
         "stories",
         {{"type", "object"}, {"properties", {{"snapshot", {{"type", "object"}}}}}},
         [p](ApiCall& call) -> ApiResult {
             auto id = story_id_or_new(call);
             if (!id) return id.error();
             Fields f(call.body);
             f.require("snapshot");
             if (f.has("snapshot") && !call.body.at("snapshot").is_object())
                 f.fail("snapshot", "snapshot must be an object");
             if (auto st = f.status(); !st) return st.error();
             if (auto st = p->desk.autosave(*call.who, *id, call.body.at("snapshot").dump()); !st)
                 return st.error();
             ApiReply reply;
             reply.body = {{"saved_at", iso(p->clock.now())}};
             return reply;
         }});
    routes.push_back({"GET", "/stories/{id}/autosave", Access::staff,
                      "The editor's unsaved state, if any", "stories", nullptr,
                      [p](ApiCall& call) -> ApiResult {
                          auto id = story_id_or_new(call);
                          if (!id) return id.error();
                          auto saved = p->store.autosaves().find(call.who->user.id, *id);
                          if (!saved) return Error::not_found("nothing autosaved");
                          ApiReply reply;
                          reply.body = {{"saved_at", iso(saved->at)},
                                        {"snapshot", json::parse(saved->snapshot, nullptr, false)}};
                          return reply;
                      }});
    routes.push_back(
        {"POST",
         "/preview",
         Access::staff,
         "Render a body through the content pipeline, as readers would get it",
         "stories",
         {{"type", "object"},
          {"properties",
           {{"body", {{"type", "string"}}}, {"body_format", {{"enum", {"markdown", "html"}}}}}}},
         [p](ApiCall& call) -> ApiResult {
             Fields f(call.body);
             auto body = f.text("body", kMaxBodySourceBytes);
             auto format_text = f.text("body_format", 20);
             BodyFormat format = BodyFormat::markdown;
             if (format_text) {
                 auto parsed = parse_body_format(*format_text);
                 if (!parsed)
                     f.fail("body_format", "body_format must be markdown or html");
                 else
                     format = *parsed;
             }
             if (auto st = f.status(); !st) return st.error();
             StoreContentContext context(p->store, "");
             auto rendered = render_story_body(format, body.value_or(""), &context);
             if (!rendered) return rendered.error();
             json warnings = json::array();
             for (const auto& w : rendered->warnings)
                 warnings.push_back(describe(w));
             ApiReply reply;
             reply.body = {{"html", rendered->html},
                           {"warnings", warnings},
                           {"word_count", rendered->word_count},
                           {"reading_minutes", rendered->reading_minutes}};
             return reply;
         }});
}

}  // namespace dateline
