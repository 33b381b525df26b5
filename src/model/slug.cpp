#include "model/slug.h"

#include "util/strings.h"

namespace dateline {

namespace {
// Folds the common Latin-1 accented letters (UTF-8, two bytes) to ASCII.
char fold_latin1(unsigned char second) {
    static const char* table =
        "aaaaaaaceeeeiiiidnooooo/ouuuuyty";  // for 0xE0..0xFF after the 0xC3 lead
    if (second >= 0xA0 && second <= 0xBF) return table[second - 0xA0];
    if (second >= 0x80 && second <= 0x9F) return table[second - 0x80];
    return 0;
}
}  // namespace

std::string slugify(std::string_view text, size_t max_length) {
    std::string out;
    bool pending_hyphen = false;
    for (size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        char ch = 0;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            ch = static_cast<char>(c);
        } else if (c >= 'A' && c <= 'Z') {
            ch = static_cast<char>(c - 'A' + 'a');
        } else if (c == 0xC3 && i + 1 < text.size()) {
            ch = fold_latin1(static_cast<unsigned char>(text[++i]));
            if (ch == '/') ch = 0;
        } else if (c == '\'' || c == 0xE2) {
            // Apostrophes join words ("minister's" -> "ministers"); skip
            // the rest of a typographic quote's three bytes.
            if (c == 0xE2) i += 2;
            continue;
        }
        if (ch == 0) {
            pending_hyphen = !out.empty();
            continue;
        }
        if (pending_hyphen) out += '-';
        pending_hyphen = false;
        out += ch;
        if (out.size() >= max_length) break;
    }
    while (!out.empty() && out.back() == '-')
        out.pop_back();
    return out.empty() ? "story" : out;
}

bool is_valid_slug(std::string_view slug) {
    if (slug.empty() || slug.size() > 120 || slug.front() == '-' || slug.back() == '-')
        return false;
    char prev = 0;
    for (char c : slug) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok || (c == '-' && prev == '-')) return false;
        prev = c;
    }
    return true;
}

std::string story_path(std::string_view section_slug, std::string_view slug, int64_t id) {
    std::string path;
    path.reserve(section_slug.size() + slug.size() + 24);
    path += '/';
    path += section_slug;
    path += '/';
    path += slug;
    path += '-';
    path += std::to_string(id);
    return path;
}

std::optional<int64_t> story_id_from_segment(std::string_view segment) {
    size_t dash = segment.rfind('-');
    if (dash == std::string_view::npos || dash == 0) return std::nullopt;
    auto id = parse_int(segment.substr(dash + 1));
    if (!id || *id <= 0 || segment.substr(dash + 1).front() == '+') return std::nullopt;
    return id;
}

}  // namespace dateline
