// The one seam through which code reads the time, so that tests can freeze it
// (scheduler, embargoes, "updated" labels).
#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace dateline {

using Timestamp = std::chrono::sys_seconds;

class Clock {
  public:
    virtual ~Clock() = default;
    virtual Timestamp now() const = 0;
};

class SystemClock final : public Clock {
  public:
    Timestamp now() const override {
        return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    }
};

// A clock that only moves when told to; safe to read from any thread.
class ManualClock final : public Clock {
  public:
    explicit ManualClock(Timestamp start) : seconds_(start.time_since_epoch().count()) {}
    Timestamp now() const override { return Timestamp{std::chrono::seconds{seconds_.load()}}; }
    void set(Timestamp t) { seconds_ = t.time_since_epoch().count(); }
    void advance(std::chrono::seconds by) { seconds_ += by.count(); }

  private:
    std::atomic<int64_t> seconds_;
};

// "2026-11-29T08:30:00Z"
std::string format_iso8601(Timestamp t);
// Accepts "YYYY-MM-DDTHH:MM:SS" with "Z" or a "+HH:MM" offset; nullopt otherwise.
std::optional<Timestamp> parse_iso8601(std::string_view text);
// "Sun, 29 Nov 2026 08:30:00 GMT" (RFC 7231 IMF-fixdate)
std::string format_http_date(Timestamp t);
std::optional<Timestamp> parse_http_date(std::string_view text);

}  // namespace dateline
