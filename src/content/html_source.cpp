#include "content/html_source.h"

#include <vector>

#include "util/strings.h"

namespace dateline {

namespace {

constexpr std::string_view kBlockTags[] = {
    "address", "article",  "aside",      "blockquote", "caption", "dd",      "details", "div",
    "dl",      "dt",       "figcaption", "figure",     "footer",  "form",    "h1",      "h2",
    "h3",      "h4",       "h5",         "h6",         "header",  "hr",      "li",      "main",
    "nav",     "ol",       "p",          "pre",        "section", "summary", "table",   "tbody",
    "td",      "tfoot",    "th",         "thead",      "tr",      "ul",      "script",  "style",
    "iframe",  "noscript", "object",     "video",      "audio"};

// Containers inside which a blank line does not start a new paragraph.
constexpr std::string_view kContainers[] = {"pre", "ul", "ol", "table", "dl", "script", "style"};

// The lower-case tag name at text[pos] (just after '<' or "</").
std::string_view tag_name_at(std::string_view text, size_t pos, std::string& buffer) {
    buffer.clear();
    while (pos < text.size()) {
        char c = text[pos];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) break;
        buffer += c;
        ++pos;
    }
    return buffer;
}

bool starts_with_block(std::string_view chunk) {
    if (chunk.empty() || chunk[0] != '<') return false;
    if (chunk.size() > 1 && (chunk[1] == '!' || chunk[1] == '/' || chunk[1] == '?')) return true;
    std::string buffer;
    std::string_view name = tag_name_at(chunk, 1, buffer);
    for (auto t : kBlockTags)
        if (name == t) return true;
    return false;
}

bool contains_block(std::string_view chunk) {
    std::string buffer;
    for (size_t i = chunk.find('<'); i != std::string_view::npos; i = chunk.find('<', i + 1)) {
        size_t start = i + 1 < chunk.size() && chunk[i + 1] == '/' ? i + 2 : i + 1;
        std::string_view name = tag_name_at(chunk, start, buffer);
        for (auto t : kBlockTags)
            if (name == t) return true;
    }
    return false;
}

// Updates the count of open containers with the tags in chunk.
void track_containers(std::string_view chunk, int& open) {
    std::string buffer;
    for (size_t i = chunk.find('<'); i != std::string_view::npos; i = chunk.find('<', i + 1)) {
        bool closing = i + 1 < chunk.size() && chunk[i + 1] == '/';
        std::string_view name = tag_name_at(chunk, closing ? i + 2 : i + 1, buffer);
        for (auto t : kContainers) {
            if (name != t) continue;
            open += closing ? -1 : 1;
            if (open < 0) open = 0;
        }
    }
}

}  // namespace

std::string paragraphs_from_html(std::string_view source) {
    // Split into chunks at blank lines.
    std::vector<std::string> chunks;
    std::string current;
    for (auto line : split(source, '\n')) {
        if (trim(line).empty()) {
            if (!current.empty()) chunks.push_back(std::move(current));
            current.clear();
            continue;
        }
        if (!current.empty()) current += '\n';
        current += line;
    }
    if (!current.empty()) chunks.push_back(std::move(current));
    std::string out;
    int open = 0;
    for (auto raw : chunks) {
        std::string_view chunk = trim(raw);
        if (chunk.empty()) continue;
        bool inside = open > 0;
        if (!out.empty()) out += inside ? "\n\n" : "\n";
        track_containers(chunk, open);
        if (inside || starts_with_block(chunk)) {
            out += chunk;
        } else if (contains_block(chunk)) {
            out += "<p>";
            out += chunk;
            out += "</p>";
        } else {
            out += "<p>";
            bool first = true;
            for (auto line : split(chunk, '\n')) {
                if (!first) out += "<br />\n";
                out += trim(line);
                first = false;
            }
            out += "</p>";
        }
    }
    if (!out.empty()) out += '\n';
    return out;
}

}  // namespace dateline
