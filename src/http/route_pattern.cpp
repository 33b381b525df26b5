#include "http/route_pattern.h"

namespace dateline::http {

namespace {
std::string_view next_segment(std::string_view& rest) {
    size_t slash = rest.find('/');
    std::string_view segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    return segment;
}
}  // namespace

bool match_route(std::string_view pattern, std::string_view path,
                 std::vector<std::string_view>& params) {
    params.clear();
    if (pattern.empty() || path.empty() || pattern[0] != '/' || path[0] != '/') return false;
    pattern.remove_prefix(1);
    path.remove_prefix(1);
    while (true) {
        bool pattern_done = pattern.empty();
        bool path_done = path.empty();
        if (pattern_done || path_done) return pattern_done && path_done;
        std::string_view want = next_segment(pattern);
        std::string_view have = next_segment(path);
        if (want.size() >= 2 && want.front() == '{' && want.back() == '}') {
            if (have.empty()) return false;
            params.push_back(have);
        } else if (want != have) {
            return false;
        }
    }
}

std::string_view cookie_value(std::string_view header, std::string_view name) {
    while (!header.empty()) {
        size_t semi = header.find(';');
        std::string_view pair = header.substr(0, semi);
        header = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
        while (!pair.empty() && pair.front() == ' ')
            pair.remove_prefix(1);
        size_t eq = pair.find('=');
        if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
            std::string_view value = pair.substr(eq + 1);
            while (!value.empty() && value.back() == ' ')
                value.remove_suffix(1);
            return value;
        }
    }
    return {};
}

}  // namespace dateline::http
