#include "support/html.h"

#include <functional>

#include "util/strings.h"

namespace dateline::testing {

Html::Html(const std::string& text) : source_(text) {
    output_ = gumbo_parse_with_options(&kGumboDefaultOptions, source_.data(), source_.size());
}

Html::~Html() {
    gumbo_destroy_output(&kGumboDefaultOptions, output_);
}

namespace {

struct Selector {
    std::string tag, cls, attr, value;
    bool has_value = false;
};

Selector parse(const std::string& s) {
    Selector sel;
    std::string rest = s;
    size_t bracket = rest.find('[');
    if (bracket != std::string::npos) {
        std::string inside = rest.substr(bracket + 1, rest.find(']') - bracket - 1);
        size_t eq = inside.find('=');
        sel.attr = inside.substr(0, eq);
        if (eq != std::string::npos) {
            sel.value = inside.substr(eq + 1);
            if (!sel.value.empty() && sel.value.front() == '"')
                sel.value = sel.value.substr(1, sel.value.size() - 2);
            sel.has_value = true;
        }
        rest = rest.substr(0, bracket);
    }
    size_t dot = rest.find('.');
    sel.tag = rest.substr(0, dot);
    if (dot != std::string::npos) sel.cls = rest.substr(dot + 1);
    return sel;
}

bool matches(const GumboNode* n, const Selector& sel) {
    if (n->type != GUMBO_NODE_ELEMENT) return false;
    const GumboElement& e = n->v.element;
    if (!sel.tag.empty()) {
        const char* name = gumbo_normalized_tagname(e.tag);
        std::string tag = *name ? name : "";
        if (e.tag == GUMBO_TAG_UNKNOWN) {
            GumboStringPiece piece = e.original_tag;
            gumbo_tag_from_original_text(&piece);
            tag = to_lower(std::string_view(piece.data, piece.length));
        }
        if (tag != sel.tag) return false;
    }
    if (!sel.cls.empty()) {
        GumboAttribute* c = gumbo_get_attribute(&e.attributes, "class");
        if (!c) return false;
        bool found = false;
        for (auto part : split(c->value, ' '))
            if (part == sel.cls) found = true;
        if (!found) return false;
    }
    if (!sel.attr.empty()) {
        GumboAttribute* a = gumbo_get_attribute(&e.attributes, sel.attr.c_str());
        if (!a) return false;
        if (sel.has_value && sel.value != a->value) return false;
    }
    return true;
}

void walk(const GumboNode* n, const std::function<void(const GumboNode*)>& visit) {
    visit(n);
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT) return;
    const GumboVector& children =
        n->type == GUMBO_NODE_ELEMENT ? n->v.element.children : n->v.document.children;
    for (unsigned i = 0; i < children.length; ++i)
        walk(static_cast<const GumboNode*>(children.data[i]), visit);
}

}  // namespace

std::vector<const GumboNode*> Html::all_in(const GumboNode* scope,
                                           const std::string& selector) const {
    Selector sel = parse(selector);
    std::vector<const GumboNode*> out;
    walk(scope, [&](const GumboNode* n) {
        if (n != scope && matches(n, sel)) out.push_back(n);
    });
    return out;
}

std::vector<const GumboNode*> Html::all(const std::string& selector) const {
    return all_in(output_->document, selector);
}

const GumboNode* Html::first(const std::string& selector) const {
    auto found = all(selector);
    return found.empty() ? nullptr : found.front();
}

std::string Html::text(const GumboNode* node) {
    if (!node) return {};
    std::string out;
    walk(node, [&](const GumboNode* n) {
        if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE) out += n->v.text.text;
    });
    std::string folded;
    bool space = false;
    for (char c : out) {
        bool ws = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (ws) {
            space = !folded.empty();
            continue;
        }
        if (space) folded += ' ';
        space = false;
        folded += c;
    }
    return folded;
}

std::string Html::attr(const GumboNode* node, const std::string& name) {
    if (!node || node->type != GUMBO_NODE_ELEMENT) return {};
    GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name.c_str());
    return a ? a->value : "";
}

}  // namespace dateline::testing
