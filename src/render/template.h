// A Mustache template compiled once and rendered many times: variables
// ({{name}} escaped, {{{name}}} and {{& name}} raw), sections ({{#name}}),
// inverted sections ({{^name}}), comments ({{! ...}}) and dotted names
// looked up through the context stack. Partials are inlined by the theme
// before compiling. Standalone section, inverted, closing and comment tags
// take their whole line with them, as the Mustache spec says.
//
// Thread-safe: render() is const and keeps no state.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "render/view.h"
#include "util/status.h"

namespace dateline {

class Template {
  public:
    // invalid: an unclosed or mismatched section, an unterminated tag, or a
    // delimiter change; the message gives the line.
    static Result<Template> compile(std::string_view source);

    // Appends the rendering to out.
    void render(const View& view, std::string& out) const;
    std::string render(const View& view) const;

    struct Node;

  private:
    std::vector<Node> nodes_;
};

struct Template::Node {
    enum class Kind { text, escaped, raw, section, inverted };
    Kind kind = Kind::text;
    std::string text;               // literal text, or the name as written
    std::vector<std::string> path;  // the name split at dots; empty for "."
    std::vector<Node> children;     // of sections
};

}  // namespace dateline
