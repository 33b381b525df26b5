#include "support/admin_client.h"

#include <stdexcept>

#include "support/server_process.h"

namespace dateline::testing {

namespace {
ApiAnswer answer(HttpResponse r) {
    ApiAnswer a;
    a.status = r.status;
    a.body = nlohmann::json::parse(r.body, nullptr, false);
    a.raw = std::move(r);
    return a;
}
}  // namespace

std::map<std::string, std::string> AdminClient::auth_headers(bool with_csrf) const {
    std::map<std::string, std::string> h;
    if (!api_key_.empty()) h["Authorization"] = "Bearer " + api_key_;
    if (!cookie_.empty()) h["Cookie"] = cookie_;
    if (with_csrf && !csrf_.empty()) h["X-CSRF-Token"] = csrf_;
    return h;
}

void AdminClient::take_cookie(const HttpResponse& r) {
    std::string set = r.header("set-cookie");
    if (set.empty()) return;
    cookie_ = set.substr(0, set.find(';'));
}

ApiAnswer AdminClient::login(const std::string& email, const std::string& password) {
    nlohmann::json body = {{"email", email}, {"password", password}};
    auto r = send(port_, "POST", "/api/admin/v1/session", {{"Content-Type", "application/json"}},
                  body.dump());
    take_cookie(r);
    auto a = answer(std::move(r));
    if (a.status == 201) csrf_ = a.body.at("csrf_token");
    return a;
}

ApiAnswer AdminClient::call(const std::string& method, const std::string& path,
                            const nlohmann::json& body, bool with_csrf) {
    auto headers = auth_headers(with_csrf);
    std::string text;
    if (!body.is_null()) {
        headers["Content-Type"] = "application/json";
        text = body.dump();
    }
    auto r = send(port_, method, "/api/admin/v1" + path, headers, text);
    if (path == "/me/password" && r.status == 200) take_cookie(r);
    return answer(std::move(r));
}

ApiAnswer AdminClient::upload(const std::string& path, const std::string& filename,
                              const std::string& bytes,
                              const std::map<std::string, std::string>& fields) {
    const std::string boundary = "----datelinetestboundary7MA4YWxk";
    std::string body;
    for (const auto& [k, v] : fields)
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" +
                v + "\r\n";
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
            filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n";
    body += "--" + boundary + "--\r\n";
    auto headers = auth_headers(true);
    headers["Content-Type"] = "multipart/form-data; boundary=" + boundary;
    return answer(send(port_, "POST", "/api/admin/v1" + path, headers, body));
}

void add_user(const std::filesystem::path& data_dir, const std::string& email,
              const std::string& name, const std::string& role, const std::string& password) {
    auto r = run_dateline({"user", "add", "--data", data_dir.string(), "--email", email, "--name",
                           name, "--role", role, "--password-stdin"},
                          {}, password + "\n");
    if (r.exit_code != 0) throw std::runtime_error("user add failed: " + r.err + r.out);
}

}  // namespace dateline::testing
