// Readership: hourly view counts of stories, and the rankings made from them
// with time decay (Most Read, Trending topics). docs/readership.md
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/taxonomy.h"
#include "util/clock.h"

namespace dateline {

// Views of one story within one hour: hour is the Unix time divided by 3600.
struct StoryViews {
    int64_t story_id = 0;
    int64_t hour = 0;
    int64_t views = 0;
    bool operator==(const StoryViews&) const = default;
};

// The hour number (Unix seconds / 3600) a moment falls in.
int64_t hour_of(Timestamp t);

// How much one view in each hour of the window counts now: a view `age`
// hours old weighs 0.5^(age / half_life_hours). The window is the hours
// now_hour - window_hours + 1 .. now_hour, newest first.
struct HourWeight {
    int64_t hour = 0;
    double weight = 0;
};
std::vector<HourWeight> decay_weights(int64_t now_hour, double half_life_hours, int window_hours);

// A story or a tag with its decayed score: the sum over the window of its
// views times their hour's weight.
struct Ranked {
    int64_t id = 0;
    double score = 0;
};

// A tag carried by a story.
struct StoryTag {
    int64_t story_id = 0;
    Tag tag;
};

// Trending topics: each tag scores the sum of the decayed scores of its
// ranked stories; the best `limit` tags, highest first (ties: lower id).
std::vector<Tag> rank_trending_tags(const std::vector<Ranked>& stories,
                                    const std::vector<StoryTag>& tags, size_t limit);

}  // namespace dateline
