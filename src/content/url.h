// URL checks shared by the sanitizer, the embeds and the link rewriting.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dateline {

// Where a URL is going to be used; images may also be inline data.
enum class UrlUse { link, image };

// The URL as it may go into an href/src/cite attribute: ASCII whitespace and
// control characters removed (as browsers do before they look at the
// scheme). nullopt when it is empty or its scheme is not allowed: links take
// http, https, mailto, tel and relative URLs; images take http, https,
// relative URLs and data:image/{png,jpeg,gif,webp,avif}.
std::optional<std::string> safe_url(std::string_view url, UrlUse use);

// An absolute http(s) URL split into parts (scheme and host lower-cased).
struct UrlParts {
    std::string scheme;
    std::string host;      // without port and user info
    std::string path;      // "/" when empty
    std::string query;     // without '?'
    std::string fragment;  // without '#'
};

// nullopt unless url is an absolute http or https URL with a host.
std::optional<UrlParts> parse_http_url(std::string_view url);

// The raw value of the first name=value pair in a query string, or nullopt.
std::optional<std::string> query_value(std::string_view query, std::string_view name);

}  // namespace dateline
