// Markdown to HTML with cmark-gfm: CommonMark plus the GFM tables,
// strikethrough and autolinks. Raw HTML in Markdown is not passed through
// (a Markdown story that needs markup uses the html source format).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dateline {

struct MarkdownResult {
    std::string html;  // unsanitized: goes through the sanitizer next
    // Byte offsets (into the Markdown) of raw HTML that was left out.
    std::vector<size_t> omitted_html;
};

// Renders source (any bytes; invalid UTF-8 becomes U+FFFD). Never fails.
MarkdownResult markdown_to_html(std::string_view source);

}  // namespace dateline
