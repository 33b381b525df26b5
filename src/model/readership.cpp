#include "model/readership.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace dateline {

int64_t hour_of(Timestamp t) {
    int64_t seconds = t.time_since_epoch().count();
    // Floor division, so that times before 1970 fall in the hour they are in.
    return seconds >= 0 ? seconds / 3600 : -((-seconds + 3599) / 3600);
}

std::vector<HourWeight> decay_weights(int64_t now_hour, double half_life_hours, int window_hours) {
    std::vector<HourWeight> out;
    if (half_life_hours <= 0 || window_hours <= 0) return out;
    out.reserve(static_cast<size_t>(window_hours));
    for (int age = 0; age < window_hours; ++age)
        out.push_back({now_hour - age, std::exp2(-static_cast<double>(age) / half_life_hours)});
    return out;
}

namespace {
void keep_best(std::vector<Ranked>& ranked, size_t limit) {
    auto better = [](const Ranked& a, const Ranked& b) {
        if (a.score != b.score) return a.score > b.score;
        return a.id < b.id;
    };
    std::sort(ranked.begin(), ranked.end(), better);
    if (ranked.size() > limit) ranked.resize(limit);
}
}  // namespace

std::vector<Tag> rank_trending_tags(const std::vector<Ranked>& stories,
                                    const std::vector<StoryTag>& tags, size_t limit) {
    std::unordered_map<int64_t, double> story_score;
    for (const auto& s : stories)
        story_score[s.id] = s.score;
    std::unordered_map<int64_t, double> tag_score;
    std::unordered_map<int64_t, const Tag*> tag_of;
    for (const auto& link : tags) {
        auto it = story_score.find(link.story_id);
        if (it == story_score.end()) continue;
        tag_score[link.tag.id] += it->second;
        tag_of[link.tag.id] = &link.tag;
    }
    std::vector<Ranked> ranked;
    for (const auto& [id, s] : tag_score)
        ranked.push_back({id, s});
    keep_best(ranked, limit);
    std::vector<Tag> out;
    for (const auto& r : ranked)
        out.push_back(*tag_of[r.id]);
    return out;
}

}  // namespace dateline
