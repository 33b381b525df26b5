// Parses an HTML fragment as the content of a <div>, the way a browser does.
// Most bodies are plain markup (paragraphs, links, emphasis, lists, quotes,
// figures) written well-nested with every element closed; a fast parser
// takes those, and anything else goes to gumbo's full HTML5 algorithm. The
// fast one builds exactly the tree gumbo would or declines: the tests and
// the content fuzzer compare the two.
#pragma once

#include <optional>
#include <string_view>

#include "content/parsed_html.h"

namespace dateline {

// The tree of the fragment; the views point into html or into the result.
ParsedHtml parse_html(std::string_view html);

// The full HTML5 algorithm (gumbo), for any input.
ParsedHtml parse_html_with_gumbo(std::string_view html);

// The fast parser: the tree, or nothing when the input needs more than it
// does (misnested or unclosed markup that the HTML5 algorithm repairs,
// tables, forms, scripts, foreign content, most named character references,
// bytes that are not UTF-8 ...).
std::optional<ParsedHtml> parse_plain_html(std::string_view html);

}  // namespace dateline
