// Routes for site-wide things: redirects (keyed by path), settings and the
// editors' Trending strip.
#include "admin/api_support.h"
#include "model/dependencies.h"

namespace dateline {

namespace {

json redirect_json(const Redirect& r) {
    return {{"from_path", r.from_path},
            {"to_path", r.to_path},
            {"status", r.status},
            {"version", r.version}};
}

void changed_everywhere(AdminApiParts& p) {
    std::vector<std::string> keys{std::string(deps::kNavigation)};
    if (auto st = p.store.changes().append(keys); !st) return;
    if (p.invalidate) p.invalidate(keys);
}

}  // namespace

void add_site_routes(RouteTable& routes, AdminApiParts& parts) {
    AdminApiParts* p = &parts;

    routes.push_back({"GET", "/redirects", Access::staff,
                      "List redirects (q: text in either path, sort, limit, offset)", "redirects",
                      nullptr, [p](ApiCall& call) -> ApiResult {
                          auto page = page_params(call.request);
                          if (!page) return page.error();
                          ListQuery q;
                          q.text = call.request.query_param("q").value_or("");
                          q.sort = call.request.query_param("sort").value_or("");
                          q.limit = page->limit;
                          q.offset = page->offset;
                          auto found = p->store.redirects().page(q);
                          if (!found) return found.error();
                          json items = json::array();
                          for (const auto& r : found->items)
                              items.push_back(redirect_json(r));
                          ApiReply reply;
                          reply.body = page_json(items, found->total, *page);
                          return reply;
                      }});
    routes.push_back(
        {"PUT",
         "/redirects",
         Access::staff,
         "Create or replace the redirect from from_path (status 301, 302, 307, 308 or 410; a "
         "version above 0 must match the stored one)",
         "redirects",
         {{"type", "object"},
          {"required", {"from_path"}},
          {"properties",
           {{"from_path", {{"type", "string"}}},
            {"to_path", {{"type", "string"}}},
            {"status", {{"enum", {301, 302, 307, 308, 410}}}},
            {"version", {{"type", "integer"}}}}}},
         [p](ApiCall& call) -> ApiResult {
             if (auto st = authorize(*call.who, Action::redirects); !st) return st.error();
             Fields f(call.body);
             f.require("from_path");
             Redirect r;
             if (auto v = f.text("from_path", 2000)) r.from_path = *v;
             if (auto v = f.text("to_path", 2000)) r.to_path = *v;
             if (auto v = f.integer("status")) r.status = static_cast<int>(*v);
             if (auto v = f.integer("version")) r.version = *v;
             if (auto st = f.status(); !st) return st.error();
             if (auto st = p->store.redirects().put(r); !st) return st.error();
             ApiReply reply;
             auto stored = p->store.redirects().find(r.from_path);
             reply.body = stored ? redirect_json(*stored) : json();
             return reply;
         }});
    routes.push_back({"DELETE", "/redirects", Access::staff, "Remove the redirect from ?from=PATH",
                      "redirects", nullptr, [p](ApiCall& call) -> ApiResult {
                          if (auto st = authorize(*call.who, Action::redirects); !st)
                              return st.error();
                          auto from = call.request.query_param("from");
                          if (!from || from->empty())
                              return Error::invalid("from", "name the redirect with ?from=/path");
                          if (auto st = p->store.redirects().remove(*from); !st) return st.error();
                          ApiReply reply;
                          reply.body = {{"removed", *from}};
                          return reply;
                      }});

    routes.push_back({"GET", "/settings", Access::staff,
                      "Site settings stored in the database (the configuration file wins)",
                      "settings", nullptr, [p](ApiCall& call) -> ApiResult {
                          if (auto st = authorize(*call.who, Action::settings); !st)
                              return st.error();
                          json out = json::object();
                          for (const auto& [k, v] : p->store.settings().all())
                              out[k] = v;
                          ApiReply reply;
                          reply.body = {{"settings", out}};
                          return reply;
                      }});
    routes.push_back(
        {"PATCH",
         "/settings",
         Access::staff,
         "Set settings ({\"settings\": {\"site.title\": \"...\"}}; null removes one); they "
         "apply at the next start",
         "settings",
         {{"type", "object"},
          {"properties",
           {{"settings",
             {{"type", "object"}, {"additionalProperties", {{"type", {"string", "null"}}}}}}}}},
         [p](ApiCall& call) -> ApiResult {
             if (auto st = authorize(*call.who, Action::settings); !st) return st.error();
             Fields f(call.body);
             f.require("settings");
             if (f.has("settings") && !f.raw("settings")->is_object())
                 f.fail("settings", "settings must be an object of text values");
             if (auto st = f.status(); !st) return st.error();
             const json& settings = *f.raw("settings");
             for (const auto& [key, value] : settings.items())
                 if (!value.is_string() && !value.is_null())
                     f.fail(key, key + " must be text or null");
             if (auto st = f.status(); !st) return st.error();
             auto st = p->store.transaction([&]() -> Status {
                 for (const auto& [key, value] : settings.items()) {
                     Status s = value.is_null()
                                    ? p->store.settings().remove(key)
                                    : p->store.settings().set(key, value.get<std::string>());
                     if (!s && s.error().kind != ErrorKind::not_found) return s;
                 }
                 return {};
             });
             if (!st) return st.error();
             json out = json::object();
             for (const auto& [k, v] : p->store.settings().all())
                 out[k] = v;
             ApiReply reply;
             reply.body = {{"settings", out},
                           {"note", "settings apply when the server starts next"}};
             return reply;
         }});

    routes.push_back({"GET", "/trending", Access::staff,
                      "The editors' Trending strip (tags in order)", "curation", nullptr,
                      [p](ApiCall&) -> ApiResult {
                          json items = json::array();
                          for (const auto& t : p->store.tags().trending())
                              items.push_back({{"id", t.id}, {"slug", t.slug}, {"name", t.name}});
                          ApiReply reply;
                          reply.body = {{"items", items}};
                          return reply;
                      }});
    routes.push_back(
        {"PUT",
         "/trending",
         Access::staff,
         "Replace the Trending strip with these tags, in order (empty: computed topics show)",
         "curation",
         {{"type", "object"},
          {"properties", {{"tag_ids", {{"type", "array"}, {"items", {{"type", "integer"}}}}}}}},
         [p](ApiCall& call) -> ApiResult {
             if (auto st = authorize(*call.who, Action::curate); !st) return st.error();
             Fields f(call.body);
             f.require("tag_ids");
             auto ids = f.ids("tag_ids");
             if (auto st = f.status(); !st) return st.error();
             if (auto st = p->store.tags().set_trending(*ids); !st) return st.error();
             changed_everywhere(*p);
             ApiReply reply;
             reply.body = {{"tag_ids", *ids}};
             return reply;
         }});
}

}  // namespace dateline
