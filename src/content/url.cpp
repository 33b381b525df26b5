#include "content/url.h"

#include "util/strings.h"

namespace dateline {

namespace {

bool is_scheme_char(char c, bool first) {
    bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (first) return alpha;
    return alpha || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

bool allowed_data_image(std::string_view url) {
    std::string head = to_lower(url.substr(0, 32));
    for (std::string_view type : {"data:image/png", "data:image/jpeg", "data:image/gif",
                                  "data:image/webp", "data:image/avif"}) {
        if (starts_with(head, type) && head.size() > type.size() &&
            (head[type.size()] == ';' || head[type.size()] == ','))
            return true;
    }
    return false;
}

}  // namespace

std::optional<std::string> safe_url(std::string_view url, UrlUse use) {
    std::string clean;
    clean.reserve(url.size());
    for (char c : url) {
        unsigned char u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7F) continue;  // browsers strip these around and inside
        clean += c;
    }
    if (clean.empty()) return std::nullopt;
    size_t colon = clean.find(':');
    size_t first_delimiter = clean.find_first_of("/?#");
    if (colon == std::string::npos ||
        (first_delimiter != std::string::npos && first_delimiter < colon))
        return clean;  // relative: no scheme
    std::string_view scheme_text = std::string_view(clean).substr(0, colon);
    if (scheme_text.empty()) return std::nullopt;
    for (size_t i = 0; i < scheme_text.size(); ++i)
        if (!is_scheme_char(scheme_text[i], i == 0)) return std::nullopt;
    std::string scheme = to_lower(scheme_text);
    if (scheme == "http" || scheme == "https") return clean;
    if (use == UrlUse::link && (scheme == "mailto" || scheme == "tel")) return clean;
    if (use == UrlUse::image && scheme == "data" && allowed_data_image(clean)) return clean;
    return std::nullopt;
}

std::optional<UrlParts> parse_http_url(std::string_view url) {
    url = trim(url);
    size_t colon = url.find("://");
    if (colon == std::string_view::npos) return std::nullopt;
    UrlParts parts;
    parts.scheme = to_lower(url.substr(0, colon));
    if (parts.scheme != "http" && parts.scheme != "https") return std::nullopt;
    std::string_view rest = url.substr(colon + 3);
    size_t authority_end = rest.find_first_of("/?#");
    std::string_view authority = rest.substr(0, authority_end);
    rest =
        authority_end == std::string_view::npos ? std::string_view{} : rest.substr(authority_end);
    if (size_t at = authority.rfind('@'); at != std::string_view::npos)
        authority = authority.substr(at + 1);
    if (size_t port = authority.find(':'); port != std::string_view::npos)
        authority = authority.substr(0, port);
    if (authority.empty()) return std::nullopt;
    for (char c : authority)
        if (static_cast<unsigned char>(c) <= 0x20 || c == '\\') return std::nullopt;
    parts.host = to_lower(authority);
    if (size_t hash = rest.find('#'); hash != std::string_view::npos) {
        parts.fragment = std::string(rest.substr(hash + 1));
        rest = rest.substr(0, hash);
    }
    if (size_t q = rest.find('?'); q != std::string_view::npos) {
        parts.query = std::string(rest.substr(q + 1));
        rest = rest.substr(0, q);
    }
    parts.path = rest.empty() ? "/" : std::string(rest);
    return parts;
}

std::optional<std::string> query_value(std::string_view query, std::string_view name) {
    for (auto pair : split(query, '&')) {
        size_t eq = pair.find('=');
        std::string_view key = pair.substr(0, eq);
        if (key != name) continue;
        return eq == std::string_view::npos ? std::string{} : std::string(pair.substr(eq + 1));
    }
    return std::nullopt;
}

}  // namespace dateline
