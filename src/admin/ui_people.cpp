// Admin pages for signing in and out, password resets, one's own account
// and staff accounts.
#include "admin/ui_support.h"
#include "http/route_pattern.h"
#include "util/strings.h"

namespace dateline {

namespace {

// Only paths inside the newsroom: ?next= must not send anyone elsewhere.
std::string safe_next(const std::string& next) {
    if (next.starts_with("/admin") && next.find("//") == std::string::npos &&
        next.find('\\') == std::string::npos)
        return next;
    return "/admin/stories";
}

http::Response with_cookie(http::Response r, const std::string& cookie) {
    r.headers.emplace_back("Set-Cookie", cookie);
    return r;
}

const int64_t kCookieAge = 7 * 24 * 3600;

}  // namespace

void add_ui_people_routes(std::vector<UiRoute>& routes) {
    routes.push_back({"GET", "/login", false, [](UiCall& call, UiContext& ui) {
                          if (call.who) return see_other("/admin/stories");
                          UiPage page{"login", "Sign in", "", json::object()};
                          page.data["next"] = call.request.query_param("next").value_or("");
                          if (call.request.query_param("reset"))
                              page.flash = "Your password is changed: sign in with it.";
                          return ui.render(call, std::move(page));
                      }});
    routes.push_back({"POST", "/login", false, [](UiCall& call, UiContext& ui) {
                          std::string email = call.form.get("email");
                          auto in = ui.parts().api.accounts.login(email, call.form.get("password"),
                                                                  call.request.remote_address);
                          if (!in) {
                              UiPage page{"login", "Sign in", "", json::object()};
                              page.data["email"] = email;
                              page.data["next"] = call.form.get("next");
                              show_error(page, in.error());
                              return ui.render(call, std::move(page));
                          }
                          return with_cookie(
                              see_other(safe_next(call.form.get("next"))),
                              session_cookie(in->token, ui.parts().api.secure_cookies, kCookieAge));
                      }});
    routes.push_back({"POST", "/logout", true, [](UiCall& call, UiContext& ui) {
                          ui.parts().api.accounts.logout(
                              http::cookie_value(call.request.cookie, kSessionCookie));
                          return with_cookie(see_other("/admin/login"),
                                             session_cookie("", ui.parts().api.secure_cookies, 0));
                      }});
    routes.push_back(
        {"GET", "/forgot", false, [](UiCall& call, UiContext& ui) {
             return ui.render(call, UiPage{"forgot", "Reset your password", "", json::object()});
         }});
    routes.push_back({"POST", "/forgot", false, [](UiCall& call, UiContext& ui) {
                          UiPage page{"forgot", "Reset your password", "", json::object()};
                          page.data["email"] = call.form.get("email");
                          auto st = ui.parts().api.accounts.request_reset(
                              call.form.get("email"), call.request.remote_address);
                          if (!st)
                              show_error(page, st.error());
                          else
                              page.data["sent"] = true;
                          return ui.render(call, std::move(page));
                      }});
    routes.push_back({"GET", "/reset", false, [](UiCall& call, UiContext& ui) {
                          UiPage page{"reset", "Choose a new password", "", json::object()};
                          page.data["token"] = call.request.query_param("token").value_or("");
                          return ui.render(call, std::move(page));
                      }});
    routes.push_back({"POST", "/reset", false, [](UiCall& call, UiContext& ui) {
                          auto st = ui.parts().api.accounts.reset_password(
                              call.form.get("token"), call.form.get("password"));
                          if (st) return see_other("/admin/login?reset=1");
                          UiPage page{"reset", "Choose a new password", "", json::object()};
                          page.data["token"] = call.form.get("token");
                          show_error(page, st.error());
                          return ui.render(call, std::move(page));
                      }});
    routes.push_back({"GET", "/account", true, [](UiCall& call, UiContext& ui) {
                          UiPage page{"account", "Your account", "account", json::object()};
                          page.data["user"] = user_json(call.who->user);
                          if (call.request.query_param("changed"))
                              page.flash =
                                  "Your password is changed; other sessions are signed out.";
                          return ui.render(call, std::move(page));
                      }});
    routes.push_back(
        {"POST", "/account/password", true, [](UiCall& call, UiContext& ui) {
             auto in = ui.parts().api.accounts.change_password(
                 *call.who, call.form.get("current_password"), call.form.get("password"));
             if (in)
                 return with_cookie(
                     see_other("/admin/account?changed=1"),
                     session_cookie(in->token, ui.parts().api.secure_cookies, kCookieAge));
             UiPage page{"account", "Your account", "account", json::object()};
             page.data["user"] = user_json(call.who->user);
             show_error(page, in.error());
             return ui.render(call, std::move(page));
         }});

    auto users_page = [](UiCall& call, UiContext& ui, UiPage page) {
        json items = json::array();
        for (const auto& u : ui.store().users().list())
            items.push_back(user_json(u));
        page.data["items"] = items;
        json roles = json::array();
        for (Role r : {Role::contributor, Role::author, Role::editor, Role::admin})
            if (rank(r) <= rank(call.who->user.role)) roles.push_back(to_string(r));
        page.data["roles"] = roles;
        return ui.render(call, std::move(page));
    };
    routes.push_back({"GET", "/users", true, [users_page](UiCall& call, UiContext& ui) {
                          UiPage page{"users", "Users", "users", json::object()};
                          if (auto st = authorize(*call.who, Action::users); !st) {
                              show_error(page, st.error());
                              page.template_name = "account";
                              page.data["user"] = user_json(call.who->user);
                              return ui.render(call, std::move(page));
                          }
                          if (call.request.query_param("added")) page.flash = "Account added.";
                          return users_page(call, ui, std::move(page));
                      }});
    routes.push_back({"POST", "/users", true, [users_page](UiCall& call, UiContext& ui) {
                          User user;
                          user.name = call.form.get("name");
                          user.email = call.form.get("email");
                          auto role = parse_role(call.form.get("role"));
                          user.role = role.value_or(Role::contributor);
                          auto id = ui.parts().api.accounts.create_user(*call.who, user,
                                                                        call.form.get("password"));
                          if (id) return see_other("/admin/users?added=1");
                          UiPage page{"users", "Users", "users", json::object()};
                          page.data["form"] = {{"name", user.name}, {"email", user.email}};
                          show_error(page, id.error());
                          return users_page(call, ui, std::move(page));
                      }});
    auto user_page = [](UiCall& call, UiContext& ui, const User& user, UiPage page) {
        page.data["user"] = user_json(user);
        json roles = json::array();
        for (Role r : {Role::contributor, Role::author, Role::editor, Role::admin, Role::owner})
            if (r == user.role || (rank(r) <= rank(call.who->user.role) && r != Role::owner))
                roles.push_back({{"value", to_string(r)}, {"selected", r == user.role}});
        page.data["roles"] = roles;
        return ui.render(call, std::move(page));
    };
    routes.push_back({"GET", "/users/{id}", true, [user_page](UiCall& call, UiContext& ui) {
                          auto id = parse_int(call.params[0]);
                          auto user = id ? ui.store().users().by_id(*id) : std::nullopt;
                          UiPage page{"user_edit", "User", "users", json::object()};
                          if (!user) {
                              page.template_name = "login";
                              show_error(page, Error::not_found("There is no such user."));
                              return ui.render(call, std::move(page));
                          }
                          if (call.request.query_param("saved")) page.flash = "Saved.";
                          return user_page(call, ui, *user, std::move(page));
                      }});
    routes.push_back({"POST", "/users/{id}", true, [user_page](UiCall& call, UiContext& ui) {
                          auto id = parse_int(call.params[0]);
                          auto user = id ? ui.store().users().by_id(*id) : std::nullopt;
                          if (!user) return see_other("/admin/users");
                          User changed = *user;
                          changed.name = call.form.get("name");
                          changed.email = call.form.get("email");
                          if (auto role = parse_role(call.form.get("role"))) changed.role = *role;
                          changed.disabled = call.form.has("disabled");
                          changed.version = parse_int(call.form.get("version")).value_or(0);
                          auto st = ui.parts().api.accounts.update_user(*call.who, changed);
                          if (st)
                              return see_other("/admin/users/" + std::to_string(*id) + "?saved=1");
                          UiPage page{"user_edit", "User", "users", json::object()};
                          show_error(page, st.error());
                          return user_page(call, ui, changed, std::move(page));
                      }});
}

}  // namespace dateline
