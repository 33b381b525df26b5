#include "http/request.h"

#include "util/strings.h"

namespace dateline::http {

const char* to_string(Method method) {
    switch (method) {
        case Method::get:
            return "GET";
        case Method::head:
            return "HEAD";
        case Method::post:
            return "POST";
        case Method::put:
            return "PUT";
        case Method::patch:
            return "PATCH";
        case Method::delete_:
            return "DELETE";
        case Method::options:
            return "OPTIONS";
        case Method::other:
            return "OTHER";
    }
    return "OTHER";
}

std::string_view Request::header(std::string_view name) const {
    if (!lookup_header) return {};
    return lookup_header(raw_headers, name);
}

std::optional<std::string> Request::query_param(std::string_view name) const {
    for (auto pair : split(query, '&')) {
        size_t eq = pair.find('=');
        std::string_view key = pair.substr(0, eq);
        if (key != name) continue;
        if (eq == std::string_view::npos) return std::string();
        return url_decode(pair.substr(eq + 1));
    }
    return std::nullopt;
}

bool Request::accepts_gzip() const {
    // An explicit "gzip" decides; otherwise "*" does (RFC 9110, 12.5.3).
    // Either is refused only with a zero quality value.
    std::optional<bool> gzip, any;
    for (auto item : split(accept_encoding, ',')) {
        auto parts = split(item, ';');
        auto coding = trim(parts[0]);
        bool refused = false;
        for (size_t i = 1; i < parts.size(); ++i) {
            auto param = to_lower(trim(parts[i]));
            if (param == "q=0" || param == "q=0.0" || param == "q=0.00" || param == "q=0.000")
                refused = true;
        }
        if (iequals(coding, "gzip") || iequals(coding, "x-gzip")) gzip = !refused;
        if (coding == "*") any = !refused;
    }
    if (gzip) return *gzip;
    return any.value_or(false);
}

void split_target(std::string_view target, std::string_view& path, std::string_view& query) {
    size_t q = target.find('?');
    if (q == std::string_view::npos) {
        path = target;
        query = {};
    } else {
        path = target.substr(0, q);
        query = target.substr(q + 1);
    }
}

}  // namespace dateline::http
