#include "content/body.h"

#include <cmark-gfm.h>

#include <cstdlib>

#include "model/editorial.h"
#include "util/strings.h"

namespace dateline {

namespace {
struct CmarkNode {
    cmark_node* node;
    ~CmarkNode() { cmark_node_free(node); }
};
struct CmarkString {
    char* text;
    ~CmarkString() { std::free(text); }
};

RenderedBody render_markdown(std::string_view source) {
    RenderedBody out;
    // CMARK_OPT_SAFE is the default in cmark-gfm 0.29: raw HTML and unsafe
    // link schemes are dropped.
    int options = CMARK_OPT_DEFAULT | CMARK_OPT_SMART;
    CmarkNode doc{cmark_parse_document(source.data(), source.size(), options)};
    CmarkString html{cmark_render_html(doc.node, options, nullptr)};
    CmarkString text{cmark_render_plaintext(doc.node, options, 0)};
    out.html = html.text;
    out.text = text.text;
    return out;
}

RenderedBody render_html_as_text(std::string_view source) {
    RenderedBody out;
    for (auto para : split(source, '\n')) {
        auto t = trim(para);
        if (t.empty()) continue;
        out.html += "<p>" + html_escape(t) + "</p>\n";
        out.text += std::string(t) + "\n";
    }
    out.warnings.push_back("HTML bodies are shown as text until the sanitizer is enabled");
    return out;
}
}  // namespace

RenderedBody render_body(BodyFormat format, std::string_view source) {
    RenderedBody out =
        format == BodyFormat::markdown ? render_markdown(source) : render_html_as_text(source);
    out.word_count = count_words(out.text);
    return out;
}

size_t offset_after_paragraph(std::string_view html, int n) {
    if (n <= 0) return std::string_view::npos;
    // Walk the tags: paragraphs count only outside quotes, lists, tables,
    // figures and asides, wherever the line breaks fall.
    static constexpr std::string_view kContainers[] = {"blockquote", "ul",    "ol", "table",
                                                       "figure",     "aside", "div"};
    int depth = 0, seen = 0;
    size_t pos = 0;
    while ((pos = html.find('<', pos)) != std::string_view::npos) {
        bool closing = pos + 1 < html.size() && html[pos + 1] == '/';
        size_t name_start = pos + (closing ? 2 : 1);
        size_t name_end = html.find_first_of(" \t\n>/", name_start);
        if (name_end == std::string_view::npos) break;
        std::string_view name = html.substr(name_start, name_end - name_start);
        size_t tag_end = html.find('>', name_end);
        if (tag_end == std::string_view::npos) break;
        for (auto container : kContainers)
            if (name == container) depth += closing ? -1 : 1;
        if (closing && name == "p" && depth == 0 && ++seen == n) {
            size_t after = tag_end + 1;
            if (after < html.size() && html[after] == '\n') ++after;
            return after;
        }
        pos = tag_end + 1;
    }
    return std::string_view::npos;
}

std::string excerpt(std::string_view text, size_t max_chars) {
    std::string flat;
    for (char c : trim(text))
        flat += (c == '\n' || c == '\t') ? ' ' : c;
    if (flat.size() <= max_chars) return flat;
    size_t cut = flat.rfind(' ', max_chars);
    if (cut == std::string::npos || cut < max_chars / 2) cut = max_chars;
    // Never split a UTF-8 sequence.
    while (cut > 0 && (static_cast<unsigned char>(flat[cut]) & 0xC0) == 0x80)
        --cut;
    return flat.substr(0, cut) + "…";
}

}  // namespace dateline
