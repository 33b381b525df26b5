#include "content/expand.h"

#include <algorithm>
#include <set>
#include <vector>

#include "content/embeds.h"
#include "content/html_source.h"
#include "content/markdown.h"
#include "content/shortcode_parser.h"
#include "content/shortcodes.h"
#include "util/strings.h"

namespace dateline {

namespace {

// Where a piece of the expanded text came from in the source.
struct Segment {
    size_t out_begin;
    size_t src_begin;
    bool literal;  // copied text (offsets map one to one) or a token
};

class Expander {
  public:
    Expander(BodyFormat format, const ContentContext* context, ContentWarnings& warnings)
        : format_(format), context_(context), warnings_(warnings) {}

    // HTML for text, which starts at base in the editor's source.
    std::string render(std::string_view text, size_t base, int depth) {
        std::string prefix = token_prefix(text);
        std::vector<std::string> fragments;
        std::vector<Segment> segments;
        std::string out;
        auto copy = [&](size_t from, size_t to) {
            if (to <= from) return;
            segments.push_back({out.size(), base + from, true});
            out.append(text.substr(from, to - from));
        };
        auto park = [&](size_t at, std::string fragment) {
            segments.push_back({out.size(), base + at, false});
            out += "\n\n" + prefix + std::to_string(fragments.size()) + "z\n\n";
            fragments.push_back(std::move(fragment));
        };

        ShortcodeScanner scanner(text, is_known_shortcode);
        std::set<std::string> dropped_openers;
        size_t pos = 0;
        while (pos <= text.size()) {
            auto tag = scanner.next(pos);
            size_t stop = tag ? tag->begin : text.size();
            embed_lines(text, pos, stop, copy, park);
            if (!tag) break;
            pos = tag->end;
            switch (tag->kind) {
                case ShortcodeToken::Kind::escaped:
                    segments.push_back({out.size(), base + tag->begin, false});
                    out += tag->literal;
                    continue;
                case ShortcodeToken::Kind::close:
                    if (!dropped_openers.count(tag->name))
                        warn(base + tag->begin,
                             "stray closing shortcode [/" + tag->name + "] removed");
                    continue;
                case ShortcodeToken::Kind::open:
                    break;
            }
            if (!is_known_shortcode(tag->name)) {
                // The tag goes; enclosed content stays and is read on.
                warn(base + tag->begin, "unknown shortcode [" + tag->name + "] removed" +
                                            (tag->closer_begin ? " (its content is kept)" : ""));
                dropped_openers.insert(tag->name);
                continue;
            }
            std::string_view content;
            size_t content_begin = tag->end;
            if (shortcode_encloses(tag->name) && tag->closer_begin) {
                content = text.substr(tag->end, *tag->closer_begin - tag->end);
                pos = tag->closer_end;
            }
            if (depth >= kMaxShortcodeDepth) {
                warn(base + tag->begin, "[" + tag->name + "] nested too deeply; removed");
                continue;
            }
            ShortcodeEnv env;
            env.context = context_;
            env.warnings = &warnings_;
            env.render_inner = [this, depth](std::string_view inner, size_t offset) {
                return render(inner, offset, depth + 1);
            };
            auto html = render_shortcode(*tag, content, base + content_begin, env);
            if (html) park(tag->begin, std::move(*html));
        }

        std::string converted;
        if (format_ == BodyFormat::markdown) {
            MarkdownResult md = markdown_to_html(out);
            for (size_t offset : md.omitted_html)
                warn_markdown_html(std::min(source_offset(segments, offset), base + text.size()));
            converted = std::move(md.html);
        } else {
            converted = paragraphs_from_html(out);
        }
        return substitute(converted, prefix, fragments);
    }

  private:
    // A prefix for placeholder tokens that does not occur in text.
    static std::string token_prefix(std::string_view text) {
        std::string prefix = "dlsc";
        while (text.find(prefix) != std::string_view::npos)
            prefix += 'q';
        return prefix;
    }

    // Copies text[from, to), turning provider URLs alone on a line into embeds.
    template <class Copy, class Park>
    void embed_lines(std::string_view text, size_t from, size_t to, Copy& copy, Park& park) {
        size_t pos = from;
        while (pos < to) {
            size_t nl = text.find('\n', pos);
            size_t line_end = std::min(nl == std::string_view::npos ? text.size() : nl, to);
            bool at_line_start = pos == 0 || text[pos - 1] == '\n';
            bool whole_line = at_line_start && (line_end == text.size() || text[line_end] == '\n');
            if (whole_line) {
                std::string_view line = trim(text.substr(pos, line_end - pos));
                if (format_ == BodyFormat::html && starts_with(line, "<p>") &&
                    ends_with(line, "</p>"))
                    line = trim(line.substr(3, line.size() - 7));
                if (starts_with(line, "http") && line.find_first_of(" <>\"") == line.npos) {
                    if (auto target = recognize_embed(line)) {
                        copy(from, pos);
                        park(pos, embed_card_html(*target));
                        from = line_end;
                    }
                }
            }
            pos = line_end + 1;
        }
        copy(from, to);
    }

    static std::string substitute(std::string_view html, const std::string& prefix,
                                  const std::vector<std::string>& fragments) {
        if (fragments.empty()) return std::string(html);
        std::string out;
        out.reserve(html.size());
        size_t pos = 0;
        while (true) {
            size_t at = html.find(prefix, pos);
            if (at == std::string_view::npos) break;
            size_t digits = at + prefix.size();
            size_t end = digits;
            while (end < html.size() && html[end] >= '0' && html[end] <= '9')
                ++end;
            auto index = parse_int(html.substr(digits, end - digits));
            if (!index || end >= html.size() || html[end] != 'z' ||
                static_cast<size_t>(*index) >= fragments.size()) {
                out.append(html.substr(pos, digits - pos));
                pos = digits;
                continue;
            }
            size_t begin = at, finish = end + 1;
            // A token that became a paragraph of its own is replaced whole.
            if (at >= pos + 3 && html.substr(at - 3, 3) == "<p>" &&
                html.substr(finish, 4) == "</p>") {
                begin = at - 3;
                finish += 4;
            }
            out.append(html.substr(pos, begin - pos));
            out += fragments[static_cast<size_t>(*index)];
            pos = finish;
        }
        out.append(html.substr(pos));
        return out;
    }

    static size_t source_offset(const std::vector<Segment>& segments, size_t out_offset) {
        auto it = std::upper_bound(segments.begin(), segments.end(), out_offset,
                                   [](size_t v, const Segment& s) { return v < s.out_begin; });
        if (it == segments.begin()) return segments.empty() ? 0 : segments.front().src_begin;
        --it;
        return it->literal ? it->src_begin + (out_offset - it->out_begin) : it->src_begin;
    }

    void warn(size_t offset, std::string message) {
        warnings_.push_back({offset, 0, 0, std::move(message)});
    }

    void warn_markdown_html(size_t offset) {
        if (markdown_html_warnings_++ < kMaxMarkdownHtmlWarnings)
            warn(offset,
                 "raw HTML is not used in Markdown stories and was left out (use the html "
                 "format for markup)");
    }

    BodyFormat format_;
    const ContentContext* context_;
    ContentWarnings& warnings_;
    size_t markdown_html_warnings_ = 0;
};

}  // namespace

std::string expand_source(std::string_view source, BodyFormat format, const ContentContext* context,
                          ContentWarnings& warnings) {
    Expander expander(format, context, warnings);
    return expander.render(source, 0, 0);
}

}  // namespace dateline
