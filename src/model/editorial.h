// Shorts, static pages, collections and redirects.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/story.h"
#include "util/clock.h"

namespace dateline {

constexpr int kMaxShortWords = 60;

// A summary of at most kMaxShortWords words, linked to its story.
struct Short {
    int64_t id = 0;
    std::optional<int64_t> story_id;
    std::string headline;
    std::string summary;
    Timestamp published_at{};
    // Resolved for display:
    std::string story_path;
    std::optional<int64_t> hero_media_id;
    int64_t version = 0;  // optimistic concurrency, 1 once stored
};

struct StaticPage {
    int64_t id = 0;
    std::string slug;
    std::string title;
    std::string body_source;
    std::string body_html;
    Timestamp updated_at{};
    int64_t version = 0;
    BodyFormat body_format = BodyFormat::markdown;  // of body_source; html for imported pages
};

// An ordered, curated list of stories (Top Stories, homepage slots).
struct CollectionItem {
    int64_t story_id = 0;
    int position = 0;
    bool pinned = false;
    std::optional<Timestamp> expires_at;
};

struct Collection {
    int64_t id = 0;
    std::string slug;
    std::string name;
    std::vector<CollectionItem> items;
    int64_t version = 0;
};

struct Redirect {
    std::string from_path;
    std::string to_path;
    int status = 301;
    int64_t version = 0;
};

// Words as a reader would count them: runs of non-space characters.
int count_words(std::string_view text);

}  // namespace dateline
