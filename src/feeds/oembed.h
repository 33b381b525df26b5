// The oEmbed provider (oembed.com, JSON only) for story URLs.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "feeds/feeds.h"

namespace dateline::feeds {

// The id of the story a URL of this site points to (with or without query
// or fragment); nullopt for any other URL.
std::optional<int64_t> story_id_of_url(std::string_view base_url, std::string_view url);

// The embed of a published story as a "rich" oEmbed answer, width at most
// max_width (clamped to 200..600); nullopt when there is no such story.
std::optional<RenderedPage> oembed(const FeedContext& ctx, int64_t story_id, int max_width);

// The provider's endpoint for a story URL, for the discovery <link>.
std::string oembed_endpoint(std::string_view base_url, std::string_view story_url);

}  // namespace dateline::feeds
