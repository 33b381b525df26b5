// An HTML fragment as a parser built it, before the sanitizer decides what
// stays: elements with their (lower-case) names and attributes, and text,
// each text run merged into one node and comments left out. Two parsers make
// it (html_parse.h): the full HTML5 algorithm, and a fast one for the plain
// markup most bodies are made of; the sanitizer reads either the same way.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace dateline {

struct ParsedHtml {
    struct Attribute {
        std::string_view name;  // lower-case
        std::string_view value;
        bool namespaced = false;  // xlink:, xml: or xmlns: (foreign content)
    };

    struct Node {
        enum class Kind : uint8_t {
            element,   // an HTML element
            text,      // character data, references decoded
            foreign,   // an SVG or MathML element (name: "svg" or "math"), not walked
            template_  // a <template>'s contents, not walked
        };
        Kind kind = Kind::text;
        std::string_view name;  // element: lower-case tag name
        std::string_view text;  // text
        uint32_t first_attribute = 0;
        uint32_t attribute_count = 0;
        int32_t first_child = -1;
        int32_t next_sibling = -1;
    };

    // nodes[0] is the context element: the fragment's nodes are its children.
    std::vector<Node> nodes;
    std::vector<Attribute> attributes;
    std::deque<std::string> strings;     // decoded text the views may point into
    std::shared_ptr<const void> source;  // whatever else they point into

    // An empty fragment: the context element alone.
    static ParsedHtml fragment();

    std::string_view keep(std::string s) { return strings.emplace_back(std::move(s)); }
    const Attribute* attributes_of(const Node& n) const {
        return attributes.data() + n.first_attribute;
    }
};

// Appends nodes to a ParsedHtml in document order: each new node becomes
// the last child of the open element it is added under.
class ParsedHtmlBuilder {
  public:
    explicit ParsedHtmlBuilder(ParsedHtml& out);

    // A new element under parent; returns its index. Attributes added next
    // (before any other node) are its.
    int32_t element(int32_t parent, ParsedHtml::Node::Kind kind, std::string_view name);
    void attribute(std::string_view name, std::string_view value, bool namespaced = false);
    // Text under parent, merged into the text node just before it if any.
    // Transient text is copied; other views must outlive the tree.
    void text(int32_t parent, std::string_view text, bool transient = false);

  private:
    int32_t add(int32_t parent, ParsedHtml::Node node);

    ParsedHtml& out_;
    std::vector<int32_t> last_child_;  // per node
};

// The tree as text, one node a line, for tests comparing two parses.
std::string describe(const ParsedHtml& html);

}  // namespace dateline
