#include "content/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace dateline {

namespace {

struct ParserDeleter {
    void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
    void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct IterDeleter {
    void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};
struct CharDeleter {
    void operator()(char* s) const { std::free(s); }
};

// The extensions register into cmark's own registry once per process; a
// function-local static makes that thread-safe.
void ensure_extensions() {
    static const bool registered = [] {
        cmark_gfm_core_extensions_ensure_registered();
        return true;
    }();
    (void)registered;
}

// The byte offset of a 1-based line and column, given the line starts.
size_t offset_of(const std::vector<size_t>& line_starts, int line, int column) {
    if (line <= 0 || static_cast<size_t>(line) > line_starts.size()) return 0;
    size_t line_start = line_starts[static_cast<size_t>(line) - 1];
    size_t line_end = static_cast<size_t>(line) < line_starts.size()
                          ? line_starts[static_cast<size_t>(line)]
                          : static_cast<size_t>(-1);
    return std::min(line_start + static_cast<size_t>(column > 0 ? column - 1 : 0), line_end);
}

}  // namespace

MarkdownResult markdown_to_html(std::string_view source) {
    ensure_extensions();
    // CMARK_OPT_SAFE is the default: raw HTML and unsafe link schemes are
    // dropped by cmark already; the sanitizer checks again.
    const int options = CMARK_OPT_DEFAULT | CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8;
    std::unique_ptr<cmark_parser, ParserDeleter> parser{cmark_parser_new(options)};
    for (const char* name : {"table", "strikethrough", "autolink"}) {
        if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
            cmark_parser_attach_syntax_extension(parser.get(), ext);
    }
    cmark_parser_feed(parser.get(), source.data(), source.size());
    std::unique_ptr<cmark_node, NodeDeleter> doc{cmark_parser_finish(parser.get())};

    MarkdownResult out;
    // cmark ends lines at LF, CR and CRLF.
    std::vector<size_t> line_starts{0};
    for (size_t i = 0; i < source.size(); ++i) {
        bool lone_cr = source[i] == '\r' && (i + 1 == source.size() || source[i + 1] != '\n');
        if (source[i] == '\n' || lone_cr) line_starts.push_back(i + 1);
    }
    std::unique_ptr<cmark_iter, IterDeleter> iter{cmark_iter_new(doc.get())};
    for (cmark_event_type ev; (ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
        if (ev != CMARK_EVENT_ENTER) continue;
        cmark_node* node = cmark_iter_get_node(iter.get());
        cmark_node_type type = cmark_node_get_type(node);
        if (type != CMARK_NODE_HTML_BLOCK && type != CMARK_NODE_HTML_INLINE) continue;
        // Inline nodes carry no position of their own: use their block's.
        cmark_node* located = node;
        while (located && cmark_node_get_start_line(located) == 0)
            located = cmark_node_parent(located);
        out.omitted_html.push_back(located
                                       ? offset_of(line_starts, cmark_node_get_start_line(located),
                                                   cmark_node_get_start_column(located))
                                       : 0);
    }
    std::unique_ptr<char, CharDeleter> html{
        cmark_render_html(doc.get(), options, cmark_parser_get_syntax_extensions(parser.get()))};
    out.html = html.get();
    return out;
}

}  // namespace dateline
