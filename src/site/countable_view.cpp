#include "site/countable_view.h"

#include <algorithm>
#include <cctype>

#include "model/slug.h"
#include "util/strings.h"

namespace dateline {

namespace {
// Routes of two segments that are never stories (site.cpp routes them first).
constexpr std::array<std::string_view, 7> kNotSections = {
    "tag", "author", "show", "event", "assets", "media", "sitemaps",
};
// A User-Agent is looked at up to this length: the markers come early.
constexpr size_t kAgentPrefix = 512;
}  // namespace

bool is_non_reader_agent(std::string_view user_agent) {
    if (trim(user_agent).empty()) return true;
    char lower[kAgentPrefix];
    size_t n = std::min(user_agent.size(), kAgentPrefix);
    for (size_t i = 0; i < n; ++i)
        lower[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(user_agent[i])));
    std::string_view agent(lower, n);
    return std::any_of(
        kNonReaderAgents.begin(), kNonReaderAgents.end(),
        [&](std::string_view marker) { return agent.find(marker) != std::string_view::npos; });
}

bool is_prefetch(const http::Request& request) {
    for (std::string_view name : {"sec-purpose", "purpose", "x-purpose", "x-moz"}) {
        std::string value = to_lower(request.header(name));
        if (value.find("prefetch") != std::string::npos ||
            value.find("prerender") != std::string::npos ||
            value.find("preview") != std::string::npos)
            return true;
    }
    return false;
}

std::optional<int64_t> story_id_of_path(std::string_view path) {
    if (path.size() < 4 || path.front() != '/') return std::nullopt;
    std::string_view rest = path.substr(1);
    size_t slash = rest.find('/');
    if (slash == std::string_view::npos || slash == 0) return std::nullopt;
    std::string_view first = rest.substr(0, slash);
    std::string_view second = rest.substr(slash + 1);
    if (second.empty() || second.find('/') != std::string_view::npos) return std::nullopt;
    if (std::find(kNotSections.begin(), kNotSections.end(), first) != kNotSections.end())
        return std::nullopt;
    return story_id_from_segment(second);
}

std::optional<int64_t> countable_story_view(const http::Request& request,
                                            const http::PreparedResponse& response) {
    if (request.method != http::Method::get || response.status != 200) return std::nullopt;
    auto id = story_id_of_path(request.path);
    if (!id) return std::nullopt;
    if (is_not_modified(response, request.if_none_match, request.if_modified_since))
        return std::nullopt;
    if (is_non_reader_agent(request.user_agent) || is_prefetch(request)) return std::nullopt;
    return id;
}

}  // namespace dateline
