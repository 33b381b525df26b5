// The fast parser of html_parse.h. It runs the HTML5 tokenizer and tree
// builder for the one case where building is just nesting: every element
// it meets is closed by its own end tag, in order, and none of the
// algorithm's repairs (closing an open <p> before a block, an <li> before
// the next, the adoption agency for misnested formatting, foster parenting
// in tables) would change anything. The moment one could, it declines, and
// gumbo parses the input instead. Declining is always safe; accepting is
// only right where the result is the tree gumbo builds.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/html_parse.h"
#include "util/strings.h"
#include "util/utf8.h"

namespace dateline {

namespace {

using Kind = ParsedHtml::Node::Kind;

// Beyond these the parser declines, so that its checks of the open
// elements and of an element's attributes stay bounded: markup this deep
// or this crowded is no plain markup (and the sanitizer flattens elements
// nested deeper than 96).
constexpr size_t kMaxOpenElements = 128;
constexpr uint32_t kMaxAttributes = 32;

enum ElementFlags : unsigned {
    kVoid = 1u << 0,     // no end tag, no children
    kClosesP = 1u << 1,  // its start tag would close an open <p>
    kHeading = 1u << 3,
    kListItem = 1u << 4,    // li
    kDefinition = 1u << 5,  // dd, dt
    kList = 1u << 6,        // ul, ol: where an <li>'s search for an open <li> stops
    kDefinitionList = 1u << 7,
    kPre = 1u << 8,  // a newline just after its start tag is dropped
};

struct ElementInfo {
    std::string_view name;
    unsigned flags;
};

// The elements the fast parser knows; any other start tag makes it decline.
// Each is, in the HTML5 algorithm, either an ordinary element ("any other
// start tag"), a formatting element, or one of the blocks whose start tag
// closes an open <p>, with the extra steps flagged. Formatting elements (a,
// b, code, em, i, s, small, strike, strong, u) need no flag: closed in
// order, the list of active formatting elements never has to be rebuilt,
// and only an <a> inside an open <a> would be repaired (can_open).
constexpr ElementInfo kElements[] = {
    {"a", 0},
    {"abbr", 0},
    {"article", kClosesP},
    {"aside", kClosesP},
    {"b", 0},
    {"bdi", 0},
    {"bdo", 0},
    {"blockquote", kClosesP},
    {"br", kVoid},
    {"cite", 0},
    {"code", 0},
    {"dd", kClosesP | kDefinition},
    {"del", 0},
    {"details", kClosesP},
    {"dfn", 0},
    {"div", kClosesP},
    {"dl", kClosesP | kDefinitionList},
    {"dt", kClosesP | kDefinition},
    {"em", 0},
    {"figcaption", kClosesP},
    {"figure", kClosesP},
    {"footer", kClosesP},
    {"h1", kClosesP | kHeading},
    {"h2", kClosesP | kHeading},
    {"h3", kClosesP | kHeading},
    {"h4", kClosesP | kHeading},
    {"h5", kClosesP | kHeading},
    {"h6", kClosesP | kHeading},
    {"header", kClosesP},
    {"hr", kClosesP | kVoid},
    {"i", 0},
    {"img", kVoid},
    {"ins", 0},
    {"kbd", 0},
    {"li", kClosesP | kListItem},
    {"main", kClosesP},
    {"mark", 0},
    {"nav", kClosesP},
    {"ol", kClosesP | kList},
    {"p", kClosesP},
    {"pre", kClosesP | kPre},
    {"q", 0},
    {"s", 0},
    {"samp", 0},
    {"section", kClosesP},
    {"small", 0},
    {"span", 0},
    {"strike", 0},
    {"strong", 0},
    {"sub", 0},
    {"summary", kClosesP},
    {"sup", 0},
    {"time", 0},
    {"u", 0},
    {"ul", kClosesP | kList},
    {"var", 0},
    {"wbr", kVoid},
};

const ElementInfo* element_info(std::string_view name) {
    for (const auto& e : kElements)
        if (e.name == name) return &e;
    return nullptr;
}

// Named references decoded here; any other name followed by ';' declines.
struct NamedReference {
    std::string_view name;
    std::string_view utf8;
};
constexpr NamedReference kNamedReferences[] = {
    {"amp", "&"},         {"lt", "<"},         {"gt", ">"},         {"quot", "\""},
    {"apos", "'"},        {"nbsp", "\u00a0"},  {"mdash", "\u2014"}, {"ndash", "\u2013"},
    {"hellip", "\u2026"}, {"lsquo", "\u2018"}, {"rsquo", "\u2019"}, {"ldquo", "\u201c"},
    {"rdquo", "\u201d"},  {"sbquo", "\u201a"}, {"bdquo", "\u201e"}, {"laquo", "\u00ab"},
    {"raquo", "\u00bb"},  {"copy", "\u00a9"},  {"reg", "\u00ae"},   {"trade", "\u2122"},
    {"euro", "\u20ac"},   {"pound", "\u00a3"}, {"deg", "\u00b0"},   {"times", "\u00d7"},
    {"middot", "\u00b7"}, {"bull", "\u2022"},  {"shy", "\u00ad"},   {"thinsp", "\u2009"},
    {"ensp", "\u2002"},   {"emsp", "\u2003"},
};

// The references HTML5 also decodes without their ';' ("&copy 2024"),
// matching the longest name at the start of whatever follows the '&'.
constexpr std::string_view kLegacyReferences[] = {
    "AElig",  "AMP",    "Aacute", "Acirc",  "Agrave", "Aring",  "Atilde", "Auml",   "COPY",
    "Ccedil", "ETH",    "Eacute", "Ecirc",  "Egrave", "Euml",   "GT",     "Iacute", "Icirc",
    "Igrave", "Iuml",   "LT",     "Ntilde", "Oacute", "Ocirc",  "Ograve", "Oslash", "Otilde",
    "Ouml",   "QUOT",   "REG",    "THORN",  "Uacute", "Ucirc",  "Ugrave", "Uuml",   "Yacute",
    "aacute", "acirc",  "acute",  "aelig",  "agrave", "amp",    "aring",  "atilde", "auml",
    "brvbar", "ccedil", "cedil",  "cent",   "copy",   "curren", "deg",    "divide", "eacute",
    "ecirc",  "egrave", "eth",    "euml",   "frac12", "frac14", "frac34", "gt",     "iacute",
    "icirc",  "iexcl",  "igrave", "iquest", "iuml",   "laquo",  "lt",     "macr",   "micro",
    "middot", "nbsp",   "not",    "ntilde", "oacute", "ocirc",  "ograve", "ordf",   "ordm",
    "oslash", "otilde", "ouml",   "para",   "plusmn", "pound",  "quot",   "raquo",  "reg",
    "sect",   "shy",    "sup1",   "sup2",   "sup3",   "szlig",  "thorn",  "times",  "uacute",
    "ucirc",  "ugrave", "uml",    "uuml",   "yacute", "yen",    "yuml"};

bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_alnum(char c) {
    return is_alpha(c) || is_digit(c);
}
bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n';
}
char lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Code points a numeric reference may name without HTML5 replacing them or
// reporting them (controls, surrogates, noncharacters, the Windows-1252
// remapping of 0x80-0x9F).
bool plain_code_point(uint32_t cp) {
    if (cp == '\t' || cp == '\n') return true;
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) return false;
    if (cp >= 0xD800 && cp <= 0xDFFF) return false;
    if (cp >= 0xFDD0 && cp <= 0xFDEF) return false;
    if ((cp & 0xFFFE) == 0xFFFE) return false;
    return cp <= 0x10FFFF;
}

// The length of the well-formed UTF-8 sequence at s[i] (a byte >= 0x80),
// or 0: the HTML5 decoder would replace a malformed one.
size_t utf8_length(std::string_view s, size_t i) {
    Utf8Char c = decode_utf8(s, i);
    // C1 controls and noncharacters: HTML5 keeps them but reports them, and
    // the parsers need not agree on what else they do.
    char32_t cp = c.code_point;
    if (cp < 0xA0 || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) return 0;
    return c.length;
}

class PlainParser {
  public:
    explicit PlainParser(std::string_view html)
        : in_(html), out_(ParsedHtml::fragment()), build_(out_) {}

    std::optional<ParsedHtml> run() {
        if (in_.starts_with("\xEF\xBB\xBF")) return std::nullopt;  // a byte order mark
        while (pos_ < in_.size()) {
            char c = in_[pos_];
            bool ok;
            if (c == '<')
                ok = markup();
            else if (c == '&')
                ok = reference_in_text();
            else
                ok = characters();
            if (!ok) return std::nullopt;
        }
        // Elements still open at the end are closed there, as HTML5 does.
        return std::move(out_);
    }

  private:
    struct Open {
        int32_t node;
        const ElementInfo* info;
    };

    int32_t parent() const { return open_.empty() ? 0 : open_.back().node; }

    // A run of text up to the next '<' or '&'.
    bool characters() {
        size_t begin = pos_;
        while (pos_ < in_.size()) {
            char c = in_[pos_];
            if (c == '<' || c == '&') break;
            auto u = static_cast<unsigned char>(c);
            if ((u < 0x20 && c != '\t' && c != '\n') || u == 0x7F) return false;  // NUL, CR, ...
            if (u >= 0x80) {
                size_t n = utf8_length(in_, pos_);
                if (n == 0) return false;
                pos_ += n;
            } else {
                ++pos_;
            }
        }
        build_.text(parent(), in_.substr(begin, pos_ - begin));
        return true;
    }

    bool reference_in_text() {
        scratch_.clear();
        if (!reference(scratch_)) return false;
        build_.text(parent(), scratch_, /*transient=*/true);
        return true;
    }

    // The character reference at pos_ ('&'), appended to out; false to decline.
    bool reference(std::string& out) {
        size_t i = pos_ + 1;
        if (i < in_.size() && in_[i] == '#') {
            ++i;
            bool hex = i < in_.size() && (in_[i] == 'x' || in_[i] == 'X');
            if (hex) ++i;
            uint32_t cp = 0;
            size_t digits = 0;
            for (; i < in_.size() && digits < 8; ++i, ++digits) {
                char c = in_[i];
                uint32_t d;
                if (is_digit(c))
                    d = static_cast<uint32_t>(c - '0');
                else if (hex && c >= 'a' && c <= 'f')
                    d = static_cast<uint32_t>(c - 'a' + 10);
                else if (hex && c >= 'A' && c <= 'F')
                    d = static_cast<uint32_t>(c - 'A' + 10);
                else
                    break;
                cp = cp * (hex ? 16 : 10) + d;
            }
            if (digits == 0 || i >= in_.size() || in_[i] != ';' || !plain_code_point(cp))
                return false;
            append_utf8(out, cp);
            pos_ = i + 1;
            return true;
        }
        size_t name_end = i;
        while (name_end < in_.size() && is_alnum(in_[name_end]))
            ++name_end;
        std::string_view name = in_.substr(i, name_end - i);
        if (name.empty()) {  // "& ", "&&", "&<": just an ampersand
            out += '&';
            pos_ = i;
            return true;
        }
        if (name_end < in_.size() && in_[name_end] == ';') {
            for (const auto& r : kNamedReferences) {
                if (r.name != name) continue;
                out += r.utf8;
                pos_ = name_end + 1;
                return true;
            }
            return false;  // one of HTML5's other 2,000 names, or none
        }
        for (auto legacy : kLegacyReferences)
            if (name.starts_with(legacy)) return false;
        out += '&';  // "&b=2" in a link: no reference
        pos_ = i;
        return true;
    }

    bool markup() {
        size_t next = pos_ + 1;
        if (next < in_.size() && is_alpha(in_[next])) return start_tag();
        if (next < in_.size() && in_[next] == '/') return end_tag();
        if (in_.substr(pos_, 4) == "<!--") return comment();
        if (next < in_.size() && (in_[next] == '!' || in_[next] == '?')) return false;
        // "a < b": a '<' that starts no tag is text.
        build_.text(parent(), in_.substr(pos_, 1));
        ++pos_;
        return true;
    }

    bool comment() {
        size_t begin = pos_ + 4;
        size_t end = in_.find("-->", begin);
        if (end == std::string_view::npos) return false;
        std::string_view data = in_.substr(begin, end - begin);
        // The tokenizer's odd cases: "<!-->", "<!--->", "--!>", "--->".
        if (data.starts_with(">") || data.starts_with("->") || data.ends_with("-") ||
            data.find("--") != std::string_view::npos)
            return false;
        pos_ = end + 3;
        return true;
    }

    // A tag name at pos_, lower-cased into name_; false unless a known one
    // ends at a space, '/' or '>'.
    const ElementInfo* tag_name() {
        name_.clear();
        while (pos_ < in_.size() && is_alnum(in_[pos_]) && name_.size() < 16)
            name_ += lower(in_[pos_++]);
        if (pos_ >= in_.size()) return nullptr;
        char c = in_[pos_];
        if (!is_space(c) && c != '/' && c != '>') return nullptr;
        return element_info(name_);
    }

    bool start_tag() {
        ++pos_;
        const ElementInfo* info = tag_name();
        if (!info) return false;
        if (open_.size() >= kMaxOpenElements || !can_open(*info)) return false;
        int32_t node = build_.element(parent(), Kind::element, info->name);
        bool self_closing = false;
        if (!attributes(node, self_closing)) return false;
        if (self_closing && !(info->flags & kVoid)) return false;  // HTML5 ignores the '/'
        if (!(info->flags & kVoid)) open_.push_back({node, info});
        if ((info->flags & kPre) && pos_ < in_.size() && in_[pos_] == '\n') ++pos_;
        return true;
    }

    // Whether opening this element is plain nesting in HTML5's tree builder.
    bool can_open(const ElementInfo& info) const {
        auto on_stack = [this](unsigned flags) {
            for (const auto& o : open_)
                if (o.info->flags & flags) return true;
            return false;
        };
        auto open_named = [this](std::string_view name) {
            for (const auto& o : open_)
                if (o.info->name == name) return true;
            return false;
        };
        // None of the fast parser's elements bound the button scope, so a <p>
        // anywhere on the stack would be closed.
        if ((info.flags & kClosesP) && open_named("p")) return false;
        if ((info.flags & kHeading) && on_stack(kHeading)) return false;
        // An <a> inside an open <a> goes through the adoption agency.
        if (info.name == "a" && open_named("a")) return false;
        auto closes_earlier = [this](unsigned item, unsigned boundary) {
            for (auto it = open_.rbegin(); it != open_.rend(); ++it) {
                if (it->info->flags & item) return true;
                if (it->info->flags & boundary) return false;
            }
            return false;
        };
        if ((info.flags & kListItem) && closes_earlier(kListItem, kList)) return false;
        if ((info.flags & kDefinition) && closes_earlier(kDefinition, kDefinitionList))
            return false;
        return true;
    }

    // The attributes after a start tag's name, up to and past its '>'.
    bool attributes(int32_t node, bool& self_closing) {
        while (true) {
            while (pos_ < in_.size() && is_space(in_[pos_]))
                ++pos_;
            if (pos_ >= in_.size()) return false;
            char c = in_[pos_];
            if (c == '>') {
                ++pos_;
                return true;
            }
            if (c == '/') {
                if (pos_ + 1 >= in_.size() || in_[pos_ + 1] != '>') return false;
                self_closing = true;
                pos_ += 2;
                return true;
            }
            size_t name_begin = pos_;
            bool upper = false;
            while (pos_ < in_.size()) {
                char n = in_[pos_];
                if (!(is_alnum(n) || n == '-' || n == '_' || n == ':' || n == '.')) break;
                upper = upper || (n >= 'A' && n <= 'Z');
                ++pos_;
            }
            std::string_view name = in_.substr(name_begin, pos_ - name_begin);
            if (upper) name = out_.keep(to_lower(name));
            if (name.empty() || pos_ >= in_.size()) return false;
            if (!is_space(in_[pos_]) && in_[pos_] != '=' && in_[pos_] != '>' && in_[pos_] != '/')
                return false;
            while (pos_ < in_.size() && is_space(in_[pos_]))
                ++pos_;
            std::string_view value;
            if (pos_ < in_.size() && in_[pos_] == '=') {
                ++pos_;
                while (pos_ < in_.size() && is_space(in_[pos_]))
                    ++pos_;
                if (!attribute_value(value)) return false;
            }
            // A repeated attribute is dropped: the first one counts.
            bool repeated = false;
            const auto& n = out_.nodes[static_cast<size_t>(node)];
            if (n.attribute_count >= kMaxAttributes) return false;
            for (uint32_t a = 0; a < n.attribute_count; ++a)
                if (out_.attributes_of(n)[a].name == name) repeated = true;
            if (!repeated) build_.attribute(name, value);
        }
    }

    bool attribute_value(std::string_view& value) {
        if (pos_ >= in_.size()) return false;
        char quote = in_[pos_];
        bool quoted = quote == '"' || quote == '\'';
        if (quoted) ++pos_;
        size_t begin = pos_;
        bool decoded = false;
        scratch_.clear();
        while (true) {
            if (pos_ >= in_.size()) return false;
            char c = in_[pos_];
            if (quoted ? c == quote : (is_space(c) || c == '>')) break;
            if (!quoted && (c == '"' || c == '\'' || c == '<' || c == '=' || c == '`'))
                return false;
            auto u = static_cast<unsigned char>(c);
            if ((u < 0x20 && c != '\t' && c != '\n') || u == 0x7F) return false;
            if (c == '&') {
                if (!decoded) scratch_.assign(in_.substr(begin, pos_ - begin));
                decoded = true;
                if (!reference(scratch_)) return false;
                continue;
            }
            size_t n = 1;
            if (u >= 0x80 && (n = utf8_length(in_, pos_)) == 0) return false;
            if (decoded) scratch_.append(in_.substr(pos_, n));
            pos_ += n;
        }
        if (!quoted && pos_ == begin) return false;
        value = decoded ? out_.keep(scratch_) : in_.substr(begin, pos_ - begin);
        if (quoted) {
            ++pos_;
            if (pos_ >= in_.size()) return false;
            char after = in_[pos_];
            if (!is_space(after) && after != '>' && after != '/') return false;
        }
        return true;
    }

    // An end tag closes the current element and nothing else.
    bool end_tag() {
        pos_ += 2;
        if (pos_ >= in_.size() || !is_alpha(in_[pos_])) return false;
        const ElementInfo* info = tag_name();
        if (!info || in_[pos_] != '>') return false;
        if (open_.empty() || open_.back().info != info) return false;
        open_.pop_back();
        ++pos_;
        return true;
    }

    std::string_view in_;
    ParsedHtml out_;
    ParsedHtmlBuilder build_;
    std::vector<Open> open_;
    size_t pos_ = 0;
    std::string name_;
    std::string scratch_;
};

}  // namespace

std::optional<ParsedHtml> parse_plain_html(std::string_view html) {
    return PlainParser(html).run();
}

}  // namespace dateline
