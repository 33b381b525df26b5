#include "model/site_time.h"

#include <date/tz.h>

#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace dateline {

Result<SiteTime> SiteTime::open(std::string_view zone_name) {
    try {
        const date::time_zone* zone = date::locate_zone(std::string(zone_name));
        return SiteTime(zone, std::string(zone_name));
    } catch (const std::exception&) {
        return Error::invalid("site.timezone", "unknown time zone '" + std::string(zone_name) +
                                                   "' (use an IANA name such as Europe/London)");
    }
}

namespace {

// A moment on the site's wall clock. Pages show several times each, so they
// are formatted by hand: date::format goes through an ostream and a locale
// (3% of a story page's render).
struct WallClock {
    date::year_month_day ymd;
    date::hh_mm_ss<std::chrono::seconds> time;
    std::chrono::seconds offset;
    std::string abbreviation;
};

WallClock wall_clock(const date::time_zone* zone, Timestamp t) {
    auto info = zone->get_info(t);
    auto local = t.time_since_epoch() + info.offset;
    auto day = date::floor<date::days>(local);
    return WallClock{date::year_month_day{date::sys_days{day}},
                     date::hh_mm_ss<std::chrono::seconds>{local - day}, info.offset,
                     std::move(info.abbrev)};
}

constexpr const char* kMonthNames[] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};

// "November 5, 2026": "%B %d" would pad the day with a zero.
std::string month_day_year(const WallClock& w) {
    std::string out = kMonthNames[static_cast<unsigned>(w.ymd.month()) - 1];
    out += ' ';
    out += std::to_string(static_cast<unsigned>(w.ymd.day()));
    out += ", ";
    out += std::to_string(static_cast<int>(w.ymd.year()));
    return out;
}

std::string two_digits(long value) {
    return {static_cast<char>('0' + value / 10), static_cast<char>('0' + value % 10)};
}

std::string hours_minutes(const WallClock& w) {
    return two_digits(w.time.hours().count()) + ":" + two_digits(w.time.minutes().count());
}

std::string hours_minutes_seconds(const WallClock& w) {
    return hours_minutes(w) + ":" + two_digits(w.time.seconds().count());
}

}  // namespace

std::string SiteTime::dateline(Timestamp t) const {
    auto w = wall_clock(zone_, t);
    return month_day_year(w) + ", " + hours_minutes_seconds(w) + " " + w.abbreviation;
}

std::string SiteTime::date(Timestamp t) const {
    return month_day_year(wall_clock(zone_, t));
}

std::string SiteTime::time_of_day(Timestamp t) const {
    auto w = wall_clock(zone_, t);
    return hours_minutes(w) + " " + w.abbreviation;
}

std::string SiteTime::iso_local(Timestamp t) const {
    auto w = wall_clock(zone_, t);
    char day[16];
    std::snprintf(day, sizeof day, "%04d-%02u-%02u", static_cast<int>(w.ymd.year()),
                  static_cast<unsigned>(w.ymd.month()), static_cast<unsigned>(w.ymd.day()));
    auto minutes = std::chrono::duration_cast<std::chrono::minutes>(w.offset).count();
    char sign = minutes < 0 ? '-' : '+';
    minutes = std::abs(minutes);
    return std::string(day) + "T" + hours_minutes_seconds(w) + sign + two_digits(minutes / 60) +
           ":" + two_digits(minutes % 60);
}

std::string SiteTime::input_local(Timestamp t) const {
    return date::format("%FT%H:%M", date::zoned_seconds{zone_, t});
}

std::string SiteTime::input_local_seconds(Timestamp t) const {
    return date::format("%FT%T", date::zoned_seconds{zone_, t});
}

std::optional<Timestamp> SiteTime::parse_input_local(std::string_view text) const {
    if (text.size() == 16) {
        std::string with_seconds(text);
        with_seconds += ":00";
        return parse_input_local(with_seconds);
    }
    if (text.size() != 19 || text[10] != 'T') return std::nullopt;
    std::istringstream in{std::string(text)};
    date::local_seconds local;
    in >> date::parse("%FT%T", local);
    if (in.fail()) return std::nullopt;
    // For a skipped or repeated local time, first is the offset in force
    // before the change.
    auto info = zone_->get_info(local);
    return Timestamp{local.time_since_epoch() - info.first.offset};
}

std::string SiteTime::abbreviation(Timestamp t) const {
    return date::format("%Z", date::zoned_seconds{zone_, t});
}

std::optional<Timestamp> SiteTime::start_of_day(std::string_view text) const {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    auto number = [&](size_t from, size_t length) {
        int n = 0;
        for (size_t i = from; i < from + length; ++i) {
            if (text[i] < '0' || text[i] > '9') return -1;
            n = n * 10 + (text[i] - '0');
        }
        return n;
    };
    int y = number(0, 4), m = number(5, 2), d = number(8, 2);
    if (y < 1900 || m < 1 || d < 1) return std::nullopt;
    date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)},
                             date::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;
    // A day that starts in a daylight-saving gap starts at its first real second.
    auto local = date::local_days{ymd};
    return date::floor<std::chrono::seconds>(zone_->to_sys(local, date::choose::earliest));
}

}  // namespace dateline
