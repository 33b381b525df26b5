#include "admin/content_api.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "admin/content_routes.h"
#include "http/route_pattern.h"
#include "util/strings.h"

namespace dateline {

namespace {

constexpr std::string_view kOpenApiPath = "/openapi.json";
constexpr const char* kMethods = "GET, HEAD, OPTIONS";

// Keys are not cookies: any origin may read, nothing is sent with
// credentials, and the key travels in a header the preflight allows.
void add_cors(http::Response& r) {
    r.headers.emplace_back("Access-Control-Allow-Origin", "*");
    r.headers.emplace_back("Access-Control-Expose-Headers", "ETag, WWW-Authenticate");
}

http::Response preflight() {
    http::Response r;
    r.status = 204;
    r.cache_control = "no-store";
    r.headers.emplace_back("Allow", kMethods);
    r.headers.emplace_back("Access-Control-Allow-Methods", kMethods);
    r.headers.emplace_back("Access-Control-Allow-Headers", "Authorization, If-None-Match");
    r.headers.emplace_back("Access-Control-Max-Age", "86400");
    return r;
}

bool has_scope(const Principal& who, std::string_view scope) {
    if (!who.api_key) return false;
    const auto& scopes = who.api_key->scopes;
    return std::find(scopes.begin(), scopes.end(), scope) != scopes.end();
}

}  // namespace

struct ContentApi::Impl {
    ContentApiParts parts;
    std::vector<ContentRoute> routes;

    explicit Impl(ContentApiParts p) : parts(std::move(p)), routes(content_routes(parts)) {}

    // The key from "Authorization: Bearer" or, for simple clients, ?api_key=.
    Status authorize(const http::Request& request) {
        std::string key;
        if (!request.authorization.empty()) {
            if (!starts_with(request.authorization, "Bearer "))
                return Error::unauthorized("use 'Authorization: Bearer <API key>'");
            key = std::string(trim(request.authorization.substr(7)));
        } else if (auto param = request.query_param("api_key")) {
            key = *param;
        }
        if (key.empty())
            return Error::unauthorized(
                "an API key with the scope content:read is needed: send "
                "'Authorization: Bearer <API key>'");
        auto who = parts.accounts.from_api_key(key);
        if (!who) return who.error();
        if (!has_scope(*who, kContentReadScope))
            return Error::forbidden("this API key lacks the scope content:read");
        return {};
    }

    const ContentRoute* find(std::string_view path, std::vector<std::string_view>& params) const {
        for (const auto& route : routes)
            if (http::match_route(route.pattern, path, params)) return &route;
        return nullptr;
    }

    http::Response answer(const http::Request& request) {
        std::string_view path = request.path.substr(kContentApiPrefix.size());
        if (path.empty()) path = "/";
        std::vector<std::string_view> params;
        const ContentRoute* route = find(path, params);
        if (!route && path != kOpenApiPath)
            return error_response(Error::not_found("no API route " + std::string(path)));
        if (request.method == http::Method::options) return preflight();
        std::string method = method_name(request);
        if (method != "GET") {
            auto r = error_response(
                {ErrorKind::invalid, method + " is not allowed here; use GET", {}, {}});
            r.status = 405;
            r.headers.emplace_back("Allow", kMethods);
            return r;
        }
        if (!route) {
            auto r = json_response(200, json::parse(openapi_text()));
            r.cache_control = "public, max-age=300";
            return r;
        }
        try {
            if (auto st = authorize(request); !st) return error_response(st.error());
            ApiCall call{request, std::move(params), std::nullopt, nullptr};
            auto reply = route->handler(call);
            if (!reply) return error_response(reply.error());
            auto r = json_response(reply->status, reply->body);
            // private: a shared cache would hand what a key unlocked to
            // clients without one. The ETag lets clients revalidate cheaply.
            r.cache_control = "private, max-age=60";
            r.headers.emplace_back("Vary", "Authorization");
            return r;
        } catch (const std::exception& e) {
            spdlog::error("content API {} {}: {}", method, request.path, e.what());
            return error_response(Error::io("the server failed to answer; the error is logged"));
        }
    }

    std::string openapi_text() const;
};

ContentApi::ContentApi(ContentApiParts parts) : impl_(std::make_unique<Impl>(std::move(parts))) {}
ContentApi::~ContentApi() = default;

http::Response ContentApi::handle(const http::Request& request) {
    auto r = impl_->answer(request);
    add_cors(r);
    return r;
}

std::string ContentApi::openapi() const {
    return impl_->openapi_text();
}

std::vector<std::string> ContentApi::routes() const {
    std::vector<std::string> out;
    for (const auto& r : impl_->routes)
        out.push_back(r.pattern);
    return out;
}

std::string ContentApi::Impl::openapi_text() const {
    json paths = json::object();
    for (const auto& r : routes) {
        json parameters = json::array();
        for (auto segment : split(r.pattern, '/'))
            if (segment.size() > 2 && segment.front() == '{')
                parameters.push_back({{"name", std::string(segment.substr(1, segment.size() - 2))},
                                      {"in", "path"},
                                      {"required", true},
                                      {"schema", {{"type", "integer"}}}});
        for (const auto& q : r.query)
            parameters.push_back({{"name", q.name},
                                  {"in", "query"},
                                  {"required", false},
                                  {"description", q.description},
                                  {"schema", {{"type", q.type}}}});
        json op = {{"summary", r.summary},
                   {"tags", json::array({r.tag})},
                   {"responses",
                    {{"200", {{"description", "success; ETag for conditional requests"}}},
                     {"304", {{"description", "not modified (If-None-Match)"}}},
                     {"401", {{"description", "missing, unknown or revoked API key"}}},
                     {"403", {{"description", "the key lacks the scope content:read"}}},
                     {"404", {{"description", "no such (published) object"}}},
                     {"422", {{"description", "invalid filter, with per-field messages"}}}}}};
        if (!parameters.empty()) op["parameters"] = std::move(parameters);
        paths[r.pattern]["get"] = std::move(op);
    }
    paths[std::string(kOpenApiPath)]["get"] = {
        {"summary", "This description"},
        {"tags", json::array({"meta"})},
        {"security", json::array()},
        {"responses", {{"200", {{"description", "OpenAPI 3.1 JSON"}}}}}};
    json doc = {
        {"openapi", "3.1.0"},
        {"info",
         {{"title", "Dateline Content API"},
          {"version", "1"},
          {"description",
           "Published content, read-only. Authenticate with an API key that has the scope "
           "content:read, as 'Authorization: Bearer <API key>' or, less safely (it ends up in "
           "logs and histories), as ?api_key=. CORS allows any origin. Errors are {\"error\": "
           "{\"code\", \"message\", \"fields\"}}. Lists are {\"items\", \"total\", \"limit\", "
           "\"offset\"}."}}},
        {"servers", json::array({{{"url", std::string(kContentApiPrefix)}}})},
        {"components",
         {{"securitySchemes",
           {{"apiKey", {{"type", "http"}, {"scheme", "bearer"}}},
            {"apiKeyQuery", {{"type", "apiKey"}, {"in", "query"}, {"name", "api_key"}}}}}}},
        {"security", json::array({{{"apiKey", json::array()}}, {{"apiKeyQuery", json::array()}}})},
        {"paths", std::move(paths)}};
    return doc.dump(2);
}

}  // namespace dateline
