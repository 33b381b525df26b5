// Responses. A handler returns a Response; the server turns it into bytes.
// A PreparedResponse holds those bytes ready-made (identity, gzip and 304
// variants), so a cached page is written without any formatting.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/clock.h"

namespace dateline::http {

struct PreparedResponse;

struct Response {
    int status = 200;
    std::string content_type;  // empty: "text/html; charset=utf-8"
    std::string body;
    std::string cache_control;  // empty: "no-cache"
    std::string etag;           // quoted; empty: computed from the body for 200s
    std::optional<Timestamp> last_modified;
    std::vector<std::pair<std::string, std::string>> headers;  // any others
    // When set, the other fields are ignored and these bytes are sent.
    std::shared_ptr<const PreparedResponse> prepared;

    static Response text(int status, std::string body);
    static Response redirect(int status, std::string location);
};

// A body kept in an anonymous in-memory file too, so that the server can
// hand its pages to the socket with sendfile() instead of copying them
// there (as nginx sends a static file). Closed with the last reference.
class BodyFile {
  public:
    // Null when the file cannot be made (out of descriptors, say): the body
    // is then copied as before.
    static std::shared_ptr<const BodyFile> create(std::string_view body);
    ~BodyFile();
    BodyFile(const BodyFile&) = delete;
    BodyFile& operator=(const BodyFile&) = delete;
    int fd() const { return fd_; }
    size_t size() const { return size_; }

  private:
    BodyFile(int fd, size_t size) : fd_(fd), size_(size) {}
    int fd_;
    size_t size_;
};

// Bodies from this size on are also kept in a BodyFile: below it a copy
// costs less than the file's own system calls.
inline constexpr size_t kBodyFileMinBytes = 16 * 1024;

// One encoding of a response: the header block after the Date line and the
// body, in one buffer.
struct Variant {
    std::string bytes;
    size_t header_size = 0;                     // bytes[0, header_size) ends with the blank line
    std::shared_ptr<const BodyFile> body_file;  // the body again, when large
    std::string_view header() const { return std::string_view(bytes).substr(0, header_size); }
    bool empty() const { return bytes.empty(); }
};

struct PreparedResponse {
    int status = 200;
    std::string status_line;  // "HTTP/1.1 200 OK\r\n"
    Variant identity;
    Variant gzip;               // empty when not worth compressing
    Variant not_modified;       // the rest of a 304 answer; empty without a validator
    Variant not_modified_gzip;  // the same for a client that takes gzip
    std::string etag;           // of the identity variant; gzip's adds "-gz" inside the quotes
    std::optional<Timestamp> last_modified;
    size_t body_size() const { return identity.bytes.size() - identity.header_size; }
};

// Builds the bytes of a response. compress: also build a gzip variant when
// the content type and size make it worthwhile.
std::shared_ptr<const PreparedResponse> prepare(Response response, bool compress = true);

const char* reason_phrase(int status);

// True when the request's validators show the client has this response.
bool is_not_modified(const PreparedResponse& response, std::string_view if_none_match,
                     std::string_view if_modified_since);

}  // namespace dateline::http
