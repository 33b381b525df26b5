// What the admin API's route handlers share (admin/*.cpp only): the call a
// handler gets, the reply it gives, and JSON helpers that turn bad input
// into per-field errors.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "admin/admin_api.h"
#include "http/request.h"
#include "http/response.h"
#include "util/status.h"

namespace dateline {

using json = nlohmann::json;

enum class Access { open, staff };  // open: no sign-in needed (login, reset)

struct ApiCall {
    const http::Request& request;
    std::vector<std::string_view> params;  // the {…} segments of the route
    std::optional<Principal> who;          // set for Access::staff routes
    json body;                             // parsed request body (object), or null
};

struct ApiReply {
    int status = 200;
    json body;
    std::vector<std::pair<std::string, std::string>> headers;
};

using ApiResult = Result<ApiReply>;
using ApiHandler = std::function<ApiResult(ApiCall&)>;

struct ApiRoute {
    std::string method;   // "GET", "POST", ...
    std::string pattern;  // relative to /api/admin/v1, e.g. "/stories/{id}"
    Access access = Access::staff;
    std::string summary;
    std::string tag;      // OpenAPI grouping
    json request_schema;  // null when the route takes no body
    ApiHandler handler;
};

using RouteTable = std::vector<ApiRoute>;

// Route groups, one per file.
void add_account_routes(RouteTable& routes, AdminApiParts& parts);
void add_story_routes(RouteTable& routes, AdminApiParts& parts);
void add_media_routes(RouteTable& routes, AdminApiParts& parts);
void add_resource_routes(RouteTable& routes, AdminApiParts& parts);
void add_site_routes(RouteTable& routes, AdminApiParts& parts);

// The JSON of each object, shared by the API and the admin pages.
json media_json(const MediaAsset& asset);
json story_json(const Story& story);
json user_json(const User& user);
json key_json(const ApiKey& key);
json revision_json(const Revision& revision, bool with_snapshot);
// Field by field: what changed between two snapshots; the body line by line
// as [" "|"+"|"-", text] pairs.
json snapshot_diff(const json& before, const json& after);

// The {index}th route parameter as an id; invalid when it is not one.
Result<int64_t> id_param(const ApiCall& call, size_t index = 0);

// Readers of a JSON object's members that collect per-field errors.
class Fields {
  public:
    explicit Fields(const json& body) : body_(body) {}
    bool has(const char* key) const { return body_.is_object() && body_.contains(key); }
    // The member as it is; only when has(key).
    const json* raw(const char* key) const { return &body_.at(key); }
    std::optional<std::string> text(const char* key, size_t max_bytes = 100000);
    std::optional<int64_t> integer(const char* key);
    std::optional<bool> boolean(const char* key);
    // A member that may be null: outer empty when absent, inner empty for null.
    std::optional<std::optional<int64_t>> nullable_id(const char* key);
    std::optional<std::vector<int64_t>> ids(const char* key);
    std::optional<std::vector<std::string>> texts(const char* key);
    std::optional<std::optional<Timestamp>> nullable_time(const char* key);
    std::optional<Timestamp> time(const char* key);
    void require(const char* key);
    void fail(std::string field, std::string message) {
        errors_.push_back({std::move(field), std::move(message)});
    }
    // ok, or invalid naming every bad field.
    Status status() const;

  private:
    const json& body_;
    std::vector<FieldError> errors_;
};

// Pagination from ?limit= and ?offset= (limit 1..max_limit, default 50 or
// max_limit when lower).
struct PageParams {
    int limit = 50;
    int offset = 0;
};
Result<PageParams> page_params(const http::Request& request, int max_limit = 200);
json page_json(const json& items, int64_t total, const PageParams& page);

// Answers in JSON (no-store unless the caller changes it), and the error
// shape {"error": {"code", "message", "fields": [{"field", "message"}]}}
// with the status its kind maps to.
int status_of(ErrorKind kind);
// The method a route is matched by: HEAD is answered as GET.
std::string method_name(const http::Request& request);
json error_json(const Error& error);
http::Response json_response(int status, const json& body);
http::Response error_response(const Error& error);

std::string iso(Timestamp t);
json iso_or_null(const std::optional<Timestamp>& t);

}  // namespace dateline
