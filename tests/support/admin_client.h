// A staff member's side of the admin API for tests: signs in once, keeps the
// session cookie and CSRF token, and sends JSON.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "support/http_client.h"

namespace dateline::testing {

struct ApiAnswer {
    int status = 0;
    nlohmann::json body;
    HttpResponse raw;
};

class AdminClient {
  public:
    AdminClient(int port) : port_(port) {}
    // Signs in; the answer is the login's.
    ApiAnswer login(const std::string& email, const std::string& password);
    // A key instead of a session ("Authorization: Bearer ...").
    void use_api_key(const std::string& key) { api_key_ = key; }
    ApiAnswer call(const std::string& method, const std::string& path,
                   const nlohmann::json& body = nullptr, bool with_csrf = true);
    // path under /api/admin/v1; multipart upload of one file.
    ApiAnswer upload(const std::string& path, const std::string& filename, const std::string& bytes,
                     const std::map<std::string, std::string>& fields);

    const std::string& cookie() const { return cookie_; }
    const std::string& csrf() const { return csrf_; }
    void set_session(const std::string& cookie, const std::string& csrf) {
        cookie_ = cookie;
        csrf_ = csrf;
    }

  private:
    std::map<std::string, std::string> auth_headers(bool with_csrf) const;
    void take_cookie(const HttpResponse& r);
    int port_;
    std::string cookie_;  // "dl_session=..."
    std::string csrf_;
    std::string api_key_;
};

// Adds a staff account through the CLI (the argon2id hash takes a moment).
void add_user(const std::filesystem::path& data_dir, const std::string& email,
              const std::string& name, const std::string& role, const std::string& password);

}  // namespace dateline::testing
