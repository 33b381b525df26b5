#include "util/clock.h"

#include <date/date.h>

#include <sstream>

namespace dateline {

std::string format_iso8601(Timestamp t) {
    return date::format("%FT%TZ", t);
}

std::optional<Timestamp> parse_iso8601(std::string_view text) {
    std::string s(text);
    for (const char* fmt : {"%FT%TZ", "%FT%T%Ez", "%FT%T%z"}) {
        std::istringstream in(s);
        date::sys_seconds t;
        in >> date::parse(fmt, t);
        if (!in.fail() && in.peek() == std::char_traits<char>::eof()) return t;
    }
    return std::nullopt;
}

std::string format_http_date(Timestamp t) {
    return date::format("%a, %d %b %Y %T GMT", t);
}

std::optional<Timestamp> parse_http_date(std::string_view text) {
    std::istringstream in{std::string(text)};
    date::sys_seconds t;
    in >> date::parse("%a, %d %b %Y %T GMT", t);
    if (in.fail()) return std::nullopt;
    return t;
}

}  // namespace dateline
