// Which served answers count as a reader's view of a story: a GET of a story
// page answered 200 with its body, from a browser that is not prefetching.
// Not counted: HEAD, 304 answers, bots and tools (kNonReaderAgents), and
// prefetches (Purpose / Sec-Purpose / X-Purpose / X-Moz: prefetch).
// docs/readership.md
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "http/request.h"
#include "http/response.h"

namespace dateline {

// Lower-case pieces (each starting with a letter) of User-Agent strings of crawlers, link
// previewers, monitors, headless browsers and HTTP tools. "bot" covers Googlebot, bingbot,
// Applebot, DuckDuckBot, YandexBot, Twitterbot and most others.
inline constexpr std::array<std::string_view, 22> kNonReaderAgents = {
    "bot",
    "crawl",
    "spider",
    "slurp",
    "headlesschrome",
    "phantomjs",
    "lighthouse",
    "facebookexternalhit",
    "embedly",
    "preview",
    "feedfetcher",
    "mediapartners",
    "curl/",
    "wget/",
    "python-",
    "go-http-client",
    "java/",
    "okhttp",
    "libwww-perl",
    "httpclient",
    "pingdom",
    "monitor",
};

// True for an empty User-Agent (every browser sends one) and for one that
// contains any of kNonReaderAgents, ignoring case.
bool is_non_reader_agent(std::string_view user_agent);

// True when the request says it is a prefetch or prerender, not a visit.
bool is_prefetch(const http::Request& request);

// The story id of a story page path, /{section}/{slug}-{id}; nullopt for
// any other path, including the two-segment routes that are not stories
// (/tag/..., /author/..., /media/..., feeds).
std::optional<int64_t> story_id_of_path(std::string_view path);

// The story whose view this answer is, or nullopt when it does not count.
// Cheap for everything that is not a story page: the method, status and
// path are looked at before any header.
std::optional<int64_t> countable_story_view(const http::Request& request,
                                            const http::PreparedResponse& response);

}  // namespace dateline
