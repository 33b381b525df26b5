#include "content/html_tree.h"

#include <algorithm>

namespace dateline {

HtmlNode HtmlNode::make_text(std::string text) {
    HtmlNode n;
    n.kind = Kind::text;
    n.text = std::move(text);
    return n;
}

HtmlNode HtmlNode::make_element(std::string name) {
    HtmlNode n;
    n.kind = Kind::element;
    n.name = std::move(name);
    return n;
}

const std::string* HtmlNode::attribute(std::string_view key) const {
    for (const auto& [k, v] : attributes)
        if (k == key) return &v;
    return nullptr;
}

void HtmlNode::set_attribute(std::string_view key, std::string value) {
    for (auto& [k, v] : attributes) {
        if (k == key) {
            v = std::move(value);
            return;
        }
    }
    attributes.emplace_back(std::string(key), std::move(value));
}

bool HtmlNode::has_class(std::string_view token) const {
    const std::string* cls = attribute("class");
    if (!cls) return false;
    std::string_view rest = *cls;
    while (!rest.empty()) {
        size_t space = rest.find(' ');
        if (rest.substr(0, space) == token) return true;
        if (space == std::string_view::npos) break;
        rest.remove_prefix(space + 1);
    }
    return false;
}

bool is_void_element(std::string_view tag) {
    return tag == "br" || tag == "hr" || tag == "img" || tag == "col" || tag == "wbr";
}

namespace {

void escape_append(std::string& out, std::string_view text, bool attribute) {
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                if (attribute) {
                    out += "&quot;";
                    break;
                }
                out += c;
                break;
            default:
                out += c;
        }
    }
}

void write_node(std::string& out, const HtmlNode& node) {
    if (node.kind == HtmlNode::Kind::text) {
        escape_append(out, node.text, false);
        return;
    }
    out += '<';
    out += node.name;
    for (const auto& [key, value] : node.attributes) {
        out += ' ';
        out += key;
        out += "=\"";
        escape_append(out, value, true);
        out += '"';
    }
    if (is_void_element(node.name)) {
        out += " />";
        return;
    }
    out += '>';
    // A parser drops one newline right after <pre>: write it twice to keep it.
    if (node.name == "pre" && !node.children.empty() &&
        node.children[0].kind == HtmlNode::Kind::text && !node.children[0].text.empty() &&
        node.children[0].text[0] == '\n')
        out += '\n';
    for (const auto& child : node.children)
        write_node(out, child);
    out += "</";
    out += node.name;
    out += '>';
}

void text_append(std::string& out, const HtmlNode& node) {
    if (node.kind == HtmlNode::Kind::text) {
        out += node.text;
        return;
    }
    for (const auto& child : node.children)
        text_append(out, child);
}

}  // namespace

std::string serialize_html(const HtmlNodes& nodes, std::vector<size_t>* paragraph_ends) {
    std::string out;
    for (size_t i = 0; i < nodes.size(); ++i) {
        write_node(out, nodes[i]);
        if (paragraph_ends && nodes[i].is_element("p")) {
            size_t end = out.size();
            const HtmlNode* next = i + 1 < nodes.size() ? &nodes[i + 1] : nullptr;
            if (next && next->kind == HtmlNode::Kind::text && !next->text.empty() &&
                next->text[0] == '\n')
                ++end;
            paragraph_ends->push_back(end);
        }
    }
    return out;
}

std::string inner_text(const HtmlNode& node) {
    std::string out;
    text_append(out, node);
    return out;
}

}  // namespace dateline
