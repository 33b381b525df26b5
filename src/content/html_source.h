// HTML as editors and WordPress imports write it: paragraphs may be plain
// text separated by blank lines (WordPress's "autop" convention).
#pragma once

#include <string>
#include <string_view>

namespace dateline {

// Wraps blank-line separated runs of text that do not start with a block
// element in <p>, turning their single newlines into <br />; leaves blocks
// of markup and everything inside open <pre>, lists and tables alone. The
// result is not sanitized yet.
std::string paragraphs_from_html(std::string_view source);

}  // namespace dateline
