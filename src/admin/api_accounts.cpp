// Routes for signing in and out, passwords, staff accounts and API keys.
#include "admin/api_support.h"
#include "http/route_pattern.h"

namespace dateline {

namespace {

json permissions_json(Role role) {
    json out = json::array();
    for (const auto& a : permission_matrix())
        if (role_allows(role, a.action)) out.push_back(a.name);
    return out;
}

ApiReply signed_in(const LoggedIn& in, bool secure, int64_t max_age, int status) {
    ApiReply reply;
    reply.status = status;
    reply.body = {{"user", user_json(in.user)},
                  {"csrf_token", in.session.csrf_token},
                  {"permissions", permissions_json(in.user.role)}};
    reply.headers.emplace_back("Set-Cookie", session_cookie(in.token, secure, max_age));
    return reply;
}

const json kCredentials = {
    {"type", "object"},
    {"required", {"email", "password"}},
    {"properties", {{"email", {{"type", "string"}}}, {"password", {{"type", "string"}}}}}};

const json kUserSchema = {{"type", "object"},
                          {"properties",
                           {{"email", {{"type", "string"}}},
                            {"name", {{"type", "string"}}},
                            {"role", {{"enum", {"admin", "editor", "author", "contributor"}}}},
                            {"password", {{"type", "string"}, {"minLength", 12}}},
                            {"disabled", {{"type", "boolean"}}},
                            {"author_id", {{"type", {"integer", "null"}}}},
                            {"version", {{"type", "integer"}}}}}};

// Reads the account fields of a request into user; role checks happen in Accounts.
void read_user(Fields& f, User& user) {
    if (auto v = f.text("email", 254)) user.email = *v;
    if (auto v = f.text("name", 200)) user.name = *v;
    if (auto v = f.text("role", 20)) {
        if (auto role = parse_role(*v))
            user.role = *role;
        else
            f.fail("role", "role must be admin, editor, author or contributor");
    }
    if (auto v = f.boolean("disabled")) user.disabled = *v;
    if (auto v = f.nullable_id("author_id")) user.author_id = *v;
}

}  // namespace

void add_account_routes(RouteTable& routes, AdminApiParts& parts) {
    AdminApiParts* p = &parts;
    const int64_t max_age = 7 * 24 * 3600;

    routes.push_back({"POST", "/session", Access::open, "Sign in; sets the session cookie",
                      "session", kCredentials, [p, max_age](ApiCall& call) -> ApiResult {
                          Fields f(call.body);
                          f.require("email");
                          f.require("password");
                          auto email = f.text("email", 254);
                          auto password = f.text("password", 1024);
                          if (auto st = f.status(); !st) return st.error();
                          auto in =
                              p->accounts.login(*email, *password, call.request.remote_address);
                          if (!in) return in.error();
                          return signed_in(*in, p->secure_cookies, max_age, 201);
                      }});
    routes.push_back({"GET", "/session", Access::staff,
                      "Who is signed in, their CSRF token and permissions", "session", nullptr,
                      [](ApiCall& call) -> ApiResult {
                          const Principal& who = *call.who;
                          ApiReply reply;
                          reply.body = {{"user", user_json(who.user)},
                                        {"csrf_token", who.csrf_token},
                                        {"permissions", permissions_json(who.user.role)}};
                          if (who.api_key) reply.body["api_key"] = key_json(*who.api_key);
                          return reply;
                      }});
    routes.push_back(
        {"DELETE", "/session", Access::staff, "Sign out", "session", nullptr,
         [p](ApiCall& call) -> ApiResult {
             p->accounts.logout(http::cookie_value(call.request.cookie, kSessionCookie));
             ApiReply reply;
             reply.status = 200;
             reply.body = {{"signed_out", true}};
             reply.headers.emplace_back("Set-Cookie", session_cookie("", p->secure_cookies, 0));
             return reply;
         }});
    routes.push_back(
        {"POST",
         "/password-resets",
         Access::open,
         "Mail a one-time password reset link (answers the same for unknown addresses)",
         "session",
         {{"type", "object"}, {"properties", {{"email", {{"type", "string"}}}}}},
         [p](ApiCall& call) -> ApiResult {
             Fields f(call.body);
             f.require("email");
             auto email = f.text("email", 254);
             if (auto st = f.status(); !st) return st.error();
             if (auto st = p->accounts.request_reset(*email, call.request.remote_address); !st)
                 return st.error();
             ApiReply reply;
             reply.status = 202;
             reply.body = {
                 {"message", "if the address belongs to an account, a reset link is on its way"}};
             return reply;
         }});
    routes.push_back(
        {"POST",
         "/password-resets/confirm",
         Access::open,
         "Set a new password with a reset token",
         "session",
         {{"type", "object"},
          {"properties", {{"token", {{"type", "string"}}}, {"password", {{"type", "string"}}}}}},
         [p](ApiCall& call) -> ApiResult {
             Fields f(call.body);
             f.require("token");
             f.require("password");
             auto token = f.text("token", 200);
             auto password = f.text("password", 1024);
             if (auto st = f.status(); !st) return st.error();
             if (auto st = p->accounts.reset_password(*token, *password); !st) return st.error();
             ApiReply reply;
             reply.body = {{"message", "the password is changed: sign in with it"}};
             return reply;
         }});
    routes.push_back(
        {"PUT",
         "/me/password",
         Access::staff,
         "Change one's password; ends every session and starts a new one",
         "session",
         {{"type", "object"},
          {"properties",
           {{"current_password", {{"type", "string"}}}, {"password", {{"type", "string"}}}}}},
         [p, max_age](ApiCall& call) -> ApiResult {
             Fields f(call.body);
             f.require("current_password");
             f.require("password");
             auto current = f.text("current_password", 1024);
             auto password = f.text("password", 1024);
             if (auto st = f.status(); !st) return st.error();
             auto in = p->accounts.change_password(*call.who, *current, *password);
             if (!in) return in.error();
             return signed_in(*in, p->secure_cookies, max_age, 200);
         }});
    routes.push_back({"GET", "/permissions", Access::staff,
                      "The permission matrix: each action and the lowest role allowed", "session",
                      nullptr, [](ApiCall&) -> ApiResult {
                          json out = json::array();
                          for (const auto& a : permission_matrix())
                              out.push_back({{"action", a.name},
                                             {"lowest_role", to_string(a.lowest_role)},
                                             {"scope", a.scope ? json(a.scope) : json()},
                                             {"description", a.description}});
                          ApiReply reply;
                          reply.body = {{"items", out}};
                          return reply;
                      }});

    routes.push_back({"GET", "/users", Access::staff, "List staff accounts", "users", nullptr,
                      [p](ApiCall& call) -> ApiResult {
                          if (auto st = authorize(*call.who, Action::users); !st) return st.error();
                          json items = json::array();
                          for (const auto& u : p->store.users().list())
                              items.push_back(user_json(u));
                          ApiReply reply;
                          reply.body = {{"items", items}, {"total", items.size()}};
                          return reply;
                      }});
    routes.push_back({"POST", "/users", Access::staff, "Add a staff account", "users", kUserSchema,
                      [p](ApiCall& call) -> ApiResult {
                          Fields f(call.body);
                          f.require("email");
                          f.require("name");
                          f.require("role");
                          f.require("password");
                          User user;
                          read_user(f, user);
                          auto password = f.text("password", 1024);
                          if (auto st = f.status(); !st) return st.error();
                          auto id = p->accounts.create_user(*call.who, user, *password);
                          if (!id) return id.error();
                          ApiReply reply;
                          reply.status = 201;
                          reply.body = user_json(*p->store.users().by_id(*id));
                          return reply;
                      }});
    routes.push_back({"GET", "/users/{id}", Access::staff, "One staff account", "users", nullptr,
                      [p](ApiCall& call) -> ApiResult {
                          auto id = id_param(call);
                          if (!id) return id.error();
                          if (*id != call.who->user.id)
                              if (auto st = authorize(*call.who, Action::users); !st)
                                  return st.error();
                          auto user = p->store.users().by_id(*id);
                          if (!user) return Error::not_found("no user " + std::to_string(*id));
                          ApiReply reply;
                          reply.body = user_json(*user);
                          return reply;
                      }});
    routes.push_back(
        {"PATCH", "/users/{id}", Access::staff,
         "Change an account (name, e-mail, role, disabled, byline); needs its version", "users",
         kUserSchema, [p](ApiCall& call) -> ApiResult {
             auto id = id_param(call);
             if (!id) return id.error();
             auto user = p->store.users().by_id(*id);
             if (!user) return Error::not_found("no user " + std::to_string(*id));
             Fields f(call.body);
             f.require("version");
             read_user(f, *user);
             auto version = f.integer("version");
             if (f.has("password"))
                 f.fail("password", "change a password through /me/password or a reset");
             if (auto st = f.status(); !st) return st.error();
             user->version = *version;
             if (auto st = p->accounts.update_user(*call.who, *user); !st) {
                 if (st.error().kind != ErrorKind::conflict) return st.error();
                 ApiReply reply;
                 reply.status = 409;
                 reply.body = {{"error", {{"code", "conflict"}, {"message", st.error().message}}},
                               {"current", user_json(*p->store.users().by_id(*id))}};
                 return reply;
             }
             ApiReply reply;
             reply.body = user_json(*p->store.users().by_id(*id));
             return reply;
         }});
    routes.push_back({"DELETE", "/users/{id}", Access::staff, "Remove an account (never the owner)",
                      "users", nullptr, [p](ApiCall& call) -> ApiResult {
                          auto id = id_param(call);
                          if (!id) return id.error();
                          if (auto st = p->accounts.remove_user(*call.who, *id); !st)
                              return st.error();
                          ApiReply reply;
                          reply.body = {{"removed", *id}};
                          return reply;
                      }});

    routes.push_back(
        {"GET", "/api-keys", Access::staff, "List integration keys (no secrets)", "api-keys",
         nullptr, [p](ApiCall& call) -> ApiResult {
             if (auto st = authorize(*call.who, Action::api_keys); !st) return st.error();
             json items = json::array();
             for (const auto& k : p->store.api_keys().list())
                 items.push_back(key_json(k));
             ApiReply reply;
             reply.body = {{"items", items}, {"total", items.size()}, {"scopes", known_scopes()}};
             return reply;
         }});
    routes.push_back({"POST",
                      "/api-keys",
                      Access::staff,
                      "Create an integration key; the key is in this answer only",
                      "api-keys",
                      {{"type", "object"},
                       {"required", {"name", "scopes"}},
                       {"properties",
                        {{"name", {{"type", "string"}}},
                         {"scopes", {{"type", "array"}, {"items", {{"type", "string"}}}}}}}},
                      [p](ApiCall& call) -> ApiResult {
                          Fields f(call.body);
                          f.require("name");
                          f.require("scopes");
                          auto name = f.text("name", 200);
                          auto scopes = f.texts("scopes");
                          if (auto st = f.status(); !st) return st.error();
                          auto made = p->accounts.create_api_key(*call.who, *name, *scopes);
                          if (!made) return made.error();
                          ApiReply reply;
                          reply.status = 201;
                          reply.body = key_json(made->stored);
                          reply.body["key"] = made->key;
                          return reply;
                      }});
    routes.push_back({"DELETE", "/api-keys/{id}", Access::staff, "Revoke an integration key",
                      "api-keys", nullptr, [p](ApiCall& call) -> ApiResult {
                          auto id = id_param(call);
                          if (!id) return id.error();
                          if (auto st = p->accounts.revoke_api_key(*call.who, *id); !st)
                              return st.error();
                          ApiReply reply;
                          reply.body = key_json(*p->store.api_keys().by_id(*id));
                          return reply;
                      }});
}

}  // namespace dateline
