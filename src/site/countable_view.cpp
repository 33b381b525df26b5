#include "site/countable_view.h"

#include <algorithm>
#include <bit>
#include <cstdint>

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

constexpr char ascii_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Whether text, ignoring its case, holds the lower-case needle at offset i.
// No allocation, no locale: this runs for every counted view.
bool lower_match_at(std::string_view text, size_t i, std::string_view needle) {
    if (i > text.size() || needle.size() > text.size() - i) return false;
    for (size_t k = 0; k < needle.size(); ++k)
        if (ascii_lower(text[i + k]) != needle[k]) return false;
    return true;
}

bool has_lower(std::string_view text, std::string_view needle) {
    for (size_t i = 0; i < text.size(); ++i)
        if (lower_match_at(text, i, needle)) return true;
    return false;
}

constexpr int letter_index(char lower) {
    return lower >= 'a' && lower <= 'z' ? lower - 'a' : -1;
}

// For each pair of lower-case letters, the markers that start with it (one
// bit each), so that one pass over the User-Agent looks up one table entry
// per position and compares only where a marker can start. Every marker
// starts with two letters (checked when this is built, at compile time).
struct MarkerStarts {
    std::array<uint32_t, 26 * 26> by_pair{};
    constexpr MarkerStarts() {
        static_assert(kNonReaderAgents.size() <= 32);
        for (size_t m = 0; m < kNonReaderAgents.size(); ++m) {
            int a = letter_index(kNonReaderAgents[m][0]);
            int b = letter_index(kNonReaderAgents[m][1]);
            if (a < 0 || b < 0) throw "a marker must start with two lower-case letters";
            by_pair[static_cast<size_t>(a * 26 + b)] |= uint32_t{1} << m;
        }
    }
};
constexpr MarkerStarts kMarkerStarts;
}  // namespace

bool is_non_reader_agent(std::string_view user_agent) {
    if (trim(user_agent).empty()) return true;
    std::string_view agent = user_agent.substr(0, kAgentPrefix);
    for (size_t i = 0; i + 1 < agent.size(); ++i) {
        int a = letter_index(ascii_lower(agent[i]));
        if (a < 0) continue;
        int b = letter_index(ascii_lower(agent[i + 1]));
        if (b < 0) {
            ++i;  // no marker starts at i + 1 either
            continue;
        }
        for (uint32_t m = kMarkerStarts.by_pair[static_cast<size_t>(a * 26 + b)]; m != 0;
             m &= m - 1)
            if (lower_match_at(agent, i,
                               kNonReaderAgents[static_cast<size_t>(std::countr_zero(m))]))
                return true;
    }
    return false;
}

bool is_prefetch(const http::Request& request) {
    for (std::string_view name : {"sec-purpose", "purpose", "x-purpose", "x-moz"}) {
        std::string_view value = request.header(name);
        if (has_lower(value, "prefetch") || has_lower(value, "prerender") ||
            has_lower(value, "preview"))
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
