#include "content/body.h"

#include "content/expand.h"
#include "content/sanitizer.h"
#include "util/strings.h"

namespace dateline {

Result<RenderedBody> render_story_body(BodyFormat format, std::string_view source,
                                       const ContentContext* context) {
    if (source.size() > kMaxBodySourceBytes)
        return Error::invalid("body", "the body is longer than " +
                                          std::to_string(kMaxBodySourceBytes / 1024) + " KiB");
    // Positions are reported against the source with CRLF line ends made LF.
    std::string normalized;
    normalized.reserve(source.size());
    for (size_t i = 0; i < source.size(); ++i)
        if (!(source[i] == '\r' && i + 1 < source.size() && source[i + 1] == '\n'))
            normalized += source[i];

    RenderedBody out;
    std::string html = expand_source(normalized, format, context, out.warnings);
    HtmlNodes nodes = sanitize_html(html, out.warnings);
    DerivedFacts facts = derive_facts(nodes, context);
    out.html = serialize_html(nodes, &out.ad_slot_offsets);
    out.text = std::move(facts.text);
    out.excerpt = std::move(facts.excerpt);
    out.word_count = facts.word_count;
    out.reading_minutes = facts.reading_minutes;
    out.headings = std::move(facts.headings);
    out.linked_story_ids = std::move(facts.linked_story_ids);
    locate_warnings(normalized, out.warnings);
    return out;
}

RenderedBody render_body(BodyFormat format, std::string_view source,
                         const ContentContext* context) {
    auto rendered = render_story_body(format, source, context);
    if (rendered) return std::move(rendered).value();
    RenderedBody empty;
    empty.warnings.push_back({ContentWarning::kNoOffset, 0, 0, rendered.error().message});
    return empty;
}

size_t offset_after_paragraph(std::string_view html, int n) {
    if (n <= 0) return std::string_view::npos;
    // Walks the tags of well-formed HTML (what the sanitizer writes); a
    // paragraph counts when its </p> closes at the top level, however many
    // lines it spans.
    int depth = 0, seen = 0;
    size_t pos = 0;
    while ((pos = html.find('<', pos)) != std::string_view::npos) {
        size_t end = html.find('>', pos);
        if (end == std::string_view::npos) break;
        std::string_view tag = html.substr(pos + 1, end - pos - 1);
        pos = end + 1;
        if (tag.empty() || tag[0] == '!' || tag[0] == '?') continue;
        bool closing = tag[0] == '/';
        size_t name_begin = closing ? 1 : 0;
        size_t name_end = tag.find_first_of(" \t\n/", name_begin);
        std::string name = to_lower(tag.substr(name_begin, name_end - name_begin));
        if (closing) {
            if (depth > 0) --depth;
            if (depth == 0 && name == "p" && ++seen == n) {
                if (pos < html.size() && html[pos] == '\n') ++pos;
                return pos;
            }
            continue;
        }
        bool self_closing = !tag.empty() && tag.back() == '/';
        bool is_void = name == "br" || name == "hr" || name == "img" || name == "col" ||
                       name == "wbr" || name == "input" || name == "source" || name == "meta" ||
                       name == "link" || name == "area" || name == "base" || name == "embed" ||
                       name == "param" || name == "track";
        if (!self_closing && !is_void) ++depth;
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
