#include "content/parsed_html.h"

#include <algorithm>

namespace dateline {

ParsedHtml ParsedHtml::fragment() {
    ParsedHtml html;
    html.nodes.emplace_back();
    html.nodes[0].kind = Node::Kind::element;
    html.nodes[0].name = "div";
    return html;
}

ParsedHtmlBuilder::ParsedHtmlBuilder(ParsedHtml& out) : out_(out) {
    last_child_.assign(out_.nodes.size(), -1);
}

int32_t ParsedHtmlBuilder::add(int32_t parent, ParsedHtml::Node node) {
    auto index = static_cast<int32_t>(out_.nodes.size());
    out_.nodes.push_back(node);
    last_child_.push_back(-1);
    int32_t& last = last_child_[static_cast<size_t>(parent)];
    if (last < 0)
        out_.nodes[static_cast<size_t>(parent)].first_child = index;
    else
        out_.nodes[static_cast<size_t>(last)].next_sibling = index;
    last = index;
    return index;
}

int32_t ParsedHtmlBuilder::element(int32_t parent, ParsedHtml::Node::Kind kind,
                                   std::string_view name) {
    ParsedHtml::Node node;
    node.kind = kind;
    node.name = name;
    node.first_attribute = static_cast<uint32_t>(out_.attributes.size());
    return add(parent, node);
}

void ParsedHtmlBuilder::attribute(std::string_view name, std::string_view value, bool namespaced) {
    out_.attributes.push_back({name, value, namespaced});
    ++out_.nodes.back().attribute_count;
}

void ParsedHtmlBuilder::text(int32_t parent, std::string_view text, bool transient) {
    if (text.empty()) return;
    int32_t last = last_child_[static_cast<size_t>(parent)];
    if (last >= 0 && out_.nodes[static_cast<size_t>(last)].kind == ParsedHtml::Node::Kind::text) {
        std::string_view& before = out_.nodes[static_cast<size_t>(last)].text;
        if (before.data() + before.size() == text.data()) {
            before = std::string_view(before.data(), before.size() + text.size());
        } else if (!out_.strings.empty() && before.data() == out_.strings.back().data()) {
            out_.strings.back().append(text);
            before = out_.strings.back();
        } else {
            std::string joined(before);
            joined += text;
            before = out_.keep(std::move(joined));
        }
        return;
    }
    ParsedHtml::Node node;
    node.kind = ParsedHtml::Node::Kind::text;
    node.text = transient ? out_.keep(std::string(text)) : text;
    add(parent, node);
}

std::string describe(const ParsedHtml& html) {
    std::string out;
    if (html.nodes.empty()) return out;
    // Depth-first without recursion: the tree may be deep.
    std::vector<std::pair<int32_t, size_t>> stack;
    for (int32_t c = html.nodes[0].first_child; c >= 0;
         c = html.nodes[static_cast<size_t>(c)].next_sibling)
        stack.emplace_back(c, 0);
    std::reverse(stack.begin(), stack.end());
    while (!stack.empty()) {
        auto [index, depth] = stack.back();
        stack.pop_back();
        const auto& n = html.nodes[static_cast<size_t>(index)];
        out.append(depth * 2, ' ');
        switch (n.kind) {
            case ParsedHtml::Node::Kind::text:
                out += '"';
                out += n.text;
                out += '"';
                break;
            case ParsedHtml::Node::Kind::element:
            case ParsedHtml::Node::Kind::foreign:
                out += n.kind == ParsedHtml::Node::Kind::foreign ? "<foreign " : "<";
                out += n.name;
                for (uint32_t a = 0; a < n.attribute_count; ++a) {
                    const auto& attr = html.attributes_of(n)[a];
                    out += attr.namespaced ? " ns:" : " ";
                    out += attr.name;
                    out += "=\"";
                    out += attr.value;
                    out += '"';
                }
                out += '>';
                break;
            case ParsedHtml::Node::Kind::template_:
                out += "<template>";
                break;
        }
        out += '\n';
        size_t mark = stack.size();
        for (int32_t c = n.first_child; c >= 0; c = html.nodes[static_cast<size_t>(c)].next_sibling)
            stack.emplace_back(c, depth + 1);
        std::reverse(stack.begin() + static_cast<std::ptrdiff_t>(mark), stack.end());
    }
    return out;
}

}  // namespace dateline
