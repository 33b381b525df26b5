#include "search/highlight.h"

#include "store/search_index.h"
#include "util/strings.h"

namespace dateline::search {

std::string marked_to_html(std::string_view marked) {
    std::string out;
    out.reserve(marked.size() + 32);
    bool open = false;
    size_t start = 0;
    auto flush = [&](size_t end) { html_escape_append(out, marked.substr(start, end - start)); };
    for (size_t i = 0; i < marked.size(); ++i) {
        char c = marked[i];
        if (c != kMatchStart && c != kMatchEnd) continue;
        flush(i);
        start = i + 1;
        // A marker that does not fit (stray bytes in the text) is dropped.
        if (c == kMatchStart && !open) {
            out += "<mark>";
            open = true;
        } else if (c == kMatchEnd && open) {
            out += "</mark>";
            open = false;
        }
    }
    flush(marked.size());
    if (open) out += "</mark>";
    return out;
}

}  // namespace dateline::search
