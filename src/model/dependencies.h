// Cache dependency keys: the names under which rendered pages record what
// they were built from, and the keys a change touches (docs/caching.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/story.h"

namespace dateline::deps {

inline constexpr std::string_view kLatest = "latest";  // pages that list the newest stories
inline constexpr std::string_view kShorts = "shorts";
inline constexpr std::string_view kNavigation = "*";        // the header is on every page
inline constexpr std::string_view kMostRead = "most-read";  // pages with the Most Read block

inline std::string story(int64_t id) {
    return "story:" + std::to_string(id);
}
inline std::string section(std::string_view slug) {
    return "section:" + std::string(slug);
}
inline std::string tag(std::string_view slug) {
    return "tag:" + std::string(slug);
}
inline std::string author(std::string_view slug) {
    return "author:" + std::string(slug);
}
inline std::string show(std::string_view slug) {
    return "show:" + std::string(slug);
}
inline std::string event(std::string_view slug) {
    return "event:" + std::string(slug);
}
inline std::string page(std::string_view slug) {
    return "page:" + std::string(slug);
}
inline std::string collection(std::string_view slug) {
    return "collection:" + std::string(slug);
}
inline std::string media(int64_t id) {
    return "media:" + std::to_string(id);
}
// Stories published in one calendar month, UTC ("month:2026-03"): the
// month's sitemap.
inline std::string month(std::string_view year_month) {
    return "month:" + std::string(year_month);
}
// "2026-03" for a time, in UTC.
std::string year_month(Timestamp t);

// Everything a published (or unpublished) story appears on.
std::vector<std::string> touched_by(const StoryPage& page);

}  // namespace dateline::deps
