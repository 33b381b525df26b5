#include "model/site_time.h"

#include <date/tz.h>

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
// "%B %d" pads the day with a zero; newspapers write "March 5".
std::string month_day_year(const date::zoned_seconds& z) {
    auto local = z.get_local_time();
    auto day = date::floor<date::days>(local);
    date::year_month_day ymd{day};
    std::string out = date::format("%B ", local);
    out += std::to_string(static_cast<unsigned>(ymd.day()));
    out += ", ";
    out += std::to_string(static_cast<int>(ymd.year()));
    return out;
}
}  // namespace

std::string SiteTime::dateline(Timestamp t) const {
    date::zoned_seconds z{zone_, t};
    return month_day_year(z) + ", " + date::format("%T %Z", z);
}

std::string SiteTime::date(Timestamp t) const {
    return month_day_year({zone_, t});
}

std::string SiteTime::time_of_day(Timestamp t) const {
    return date::format("%H:%M %Z", date::zoned_seconds{zone_, t});
}

std::string SiteTime::iso_local(Timestamp t) const {
    return date::format("%FT%T%Ez", date::zoned_seconds{zone_, t});
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
