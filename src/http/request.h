// An HTTP request as handlers see it: views into the server's buffers, valid
// only during the handler call. Knows nothing of sockets.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dateline::http {

enum class Method { get, head, post, put, patch, delete_, options, other };
const char* to_string(Method method);

struct Request {
    Method method = Method::get;
    std::string_view method_text;
    std::string_view target;  // path and query, as sent
    std::string_view path;    // before '?', not decoded
    std::string_view query;   // after '?', without it
    std::string_view host;
    std::string_view accept_encoding;
    std::string_view if_none_match;
    std::string_view if_modified_since;
    std::string_view user_agent;
    std::string_view referer;
    std::string_view cookie;
    std::string_view content_type;
    std::string_view authorization;
    std::string_view body;
    std::string_view remote_address;
    int version = 11;  // 10 or 11

    // Any other header by name (case-insensitive); empty when absent.
    std::string_view header(std::string_view name) const;
    // The first value of a query parameter, decoded.
    std::optional<std::string> query_param(std::string_view name) const;
    bool accepts_gzip() const;

    // Set by the server: how header() finds a header in its own structures.
    const void* raw_headers = nullptr;
    std::string_view (*lookup_header)(const void* raw, std::string_view name) = nullptr;
};

// Splits a target into path and query.
void split_target(std::string_view target, std::string_view& path, std::string_view& query);

}  // namespace dateline::http
