// Request limits and timeouts, set where requests are parsed (server.cpp).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace dateline::http {

struct Limits {
    // Request line plus headers; larger answers 431.
    size_t max_header_bytes = 16 * 1024;
    // Request body; larger answers 413.
    size_t max_body_bytes = 1024 * 1024;
    // Paths that take uploads (image files) get this larger limit instead.
    size_t max_upload_bytes = 32 * 1024 * 1024;
    std::vector<std::string> upload_path_prefixes;
    // A client has this long to send a whole request (or to start the next
    // one on a kept-alive connection); slower clients are dropped.
    std::chrono::seconds read_timeout{15};
    // A response must be taken by the client within this time.
    std::chrono::seconds write_timeout{30};
    // On SIGTERM/SIGINT, requests in flight get this long to finish.
    std::chrono::seconds shutdown_grace{10};
};

}  // namespace dateline::http
