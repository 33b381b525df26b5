#include "model/site_time.h"

#include <date/tz.h>

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

}  // namespace dateline
