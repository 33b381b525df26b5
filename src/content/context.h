// What the content pipeline may ask of the rest of the system while it
// renders a body: images for galleries and stories for related boxes and
// internal links. The store (or a test) implements it; content/ itself knows
// no store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace dateline {

// An image a [gallery] can show.
struct ImageRef {
    std::string url;  // as it goes into src, e.g. "/media/2026/11/harbour.jpg"
    std::string alt;
    std::string caption;  // plain text; may be empty
    int width = 0;        // 0 when unknown
    int height = 0;
};

// A story a [related] box or an internal link points at.
struct StoryRef {
    std::string url;  // canonical, e.g. "/politics/budget-vote-42"
    std::string headline;
};

// Resolves ids while a body renders. Implementations must be safe to call
// from the thread that calls render_body; the pipeline never stores the
// pointer beyond one call.
class ContentContext {
  public:
    virtual ~ContentContext() = default;
    // The image with this media id, or nullopt when there is none.
    virtual std::optional<ImageRef> image(int64_t media_id) const = 0;
    // The published story with this id, or nullopt when there is none.
    virtual std::optional<StoryRef> story(int64_t story_id) const = 0;
    // The site's own origin ("https://news.example"), so that absolute links
    // to it count as internal; empty when unknown.
    virtual std::string site_url() const { return {}; }
};

}  // namespace dateline
