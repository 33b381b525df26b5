#include "support/http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

#include "util/strings.h"

namespace dateline::testing {

std::string HttpResponse::header(const std::string& name) const {
    auto it = headers.find(to_lower(name));
    return it == headers.end() ? std::string() : it->second;
}

Connection::Connection(int port, int receive_buffer_bytes) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    // Before connect, so that the window the reader offers stays this small.
    if (receive_buffer_bytes > 0)
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer_bytes,
                     sizeof receive_buffer_bytes);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd_);
        throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port));
    }
}

Connection::~Connection() {
    if (fd_ >= 0) ::close(fd_);
}

void Connection::send_raw(const std::string& bytes) {
    size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
        if (n <= 0) return;  // the server may already have closed: the test reads the answer
        done += static_cast<size_t>(n);
    }
}

bool Connection::fill(int timeout_ms) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) return false;
    char buf[65536];
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return false;
    buffer_.append(buf, static_cast<size_t>(n));
    return true;
}

std::optional<HttpResponse> Connection::read_response(bool head_only, int timeout_ms) {
    size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos)
        if (!fill(timeout_ms)) return std::nullopt;
    HttpResponse r;
    std::string head = buffer_.substr(0, end);
    buffer_.erase(0, end + 4);
    auto lines = split(head, '\n');
    r.status_line = std::string(trim(lines[0]));
    r.status = std::stoi(r.status_line.substr(9, 3));
    for (size_t i = 1; i < lines.size(); ++i) {
        auto line = trim(lines[i]);
        auto colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        r.headers.emplace(to_lower(line.substr(0, colon)),
                          std::string(trim(line.substr(colon + 1))));
    }
    if (head_only || r.status == 304 || r.status == 204) return r;
    size_t length = 0;
    if (r.has_header("content-length")) length = std::stoul(r.header("content-length"));
    while (buffer_.size() < length)
        if (!fill(timeout_ms)) return std::nullopt;
    r.body = buffer_.substr(0, length);
    buffer_.erase(0, length);
    return r;
}

bool Connection::closed_by_server(int timeout_ms) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) return false;
    char buf[1024];
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    return n <= 0;
}

HttpResponse get(int port, const std::string& target,
                 const std::map<std::string, std::string>& headers, const std::string& method) {
    return send(port, method, target, headers, "");
}

HttpResponse send(int port, const std::string& method, const std::string& target,
                  const std::map<std::string, std::string>& headers, const std::string& body) {
    Connection c(port);
    std::string request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (const auto& [k, v] : headers)
        request += k + ": " + v + "\r\n";
    if (!body.empty() || (method != "GET" && method != "HEAD"))
        request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    request += "Connection: close\r\n\r\n";
    request += body;
    c.send_raw(request);
    auto r = c.read_response(method == "HEAD");
    if (!r) throw std::runtime_error("no response to " + method + " " + target);
    return *r;
}

}  // namespace dateline::testing
