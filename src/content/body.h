// A story body from what an editor (or an import) wrote to the HTML a reader
// gets, run at save time, never per request. The stages (docs/content.md):
// shortcodes and provider URLs -> Markdown or HTML -> sanitizer -> derived
// facts (anchors, canonical internal links, text, excerpt, reading time, ad
// slots).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "content/context.h"
#include "content/derive.h"
#include "content/warning.h"
#include "model/story.h"
#include "util/status.h"

namespace dateline {

// Limit, set where a body enters the pipeline.
constexpr size_t kMaxBodySourceBytes = 1024 * 1024;

struct RenderedBody {
    std::string html;  // sanitized: safe to insert into a page as it is
    std::string text;  // plain text, for excerpts, search and word counts
    int word_count = 0;
    ContentWarnings warnings;  // for the editor: what was removed or changed, and where
    std::string excerpt;       // the first paragraphs, at most kExcerptChars, cut at a word
    int reading_minutes = 0;
    std::vector<Heading> headings;  // top-level headings with their anchor ids
    // Byte offsets into html just after each top-level paragraph: where the
    // in-article ad may go (offset_after_paragraph picks the nth).
    std::vector<size_t> ad_slot_offsets;
    std::vector<int64_t> linked_story_ids;  // stories this body links to
};

// Renders source in format. context resolves gallery images, related
// stories and internal links; it may be null (then those shortcodes are
// removed with a warning and links stay as written). Fails only with
// ErrorKind::invalid (field "body") when source exceeds kMaxBodySourceBytes;
// everything else that is wrong in a body becomes a warning. Thread-safe.
Result<RenderedBody> render_story_body(BodyFormat format, std::string_view source,
                                       const ContentContext* context);

// render_story_body for callers that cannot fail: a source that is too large
// gives an empty body with a warning.
RenderedBody render_body(BodyFormat format, std::string_view source,
                         const ContentContext* context = nullptr);

// The byte offset just after the nth top-level paragraph of rendered HTML
// (1-based), or npos when the body has fewer. Where the in-article ad goes.
size_t offset_after_paragraph(std::string_view html, int n);

// The first sentences of the text, at most max_chars, cut at a word.
std::string excerpt(std::string_view text, size_t max_chars = 200);

}  // namespace dateline
