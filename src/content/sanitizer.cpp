#include "content/sanitizer.h"

#include <algorithm>
#include <map>
#include <memory>

#include "content/html_parse.h"
#include "content/url.h"
#include "util/strings.h"

namespace dateline {

namespace {

using Node = ParsedHtml::Node;

enum class Policy { keep, unwrap, drop };

constexpr std::string_view kKept[] = {
    "p",       "br",         "hr",    "h1",       "h2",    "h3",    "h4",    "h5",
    "h6",      "strong",     "b",     "em",       "i",     "u",     "s",     "del",
    "ins",     "mark",       "small", "sub",      "sup",   "code",  "pre",   "kbd",
    "samp",    "var",        "q",     "cite",     "abbr",  "dfn",   "time",  "blockquote",
    "ul",      "ol",         "li",    "dl",       "dt",    "dd",    "a",     "img",
    "figure",  "figcaption", "table", "thead",    "tbody", "tfoot", "tr",    "th",
    "td",      "caption",    "col",   "colgroup", "span",  "div",   "aside", "details",
    "summary", "wbr",        "strike"};

// Dropped together with everything inside them.
constexpr std::string_view kDropped[] = {
    "script",   "style",    "template", "iframe",   "frame", "frameset",  "object",   "embed",
    "applet",   "noscript", "noembed",  "noframes", "xmp",   "plaintext", "textarea", "select",
    "option",   "optgroup", "datalist", "button",   "input", "keygen",    "svg",      "math",
    "title",    "head",     "meta",     "link",     "base",  "audio",     "video",    "canvas",
    "map",      "area",     "param",    "source",   "track", "portal",    "image",    "output",
    "progress", "meter",    "slot",     "dialog",   "menu",  "menuitem",  "bgsound",  "marquee"};

// Forms are taken apart: their text stays, their controls go (kDropped).
constexpr std::string_view kWarnWhenUnwrapped[] = {"form", "body", "html"};

Policy policy_for(std::string_view tag) {
    for (auto t : kKept)
        if (t == tag) return Policy::keep;
    for (auto t : kDropped)
        if (t == tag) return Policy::drop;
    return Policy::unwrap;
}

// Class tokens the theme styles; everything else is dropped.
bool allowed_class(std::string_view token) {
    static constexpr std::string_view kClasses[] = {
        "align-left",    "align-right",  "align-center", "align-none",     "caption",
        "gallery",       "gallery-item", "embed",        "embed-card",     "embed-provider",
        "embed-action",  "embed-url",    "pullquote",    "pullquote-cite", "factbox",
        "factbox-title", "related",      "related-label"};
    for (auto c : kClasses)
        if (c == token) return true;
    if (starts_with(token, "gallery-columns-") && token.size() == 17 && token[16] >= '1' &&
        token[16] <= '9')
        return true;
    if (starts_with(token, "language-") && token.size() > 9 && token.size() < 40) {
        for (char c : token.substr(9))
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '+' ||
                  c == '#'))
                return false;
        return true;
    }
    return false;
}

std::string filter_classes(std::string_view value) {
    std::string out;
    for (auto token : split(value, ' ')) {
        token = trim(token);
        std::string t(token);
        // WordPress alignment classes become ours.
        if (t == "alignleft" || t == "alignright" || t == "aligncenter" || t == "alignnone")
            t = "align-" + t.substr(5);
        if (!allowed_class(t)) continue;
        if (!out.empty()) out += ' ';
        out += t;
    }
    return out;
}

bool is_digits(std::string_view v, size_t max_len) {
    if (v.empty() || v.size() > max_len) return false;
    for (char c : v)
        if (c < '0' || c > '9') return false;
    return true;
}

bool one_of(std::string_view v, std::initializer_list<std::string_view> options) {
    for (auto o : options)
        if (v == o) return true;
    return false;
}

bool is_embed_id(std::string_view v) {
    if (v.empty() || v.size() > 64) return false;
    for (char c : v)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_'))
            return false;
    return true;
}

// Removes characters XML does not allow (C0 controls other than tab, newline
// and carriage return; U+FFFE and U+FFFF).
std::string clean_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
        if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
            (static_cast<unsigned char>(text[i + 2]) == 0xBE ||
             static_cast<unsigned char>(text[i + 2]) == 0xBF)) {
            i += 2;
            continue;
        }
        out += static_cast<char>(c);
    }
    return out;
}

class Sanitizer {
  public:
    Sanitizer(const ParsedHtml& html, ContentWarnings& warnings)
        : html_(html), warnings_(warnings) {}
    ~Sanitizer() {
        for (const auto& [what, count] : removed_)
            warnings_.push_back(
                {ContentWarning::kNoOffset, 0, 0,
                 "removed " + what + (count > 1 ? " (" + std::to_string(count) + " times)" : "")});
    }

    void children(const Node& parent, HtmlNodes& out, size_t depth) {
        for (int32_t c = parent.first_child; c >= 0; c = at(c).next_sibling)
            node(at(c), out, depth);
    }

  private:
    const Node& at(int32_t index) const { return html_.nodes[static_cast<size_t>(index)]; }

    void node(const Node& n, HtmlNodes& out, size_t depth) {
        switch (n.kind) {
            case Node::Kind::text:
                append_text(out, n.text);
                return;
            case Node::Kind::element:
                element(n, out, depth);
                return;
            case Node::Kind::template_:
                note("<template> elements");
                return;
            case Node::Kind::foreign:
                note("<" + std::string(n.name) + "> content");
                return;
        }
    }

    void append_text(HtmlNodes& out, std::string_view text) {
        std::string clean = clean_text(text);
        if (clean.empty()) return;
        if (!out.empty() && out.back().kind == HtmlNode::Kind::text)
            out.back().text += clean;
        else
            out.push_back(HtmlNode::make_text(std::move(clean)));
    }

    void element(const Node& n, HtmlNodes& out, size_t depth) {
        std::string name(n.name);
        Policy policy = policy_for(name);
        if (policy == Policy::drop) {
            note("<" + name + "> elements");
            return;
        }
        if (depth >= kMaxSanitizeDepth) {
            // Too deep to keep its structure: its text stays.
            if (!deep_noted_) note("markup nested too deeply");
            deep_noted_ = true;
            flatten(n, out);
            return;
        }
        if (policy == Policy::unwrap) {
            for (auto w : kWarnWhenUnwrapped)
                if (w == name) note("<" + name + "> elements (their text is kept)");
            children(n, out, depth + 1);
            return;
        }
        if (name == "h1") name = "h2";  // the page's headline is the only h1
        if (name == "strike") name = "s";
        HtmlNode el = HtmlNode::make_element(name);
        attributes(n, el);
        if (name == "img") {
            if (!el.attribute("src")) {
                note("images without a usable src");
                return;
            }
            if (!el.attribute("alt")) el.set_attribute("alt", "");
            el.set_attribute("loading", "lazy");
        }
        if (!is_void_element(name)) children(n, el.children, depth + 1);
        // Empty paragraphs (left by unwrapped or removed markup) go.
        if (name == "p" && std::all_of(el.children.begin(), el.children.end(), [](const auto& c) {
                return c.kind == HtmlNode::Kind::text && trim(c.text).empty();
            }))
            return;
        // Spans and links that lost everything that made them one are just text.
        if ((name == "span" && el.attributes.empty()) || (name == "a" && !el.attribute("href"))) {
            for (auto& child : el.children) {
                if (child.kind == HtmlNode::Kind::text)
                    append_text(out, child.text);
                else
                    out.push_back(std::move(child));
            }
            return;
        }
        out.push_back(std::move(el));
    }

    // Text of a subtree, without recursion (the subtree may be very deep).
    void flatten(const Node& root, HtmlNodes& out) {
        std::vector<const Node*> stack{&root};
        std::string text;
        while (!stack.empty()) {
            const Node* n = stack.back();
            stack.pop_back();
            if (n->kind == Node::Kind::text) {
                text += n->text;
            } else if (n->kind == Node::Kind::element) {
                if (policy_for(n->name) == Policy::drop) continue;
                size_t mark = stack.size();
                for (int32_t c = n->first_child; c >= 0; c = at(c).next_sibling)
                    stack.push_back(&at(c));
                std::reverse(stack.begin() + static_cast<std::ptrdiff_t>(mark), stack.end());
            }
        }
        append_text(out, text);
    }

    void attributes(const Node& n, HtmlNode& el) {
        for (uint32_t i = 0; i < n.attribute_count; ++i) {
            const auto& a = html_.attributes_of(n)[i];
            std::string key(a.name);
            std::string value = clean_text(a.value);
            if (a.namespaced) {
                note("namespaced attributes");
                continue;
            }
            if (starts_with(key, "on")) {
                note("event handler attributes");
                continue;
            }
            if (key == "style") {
                note("style attributes");
                continue;
            }
            if (auto kept = attribute(el.name, key, value)) {
                if (!el.attribute(key)) el.attributes.emplace_back(key, std::move(*kept));
            }
        }
    }

    // The value to keep for this attribute, or nullopt to drop it.
    std::optional<std::string> attribute(const std::string& tag, const std::string& key,
                                         const std::string& value) {
        if (key == "title" || key == "lang") return value;
        if (key == "dir")
            return one_of(value, {"ltr", "rtl", "auto"}) ? std::optional(value) : std::nullopt;
        if (key == "class") {
            std::string kept = filter_classes(value);
            if (kept.empty()) return std::nullopt;
            return kept;
        }
        auto url = [&](UrlUse use) -> std::optional<std::string> {
            auto safe = safe_url(value, use);
            if (!safe) note("unsafe URLs");
            return safe;
        };
        if (tag == "a") {
            if (key == "href") return url(UrlUse::link);
            if (key == "rel") {
                std::string kept;
                for (auto token : split(value, ' ')) {
                    token = trim(token);
                    if (!one_of(token, {"nofollow", "sponsored", "ugc"})) continue;
                    if (!kept.empty()) kept += ' ';
                    kept += token;
                }
                return kept.empty() ? std::nullopt : std::optional(kept);
            }
            return std::nullopt;
        }
        if (tag == "img") {
            if (key == "src") return url(UrlUse::image);
            if (key == "alt") return value;
            if (key == "width" || key == "height")
                return is_digits(value, 5) ? std::optional(value) : std::nullopt;
            return std::nullopt;
        }
        if (key == "cite" && one_of(tag, {"blockquote", "q", "del", "ins"}))
            return url(UrlUse::link);
        if (tag == "ol") {
            if (key == "start") return is_digits(value, 9) ? std::optional(value) : std::nullopt;
            if (key == "reversed") return std::string{};
            if (key == "type")
                return one_of(value, {"1", "a", "A", "i", "I"}) ? std::optional(value)
                                                                : std::nullopt;
        }
        if (tag == "li" && key == "value")
            return is_digits(value, 9) ? std::optional(value) : std::nullopt;
        if (tag == "td" || tag == "th") {
            if (key == "colspan" || key == "rowspan")
                return is_digits(value, 3) ? std::optional(value) : std::nullopt;
            if (key == "align")
                return one_of(value, {"left", "center", "right"}) ? std::optional(value)
                                                                  : std::nullopt;
            if (tag == "th" && key == "scope")
                return one_of(value, {"row", "col", "rowgroup", "colgroup"}) ? std::optional(value)
                                                                             : std::nullopt;
        }
        if ((tag == "col" || tag == "colgroup") && key == "span")
            return is_digits(value, 3) ? std::optional(value) : std::nullopt;
        if (tag == "time" && key == "datetime") return value;
        if (tag == "details" && key == "open") return std::string{};
        if (tag == "figure") {
            if (key == "data-embed-provider")
                return one_of(value, {"youtube", "x", "instagram", "facebook"})
                           ? std::optional(value)
                           : std::nullopt;
            if (key == "data-embed-id")
                return is_embed_id(value) ? std::optional(value) : std::nullopt;
        }
        return std::nullopt;
    }

    void note(const std::string& what) { ++removed_[what]; }

    const ParsedHtml& html_;
    ContentWarnings& warnings_;
    std::map<std::string, int> removed_;
    bool deep_noted_ = false;
};

}  // namespace

HtmlNodes sanitize_html(std::string_view html, ContentWarnings& warnings) {
    ParsedHtml parsed = parse_html(html);
    HtmlNodes out;
    {
        Sanitizer sanitizer(parsed, warnings);
        sanitizer.children(parsed.nodes[0], out, 0);
    }
    // Between top-level blocks, whitespace is one newline: what removed
    // markup leaves behind does not pile up.
    HtmlNodes tidy;
    tidy.reserve(out.size());
    for (auto& n : out) {
        if (n.kind == HtmlNode::Kind::text && trim(n.text).empty()) {
            if (!tidy.empty()) tidy.push_back(HtmlNode::make_text("\n"));
            continue;
        }
        tidy.push_back(std::move(n));
    }
    return tidy;
}

std::string sanitize_html_string(std::string_view html) {
    ContentWarnings ignored;
    return serialize_html(sanitize_html(html, ignored));
}

}  // namespace dateline
