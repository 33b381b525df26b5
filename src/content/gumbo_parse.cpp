#include <gumbo.h>

#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

#include "content/html_parse.h"
#include "util/strings.h"

namespace dateline {

namespace {

// RAII for a gumbo parse.
struct GumboOutputDeleter {
    void operator()(GumboOutput* output) const {
        gumbo_destroy_output(&kGumboDefaultOptions, output);
    }
};

using Kind = ParsedHtml::Node::Kind;

}  // namespace

ParsedHtml parse_html_with_gumbo(std::string_view html) {
    GumboOptions options = kGumboDefaultOptions;
    options.fragment_context = GUMBO_TAG_DIV;
    options.fragment_namespace = GUMBO_NAMESPACE_HTML;
    options.max_errors = 0;  // errors are not collected: we only need the tree
    std::shared_ptr<GumboOutput> output(
        gumbo_parse_with_options(&options, html.data(), html.size()), GumboOutputDeleter{});
    ParsedHtml out = ParsedHtml::fragment();
    out.source = output;
    ParsedHtmlBuilder build(out);
    const GumboNode* root = output->root;
    if (root->type != GUMBO_NODE_ELEMENT) return out;

    // Depth first without recursion (the tree may be very deep): each entry
    // is a gumbo node and the index of the parsed node to add it under.
    std::vector<std::pair<const GumboNode*, int32_t>> stack;
    auto push_children = [&stack](const GumboVector& kids, int32_t parent) {
        for (unsigned i = kids.length; i-- > 0;)
            stack.emplace_back(static_cast<const GumboNode*>(kids.data[i]), parent);
    };
    push_children(root->v.element.children, 0);
    while (!stack.empty()) {
        auto [n, parent] = stack.back();
        stack.pop_back();
        switch (n->type) {
            case GUMBO_NODE_TEXT:
            case GUMBO_NODE_WHITESPACE:
                build.text(parent, n->v.text.text);
                break;
            case GUMBO_NODE_TEMPLATE:
                build.element(parent, Kind::template_, "template");
                break;
            case GUMBO_NODE_ELEMENT: {
                const GumboElement& e = n->v.element;
                if (e.tag_namespace != GUMBO_NAMESPACE_HTML) {
                    build.element(parent, Kind::foreign,
                                  e.tag_namespace == GUMBO_NAMESPACE_SVG ? "svg" : "math");
                    break;
                }
                std::string_view name;
                if (e.tag == GUMBO_TAG_UNKNOWN) {
                    GumboStringPiece tag = e.original_tag;
                    gumbo_tag_from_original_text(&tag);
                    name = out.keep(to_lower(std::string_view(tag.data, tag.length)));
                } else {
                    name = gumbo_normalized_tagname(e.tag);
                }
                int32_t index = build.element(parent, Kind::element, name);
                for (unsigned i = 0; i < e.attributes.length; ++i) {
                    const auto* a = static_cast<const GumboAttribute*>(e.attributes.data[i]);
                    std::string_view key = a->name;
                    bool lower = std::none_of(key.begin(), key.end(),
                                              [](char c) { return c >= 'A' && c <= 'Z'; });
                    build.attribute(lower ? key : out.keep(to_lower(key)), a->value,
                                    a->attr_namespace != GUMBO_ATTR_NAMESPACE_NONE);
                }
                push_children(e.children, index);
                break;
            }
            default:  // comments, CDATA (foreign content only), the document
                break;
        }
    }
    return out;
}

ParsedHtml parse_html(std::string_view html) {
    if (auto plain = parse_plain_html(html)) return std::move(*plain);
    return parse_html_with_gumbo(html);
}

}  // namespace dateline
