// WordPress shortcode syntax: [name attr="v" attr='v' attr=v "positional"],
// [name /], [name]content[/name] and the escape [[name]]. Only syntax here;
// what each shortcode means lives in shortcodes.cpp.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dateline {

// Limits, set where shortcodes are parsed.
constexpr size_t kMaxShortcodeTagBytes = 4096;  // from '[' to ']'
constexpr size_t kMaxShortcodeNameBytes = 64;

struct ShortcodeAttribute {
    std::string name;  // lower-case; empty for a positional value
    std::string value;
};

struct ShortcodeToken {
    enum class Kind { open, close, escaped };
    Kind kind = Kind::open;
    std::string name;
    std::vector<ShortcodeAttribute> attributes;
    bool self_closing = false;  // [name /]
    size_t begin = 0;           // of the tag, '[' included
    size_t end = 0;             // just after the tag's ']'
    // For open tags: the first [/name] after the tag, if any.
    std::optional<size_t> closer_begin;
    size_t closer_end = 0;
    std::string literal;  // for escaped tags: the text to show, "[name ...]"

    // The named attribute's value (or, for an empty name, the first
    // positional value); nullopt when absent.
    std::optional<std::string> attribute(std::string_view name) const;
};

// Finds shortcode tags in a text. Names the caller knows are always tags;
// other names count only when they look like a shortcode (attributes with
// '=', a self-closing slash, a matching [/name], or '_' or '-' in a
// lower-case name), so that bracketed prose such as "[sic]" stays text. A
// bracket followed by '(' , '[' or ':' is Markdown link syntax, not a tag.
class ShortcodeScanner {
  public:
    using KnownFn = bool (*)(std::string_view name);
    // text must outlive the scanner.
    ShortcodeScanner(std::string_view text, KnownFn known);

    // The first tag beginning at or after pos; nullopt when there is none.
    std::optional<ShortcodeToken> next(size_t pos) const;

  private:
    std::optional<ShortcodeToken> tag_at(size_t pos) const;
    std::optional<size_t> closer_after(const std::string& name, size_t pos) const;

    std::string_view text_;
    KnownFn known_;
    std::map<std::string, std::vector<size_t>, std::less<>> closers_;  // name -> "[/name]" offsets
};

// Parses the attribute text of a tag the way WordPress does.
std::vector<ShortcodeAttribute> parse_shortcode_attributes(std::string_view text);

}  // namespace dateline
