#include "content/shortcode_parser.h"

#include <algorithm>

#include "util/strings.h"

namespace dateline {

namespace {

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// The name starting at pos ([A-Za-z][A-Za-z0-9_-]*), or empty.
std::string_view name_at(std::string_view text, size_t pos) {
    if (pos >= text.size()) return {};
    char first = text[pos];
    if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) return {};
    size_t end = pos;
    while (end < text.size() && end - pos < kMaxShortcodeNameBytes && is_name_char(text[end]))
        ++end;
    if (end < text.size() && is_name_char(text[end])) return {};  // too long
    return text.substr(pos, end - pos);
}

bool looks_like_shortcode_name(std::string_view name) {
    bool lower = std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
    return lower && name.find_first_of("_-") != std::string_view::npos;
}

// Offset of the ']' that ends a tag whose attributes start at pos, or npos.
// Quoted values may hold ']'; an unterminated quote falls back to the first ']'.
size_t tag_end(std::string_view text, size_t pos) {
    size_t limit = std::min(text.size(), pos + kMaxShortcodeTagBytes);
    char quote = 0;
    for (size_t i = pos; i < limit; ++i) {
        char c = text[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            // A quote opens a value only after '=' or a space (not "don't").
            char prev = i > pos ? text[i - 1] : ' ';
            if (prev == '=' || is_space(prev)) quote = c;
        } else if (c == ']') {
            return i;
        } else if (c == '[') {
            return std::string_view::npos;  // another tag starts first
        }
    }
    size_t plain = text.substr(pos, limit - pos).find(']');
    return plain == std::string_view::npos ? plain : pos + plain;
}

}  // namespace

std::optional<std::string> ShortcodeToken::attribute(std::string_view wanted) const {
    for (const auto& a : attributes)
        if (a.name == wanted) return a.value;
    return std::nullopt;
}

std::vector<ShortcodeAttribute> parse_shortcode_attributes(std::string_view text) {
    std::vector<ShortcodeAttribute> out;
    size_t i = 0;
    auto skip_space = [&] {
        while (i < text.size() && is_space(text[i]))
            ++i;
    };
    while (true) {
        skip_space();
        if (i >= text.size()) break;
        ShortcodeAttribute attr;
        size_t name_end = i;
        while (name_end < text.size() && is_name_char(text[name_end]))
            ++name_end;
        size_t after_name = name_end;
        while (after_name < text.size() && is_space(text[after_name]))
            ++after_name;
        if (name_end > i && after_name < text.size() && text[after_name] == '=') {
            attr.name = to_lower(text.substr(i, name_end - i));
            i = after_name + 1;
            skip_space();
        }
        if (i < text.size() && (text[i] == '"' || text[i] == '\'')) {
            char quote = text[i];
            size_t close = text.find(quote, i + 1);
            if (close == std::string_view::npos) close = text.size();
            attr.value = std::string(text.substr(i + 1, close - i - 1));
            i = std::min(close + 1, text.size());
        } else {
            size_t end = i;
            while (end < text.size() && !is_space(text[end]))
                ++end;
            attr.value = std::string(text.substr(i, end - i));
            i = end;
        }
        if (attr.name.empty() && attr.value.empty()) continue;
        out.push_back(std::move(attr));
    }
    return out;
}

ShortcodeScanner::ShortcodeScanner(std::string_view text, KnownFn known)
    : text_(text), known_(known) {
    for (size_t i = text.find("[/"); i != std::string_view::npos; i = text.find("[/", i + 2)) {
        std::string_view name = name_at(text, i + 2);
        if (name.empty()) continue;
        size_t close = i + 2 + name.size();
        if (close < text.size() && text[close] == ']') closers_[std::string(name)].push_back(i);
    }
}

std::optional<size_t> ShortcodeScanner::closer_after(const std::string& name, size_t pos) const {
    auto it = closers_.find(name);
    if (it == closers_.end()) return std::nullopt;
    auto at = std::lower_bound(it->second.begin(), it->second.end(), pos);
    if (at == it->second.end()) return std::nullopt;
    return *at;
}

std::optional<ShortcodeToken> ShortcodeScanner::tag_at(size_t pos) const {
    ShortcodeToken token;
    token.begin = pos;
    if (pos + 1 < text_.size() && text_[pos + 1] == '/') {
        std::string_view name = name_at(text_, pos + 2);
        size_t close = pos + 2 + name.size();
        if (name.empty() || close >= text_.size() || text_[close] != ']') return std::nullopt;
        bool lower =
            std::all_of(name.begin(), name.end(), [](char c) { return !(c >= 'A' && c <= 'Z'); });
        if (!known_(name) && !lower) return std::nullopt;
        token.kind = ShortcodeToken::Kind::close;
        token.name = std::string(name);
        token.end = close + 1;
        return token;
    }
    if (pos + 1 < text_.size() && text_[pos + 1] == '[') {
        // [[name ...]] shows "[name ...]" literally (known names only).
        auto inner = tag_at(pos + 1);
        if (!inner || inner->kind != ShortcodeToken::Kind::open || !known_(inner->name) ||
            inner->end >= text_.size() || text_[inner->end] != ']')
            return std::nullopt;
        token.kind = ShortcodeToken::Kind::escaped;
        token.name = inner->name;
        token.end = inner->end + 1;
        token.literal = std::string(text_.substr(pos + 1, inner->end - pos - 1));
        return token;
    }
    std::string_view name = name_at(text_, pos + 1);
    if (name.empty()) return std::nullopt;
    size_t attrs_begin = pos + 1 + name.size();
    if (attrs_begin >= text_.size()) return std::nullopt;
    char after = text_[attrs_begin];
    if (!(after == ']' || after == '/' || is_space(after))) return std::nullopt;
    size_t close = tag_end(text_, attrs_begin);
    if (close == std::string_view::npos) return std::nullopt;
    std::string_view attr_text = text_.substr(attrs_begin, close - attrs_begin);
    token.kind = ShortcodeToken::Kind::open;
    token.name = std::string(name);
    token.end = close + 1;
    std::string_view trimmed = trim(attr_text);
    if (!trimmed.empty() && trimmed.back() == '/') {
        token.self_closing = true;
        attr_text = trimmed.substr(0, trimmed.size() - 1);
    }
    // Markdown: [text](url), [ref]: url, and [text][ref] unless the name is a
    // shortcode's (then "[name][/name]" or "[row][column]" are tags).
    if (token.end < text_.size()) {
        char next = text_[token.end];
        if (next == '(' || next == ':') return std::nullopt;
        if (next == '[' && !known_(token.name) && !looks_like_shortcode_name(token.name))
            return std::nullopt;
    }
    token.attributes = parse_shortcode_attributes(attr_text);
    if (!token.self_closing) {
        if (auto closer = closer_after(token.name, token.end)) {
            token.closer_begin = *closer;
            token.closer_end = *closer + 3 + token.name.size();
        }
    }
    bool known = known_(token.name);
    if (!known) {
        bool has_equals = attr_text.find('=') != std::string_view::npos;
        bool all_lower = looks_like_shortcode_name(token.name) ||
                         std::all_of(token.name.begin(), token.name.end(), [](char c) {
                             return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
                         });
        bool shaped = token.self_closing || has_equals || token.closer_begin.has_value() ||
                      looks_like_shortcode_name(token.name);
        if (!(all_lower && shaped)) return std::nullopt;
    }
    return token;
}

std::optional<ShortcodeToken> ShortcodeScanner::next(size_t pos) const {
    for (size_t i = text_.find('[', pos); i != std::string_view::npos; i = text_.find('[', i + 1)) {
        if (auto token = tag_at(i)) return token;
    }
    return std::nullopt;
}

}  // namespace dateline
