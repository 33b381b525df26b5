// The last gate before a body is stored: parses HTML the way a browser does
// (gumbo, an HTML5 parser) and keeps only allowlisted elements, attributes
// and URL schemes (docs/content.md lists them). Whatever comes in, what comes
// out has no script, style, event handler, form, iframe or foreign content,
// no javascript:/data: link (data: only for images), and is well-formed.
#pragma once

#include <string>
#include <string_view>

#include "content/html_tree.h"
#include "content/warning.h"

namespace dateline {

// Limits, set where the input is parsed.
constexpr size_t kMaxSanitizeDepth = 96;  // deeper elements are flattened to their text

// The allowed part of an HTML fragment (parsed as the content of a <div>).
// Appends one warning per kind of thing it removed (no position: the input
// is already the rendered body, not the editor's source).
HtmlNodes sanitize_html(std::string_view html, ContentWarnings& warnings);

// sanitize_html, serialized; for tests and tools.
std::string sanitize_html_string(std::string_view html);

}  // namespace dateline
