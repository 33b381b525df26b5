// How readership is counted and ranked (docs/readership.md); the keys are
// in docs/configuration.md.
#pragma once

#include <chrono>
#include <cstddef>

namespace dateline {

struct ReadershipSettings {
    bool enabled = true;                               // readership.enabled
    std::chrono::milliseconds flush_interval{10'000};  // readership.flush_ms
    std::chrono::milliseconds rank_interval{60'000};   // readership.rank_ms
    double half_life_hours = 6;                        // readership.half_life_hours
    int window_hours = 48;                             // readership.window_hours
    size_t most_read = 5;                              // stories in the Most Read block
    size_t trending = 6;                               // computed Trending topics
    size_t trending_from = 200;                        // most read stories the topics come from
};

}  // namespace dateline
