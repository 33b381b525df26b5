#include "util/clock.h"

#include <date/date.h>

#include <cstdio>
#include <sstream>

namespace dateline {

namespace {

// A UTC time split into its calendar fields. Formatted by hand: date::format
// goes through an ostream and a locale, which was 4 % of a story page's
// render for the dozens of times a page prints.
struct UtcFields {
    int year;
    unsigned month, day, weekday;  // weekday: 0 is Sunday
    long hours, minutes, seconds;
};

UtcFields utc_fields(Timestamp t) {
    auto day = std::chrono::floor<date::days>(t);
    date::year_month_day ymd{day};
    date::hh_mm_ss<std::chrono::seconds> time{t - day};
    return {static_cast<int>(ymd.year()),
            static_cast<unsigned>(ymd.month()),
            static_cast<unsigned>(ymd.day()),
            date::weekday{day}.c_encoding(),
            static_cast<long>(time.hours().count()),
            static_cast<long>(time.minutes().count()),
            static_cast<long>(time.seconds().count())};
}

// Four-digit years only; others keep date::format's spelling.
bool four_digit_year(const UtcFields& f) {
    return f.year >= 0 && f.year <= 9999;
}

}  // namespace

std::string format_iso8601(Timestamp t) {
    auto f = utc_fields(t);
    if (!four_digit_year(f)) return date::format("%FT%TZ", t);
    char out[24];
    int n = std::snprintf(out, sizeof out, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ", f.year, f.month,
                          f.day, f.hours, f.minutes, f.seconds);
    return std::string(out, static_cast<size_t>(n));
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
    static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    auto f = utc_fields(t);
    if (!four_digit_year(f)) return date::format("%a, %d %b %Y %T GMT", t);
    char out[32];
    int n =
        std::snprintf(out, sizeof out, "%s, %02u %s %04d %02ld:%02ld:%02ld GMT", kDays[f.weekday],
                      f.day, kMonths[f.month - 1], f.year, f.hours, f.minutes, f.seconds);
    return std::string(out, static_cast<size_t>(n));
}

std::optional<Timestamp> parse_http_date(std::string_view text) {
    std::istringstream in{std::string(text)};
    date::sys_seconds t;
    in >> date::parse("%a, %d %b %Y %T GMT", t);
    if (in.fail()) return std::nullopt;
    return t;
}

}  // namespace dateline
