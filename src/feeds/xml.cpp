#include "feeds/xml.h"

#include <date/date.h>

namespace dateline::xml {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool allowed(char32_t c) {
    if (c < 0x20) return c == 0x09 || c == 0x0A || c == 0x0D;
    if (c >= 0xD800 && c <= 0xDFFF) return false;
    return c != 0xFFFE && c != 0xFFFF && c <= 0x10FFFF;
}

// Appends the text with malformed and disallowed characters fixed, calling
// escape(c) for each ASCII character it keeps.
template <class Escape>
void clean_into(std::string& out, std::string_view in, Escape escape) {
    size_t i = 0;
    while (i < in.size()) {
        auto b = static_cast<unsigned char>(in[i]);
        if (b < 0x80) {
            if (allowed(b)) escape(out, in[i]);
            ++i;
            continue;
        }
        int length = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0;
        char32_t c = length == 4 ? b & 0x07 : length == 3 ? b & 0x0F : b & 0x1F;
        bool ok = length > 0 && i + length <= in.size();
        for (int k = 1; ok && k < length; ++k) {
            auto next = static_cast<unsigned char>(in[i + k]);
            ok = (next & 0xC0) == 0x80;
            c = (c << 6) | (next & 0x3F);
        }
        // Overlong forms and code points past U+10FFFF are malformed too.
        if (ok && ((length == 3 && c < 0x800) || (length == 4 && (c < 0x10000 || c > 0x10FFFF))))
            ok = false;
        if (!ok) {
            out += kReplacement;
            ++i;
            continue;
        }
        if (allowed(c)) out.append(in.substr(i, length));
        i += length;
    }
}

}  // namespace

std::string clean(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    clean_into(out, text, [](std::string& o, char c) { o += c; });
    return out;
}

namespace {
// Text escapes the three markup characters; an attribute value also its
// quote and the whitespace that attribute normalisation would turn into spaces.
std::string escape(std::string_view text, bool attribute) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    clean_into(out, text, [attribute](std::string& o, char c) {
        switch (c) {
            case '&':
                o += "&amp;";
                return;
            case '<':
                o += "&lt;";
                return;
            case '>':
                o += "&gt;";
                return;
        }
        if (attribute) {
            switch (c) {
                case '"':
                    o += "&quot;";
                    return;
                case '\t':
                    o += "&#9;";
                    return;
                case '\n':
                    o += "&#10;";
                    return;
                case '\r':
                    o += "&#13;";
                    return;
            }
        }
        o += c;
    });
    return out;
}
}  // namespace

std::string escape_text(std::string_view text) {
    return escape(text, false);
}

std::string escape_attribute(std::string_view text) {
    return escape(text, true);
}

Writer::Writer() {
    out_ = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
}

void Writer::indent() {
    out_.append(open_.size() * 2, ' ');
}

void Writer::start_tag(std::string_view name, const Attributes& attributes) {
    indent();
    out_ += '<';
    out_ += name;
    for (const auto& [key, value] : attributes) {
        out_ += ' ';
        out_ += key;
        out_ += "=\"";
        out_ += escape_attribute(value);
        out_ += '"';
    }
}

Writer& Writer::open(std::string_view name, const Attributes& attributes) {
    start_tag(name, attributes);
    out_ += ">\n";
    open_.emplace_back(name);
    return *this;
}

Writer& Writer::close() {
    if (open_.empty()) return *this;
    std::string name = std::move(open_.back());
    open_.pop_back();
    indent();
    out_ += "</" + name + ">\n";
    return *this;
}

Writer& Writer::element(std::string_view name, std::string_view text,
                        const Attributes& attributes) {
    start_tag(name, attributes);
    out_ += '>';
    out_ += escape_text(text);
    out_ += "</";
    out_ += name;
    out_ += ">\n";
    return *this;
}

Writer& Writer::empty(std::string_view name, const Attributes& attributes) {
    start_tag(name, attributes);
    out_ += "/>\n";
    return *this;
}

std::string Writer::finish() {
    while (!open_.empty())
        close();
    return std::move(out_);
}

std::string rfc822(Timestamp t) {
    return date::format("%a, %d %b %Y %T +0000", t);
}

std::string rfc3339(Timestamp t) {
    return date::format("%FT%TZ", t);
}

}  // namespace dateline::xml
