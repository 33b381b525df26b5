#include "admin/admin_ui.h"

#include <spdlog/spdlog.h>

#include "admin/json_view.h"
#include "admin/tokens.h"
#include "admin/ui_support.h"
#include "http/multipart.h"
#include "http/route_pattern.h"
#include "util/files.h"
#include "util/strings.h"

namespace dateline {

namespace fs = std::filesystem;

std::string Form::get(std::string_view name) const {
    for (const auto& [k, v] : fields_)
        if (k == name) return v;
    return {};
}

std::vector<std::string> Form::all(std::string_view name) const {
    std::vector<std::string> out;
    for (const auto& [k, v] : fields_)
        if (k == name) out.push_back(v);
    return out;
}

bool Form::has(std::string_view name) const {
    for (const auto& [k, v] : fields_)
        if (k == name) return true;
    return false;
}

http::Response see_other(const std::string& location) {
    auto r = http::Response::redirect(303, location);
    r.cache_control = "no-store";
    return r;
}

void show_error(UiPage& page, const Error& error) {
    page.error = error;
    page.status = error.kind == ErrorKind::invalid     ? 422
                  : error.kind == ErrorKind::conflict  ? 409
                  : error.kind == ErrorKind::forbidden ? 403
                  : error.kind == ErrorKind::not_found ? 404
                  : error.kind == ErrorKind::throttled ? 429
                                                       : 400;
    for (const auto& f : error.fields)
        page.data["invalid_" + f.field] = f.message;
    if (error.fields.empty() && !error.field.empty())
        page.data["invalid_" + error.field] = error.message;
}

std::string local_time(const SiteTime& time, const json& value) {
    if (!value.is_string()) return {};
    auto t = parse_iso8601(value.get<std::string>());
    return t ? time.dateline(*t) : std::string();
}

http::Response UiContext::render(const UiCall& call, UiPage page) {
    auto body = templates_.find(page.template_name);
    if (body == templates_.end())
        throw std::runtime_error("no admin template " + page.template_name);
    json& d = page.data;
    if (call.who) {
        d["csrf"] = call.who->csrf_token;
    }
    std::string content = body->second.render(to_view(d));

    json layout = {{"title", page.title},
                   {"site_title", parts_.site_title},
                   {"content", content},
                   {"flash", page.flash}};
    if (call.who) {
        const User& u = call.who->user;
        layout["who"] = {{"name", u.name},
                         {"role", to_string(u.role)},
                         {"csrf", call.who->csrf_token},
                         {"can_curate", role_allows(u.role, Action::curate)},
                         {"can_users", role_allows(u.role, Action::users)},
                         {"nav_" + page.nav, true}};
    }
    if (page.error) {
        layout["error"] = page.error->message;
        json fields = json::array();
        for (const auto& f : page.error->fields)
            fields.push_back({{"field", f.field}, {"message", f.message}});
        layout["error_fields"] = fields;
    }
    http::Response r;
    r.status = page.status;
    r.body = templates_.at("layout").render(to_view(layout));
    r.cache_control = "no-store";
    r.headers.emplace_back("X-Frame-Options", "DENY");
    r.headers.emplace_back("Referrer-Policy", "same-origin");
    r.headers.emplace_back(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; form-action 'self'");
    return r;
}

struct AdminUi::Impl {
    AdminUiParts parts;
    std::map<std::string, Template> templates;
    std::map<std::string, std::string> assets;  // name -> bytes
    std::vector<UiRoute> routes;

    http::Response asset(std::string_view name) {
        auto it = assets.find(std::string(name));
        if (it == assets.end()) return http::Response::text(404, "Not found\n");
        http::Response r;
        r.body = it->second;
        r.content_type =
            ends_with(name, ".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
        r.cache_control = "no-cache";
        return r;
    }

    http::Response handle(const http::Request& request) {
        std::string_view path = request.path.substr(kAdminUiPrefix.size());
        if (path.empty() || path == "/") return see_other("/admin/stories");
        if (starts_with(path, "/assets/")) return asset(path.substr(8));
        bool post = request.method == http::Method::post;
        if (!post && request.method != http::Method::get && request.method != http::Method::head) {
            auto r = http::Response::text(405, "Method not allowed\n");
            r.headers.emplace_back("Allow", "GET, HEAD, POST");
            return r;
        }
        std::string method = post ? "POST" : "GET";
        const UiRoute* route = nullptr;
        UiCall call{request, {}, std::nullopt, Form()};
        for (const auto& candidate : routes) {
            std::vector<std::string_view> params;
            if (candidate.method == method && http::match_route(candidate.pattern, path, params)) {
                route = &candidate;
                call.params = std::move(params);
                break;
            }
        }
        UiContext context(parts, templates);
        if (!route) {
            UiPage page{"login", "Not found", ""};
            show_error(page, Error::not_found("There is no such page in the newsroom."));
            return context.render(call, std::move(page));
        }
        try {
            std::string_view token = http::cookie_value(request.cookie, kSessionCookie);
            if (!token.empty())
                if (auto who = parts.api.accounts.from_session(token)) call.who = std::move(*who);
            if (route->needs_session && !call.who) {
                std::string next = std::string(request.target);
                return see_other("/admin/login?next=" + url_encode(next));
            }
            if (post) {
                if (auto boundary = http::multipart_boundary(request.content_type)) {
                    auto parts_of = http::parse_multipart(request.body, *boundary);
                    std::vector<std::pair<std::string, std::string>> fields;
                    if (parts_of)
                        for (const auto& p : *parts_of)
                            if (p.filename.empty())
                                fields.emplace_back(p.name, std::string(p.data));
                    call.form = Form(std::move(fields));
                } else {
                    call.form = Form(http::parse_form(request.body));
                }
                // Every signed-in form carries the session's CSRF token.
                if (call.who && !equal_secrets(call.form.get("_csrf"), call.who->csrf_token)) {
                    UiPage page{"login", "Expired form", ""};
                    show_error(page, Error::forbidden("This form has expired (or came from another "
                                                      "site). Go back, reload the page and try "
                                                      "again."));
                    return context.render(call, std::move(page));
                }
            }
            return route->handler(call, context);
        } catch (const std::exception& e) {
            spdlog::error("admin page {} {}: {}", method, request.path, e.what());
            return http::Response::text(500,
                                        "The newsroom failed to answer; the error is logged.\n");
        }
    }
};

AdminUi::AdminUi(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
AdminUi::~AdminUi() = default;

Result<std::unique_ptr<AdminUi>> AdminUi::load(AdminUiParts parts) {
    auto impl = std::make_unique<Impl>(Impl{std::move(parts), {}, {}, {}});
    fs::path dir = impl->parts.dir;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir / "templates", ec)) {
        if (entry.path().extension() != ".mustache") continue;
        auto text = read_file(entry.path());
        if (!text) return text.error();
        auto compiled = Template::compile(*text);
        if (!compiled) {
            Error e = compiled.error();
            e.message = entry.path().string() + ": " + e.message;
            return e;
        }
        impl->templates.emplace(entry.path().stem().string(), std::move(*compiled));
    }
    if (ec) return Error::io("cannot read " + (dir / "templates").string() + ": " + ec.message());
    if (!impl->templates.count("layout"))
        return Error::io((dir / "templates/layout.mustache").string() + " is missing");
    for (const char* name : {"admin.css", "admin.js"}) {
        auto bytes = read_file(dir / "assets" / name);
        if (!bytes) return bytes.error();
        impl->assets.emplace(name, std::move(*bytes));
    }
    add_ui_people_routes(impl->routes);
    add_ui_story_routes(impl->routes);
    add_ui_library_routes(impl->routes);
    add_ui_curation_routes(impl->routes);
    return std::unique_ptr<AdminUi>(new AdminUi(std::move(impl)));
}

http::Response AdminUi::handle(const http::Request& request) {
    return impl_->handle(request);
}

}  // namespace dateline
