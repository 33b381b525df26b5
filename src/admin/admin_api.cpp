#include "admin/admin_api.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "admin/api_support.h"
#include "admin/tokens.h"
#include "http/route_pattern.h"
#include "util/strings.h"

namespace dateline {

namespace {

bool changes_state(http::Method m) {
    return m != http::Method::get && m != http::Method::head && m != http::Method::options;
}

// A browser sends Origin with every cross-site state change; the session
// cookie (SameSite=Lax) and the CSRF token already refuse those, this is
// the belt to their braces.
bool foreign_origin(const http::Request& request) {
    std::string_view origin = request.header("Origin");
    if (origin.empty() || origin == "null") return !origin.empty();
    size_t scheme = origin.find("://");
    std::string_view host = scheme == std::string_view::npos ? origin : origin.substr(scheme + 3);
    return host != request.host;
}

}  // namespace

// Shared with the Content API (api_support.h).

std::string method_name(const http::Request& request) {
    return request.method == http::Method::head ? "GET" : std::string(request.method_text);
}

int status_of(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::not_found:
            return 404;
        case ErrorKind::invalid:
            return 422;
        case ErrorKind::conflict:
            return 409;
        case ErrorKind::forbidden:
            return 403;
        case ErrorKind::unauthorized:
            return 401;
        case ErrorKind::throttled:
            return 429;
        case ErrorKind::io:
        case ErrorKind::corrupt:
            return 500;
    }
    return 500;
}

json error_json(const Error& error) {
    json e = {{"code", to_string(error.kind)}, {"message", error.message}};
    json fields = json::array();
    for (const auto& f : error.fields)
        fields.push_back({{"field", f.field}, {"message", f.message}});
    if (fields.empty() && !error.field.empty())
        fields.push_back({{"field", error.field}, {"message", error.message}});
    if (!fields.empty()) e["fields"] = std::move(fields);
    return json{{"error", std::move(e)}};
}

http::Response json_response(int status, const json& body) {
    http::Response r;
    r.status = status;
    r.content_type = "application/json";
    r.body = body.is_null() ? std::string() : body.dump() + "\n";
    r.cache_control = "no-store";
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    return r;
}

http::Response error_response(const Error& error) {
    auto r = json_response(status_of(error.kind), error_json(error));
    if (error.kind == ErrorKind::unauthorized)
        r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"dateline\"");
    if (error.kind == ErrorKind::throttled) r.headers.emplace_back("Retry-After", "3600");
    return r;
}

std::string session_cookie(std::string_view token, bool secure, int64_t max_age_seconds) {
    std::string cookie = std::string(kSessionCookie) + "=" + std::string(token) +
                         "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" +
                         std::to_string(token.empty() ? 0 : max_age_seconds);
    if (secure) cookie += "; Secure";
    return cookie;
}

struct AdminApi::Impl {
    AdminApiParts parts;
    RouteTable routes;

    explicit Impl(AdminApiParts p) : parts(std::move(p)) {
        add_account_routes(routes, parts);
        add_story_routes(routes, parts);
        add_media_routes(routes, parts);
        add_resource_routes(routes, parts);
        add_site_routes(routes, parts);
    }

    Result<std::optional<Principal>> authenticate(const http::Request& request, bool& by_cookie) {
        by_cookie = false;
        std::string_view auth = request.authorization;
        if (!auth.empty()) {
            if (!starts_with(auth, "Bearer "))
                return Error::unauthorized("use 'Authorization: Bearer <API key>'");
            auto who = parts.accounts.from_api_key(trim(auth.substr(7)));
            if (!who) return who.error();
            return std::optional<Principal>(std::move(*who));
        }
        std::string_view token = http::cookie_value(request.cookie, kSessionCookie);
        if (token.empty()) return std::optional<Principal>();
        auto who = parts.accounts.from_session(token);
        if (!who) return std::optional<Principal>();
        by_cookie = true;
        return std::optional<Principal>(std::move(*who));
    }

    http::Response handle(const http::Request& request) {
        std::string_view path = request.path.substr(kAdminApiPrefix.size());
        if (path.empty()) path = "/";
        std::string method = method_name(request);
        if (path == "/openapi.json" && method == "GET") {
            auto r = json_response(200, json::parse(openapi_text()));
            r.cache_control = "no-cache";
            return r;
        }
        ApiCall call{request, {}, std::nullopt, nullptr};
        const ApiRoute* route = nullptr;
        std::string allowed;
        for (const auto& candidate : routes) {
            std::vector<std::string_view> params;
            if (!http::match_route(candidate.pattern, path, params)) continue;
            if (candidate.method == method) {
                route = &candidate;
                call.params = std::move(params);
                break;
            }
            allowed += (allowed.empty() ? "" : ", ") + candidate.method;
        }
        if (!route) {
            if (allowed.empty())
                return error_response(Error::not_found("no API route " + std::string(path)));
            auto r = error_response(
                {ErrorKind::invalid, method + " is not allowed here; use " + allowed, {}, {}});
            r.status = 405;
            r.headers.emplace_back("Allow", allowed);
            return r;
        }
        try {
            bool by_cookie = false;
            auto who = authenticate(request, by_cookie);
            if (!who) return error_response(who.error());
            if (route->access == Access::staff) {
                if (!*who) return error_response(Error::unauthorized("please sign in"));
                if (by_cookie && changes_state(request.method)) {
                    if (foreign_origin(request))
                        return error_response(
                            Error::forbidden("cross-site request refused (Origin)"));
                    if (!equal_secrets(request.header("X-CSRF-Token"), (*who)->csrf_token))
                        return error_response(Error::forbidden(
                            "missing or wrong X-CSRF-Token header: reload and try again"));
                }
                call.who = std::move(**who);
            } else if (*who) {
                call.who = std::move(**who);
            }
            bool raw_body = starts_with(to_lower(request.content_type), "multipart/") ||
                            starts_with(to_lower(request.content_type), "image/") ||
                            starts_with(to_lower(request.content_type), "application/octet");
            if (!request.body.empty() && !raw_body) {
                call.body = json::parse(request.body, nullptr, false);
                if (call.body.is_discarded() || !call.body.is_object())
                    return error_response(
                        Error::invalid("body", "the request body is not a JSON object"));
            } else {
                call.body = json::object();
            }
            auto reply = route->handler(call);
            if (!reply) return error_response(reply.error());
            auto r = json_response(reply->status, reply->body);
            for (auto& h : reply->headers)
                r.headers.push_back(std::move(h));
            return r;
        } catch (const std::exception& e) {
            spdlog::error("admin API {} {}: {}", method, request.path, e.what());
            return error_response(Error::io("the server failed to answer; the error is logged"));
        }
    }

    std::string openapi_text() const;
};

AdminApi::AdminApi(AdminApiParts parts) : impl_(std::make_unique<Impl>(std::move(parts))) {}
AdminApi::~AdminApi() = default;

http::Response AdminApi::handle(const http::Request& request) {
    return impl_->handle(request);
}

std::string AdminApi::openapi() const {
    return impl_->openapi_text();
}

std::vector<std::pair<std::string, std::string>> AdminApi::routes() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& r : impl_->routes)
        out.emplace_back(r.method, r.pattern);
    return out;
}

std::string AdminApi::Impl::openapi_text() const {
    json paths = json::object();
    for (const auto& r : routes) {
        json op = {{"summary", r.summary},
                   {"tags", json::array({r.tag})},
                   {"responses",
                    {{"200", {{"description", "success"}}},
                     {"401", {{"description", "not signed in"}}},
                     {"403", {{"description", "not allowed (role, scope or CSRF)"}}},
                     {"409", {{"description", "stale version: the body has the current one"}}},
                     {"422", {{"description", "invalid input, with per-field messages"}}}}}};
        if (r.access == Access::open) op["security"] = json::array();
        json parameters = json::array();
        std::vector<std::string_view> names;
        for (auto segment : split(r.pattern, '/'))
            if (segment.size() > 2 && segment.front() == '{')
                parameters.push_back({{"name", std::string(segment.substr(1, segment.size() - 2))},
                                      {"in", "path"},
                                      {"required", true},
                                      {"schema", {{"type", "string"}}}});
        if (!parameters.empty()) op["parameters"] = std::move(parameters);
        if (!r.request_schema.is_null())
            op["requestBody"] = {
                {"required", true},
                {"content", {{"application/json", {{"schema", r.request_schema}}}}}};
        std::string method = to_lower(r.method);
        paths[r.pattern][method] = std::move(op);
    }
    json doc = {
        {"openapi", "3.1.0"},
        {"info",
         {{"title", "Dateline admin API"},
          {"version", "1"},
          {"description",
           "The newsroom's API. Authenticate with the dl_session cookie (send the session's "
           "csrf_token as X-CSRF-Token on every change) or with 'Authorization: Bearer <API "
           "key>'. Errors are {\"error\": {\"code\", \"message\", \"fields\"}}."}}},
        {"servers", json::array({{{"url", std::string(kAdminApiPrefix)}}})},
        {"components",
         {{"securitySchemes",
           {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", kSessionCookie}}},
            {"apiKey", {{"type", "http"}, {"scheme", "bearer"}}}}}}},
        {"security", json::array({{{"session", json::array()}}, {{"apiKey", json::array()}}})},
        {"paths", std::move(paths)}};
    return doc.dump(2);
}

// Shared helpers of api_support.h.

Result<int64_t> id_param(const ApiCall& call, size_t index) {
    if (index >= call.params.size()) return Error::invalid("id", "missing id");
    auto id = parse_int(call.params[index]);
    if (!id || *id <= 0)
        return Error::not_found("'" + std::string(call.params[index]) + "' is not an id");
    return *id;
}

std::optional<std::string> Fields::text(const char* key, size_t max_bytes) {
    if (!has(key) || body_.at(key).is_null()) return std::nullopt;
    const json& v = body_.at(key);
    if (!v.is_string()) {
        fail(key, std::string(key) + " must be text");
        return std::nullopt;
    }
    std::string s = v.get<std::string>();
    if (s.size() > max_bytes) {
        fail(key, std::string(key) + " is longer than " + std::to_string(max_bytes) + " bytes");
        return std::nullopt;
    }
    return s;
}

std::optional<int64_t> Fields::integer(const char* key) {
    if (!has(key) || body_.at(key).is_null()) return std::nullopt;
    const json& v = body_.at(key);
    if (!v.is_number_integer()) {
        fail(key, std::string(key) + " must be a whole number");
        return std::nullopt;
    }
    return v.get<int64_t>();
}

std::optional<bool> Fields::boolean(const char* key) {
    if (!has(key) || body_.at(key).is_null()) return std::nullopt;
    const json& v = body_.at(key);
    if (!v.is_boolean()) {
        fail(key, std::string(key) + " must be true or false");
        return std::nullopt;
    }
    return v.get<bool>();
}

std::optional<std::optional<int64_t>> Fields::nullable_id(const char* key) {
    if (!has(key)) return std::nullopt;
    const json& v = body_.at(key);
    if (v.is_null()) return std::optional<int64_t>();
    if (!v.is_number_integer() || v.get<int64_t>() <= 0) {
        fail(key, std::string(key) + " must be an id or null");
        return std::nullopt;
    }
    return std::optional<int64_t>(v.get<int64_t>());
}

std::optional<std::vector<int64_t>> Fields::ids(const char* key) {
    if (!has(key) || body_.at(key).is_null()) return std::nullopt;
    const json& v = body_.at(key);
    std::vector<int64_t> out;
    if (v.is_array() && v.size() <= 100) {
        for (const auto& item : v) {
            if (!item.is_number_integer() || item.get<int64_t>() <= 0) {
                out.clear();
                break;
            }
            out.push_back(item.get<int64_t>());
        }
        if (out.size() == v.size()) return out;
    }
    fail(key, std::string(key) + " must be a list of at most 100 ids");
    return std::nullopt;
}

std::optional<std::vector<std::string>> Fields::texts(const char* key) {
    if (!has(key) || body_.at(key).is_null()) return std::nullopt;
    const json& v = body_.at(key);
    std::vector<std::string> out;
    if (v.is_array() && v.size() <= 100) {
        for (const auto& item : v)
            if (item.is_string()) out.push_back(item.get<std::string>());
        if (out.size() == v.size()) return out;
    }
    fail(key, std::string(key) + " must be a list of texts");
    return std::nullopt;
}

std::optional<Timestamp> Fields::time(const char* key) {
    auto t = nullable_time(key);
    if (!t) return std::nullopt;
    if (!*t) {
        fail(key, std::string(key) + " must be a time");
        return std::nullopt;
    }
    return **t;
}

std::optional<std::optional<Timestamp>> Fields::nullable_time(const char* key) {
    if (!has(key)) return std::nullopt;
    const json& v = body_.at(key);
    if (v.is_null()) return std::optional<Timestamp>();
    if (v.is_string())
        if (auto t = parse_iso8601(v.get<std::string>())) return std::optional<Timestamp>(*t);
    fail(key, std::string(key) + " must be a time like 2026-11-29T18:30:00+05:30");
    return std::nullopt;
}

void Fields::require(const char* key) {
    if (!has(key) || body_.at(key).is_null()) fail(key, std::string(key) + " is required");
}

Status Fields::status() const {
    if (errors_.empty()) return {};
    return Error::invalid_fields(errors_);
}

Result<PageParams> page_params(const http::Request& request, int max_limit) {
    PageParams page;
    page.limit = std::min(page.limit, max_limit);
    if (auto limit = request.query_param("limit")) {
        auto n = parse_int(*limit);
        if (!n || *n < 1 || *n > max_limit)
            return Error::invalid("limit",
                                  "limit must be a number from 1 to " + std::to_string(max_limit));
        page.limit = static_cast<int>(*n);
    }
    if (auto offset = request.query_param("offset")) {
        auto n = parse_int(*offset);
        if (!n || *n < 0 || *n > 10'000'000)
            return Error::invalid("offset", "offset must be a number of at least 0");
        page.offset = static_cast<int>(*n);
    }
    return page;
}

json page_json(const json& items, int64_t total, const PageParams& page) {
    return {{"items", items}, {"total", total}, {"limit", page.limit}, {"offset", page.offset}};
}

std::string iso(Timestamp t) {
    return format_iso8601(t);
}

json iso_or_null(const std::optional<Timestamp>& t) {
    return t ? json(format_iso8601(*t)) : json();
}

}  // namespace dateline
