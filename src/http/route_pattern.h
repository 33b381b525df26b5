// Matching of paths against patterns such as "/stories/{id}/revisions/{rid}",
// for the JSON APIs' route tables. A {name} matches one non-empty segment.
#pragma once

#include <string_view>
#include <vector>

namespace dateline::http {

// True when path matches pattern; params receives the {…} segments in order.
bool match_route(std::string_view pattern, std::string_view path,
                 std::vector<std::string_view>& params);

// The value of a cookie in a Cookie header; empty when absent.
std::string_view cookie_value(std::string_view cookie_header, std::string_view name);

}  // namespace dateline::http
