// Related stories: which published stories to offer beside a story, from the
// tags they share (rarer tags count more) and the significant words their
// headlines share. docs/readership.md
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/clock.h"

namespace dateline {

// One of the story's tags with how many published stories carry it, counted
// up to a cap (frequent tags are cut off at the cap: they say little anyway).
struct TagFrequency {
    int64_t tag_id = 0;
    int64_t stories = 0;
};

// A published story that shares at least one tag with the story.
struct RelatedCandidate {
    int64_t story_id = 0;
    Timestamp published_at{};
    std::string headline;
    std::vector<int64_t> shared_tag_ids;
};

// What the store gathers for one story, with bounded queries.
struct RelatedInputs {
    std::string headline;
    std::vector<TagFrequency> tags;
    int64_t frequency_cap = 0;  // the cap the frequencies were counted to
    std::vector<RelatedCandidate> candidates;
};

// The lower-cased words of a headline that say what it is about: letters and
// digits, at least three characters, not a common English word.
std::vector<std::string> significant_words(std::string_view headline);

// Weight of a shared tag: ln(1 + cap / stories), so a tag on few stories
// counts much more than one on thousands.
double tag_weight(int64_t stories, int64_t cap);

// Weight of one shared significant headline word.
inline constexpr double kSharedWordWeight = 0.75;

// Up to `limit` candidate ids, best first: score = sum of tag_weight over the
// shared tags + kSharedWordWeight per shared significant headline word; ties
// go to the newer story. Ids in `exclude` are left out.
std::vector<int64_t> rank_related(const RelatedInputs& inputs, const std::vector<int64_t>& exclude,
                                  size_t limit);

}  // namespace dateline
