// A story body from what an editor wrote to what a reader gets, run at save
// time. (The full pipeline of shortcodes and sanitizing grows here.)
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/story.h"

namespace dateline {

struct RenderedBody {
    std::string html;  // safe to insert into a page as it is
    std::string text;  // plain text, for excerpts, search and word counts
    int word_count = 0;
    std::vector<std::string> warnings;  // for the editor
};

// Markdown (CommonMark; raw HTML is not passed through) or HTML. Until the
// sanitizer lands, HTML sources are shown as escaped text, never as markup.
RenderedBody render_body(BodyFormat format, std::string_view source);

// The byte offset just after the nth top-level paragraph of rendered HTML
// (1-based), or npos when the body has fewer. Where the in-article ad goes.
size_t offset_after_paragraph(std::string_view html, int n);

// The first sentences of the text, at most max_chars, cut at a word.
std::string excerpt(std::string_view text, size_t max_chars = 200);

}  // namespace dateline
