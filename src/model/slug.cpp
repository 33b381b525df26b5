#include "model/slug.h"

#include "util/strings.h"

namespace dateline {

namespace {
// Folds the common Latin-1 accented letters (UTF-8 lead byte 0xC3) to ASCII;
// nullptr for characters that are not letters (× and ÷).
const char* fold_latin1(unsigned char second) {
    static const char* const upper[32] = {
        "a", "a", "a", "a", "a", "a", "ae", "c",     "e", "e", "e", "e", "i", "i", "i",  "i",
        "d", "n", "o", "o", "o", "o", "o",  nullptr, "o", "u", "u", "u", "u", "y", "th", "ss"};
    static const char* const lower[32] = {
        "a", "a", "a", "a", "a", "a", "ae", "c",     "e", "e", "e", "e", "i", "i", "i",  "i",
        "d", "n", "o", "o", "o", "o", "o",  nullptr, "o", "u", "u", "u", "u", "y", "th", "y"};
    if (second >= 0x80 && second <= 0x9F) return upper[second - 0x80];
    if (second >= 0xA0 && second <= 0xBF) return lower[second - 0xA0];
    return nullptr;
}

// Typographic apostrophes (U+2018, U+2019) join words; other punctuation of
// the 0xE2 block (dashes, ellipsis, quotes) separates them.
bool is_apostrophe(std::string_view text, size_t i) {
    return i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
           (static_cast<unsigned char>(text[i + 2]) == 0x98 ||
            static_cast<unsigned char>(text[i + 2]) == 0x99);
}
}  // namespace

std::string slugify(std::string_view text, size_t max_length) {
    std::string out;
    bool pending_hyphen = false;
    auto append = [&](std::string_view piece) {
        size_t needed = piece.size() + (pending_hyphen ? 1 : 0);
        if (out.size() + needed > max_length) return false;
        if (pending_hyphen) out += '-';
        pending_hyphen = false;
        out += piece;
        return true;
    };
    for (size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        std::string_view piece;
        char ascii[1];
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            ascii[0] = static_cast<char>(c);
            piece = {ascii, 1};
        } else if (c >= 'A' && c <= 'Z') {
            ascii[0] = static_cast<char>(c - 'A' + 'a');
            piece = {ascii, 1};
        } else if (c == 0xC3 && i + 1 < text.size()) {
            const char* folded = fold_latin1(static_cast<unsigned char>(text[++i]));
            if (folded) piece = folded;
        } else if (c == '\'') {
            continue;
        } else if (c == 0xE2) {
            bool apostrophe = is_apostrophe(text, i);
            i += 2;
            if (apostrophe) continue;
        } else if (c >= 0x80) {
            // Skip the rest of any other multi-byte character.
            while (i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80)
                ++i;
        }
        if (piece.empty()) {
            pending_hyphen = !out.empty();
            continue;
        }
        if (!append(piece)) break;
    }
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
    // The slug before the id is never empty and never ends with a hyphen.
    if (dash == std::string_view::npos || dash == 0 || segment[dash - 1] == '-')
        return std::nullopt;
    auto id = parse_int(segment.substr(dash + 1));
    if (!id || *id <= 0 || segment.substr(dash + 1).front() == '+') return std::nullopt;
    return id;
}

}  // namespace dateline
