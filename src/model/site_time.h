// Shows UTC timestamps in the site's time zone, with its abbreviation.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "util/clock.h"
#include "util/status.h"

namespace date {
class time_zone;
}

namespace dateline {

class SiteTime {
  public:
    // Fails with an invalid error naming the zone when tzdata does not know it.
    static Result<SiteTime> open(std::string_view zone_name);

    const std::string& zone_name() const { return name_; }
    // "March 22, 2023, 17:16:44 IST"
    std::string dateline(Timestamp t) const;
    // "March 22, 2023"
    std::string date(Timestamp t) const;
    // "17:16 IST"
    std::string time_of_day(Timestamp t) const;
    // "2023-03-22T17:16:44+05:30", for <time datetime> and structured data
    std::string iso_local(Timestamp t) const;
    // "2023-03-22T17:16", the value of an <input type="datetime-local">.
    std::string input_local(Timestamp t) const;
    // The same with seconds: "2023-03-22T17:16:44".
    std::string input_local_seconds(Timestamp t) const;
    // The moment an <input type="datetime-local"> value ("YYYY-MM-DDTHH:MM",
    // seconds optional) names in this zone; nullopt when malformed. A time
    // that a daylight-saving change skips or repeats takes the earlier moment.
    std::optional<Timestamp> parse_input_local(std::string_view text) const;
    // The zone's abbreviation now ("IST"), to label the picker.
    std::string abbreviation(Timestamp t) const;
    // The first second of the day "YYYY-MM-DD" in the site's zone; nullopt
    // when the text is not such a date (years 1900 to 9999).
    std::optional<Timestamp> start_of_day(std::string_view yyyy_mm_dd) const;

  private:
    SiteTime(const date::time_zone* zone, std::string name) : zone_(zone), name_(std::move(name)) {}
    const date::time_zone* zone_;
    std::string name_;
};

}  // namespace dateline
