// The sanitized body as a small tree: what the sanitizer builds, the derive
// step annotates and the serializer writes. Only allowlisted elements and
// attributes ever get into one.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dateline {

struct HtmlNode {
    enum class Kind { element, text };
    Kind kind = Kind::text;
    std::string name;  // lower-case tag name of an element
    std::vector<std::pair<std::string, std::string>> attributes;  // unescaped values
    std::string text;                                             // unescaped text of a text node
    std::vector<HtmlNode> children;

    static HtmlNode make_text(std::string text);
    static HtmlNode make_element(std::string name);
    bool is_element(std::string_view tag) const { return kind == Kind::element && name == tag; }
    // The attribute's value, or nullptr.
    const std::string* attribute(std::string_view key) const;
    void set_attribute(std::string_view key, std::string value);
    bool has_class(std::string_view token) const;
};

using HtmlNodes = std::vector<HtmlNode>;

// Elements written without an end tag ("<br />").
bool is_void_element(std::string_view tag);

// Writes the nodes as HTML that is also well-formed XML: every element
// closed, void elements self-closed, &, <, > (and " in attributes) escaped.
// When paragraph_ends is given, it receives the byte offset just after each
// top-level </p> (and the newline that follows it, if any).
std::string serialize_html(const HtmlNodes& nodes, std::vector<size_t>* paragraph_ends = nullptr);

// The concatenated text of a node and its descendants.
std::string inner_text(const HtmlNode& node);

}  // namespace dateline
