// The newsroom's JSON API at /api/admin/v1 (docs/admin-api.md): every
// object of the newsroom with filters, pagination, per-field validation
// errors and optimistic concurrency. Requests authenticate with the session
// cookie (state changes then need the CSRF token) or an API key.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "admin/accounts.h"
#include "admin/story_desk.h"
#include "http/request.h"
#include "http/response.h"
#include "media/media_storage.h"
#include "store/store.h"
#include "util/clock.h"

namespace dateline {

inline constexpr std::string_view kAdminApiPrefix = "/api/admin/v1";
inline constexpr std::string_view kSessionCookie = "dl_session";

struct AdminApiParts {
    Store& store;
    const Clock& clock;
    Accounts& accounts;
    StoryDesk& desk;
    MediaStorage& media;
    std::vector<int> image_widths;  // renditions made at upload
    Invalidate invalidate;          // pages touched by writes other than stories
    bool secure_cookies = false;    // the site is served over TLS
};

class AdminApi {
  public:
    explicit AdminApi(AdminApiParts parts);
    ~AdminApi();

    // Answers a request under kAdminApiPrefix. Thread-safe.
    http::Response handle(const http::Request& request);
    // The OpenAPI 3.1 description of every route, as JSON text.
    std::string openapi() const;
    // Method and path pattern of every route, for the test that holds the
    // description to the routes.
    std::vector<std::pair<std::string, std::string>> routes() const;

    struct Impl;

  private:
    std::unique_ptr<Impl> impl_;
};

// The Set-Cookie value that starts (token) or ends (empty token) a session.
std::string session_cookie(std::string_view token, bool secure, int64_t max_age_seconds);

}  // namespace dateline
