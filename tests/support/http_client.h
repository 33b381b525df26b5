// A deliberately small HTTP/1.1 client over a raw loopback socket, so tests
// can also send what a browser never would (malformed, oversize, slow).
#pragma once

#include <map>
#include <optional>
#include <string>

namespace dateline::testing {

struct HttpResponse {
    int status = 0;
    std::string status_line;
    std::multimap<std::string, std::string> headers;  // names lower-cased
    std::string body;
    std::string header(const std::string& name) const;
    bool has_header(const std::string& name) const { return headers.count(name) > 0; }
};

class Connection {
  public:
    // receive_buffer_bytes > 0: a reader with that small a socket buffer.
    explicit Connection(int port, int receive_buffer_bytes = 0);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    void send_raw(const std::string& bytes);
    // Reads one response; head_only for answers to HEAD. nullopt when the
    // server closed the connection first.
    std::optional<HttpResponse> read_response(bool head_only = false, int timeout_ms = 10000);
    // True when the server has closed the connection (read returns 0)
    // within the timeout.
    bool closed_by_server(int timeout_ms);

  private:
    bool fill(int timeout_ms);
    int fd_ = -1;
    std::string buffer_;
};

// One request on a new connection.
HttpResponse get(int port, const std::string& target,
                 const std::map<std::string, std::string>& headers = {},
                 const std::string& method = "GET");

// One request with a body on a new connection (Content-Length is added).
HttpResponse send(int port, const std::string& method, const std::string& target,
                  const std::map<std::string, std::string>& headers, const std::string& body);

}  // namespace dateline::testing
