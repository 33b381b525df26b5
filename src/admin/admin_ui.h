// The newsroom's pages at /admin: server-rendered with the Mustache engine
// from admin-ui/templates, plain forms that work without JavaScript
// (admin-ui/assets/admin.js adds live preview and autosave), the same
// permission checks and services as the admin API.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "admin/admin_api.h"
#include "http/request.h"
#include "http/response.h"
#include "model/site_time.h"
#include "util/status.h"

namespace dateline {

inline constexpr std::string_view kAdminUiPrefix = "/admin";

struct AdminUiParts {
    AdminApiParts& api;
    SiteTime time;
    std::filesystem::path dir;  // holds templates/ and assets/
    std::string site_title;
};

class AdminUi {
  public:
    // invalid when a template does not compile; io when the folder is missing.
    static Result<std::unique_ptr<AdminUi>> load(AdminUiParts parts);
    ~AdminUi();

    // Answers a request under /admin. Thread-safe.
    http::Response handle(const http::Request& request);

    struct Impl;

  private:
    explicit AdminUi(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace dateline
