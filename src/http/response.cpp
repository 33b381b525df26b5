#include "http/response.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <xxhash.h>

#include <cerrno>

#include "http/compression.h"
#include "util/strings.h"

namespace dateline::http {

Response Response::text(int status, std::string body) {
    Response r;
    r.status = status;
    r.content_type = "text/plain; charset=utf-8";
    r.body = std::move(body);
    r.cache_control = "no-store";
    return r;
}

Response Response::redirect(int status, std::string location) {
    Response r;
    r.status = status;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "Moved to " + location + "\n";
    r.cache_control = status == 301 || status == 308 ? "public, max-age=3600" : "no-cache";
    r.headers.emplace_back("Location", std::move(location));
    return r;
}

const char* reason_phrase(int status) {
    switch (status) {
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 204:
            return "No Content";
        case 301:
            return "Moved Permanently";
        case 302:
            return "Found";
        case 303:
            return "See Other";
        case 304:
            return "Not Modified";
        case 307:
            return "Temporary Redirect";
        case 308:
            return "Permanent Redirect";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 408:
            return "Request Timeout";
        case 409:
            return "Conflict";
        case 410:
            return "Gone";
        case 413:
            return "Content Too Large";
        case 414:
            return "URI Too Long";
        case 422:
            return "Unprocessable Content";
        case 429:
            return "Too Many Requests";
        case 431:
            return "Request Header Fields Too Large";
        case 500:
            return "Internal Server Error";
        case 501:
            return "Not Implemented";
        case 503:
            return "Service Unavailable";
    }
    return "Unknown";
}

namespace {

// Headers shared by every variant: validators, caching, type and the rest.
std::string common_headers(const Response& r, const std::string& etag, bool vary) {
    std::string h;
    h += "Server: Dateline\r\n";
    h += "Cache-Control: ";
    h += r.cache_control.empty() ? "no-cache" : r.cache_control;
    h += "\r\n";
    if (!etag.empty()) h += "ETag: " + etag + "\r\n";
    if (r.last_modified) h += "Last-Modified: " + format_http_date(*r.last_modified) + "\r\n";
    if (vary) h += "Vary: Accept-Encoding\r\n";
    for (const auto& [name, value] : r.headers)
        h += name + ": " + value + "\r\n";
    return h;
}

Variant make_variant(const std::string& common, const Response& r, std::string_view body,
                     std::string_view encoding) {
    Variant v;
    v.bytes.reserve(common.size() + body.size() + 128);
    v.bytes += common;
    if (r.status != 204 && r.status != 304) {
        v.bytes += "Content-Type: " + r.content_type + "\r\n";
        if (!encoding.empty()) v.bytes += "Content-Encoding: " + std::string(encoding) + "\r\n";
        v.bytes += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    v.bytes += "\r\n";
    v.header_size = v.bytes.size();
    v.bytes += body;
    return v;
}

std::string gzip_variant_etag(const std::string& etag) {
    if (etag.size() < 2) return etag;
    return etag.substr(0, etag.size() - 1) + "-gz\"";
}

}  // namespace

std::shared_ptr<const BodyFile> BodyFile::create(std::string_view body) {
    int fd = ::memfd_create("dateline-body", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd < 0) return nullptr;
    size_t written = 0;
    while (written < body.size()) {
        ssize_t n = ::write(fd, body.data() + written, body.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            ::close(fd);
            return nullptr;
        }
        written += static_cast<size_t>(n);
    }
    // Sealed: nothing can change the bytes that the response's headers
    // describe.
    ::fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL);
    return std::shared_ptr<const BodyFile>(new BodyFile(fd, body.size()));
}

BodyFile::~BodyFile() {
    ::close(fd_);
}

std::shared_ptr<const PreparedResponse> prepare(Response r, bool compress) {
    if (r.content_type.empty()) r.content_type = "text/html; charset=utf-8";
    auto p = std::make_shared<PreparedResponse>();
    p->status = r.status;
    p->status_line =
        "HTTP/1.1 " + std::to_string(r.status) + " " + reason_phrase(r.status) + "\r\n";
    // XXH3 rather than FNV-1a, which goes a byte at a time: on a 40 kB
    // story page 2.2 us against 43 us (timed on their own, -O2).
    if (r.etag.empty() && r.status == 200)
        r.etag = "\"" + hex64(XXH3_64bits(r.body.data(), r.body.size())) + "\"";
    p->etag = r.etag;
    p->last_modified = r.last_modified;
    bool gzip_it = compress && r.status == 200 && is_compressible(r.content_type, r.body.size());
    std::string common = common_headers(r, r.etag, gzip_it);
    p->identity = make_variant(common, r, r.body, "");
    if (r.status == 200 && r.body.size() >= kBodyFileMinBytes)
        p->identity.body_file = BodyFile::create(r.body);
    // A gzip body is another representation, so it gets its own strong ETag.
    std::string gzip_etag = gzip_variant_etag(r.etag);
    if (gzip_it) {
        std::string packed = gzip_compress(r.body);
        if (packed.size() < r.body.size())
            p->gzip = make_variant(common_headers(r, gzip_etag, true), r, packed, "gzip");
    }
    if (r.status == 200 && (!r.etag.empty() || r.last_modified)) {
        Response head = r;
        head.status = 304;
        head.headers.clear();
        p->not_modified = make_variant(common_headers(head, r.etag, gzip_it), head, "", "");
        if (!p->gzip.empty())
            p->not_modified_gzip =
                make_variant(common_headers(head, gzip_etag, true), head, "", "");
    }
    return p;
}

namespace {
bool etag_listed(std::string_view list, std::string_view etag) {
    for (auto item : split(list, ',')) {
        auto tag = trim(item);
        if (tag == "*") return true;
        if (starts_with(tag, "W/")) tag.remove_prefix(2);
        if (tag == etag) return true;
        // The gzip variant's tag: the same value with "-gz" before the quote.
        if (tag.size() == etag.size() + 3 && ends_with(tag, "-gz\"") &&
            tag.substr(0, etag.size() - 1) == etag.substr(0, etag.size() - 1))
            return true;
    }
    return false;
}
}  // namespace

bool is_not_modified(const PreparedResponse& response, std::string_view if_none_match,
                     std::string_view if_modified_since) {
    if (response.status != 200 || response.not_modified.empty()) return false;
    // If-None-Match wins over If-Modified-Since (RFC 9110, 13.2.2).
    if (!if_none_match.empty())
        return !response.etag.empty() && etag_listed(if_none_match, response.etag);
    if (!if_modified_since.empty() && response.last_modified) {
        auto since = parse_http_date(if_modified_since);
        return since && *response.last_modified <= *since;
    }
    return false;
}

}  // namespace dateline::http
