#include "model/related.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

namespace dateline {

namespace {
// Words (of three or more letters) too common in headlines to say two stories are about one thing.
const std::unordered_set<std::string_view> kCommonWords = {
    "the",   "and",  "for",  "with",  "from", "into",  "after", "over",  "under", "about",
    "its",   "his",  "her",  "their", "our",  "your",  "are",   "was",   "were",  "has",
    "have",  "had",  "will", "would", "can",  "could", "not",   "but",   "all",   "new",
    "more",  "than", "that", "this",  "what", "who",   "why",   "how",   "when",  "where",
    "says",  "said", "say",  "out",   "off",  "one",   "two",   "first", "last",  "year",
    "years", "day",  "week", "amid",  "via",  "get",   "gets",  "set",   "sets",  "back",
};

// Calls f(word) for each lower-cased word of letters and digits; the view
// lasts until the next call. Bytes of UTF-8 sequences stay inside words, so
// non-English words are kept whole. ASCII tests rather than <cctype>'s, which
// ask the locale for every byte.
template <class F>
void for_each_word(std::string_view headline, F&& f) {
    std::string word;
    for (char c : headline) {
        auto u = static_cast<unsigned char>(c);
        bool upper = u >= 'A' && u <= 'Z';
        if (upper || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u >= 0x80) {
            word.push_back(static_cast<char>(upper ? u + ('a' - 'A') : u));
        } else if (!word.empty()) {
            f(std::string_view(word));
            word.clear();
        }
    }
    if (!word.empty()) f(std::string_view(word));
}

}  // namespace

std::vector<std::string> significant_words(std::string_view headline) {
    std::vector<std::string> out;
    for_each_word(headline, [&](std::string_view word) {
        if (word.size() >= 3 && !kCommonWords.count(word) &&
            std::find(out.begin(), out.end(), word) == out.end())
            out.emplace_back(word);
    });
    return out;
}

double tag_weight(int64_t stories, int64_t cap) {
    if (stories <= 0 || cap <= 0) return 0;
    return std::log1p(static_cast<double>(cap) / static_cast<double>(stories));
}

std::vector<int64_t> rank_related(const RelatedInputs& inputs, const std::vector<int64_t>& exclude,
                                  size_t limit) {
    std::unordered_map<int64_t, double> weight_of_tag;
    for (const auto& t : inputs.tags)
        weight_of_tag[t.tag_id] = tag_weight(t.stories, inputs.frequency_cap);
    auto own_words = significant_words(inputs.headline);

    struct Scored {
        const RelatedCandidate* candidate;
        double score;
    };
    std::vector<Scored> scored;
    std::unordered_set<int64_t> seen(exclude.begin(), exclude.end());
    for (const auto& c : inputs.candidates) {
        if (!seen.insert(c.story_id).second) continue;
        double score = 0;
        for (int64_t tag : c.shared_tag_ids)
            if (auto it = weight_of_tag.find(tag); it != weight_of_tag.end()) score += it->second;
        // The story's own words are significant already, so a candidate's
        // word counts when it is one of them, once per word.
        std::vector<bool> shared(own_words.size());
        for_each_word(c.headline, [&](std::string_view w) {
            for (size_t i = 0; i < own_words.size(); ++i)
                if (!shared[i] && own_words[i] == w) {
                    shared[i] = true;
                    score += kSharedWordWeight;
                }
        });
        scored.push_back({&c, score});
    }
    std::sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
        if (a.score != b.score) return a.score > b.score;
        if (a.candidate->published_at != b.candidate->published_at)
            return a.candidate->published_at > b.candidate->published_at;
        return a.candidate->story_id > b.candidate->story_id;
    });
    std::vector<int64_t> out;
    for (size_t i = 0; i < scored.size() && i < limit; ++i)
        out.push_back(scored[i].candidate->story_id);
    return out;
}

}  // namespace dateline
