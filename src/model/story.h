// Stories: the unit of journalism, and the summary form used in lists.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/media.h"
#include "model/taxonomy.h"
#include "util/clock.h"

namespace dateline {

enum class StoryKind { news, explainer, opinion, analysis, live, video };
const char* to_string(StoryKind kind);
std::optional<StoryKind> parse_story_kind(std::string_view text);
// "Explainer", "Opinion", ... as shown on a label; empty for plain news.
std::string_view kind_label(StoryKind kind);

enum class StoryStatus { draft, in_review, scheduled, published, unpublished, archived };
const char* to_string(StoryStatus status);
std::optional<StoryStatus> parse_story_status(std::string_view text);

enum class BodyFormat { markdown, html };
const char* to_string(BodyFormat format);
std::optional<BodyFormat> parse_body_format(std::string_view text);

// A story as stored: what an editor writes plus what is derived at save.
struct Story {
    int64_t id = 0;
    std::string slug;
    int64_t section_id = 0;
    StoryKind kind = StoryKind::news;
    StoryStatus status = StoryStatus::draft;
    std::string headline;
    std::string standfirst;
    BodyFormat body_format = BodyFormat::markdown;
    std::string body_source;
    std::string body_html;  // rendered and sanitized at save, never per request
    std::string body_text;  // plain text, for search and excerpts
    int word_count = 0;
    std::optional<int64_t> hero_media_id;
    std::optional<int64_t> show_id;
    bool agency_credit = false;  // "With inputs from agencies"
    std::vector<int64_t> author_ids;
    std::vector<int64_t> tag_ids;
    std::vector<int64_t> event_ids;
    std::optional<Timestamp> published_at;
    std::optional<Timestamp> content_updated_at;  // set when a published story changes
    Timestamp created_at{};
    Timestamp updated_at{};
    int64_t version = 0;                     // optimistic concurrency
    std::optional<int64_t> owner_id;         // the staff user who created it
    std::optional<Timestamp> embargo_until;  // not to be published before
};

// What a list, a card or a link needs of a story.
struct StorySummary {
    int64_t id = 0;
    std::string slug;
    Ref section;
    StoryKind kind = StoryKind::news;
    std::string headline;
    std::string standfirst;
    Timestamp published_at{};
    std::optional<MediaAsset> hero;
    std::vector<Ref> authors;
};

// A row of the newsroom's story list (any status).
struct StoryListItem {
    int64_t id = 0;
    std::string slug;
    std::string headline;
    StoryStatus status = StoryStatus::draft;
    Ref section;
    std::vector<Ref> authors;  // the byline, in order
    std::optional<int64_t> owner_id;
    std::optional<Timestamp> published_at;
    Timestamp updated_at{};
    int64_t version = 0;
};

// A published story with everything its page shows, resolved.
struct StoryPage {
    Story story;
    Section section;
    std::optional<Section> parent_section;
    std::vector<Author> authors;
    std::vector<Tag> tags;
    std::vector<EventHub> events;
    std::optional<Show> show;
    std::optional<MediaAsset> hero;
};

// What a sitemap needs of a published story.
struct SitemapEntry {
    int64_t id = 0;
    std::string slug;
    std::string section_slug;
    std::string headline;
    Timestamp published_at{};
    Timestamp modified_at{};  // the last change to its content, else published_at
    std::optional<MediaAsset> hero;
};

// How many stories were published in one calendar month (UTC).
struct MonthCount {
    int year = 0;
    int month = 0;  // 1..12
    int64_t stories = 0;
    Timestamp last_modified{};  // the newest published_at or content change in it
};

}  // namespace dateline
