// The public, read-only Content API at /api/content/v1 (docs/content-api.md):
// published stories, sections, tags, authors and shorts as JSON for apps and
// partners. Requests authenticate with an API key that has the scope
// "content:read"; answers carry CORS headers for any origin and validators
// for conditional requests. Nothing unpublished is ever shown.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "admin/accounts.h"
#include "http/request.h"
#include "http/response.h"
#include "store/store.h"

namespace dateline {

inline constexpr std::string_view kContentApiPrefix = "/api/content/v1";
inline constexpr std::string_view kContentReadScope = "content:read";

struct ContentApiParts {
    Store& store;
    Accounts& accounts;
    std::string base_url;  // the site's public origin, for absolute URLs
};

class ContentApi {
  public:
    explicit ContentApi(ContentApiParts parts);
    ~ContentApi();

    // Answers a request under kContentApiPrefix. Thread-safe.
    http::Response handle(const http::Request& request);
    // The OpenAPI 3.1 description of every route, as JSON text.
    std::string openapi() const;
    // Path patterns of every GET route, for the test that holds the
    // description to the routes.
    std::vector<std::string> routes() const;

    struct Impl;

  private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace dateline
