// The HTTP/1.1 server: one io_context and one SO_REUSEPORT acceptor per
// thread, keep-alive, HEAD, conditional GET, gzip negotiation, limits and
// timeouts, an access log and graceful shutdown. Knows no domain: every
// request goes to the Handler.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "http/limits.h"
#include "http/request.h"
#include "http/response.h"

namespace dateline::http {

// Called on a server thread for each request; may be called concurrently.
using Handler = std::function<Response(const Request&)>;

struct ServerOptions {
    std::string address = "127.0.0.1";
    uint16_t port = 8080;  // 0: an ephemeral port, see Server::port()
    int threads = 0;       // 0: one per core
    Limits limits;
    // Where the access log goes: a file path, "-" for standard output, or
    // empty for none.
    std::string access_log = "-";
};

class Server {
  public:
    // Binds the listening sockets; throws std::system_error when the address
    // cannot be bound.
    Server(ServerOptions options, Handler handler);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    uint16_t port() const;
    // Serves until stop() or SIGTERM/SIGINT (when handle_signals), then
    // finishes requests in flight within the grace period and returns.
    // on_ready runs once the signal handlers are in place, so that whoever
    // waits for "ready" may signal at once.
    void run(bool handle_signals = true, const std::function<void()>& on_ready = {});
    // Thread-safe; returns at once.
    void stop();

    struct Impl;  // public so that the session class in server.cpp can see it

  private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace dateline::http
