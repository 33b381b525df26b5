#include "search/query_parser.h"

#include <algorithm>
#include <cctype>

#include "util/strings.h"
#include "util/utf8.h"

namespace dateline::search {

namespace {

bool is_space(char c) {
    return c == ' ';
}

// A term FTS5 would find tokens in: an ASCII letter or digit, or any
// non-ASCII character (letters of other scripts).
bool searchable(std::string_view text) {
    for (char c : text) {
        auto u = static_cast<unsigned char>(c);
        if (u >= 0x80 || (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z'))
            return true;
    }
    return false;
}

size_t word_chars(std::string_view text) {
    size_t n = 0;
    for (char c : text) {
        auto u = static_cast<unsigned char>(c);
        if (u >= 0x80 ? (u & 0xC0) != 0x80 : (std::isalnum(u) != 0)) ++n;
    }
    return n;
}

// "text" with any quote doubled: an FTS5 string, never an operator.
std::string fts_string(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string collapse_spaces(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (is_space(c) && (out.empty() || out.back() == ' ')) continue;
        out += c;
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out;
}

}  // namespace

std::string clean_query_text(std::string_view input, size_t max_bytes) {
    std::string out;
    out.reserve(std::min(input.size(), max_bytes));
    size_t i = 0;
    while (i < input.size()) {
        size_t n = decode_utf8(input, i).length;
        if (n == 0) {
            out += ' ';
            ++i;
            continue;
        }
        std::string_view ch = input.substr(i, n);
        auto c0 = static_cast<unsigned char>(ch[0]);
        bool control = (n == 1 && (c0 < 0x20 || c0 == 0x7F)) ||
                       (n == 2 && c0 == 0xC2 && static_cast<unsigned char>(ch[1]) < 0xA0);
        if (out.size() + (control ? 1 : n) > max_bytes) break;
        if (control)
            out += ' ';
        else
            out += ch;
        i += n;
    }
    return out;
}

ParsedQuery parse_query(std::string_view input) {
    ParsedQuery q;
    std::string text = clean_query_text(input, kMaxQueryBytes);
    if (trim(input).size() > kMaxQueryBytes)
        q.notes.push_back("Your search was shortened to its first " +
                          std::to_string(kMaxQueryBytes) + " characters.");
    bool dropped_terms = false;
    bool short_prefix = false;
    auto add = [&](std::string term_text, bool phrase, bool prefix) {
        term_text = collapse_spaces(to_lower(term_text));
        if (!searchable(term_text)) return;
        for (const auto& t : q.terms)
            if (t.text == term_text && t.phrase == phrase && t.prefix == prefix) return;
        if (q.terms.size() >= kMaxTerms) {
            dropped_terms = true;
            return;
        }
        q.terms.push_back(QueryTerm{std::move(term_text), phrase, prefix, {}});
    };

    size_t i = 0;
    while (i < text.size()) {
        char c = text[i];
        if (is_space(c)) {
            ++i;
            continue;
        }
        if (c == '"') {
            size_t close = text.find('"', i + 1);
            if (close == std::string::npos) {
                q.notes.push_back(
                    "A quotation mark was not closed, so the words after it were searched as a "
                    "phrase.");
                close = text.size();
            }
            add(text.substr(i + 1, close - i - 1), true, false);
            i = close + 1;
            continue;
        }
        size_t end = i;
        while (end < text.size() && !is_space(text[end]) && text[end] != '"')
            ++end;
        std::string word = text.substr(i, end - i);
        i = end;
        bool prefix = false;
        while (!word.empty() && word.back() == '*') {
            word.pop_back();
            prefix = true;
        }
        if (prefix && word_chars(word) < kMinPrefixChars) {
            if (searchable(word)) short_prefix = true;
            prefix = false;
        }
        add(word, false, prefix);
    }
    if (dropped_terms)
        q.notes.push_back("Only the first " + std::to_string(kMaxTerms) +
                          " words and phrases of your search were used.");
    if (short_prefix)
        q.notes.push_back(
            "A * finds words that begin with what comes before it, which needs at "
            "least " +
            std::to_string(kMinPrefixChars) +
            " letters; shorter ones were searched "
            "as whole words.");

    std::vector<std::string> shown;
    for (const auto& t : q.terms)
        shown.push_back(t.phrase ? "\"" + t.text + "\"" : t.text + (t.prefix ? "*" : ""));
    q.normalized = join(shown, " ");
    build_match(q);
    return q;
}

void build_match(ParsedQuery& query) {
    std::vector<std::string> parts;
    bool grouped = false;
    query.phrases.clear();
    for (const auto& t : query.terms) {
        if (t.prefix && !t.words.empty()) {
            std::vector<std::string> words;
            for (const auto& word : t.words)
                words.push_back(fts_string(word.text) + (word.as_prefix ? " *" : ""));
            query.phrases.insert(query.phrases.end(), words.begin(), words.end());
            grouped = grouped || words.size() > 1;
            parts.push_back(words.size() == 1 ? words.front() : "(" + join(words, " OR ") + ")");
            continue;
        }
        parts.push_back(fts_string(t.text) + (t.prefix ? " *" : ""));
        query.phrases.push_back(parts.back());
    }
    // FTS5 reads two terms side by side as AND, but not a term beside a
    // group in parentheses: that needs the AND written out.
    query.match = join(parts, grouped ? " AND " : " ");
    query.any_match = join(parts, " OR ");
}

}  // namespace dateline::search
